package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The same user named twice with different summaries: the summary with the
// most fields is kept, the first of those on a tie, so a bare id never
// replaces a whole summary and DevRev's first word wins a disagreement.
func TestUserIndexKeepsTheFullestSummary(t *testing.T) {
	p := func(s string) *string { return &s }
	id := "don:identity:dvrv-us-1:devo/0:devu/1"
	bare := &devrev.UserSummary{ID: p(id)}
	full := &devrev.UserSummary{ID: p(id), DisplayID: p("DEVU-1"), DisplayName: p("priya"), Email: p("priya@example.com")}
	renamed := &devrev.UserSummary{ID: p(id), DisplayID: p("DEVU-1"), DisplayName: p("priya.r"), Email: p("priya@example.com")}
	for _, order := range [][]*devrev.UserSummary{{bare, full, renamed}, {full, bare, renamed}, {full, renamed, bare}} {
		x := userIndex{}
		for _, u := range order {
			x.add(u)
		}
		if len(x) != 1 || x[id] != full {
			t.Errorf("kept %+v, want the first full summary", x[id])
		}
	}
	x := userIndex{}
	x.add(bare)
	if got := x[id]; got != bare {
		t.Errorf("a user named only by id: kept %+v", got)
	}
}

// `users` holds exactly the users the selected attributes name; it is null
// when the selection names none, and a user without an id is an error that
// names the item and the attribute.
func TestListUsersFollowTheSelection(t *testing.T) {
	p := func(s string) *string { return &s }
	creator := devrev.UserSummary{ID: p("u-creator"), DisplayName: p("creator")}
	member := devrev.UserSummary{ID: p("u-member"), Email: p("member@example.com")}
	items := []devrev.Engagement{{ID: p("e1"), CreatedBy: &creator, Members: []devrev.UserSummary{member, creator}}}
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
	for _, c := range []struct {
		sel  selection
		want int
	}{{nil, 2}, {sel("id", "members"), 2}, {sel("id", "created_by"), 1}, {sel("id", "title"), -1}} {
		v, err := engagementObject.indexUsers(items, c.sel, func(e *devrev.Engagement) *string { return e.ID }, "engagements")
		if err != nil {
			t.Fatal(err)
		}
		if got := keys(v); c.want < 0 && !v.IsNull() || c.want >= 0 && len(got) != c.want {
			t.Errorf("selection %v: users %v (null %v), want %d", c.sel, got, v.IsNull(), c.want)
		}
	}
	items[0].Members = append(items[0].Members, devrev.UserSummary{DisplayName: p("ghost")})
	_, err := engagementObject.indexUsers(items, nil, func(e *devrev.Engagement) *string { return e.ID }, "engagements")
	if err == nil || err.Error() != "DevRev's answer is not what its API describes: engagements[0] (\"e1\"): `members` names a user without an id. "+
		"Nothing was read into state: an answer that is not what DevRev's API describes is an error, never a user silently left out." {
		t.Errorf("error %v", err)
	}
	if _, err := engagementObject.indexUsers(items, sel("id", "created_by"), func(e *devrev.Engagement) *string { return e.ID }, "engagements"); err != nil {
		t.Errorf("members left out, yet: %v", err)
	}
}
