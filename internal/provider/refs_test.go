package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The same user named twice with different summaries: the summary with the
// most fields is kept, the first of those on a tie, so a bare id never
// replaces a whole summary and DevRev's first word wins a disagreement.
func TestRefIndexKeepsTheFullestSummary(t *testing.T) {
	p := func(s string) *string { return &s }
	id := "don:identity:dvrv-us-1:devo/0:devu/1"
	bare := &devrev.UserSummary{ID: p(id)}
	full := &devrev.UserSummary{ID: p(id), DisplayID: p("DEVU-1"), DisplayName: p("priya"), Email: p("priya@example.com")}
	renamed := &devrev.UserSummary{ID: p(id), DisplayID: p("DEVU-1"), DisplayName: p("priya.r"), Email: p("priya@example.com")}
	kept := func(x refIndex) *devrev.UserSummary { return x[userRefs][id].summary.(summaryOf[devrev.UserSummary]).u }
	for _, order := range [][]*devrev.UserSummary{{bare, full, renamed}, {full, bare, renamed}, {full, renamed, bare}} {
		x := refIndex{}
		for _, u := range order {
			addRef(x, userRefs, userSummary, u, u.ID)
		}
		if len(x[userRefs]) != 1 || kept(x) != full {
			t.Errorf("kept %+v, want the first full summary", kept(x))
		}
	}
	x := refIndex{}
	addRef(x, userRefs, userSummary, bare, bare.ID)
	if got := kept(x); got != bare {
		t.Errorf("a user named only by id: kept %+v", got)
	}
}

// `users` and `parents` hold exactly the objects the selected attributes
// name; each is null when the selection names none of its kind, and a user
// without an id is an error that names the item and the attribute.
func TestListRefsFollowTheSelection(t *testing.T) {
	p := func(s string) *string { return &s }
	creator := devrev.UserSummary{ID: p("u-creator"), DisplayName: p("creator")}
	member := devrev.UserSummary{ID: p("u-member"), Email: p("member@example.com")}
	acme := devrev.ObjectSummary{ID: p("acc-1"), DisplayName: p("Acme")}
	items := []devrev.Engagement{{ID: p("e1"), CreatedBy: &creator, Members: []devrev.UserSummary{member, creator}, Parent: &acme}}
	keys := func(v tftypes.Value) []string {
		if v.IsNull() {
			return nil
		}
		var m map[string]tftypes.Value
		if err := v.As(&m); err != nil {
			t.Fatal(err)
		}
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		return ks
	}
	sel := func(names ...string) selection {
		s := make(selection, len(engagementObject.fields))
		for i, f := range engagementObject.fields {
			for _, n := range names {
				s[i] = s[i] || f.name == n
			}
		}
		return s
	}
	id := func(e *devrev.Engagement) *string { return e.ID }
	for _, c := range []struct {
		sel            selection
		users, parents int // -1: null
	}{{nil, 2, 1}, {sel("id", "members"), 2, -1}, {sel("id", "created_by", "parent"), 1, 1}, {sel("id", "title"), -1, -1}} {
		vals, err := engagementObject.refValues(items, c.sel, id, "engagements")
		if err != nil {
			t.Fatal(err)
		}
		for kind, want := range map[string]int{"users": c.users, "parents": c.parents} {
			v := vals[kind]
			if got := keys(v); want < 0 && !v.IsNull() || want >= 0 && len(got) != want {
				t.Errorf("selection %v: %s %v (null %v), want %d", c.sel, kind, got, v.IsNull(), want)
			}
		}
	}
	items[0].Members = append(items[0].Members, devrev.UserSummary{DisplayName: p("ghost")})
	_, err := engagementObject.refValues(items, nil, id, "engagements")
	if err == nil || err.Error() != "DevRev's answer is not what its API describes: engagements[0] (\"e1\"): `members` names an object without an id. "+
		"Nothing was read into state: an answer that is not what DevRev's API describes is an error, never an object silently left out." {
		t.Errorf("error %v", err)
	}
	if _, err := engagementObject.refValues(items, sel("id", "created_by"), id, "engagements"); err != nil {
		t.Errorf("members left out, yet: %v", err)
	}
}
