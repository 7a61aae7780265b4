package localapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// The seeds' custom fields are consistent: a ticket with a region, of an
// account with one, has the account's region, a Rev organization its account's; an
// escalation ticket has its subtype's field, and no other work does.
func TestCustomFieldsAreConsistent(t *testing.T) {
	s, _ := start(t, Options{Seed: 5, Counts: map[string]int{"engagements": 10, "works": 160}})
	region := map[string]any{}
	for _, a := range Items[Account](s, "accounts") {
		if a.CustomFields != nil {
			region[a.ID] = a.CustomFields["tnt__region"]
		}
	}
	tickets, escalations := 0, 0
	for _, w := range Items[Work](s, "works") {
		if got, has := w.CustomFields["tnt__region"]; w.Type == "ticket" && has {
			tickets++
			if r, ok := region[idOf(w.Account)]; ok && got != r {
				t.Errorf("%s is of region %v, its account %s of %v", w.DisplayID, w.CustomFields["tnt__region"], idOf(w.Account), r)
			}
		}
		_, has := w.CustomFields["ctype__escalation_level"]
		if has != (w.Subtype == "escalation") {
			t.Errorf("%s of subtype %q has ctype__escalation_level: %v", w.DisplayID, w.Subtype, has)
		}
		if has {
			escalations++
		}
	}
	for _, o := range Items[RevOrg](s, "rev-orgs") {
		if r, ok := region[idOf(o.Account)]; ok && o.CustomFields["tnt__region"] != r {
			t.Errorf("%s is of region %v, its account of %v", o.DisplayID, o.CustomFields["tnt__region"], r)
		}
	}
	if tickets == 0 || escalations == 0 || len(region) == 0 {
		t.Fatalf("%d tickets with custom fields, %d escalations, %d accounts with a region: the test proves nothing", tickets, escalations, len(region))
	}
}

func idOf(o *OrgSummary) string {
	if o == nil {
		return ""
	}
	return o.ID
}

// The custom_fields filter: each named field must have one of its values,
// compared with their JSON types (the string "3" is not the number 3, and
// 3.0 is 3); a list-valued field matches when one of its elements does;
// an empty list does not filter; a shape other than an object of arrays of
// scalars is a parse error that names the field.
func TestCustomFieldsFilter(t *testing.T) {
	s, base := start(t, Options{Seed: 5, Counts: map[string]int{"engagements": 10, "works": 160}})
	all := Items[Work](s, "works")
	field := func(w Work, name string) string {
		js, _ := json.Marshal(w.CustomFields[name])
		return string(js)
	}
	cases := []struct {
		name string
		cf   map[string]any
		want func(w Work) bool
	}{
		{"a string", map[string]any{"tnt__region": []any{"APAC"}}, func(w Work) bool { return field(w, "tnt__region") == `"APAC"` }},
		{"a number, as 3.0", map[string]any{"tnt__impact_score": []any{json.Number("3.0")}}, func(w Work) bool { return field(w, "tnt__impact_score") == `3` }},
		{"a number as a string matches no number", map[string]any{"tnt__impact_score": []any{"3"}}, func(Work) bool { return false }},
		{"a bool", map[string]any{"tnt__escalated": []any{true}}, func(w Work) bool { return field(w, "tnt__escalated") == `true` }},
		{"an element of a list", map[string]any{"tnt__components": []any{"sso"}}, func(w Work) bool { return strings.Contains(field(w, "tnt__components"), `"sso"`) }},
		{"every field named", map[string]any{"tnt__region": []any{"AMER", "EMEA"}, "tnt__escalated": []any{false}}, func(w Work) bool {
			return (field(w, "tnt__region") == `"AMER"` || field(w, "tnt__region") == `"EMEA"`) && field(w, "tnt__escalated") == `false`
		}},
		{"an empty list does not filter", map[string]any{"tnt__region": []any{}}, func(Work) bool { return true }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []string
			for _, w := range all {
				if c.want(w) {
					want = append(want, w.ID)
				}
			}
			if !strings.Contains(c.name, "no number") && !strings.Contains(c.name, "does not filter") && (len(want) == 0 || len(want) == len(all)) {
				t.Fatalf("the case selects %d of %d works: it proves nothing", len(want), len(all))
			}
			got := idsOf(t, readAll(t, base, "/works.list", "works", map[string]any{"custom_fields": c.cf}, false))
			if !slices.Equal(got, want) {
				t.Errorf("got %d works, want %d", len(got), len(want))
			}
		})
	}
	for _, bad := range []struct {
		cf   any
		want string
	}{
		{[]any{"tnt__region"}, "field custom_fields: cannot use an array as an object"},
		{map[string]any{"tnt__region": "APAC"}, "field custom_fields.tnt__region: cannot use a string as an array"},
		{map[string]any{"tnt__region": []any{map[string]any{}}}, "field custom_fields.tnt__region: cannot use an object as a string, number or boolean"},
	} {
		r := post(t, base, "/works.list", map[string]any{"custom_fields": bad.cf})
		if e := decodeErr(t, r, http.StatusBadRequest, "parse_error"); e.Message != bad.want {
			t.Errorf("%v: %q, want %q", bad.cf, e.Message, bad.want)
		}
	}
}
