package localapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// Parts and tags are one data set with the rest: every part a work applies
// to, and every tag an account, a work or a part carries, is served by
// parts.get and tags.get with the same summary; parts are owned and
// created by dev users; the hierarchy goes product → capability → feature.
func TestPartsAndTagsAreConsistent(t *testing.T) {
	s, base := start(t, Options{Seed: 3, Counts: map[string]int{"engagements": 5, "accounts": 60, "works": 200, "parts": 40, "tags": 12}})
	get1 := func(path, id, key string) map[string]any {
		t.Helper()
		r := post(t, base, path, map[string]string{"id": id})
		if r.status != http.StatusOK {
			t.Fatalf("%s %s: %d %s", path, id, r.status, r.body)
		}
		var m map[string]map[string]any
		_ = json.Unmarshal(r.body, &m)
		return m[key]
	}
	checkTag := func(who string, tv TagWithValue) {
		t.Helper()
		tag := get1("/tags.get", tv.Tag.DisplayID, "tag")
		if tag["id"] != tv.Tag.ID || tag["name"] != tv.Tag.Name {
			t.Errorf("%s: tag %+v is not %v", who, tv.Tag, tag)
		}
		allowed, _ := tag["allowed_values"].([]any)
		if tv.Value != "" && !slices.Contains(allowed, any(tv.Value)) {
			t.Errorf("%s: tag %s has the value %q, which the tag does not allow (%v)", who, tv.Tag.Name, tv.Value, allowed)
		}
	}
	parts, tagged := 0, map[string]int{}
	for _, w := range Items[Work](s, "works") {
		if p := w.AppliesToPart; p != nil {
			parts++
			served := get1("/parts.get", p.DisplayID, "part")
			if served["id"] != p.ID || served["name"] != p.Name || served["type"] != p.Type || len(p.OwnedBy) == 0 {
				t.Errorf("%s applies to %+v, not to part %v", w.DisplayID, p, served)
			}
		}
		for _, tv := range w.Tags {
			checkTag(w.DisplayID, tv)
			tagged["work"]++
		}
	}
	for _, a := range Items[Account](s, "accounts") {
		for _, tv := range a.Tags {
			checkTag(a.DisplayID, tv)
			tagged["account"]++
		}
	}
	users := devUserIDs(Items[DevUser](s, "dev-users"))
	byID := map[string]Part{}
	for _, p := range Items[Part](s, "parts") {
		byID[p.ID] = p
	}
	above := map[string]string{"capability": "product", "feature": "capability"}
	for _, p := range Items[Part](s, "parts") {
		for _, tv := range p.Tags {
			checkTag(p.DisplayID, tv)
			tagged["part"]++
		}
		for _, u := range append(slices.Clone(p.OwnedBy), p.CreatedBy, p.ModifiedBy) {
			if u == nil || !slices.Contains(users, u.ID) {
				t.Errorf("%s refers to %v, who is not a dev user", p.DisplayID, u)
			}
		}
		if len(p.OwnedBy) == 0 {
			t.Errorf("%s has no owner", p.DisplayID)
		}
		if parent, ok := byID[p.Parent]; (p.Parent == "") != (p.Type == "product") || (ok && parent.Type != above[p.Type]) || (p.Parent != "" && !ok) {
			t.Errorf("%s (%s) has the parent %q", p.DisplayID, p.Type, p.Parent)
		}
	}
	if parts == 0 || tagged["work"] == 0 || tagged["account"] == 0 || tagged["part"] == 0 {
		t.Errorf("the data has %d works with a part and tags on %v: the test proves nothing", parts, tagged)
	}
	// The seed's names do not depend on the seed: a demo looks them up.
	if p := Items[Part](s, "parts"); p[0].DisplayID != "PROD-1" || p[0].Name != "Billing" || p[2].DisplayID != "CAPL-3" {
		t.Errorf("first parts: %+v / %+v", p[0], p[2])
	}
}

