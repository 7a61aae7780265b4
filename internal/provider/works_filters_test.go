package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// worksOpts is the data the works filter tests read: works over the
// default accounts and dev users.
var worksOpts = localapi.Options{Seed: 5, Counts: map[string]int{"engagements": 10, "works": 160}}

// workFilterCase is one works filter: the argument and its value, where
// the spec says it goes in the request body and what it holds there, and
// which of the served works it must select (decided from the local API's
// data, not the provider's types).
type workFilterCase struct {
	attr string
	set  []string  // a set argument's value, or
	flag *bool     // a flag's, or
	rng  [2]string // a date range's after and before ("" for none), or
	// custom fields' values (custom_field_values), by field: strings
	// and float64s
	custom map[string][]any
	body   []string // the path in the request body, by the spec's names
	keep   func(w *localapi.Work) bool
}

func (c workFilterCase) hcl() string {
	switch {
	case c.set != nil:
		js, _ := json.Marshal(c.set)
		return string(js)
	case c.flag != nil:
		return fmt.Sprint(*c.flag)
	case c.custom != nil:
		var fields []string
		for _, name := range slices.Sorted(maps.Keys(c.custom)) {
			js, _ := json.Marshal(c.custom[name])
			fields = append(fields, name+" = "+string(js))
		}
		return "{ " + strings.Join(fields, ", ") + " }"
	}
	var parts []string
	if c.rng[0] != "" {
		parts = append(parts, fmt.Sprintf("after = %q", c.rng[0]))
	}
	if c.rng[1] != "" {
		parts = append(parts, fmt.Sprintf("before = %q", c.rng[1]))
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func (c workFilterCase) value(typ tftypes.Type) tftypes.Value {
	switch {
	case c.set != nil:
		elems := make([]tftypes.Value, len(c.set))
		for i, s := range c.set {
			elems[i] = tftypes.NewValue(tftypes.String, s)
		}
		return tftypes.NewValue(typ, elems)
	case c.flag != nil:
		return tftypes.NewValue(tftypes.Bool, *c.flag)
	case c.custom != nil:
		// As the CLI sends `{ name = [values] }`: an object of tuples.
		types, values := map[string]tftypes.Type{}, map[string]tftypes.Value{}
		for name, vs := range c.custom {
			var ets []tftypes.Type
			var evs []tftypes.Value
			for _, v := range vs {
				var ev tftypes.Value
				switch v := v.(type) {
				case float64:
					ev = tftypes.NewValue(tftypes.Number, big.NewFloat(v))
				default:
					ev = tftypes.NewValue(tftypes.String, v)
				}
				ets, evs = append(ets, ev.Type()), append(evs, ev)
			}
			types[name] = tftypes.Tuple{ElementTypes: ets}
			values[name] = tftypes.NewValue(types[name], evs)
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, values)
	}
	bound := func(s string) tftypes.Value {
		if s == "" {
			return tftypes.NewValue(tftypes.String, nil)
		}
		return tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(typ, map[string]tftypes.Value{"after": bound(c.rng[0]), "before": bound(c.rng[1])})
}

// wantBody is what the request body holds at c.body.
func (c workFilterCase) wantBody() any {
	switch {
	case c.set != nil:
		out := make([]any, len(c.set))
		for i, s := range slices.Sorted(slices.Values(c.set)) {
			out[i] = s
		}
		return out
	case c.flag != nil:
		return *c.flag
	case c.custom != nil:
		m := map[string]any{}
		for name, vs := range c.custom {
			m[name] = vs
		}
		return m
	}
	m := map[string]any{"type": "range"}
	if c.rng[0] != "" {
		m["after"] = c.rng[0]
	}
	if c.rng[1] != "" {
		m["before"] = c.rng[1]
	}
	return m
}

func userHas(us []*localapi.UserSummary, id string) bool {
	return slices.ContainsFunc(us, func(u *localapi.UserSummary) bool { return u != nil && u.DisplayID == id })
}

func orgIs(o *localapi.OrgSummary, id string) bool { return o != nil && o.DisplayID == id }

// inRange reports whether the date d lies in [after, before] ("" is open).
func inRange(d, after, before string) bool {
	if d == "" {
		return false
	}
	at, _ := time.Parse(time.RFC3339Nano, d)
	a, errA := time.Parse(time.RFC3339, after)
	b, errB := time.Parse(time.RFC3339, before)
	return (errA != nil || !at.Before(a)) && (errB != nil || !at.After(b))
}

// workFilterCases covers every filter of devrev_works, with values taken
// from the served works so that each selects some works and not all.
func workFilterCases(works []localapi.Work) []workFilterCase {
	yes, no := true, false
	owner := works[0].OwnedBy[0].DisplayID
	var reporter, creator string
	for _, w := range works {
		if len(w.ReportedBy) > 0 && reporter == "" {
			reporter = w.ReportedBy[0].DisplayID
		}
	}
	creator = works[3].CreatedBy.DisplayID
	mid := func(i int) string { return works[i].CreatedDate }
	return []workFilterCase{
		{attr: "type", set: []string{"task", "issue"}, body: []string{"type"},
			keep: func(w *localapi.Work) bool { return w.Type == "task" || w.Type == "issue" }},
		{attr: "state", set: []string{"closed"}, body: []string{"state"},
			keep: func(w *localapi.Work) bool { return w.Stage.State.Name == "closed" }},
		{attr: "stage_name", set: []string{"queued", "triage"}, body: []string{"stage", "name"},
			keep: func(w *localapi.Work) bool { return w.Stage.Name == "queued" || w.Stage.Name == "triage" }},
		{attr: "owned_by", set: []string{owner}, body: []string{"owned_by"},
			keep: func(w *localapi.Work) bool { return userHas(w.OwnedBy, owner) }},
		{attr: "reported_by", set: []string{reporter}, body: []string{"reported_by"},
			keep: func(w *localapi.Work) bool { return userHas(w.ReportedBy, reporter) }},
		{attr: "created_by", set: []string{creator}, body: []string{"created_by"},
			keep: func(w *localapi.Work) bool { return userHas([]*localapi.UserSummary{w.CreatedBy}, creator) }},
		{attr: "applies_to_part", set: []string{"PROD-1"}, body: []string{"applies_to_part"},
			keep: func(w *localapi.Work) bool { return w.AppliesToPart != nil && w.AppliesToPart.DisplayID == "PROD-1" }},
		{attr: "tags", set: []string{"TAG-11"}, body: []string{"tags"},
			keep: func(w *localapi.Work) bool {
				return slices.ContainsFunc(w.Tags, func(t localapi.TagWithValue) bool { return t.Tag.DisplayID == "TAG-11" })
			}},
		{attr: "ticket_severity", set: []string{"high", "blocker"}, body: []string{"ticket", "severity"},
			keep: func(w *localapi.Work) bool { return w.Severity == "high" || w.Severity == "blocker" }},
		{attr: "ticket_account", set: []string{"ACC-2"}, body: []string{"ticket", "account"},
			keep: func(w *localapi.Work) bool { return w.Type == "ticket" && orgIs(w.Account, "ACC-2") }},
		{attr: "ticket_rev_org", set: []string{"REV-1"}, body: []string{"ticket", "rev_org"},
			keep: func(w *localapi.Work) bool { return orgIs(w.RevOrg, "REV-1") }},
		{attr: "ticket_group", set: []string{"GRP-2"}, body: []string{"ticket", "group"},
			keep: func(w *localapi.Work) bool { return w.Group != nil && w.Group.DisplayID == "GRP-2" }},
		{attr: "ticket_needs_response", flag: &yes, body: []string{"ticket", "needs_response"},
			keep: func(w *localapi.Work) bool { return w.NeedsResponse != nil && *w.NeedsResponse }},
		{attr: "ticket_is_spam", flag: &no, body: []string{"ticket", "is_spam"},
			keep: func(w *localapi.Work) bool { return w.IsSpam != nil && !*w.IsSpam }},
		{attr: "ticket_subtype", set: []string{"escalation"}, body: []string{"ticket", "subtype"},
			keep: func(w *localapi.Work) bool { return w.Type == "ticket" && w.Subtype == "escalation" }},
		{attr: "issue_subtype", set: []string{"bug"}, body: []string{"issue", "subtype"},
			keep: func(w *localapi.Work) bool { return w.Type == "issue" && w.Subtype == "bug" }},
		{attr: "opportunity_subtype", set: []string{"renewal"}, body: []string{"opportunity", "subtype"},
			keep: func(w *localapi.Work) bool { return w.Type == "opportunity" && w.Subtype == "renewal" }},
		// A string field and a number field, each typed as sent: the
		// number 3 is not the string "3".
		{attr: "custom_field_values", custom: map[string][]any{"tnt__region": {"EMEA"}, "tnt__impact_score": {3.0, 4.5}},
			body: []string{"custom_fields"},
			keep: func(w *localapi.Work) bool {
				score, _ := w.CustomFields["tnt__impact_score"].(json.Number)
				return w.CustomFields["tnt__region"] == "EMEA" && (score == "3" || score == "4.5")
			}},
		{attr: "issue_priority", set: []string{"p0"}, body: []string{"issue", "priority"},
			keep: func(w *localapi.Work) bool { return w.Priority == "p0" }},
		{attr: "issue_accounts", set: []string{"ACC-1"}, body: []string{"issue", "accounts"},
			keep: func(w *localapi.Work) bool { return slices.Contains(w.IssueAccounts, "ACC-1") }},
		{attr: "issue_rev_orgs", set: []string{"REV-3"}, body: []string{"issue", "rev_orgs"},
			keep: func(w *localapi.Work) bool { return slices.Contains(w.IssueRevOrgs, "REV-3") }},
		{attr: "created_date", rng: [2]string{mid(40), mid(90)}, body: []string{"created_date"},
			keep: func(w *localapi.Work) bool { return inRange(w.CreatedDate, mid(40), mid(90)) }},
		{attr: "modified_date", rng: [2]string{"2024-04-01T00:00:00Z", ""}, body: []string{"modified_date"},
			keep: func(w *localapi.Work) bool { return inRange(w.ModifiedDate, "2024-04-01T00:00:00Z", "") }},
		{attr: "target_close_date", rng: [2]string{"", "2024-04-01T00:00:00Z"}, body: []string{"target_close_date"},
			keep: func(w *localapi.Work) bool { return inRange(w.TargetCloseDate, "", "2024-04-01T00:00:00Z") }},
		{attr: "actual_close_date", rng: [2]string{"2024-03-15T00:00:00Z", "2024-05-01T00:00:00Z"}, body: []string{"actual_close_date"},
			keep: func(w *localapi.Work) bool {
				return inRange(w.ActualCloseDate, "2024-03-15T00:00:00Z", "2024-05-01T00:00:00Z")
			}},
	}
}

// expectedIDs are the DON ids of the works c selects, in the default order.
func (c workFilterCase) expectedIDs(works []localapi.Work) []string {
	var out []string
	for i := range works {
		if c.keep(&works[i]) {
			out = append(out, works[i].ID)
		}
	}
	return out
}

// specSchemaOf names the spec's schema of each object in a works request
// body, by its path.
var specSchemaOf = map[string]string{
	"": "works-list-request", "ticket": "works-filter-ticket", "issue": "works-filter-issue", "opportunity": "works-filter-opportunity", "stage": "stage-filter",
	"created_date": "date-filter", "modified_date": "date-filter", "target_close_date": "date-filter", "actual_close_date": "date-filter",
}

// checkSpecNames fails for any key of body (at any depth) that the spec's
// schema of its object lacks.
func checkSpecNames(t *testing.T, body map[string]any, path string) {
	t.Helper()
	schema, ok := specSchemaOf[path]
	if !ok {
		t.Errorf("the request body has an object at %q, which the test does not know", path)
		return
	}
	for k, v := range body {
		if !slices.Contains(localapi.SpecFields(schema), k) {
			t.Errorf("request body field %q (in %s) is not in the spec's %s", k, path, schema)
		}
		// custom_fields' keys are the organization's fields, which no
		// spec names.
		if m, ok := v.(map[string]any); ok && !(path == "" && k == "custom_fields") {
			checkSpecNames(t, m, strings.TrimPrefix(path+"."+k, "."))
		}
	}
}

// at is the value at path in a decoded JSON body.
func at(body map[string]any, path []string) any {
	var v any = body
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func stateIDs(t *testing.T, state map[string]tftypes.Value) []string {
	t.Helper()
	var elems []tftypes.Value
	if err := state["ids"].As(&elems); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		_ = e.As(&out[i])
	}
	return out
}

// Every filter of devrev_works, in-process: it reaches the request body
// under the spec's name and shape, and selects exactly the works it
// should; devrev_works_count counts the same works.
func TestWorksFiltersReachTheSpecAndSelect(t *testing.T) {
	for _, ignoreDates := range []bool{false, true} {
		opts := worksOpts
		if ignoreDates {
			opts.IgnoreDateFilters = []string{"works"}
		}
		api := startAPI(t, opts)
		p := newInProcess(t, api.URL)
		works := localapi.Items[localapi.Work](api.Server, "works")
		typ := p.configType(t, "devrev_works")
		for _, c := range workFilterCases(works) {
			t.Run(fmt.Sprintf("%s/ignoreDates=%v", c.attr, ignoreDates), func(t *testing.T) {
				want := c.expectedIDs(works)
				if len(want) == 0 || len(want) == len(works) {
					t.Fatalf("the case selects %d of %d works: it cannot tell a working filter from a lost one", len(want), len(works))
				}
				api.ResetRequests()
				state, diags := p.read(t, "devrev_works", map[string]tftypes.Value{c.attr: c.value(typ.AttributeTypes[c.attr])})
				if state == nil {
					t.Fatalf("read: %v", diags)
				}
				bodies := specBodies(t, api.requestsTo("/works.list"))
				if len(bodies) == 0 {
					t.Fatal("no works.list request")
				}
				for _, b := range bodies {
					checkSpecNames(t, b, "")
					if got := at(b, c.body); !reflect.DeepEqual(got, c.wantBody()) {
						t.Errorf("request body at %s: %#v, want %#v", strings.Join(c.body, "."), got, c.wantBody())
					}
				}
				if got := stateIDs(t, state); !slices.Equal(got, want) {
					t.Errorf("selected %d works %v, want %d %v", len(got), got, len(want), want)
				}

				api.ResetRequests()
				count, diags := p.read(t, "devrev_works_count", map[string]tftypes.Value{c.attr: c.value(typ.AttributeTypes[c.attr])})
				if count == nil {
					t.Fatalf("count: %v", diags)
				}
				var total big.Float
				_ = count["total"].As(&total)
				if n, _ := total.Int64(); n != int64(len(want)) {
					t.Errorf("devrev_works_count: %d, want %d", n, len(want))
				}
				if len(c.rng[0]+c.rng[1]) == 0 {
					counts := specBodies(t, api.requestsTo("/works.count"))
					if len(counts) != 1 {
						t.Fatalf("%d works.count requests, want 1", len(counts))
					}
					checkSpecNames(t, counts[0], "")
					if got := at(counts[0], c.body); !reflect.DeepEqual(got, c.wantBody()) {
						t.Errorf("count body at %s: %#v, want %#v", strings.Join(c.body, "."), got, c.wantBody())
					}
				}
			})
		}
	}
}

// DevRev's count is capped; devrev_works_count says so with has_more.
func TestWorksCountSaysWhenCapped(t *testing.T) {
	opts := worksOpts
	opts.CountCaps = map[string]int{"works": 25}
	api := startAPI(t, opts)
	p := newInProcess(t, api.URL)
	for _, tt := range []struct {
		types []string
		total int64
		more  bool
	}{
		{nil, 25, true},
		{[]string{"opportunity"}, -1, false}, // fewer than the cap: exact
	} {
		set := map[string]tftypes.Value{}
		want := tt.total
		if tt.types != nil {
			set["type"] = workFilterCase{set: tt.types}.value(tftypes.Set{ElementType: tftypes.String})
			want = 0
			for _, w := range localapi.Items[localapi.Work](api.Server, "works") {
				if slices.Contains(tt.types, w.Type) {
					want++
				}
			}
			if want >= 25 || want == 0 {
				t.Fatalf("the data has %d opportunities; the case needs 1 to 24", want)
			}
		}
		state, diags := p.read(t, "devrev_works_count", set)
		if state == nil {
			t.Fatalf("count: %v", diags)
		}
		var total big.Float
		var more bool
		_ = state["total"].As(&total)
		_ = state["has_more"].As(&more)
		if n, _ := total.Int64(); n != want || more != tt.more {
			t.Errorf("types %v: total %d, has_more %v; want %d, %v", tt.types, n, more, want, tt.more)
		}
	}
}