// The parts filters, parent_part with and without level among them, and
// the tags' name filter; parent_part without parts, a level below 1 and an
// unknown type are DevRev's 400s.
func TestPartAndTagFilters(t *testing.T) {
	s, base := start(t, Options{Seed: 7, Counts: map[string]int{"engagements": 5, "parts": 60}})
	ids := func(path, key string, req map[string]any) []string {
		t.Helper()
		return idsOf(t, readAll(t, base, path, key, req, false))
	}
	all := Items[Part](s, "parts")
	byID := map[string]Part{}
	for _, p := range all {
		byID[p.ID] = p
	}
	below := func(p Part, root string, levels int) bool {
		for d, a := 1, byID[p.Parent]; a.ID != ""; d, a = d+1, byID[a.Parent] {
			if (a.ID == root || a.DisplayID == root) && d <= levels {
				return true
			}
		}
		return false
	}
	want := func(keep func(Part) bool) []string {
		return idsBy(where(all, keep), func(p *Part) string { return p.ID })
	}
	for _, tt := range []struct {
		name string
		req  map[string]any
		keep func(Part) bool
	}{
		{"children", map[string]any{"parent_part": map[string]any{"parts": []string{"prod-2"}, "level": 1}},
			func(p Part) bool { return below(p, "PROD-2", 1) }},
		{"every level", map[string]any{"parent_part": map[string]any{"parts": []string{"PROD-1", all[1].ID}}},
			func(p Part) bool { return below(p, "PROD-1", 99) || below(p, all[1].ID, 99) }},
		{"type and name", map[string]any{"type": []string{"feature"}, "name": []string{"SAML login", "Billing"}},
			func(p Part) bool { return p.Name == "SAML login" }},
		{"owned_by", map[string]any{"owned_by": []string{all[4].OwnedBy[0].DisplayID}},
			func(p Part) bool {
				return slices.ContainsFunc(p.OwnedBy, func(u *UserSummary) bool { return u.ID == all[4].OwnedBy[0].ID })
			}},
		{"tags", map[string]any{"tags": []string{"TAG-13"}},
			func(p Part) bool { return len(p.Tags) > 0 && p.Tags[0].Tag.DisplayID == "TAG-13" }},
	} {
		w := want(tt.keep)
		if len(w) == 0 || len(w) == len(all) {
			t.Fatalf("%s: selects %d of %d parts: proves nothing", tt.name, len(w), len(all))
		}
		if got := ids("/parts.list", "parts", tt.req); !slices.Equal(got, w) {
			t.Errorf("%s: %v, want %v", tt.name, got, w)
		}
	}
	if got := ids("/tags.list", "tags", map[string]any{"name": []string{"bug", "region", "nope"}}); !slices.Equal(got,
		[]string{donPrefix + "tag/3", donPrefix + "tag/11"}) {
		t.Errorf("tags by name: %v", got)
	}
	for _, tt := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"parent_part": map[string]any{"level": 1}}, "parent_part.parts"},
		{map[string]any{"parent_part": map[string]any{"parts": []string{"PROD-1"}, "level": 0}}, "parent_part.level"},
		{map[string]any{"type": []string{"component"}}, "type"},
	} {
		r := post(t, base, "/parts.list", tt.body)
		var e struct {
			FieldName string `json:"field_name"`
		}
		_ = json.Unmarshal(r.body, &e)
		if r.status != http.StatusBadRequest || e.FieldName != tt.field {
			t.Errorf("%v: %d %s, want a 400 naming %s", tt.body, r.status, r.body, tt.field)
		}
	}
}

// Parts and tags as served carry only fields the spec gives `part` and
// `tag`, and every field the provider reads is served somewhere.
func TestPartsAndTagsFollowTheSpec(t *testing.T) {
	_, base := start(t, Options{Seed: 4, Counts: map[string]int{"engagements": 5, "parts": 80, "tags": 40}})
	seen := map[string]bool{}
	for _, list := range []struct{ path, key, schema string }{{"/parts.list", "parts", "part"}, {"/tags.list", "tags", "tag"}} {
		for _, raw := range readAll(t, base, list.path, list.key, nil, false) {
			var m map[string]json.RawMessage
			_ = json.Unmarshal(raw, &m)
			for k := range m {
				seen[list.schema+"."+k] = true
				if !slices.Contains(SpecFields(list.schema), k) {
					t.Errorf("%s has %q, which the spec's %s lacks", raw, k, list.schema)
				}
			}
		}
	}
	for _, f := range []string{"part.description", "part.owned_by", "part.tags", "part.created_by", "part.modified_by",
		"part.modified_date", "tag.description", "tag.allowed_values", "tag.created_by", "tag.modified_date"} {
		if !seen[f] {
			t.Errorf("no object carries %s", f)
		}
	}
}
