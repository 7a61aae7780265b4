package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The same user named several times with summaries that differ: each
// field of `users[id]` holds the first non-null value, whatever the
// selection, so a bare id never removes a field; a field with two
// different values is a warning naming the user and the field, and a
// different `type` is an error.
func TestRefSummariesMergeFieldByField(t *testing.T) {
	p := func(s string) *string { return &s }
	const u = "don:identity:dvrv-us-1:devo/0:devu/1"
	full := devrev.UserSummary{ID: p(u), DisplayID: p("DEVU-1"), DisplayName: p("priya"), Email: p("priya@example.com")}
	bare := devrev.UserSummary{ID: p(u)}
	renamed := devrev.UserSummary{ID: p(u), DisplayName: p("priya.r"), FullName: p("Priya R")}
	items := []devrev.Engagement{
		{ID: p("e1"), CreatedBy: &full, Members: []devrev.UserSummary{bare}},
		{ID: p("e2"), ModifiedBy: &bare, Members: []devrev.UserSummary{renamed}},
	}
	id := func(e *devrev.Engagement) *string { return e.ID }
	want := map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, u), "display_id": tftypes.NewValue(tftypes.String, "DEVU-1"),
		"display_name": tftypes.NewValue(tftypes.String, "priya"), "email": tftypes.NewValue(tftypes.String, "priya@example.com"),
		"full_name": tftypes.NewValue(tftypes.String, "Priya R"),
		"type":      tftypes.NewValue(tftypes.String, nil), "state": tftypes.NewValue(tftypes.String, nil),
	}
	for _, sel := range []selection{nil, selectFields("id", "created_by_id"), selectFields("id", "member_ids"), selectFields("id", "modified_by_id")} {
		vals, warnings, err := engagementObject.refValues(items, sel, id, "engagements")
		if err != nil {
			t.Fatal(err)
		}
		var users map[string]tftypes.Value
		if err := vals["users"].As(&users); err != nil || len(users) != 1 {
			t.Fatalf("selection %v: users %v (%v)", sel, vals["users"], err)
		}
		if got := users[u]; !got.Equal(tftypes.NewValue(userSummary.typ, want)) {
			t.Errorf("selection %v: users[%q] = %v", sel, u, got)
		}
		if len(warnings) != 1 || !strings.HasSuffix(warnings[0], fmt.Sprintf("\n%q: `display_name`", u)) ||
			!strings.Contains(warnings[0], "first non-null value") {
			t.Errorf("selection %v: warnings %q", sel, warnings)
		}
	}
	// Only more or fewer fields: no disagreement.
	items[1].Members = []devrev.UserSummary{bare, full}
	if _, warnings, err := engagementObject.refValues(items, nil, id, "engagements"); err != nil || warnings != nil {
		t.Errorf("bare and full summaries: %q, %v", warnings, err)
	}
	// A dev user and a rev user under one id.
	items[1].Members = []devrev.UserSummary{{ID: p(u), Type: p("rev_user")}}
	items[0].CreatedBy = &devrev.UserSummary{ID: p(u), Type: p("dev_user")}
	_, _, err := engagementObject.refValues(items, selectFields("id"), id, "engagements")
	if err == nil || !strings.Contains(err.Error(), "`users` has two objects of different types under the id \""+u+"\"") {
		t.Errorf("two types under one id: %v", err)
	}
}

// A warning names at most maxDisagreements objects, in id order, and says
// how many more there are.
func TestRefDisagreementsWarningIsBounded(t *testing.T) {
	p := func(s string) *string { return &s }
	var items []devrev.Engagement
	for i := range maxDisagreements + 2 {
		id := fmt.Sprintf("u%02d", i)
		items = append(items, devrev.Engagement{ID: p(fmt.Sprintf("e%d", i)),
			CreatedBy:  &devrev.UserSummary{ID: p(id), Email: p(id + "@example.com")},
			ModifiedBy: &devrev.UserSummary{ID: p(id), Email: p(id + "@example.org")}})
	}
	_, warnings, err := engagementObject.refValues(items, nil, func(e *devrev.Engagement) *string { return e.ID }, "engagements")
	if err != nil || len(warnings) != 1 {
		t.Fatalf("%q, %v", warnings, err)
	}
	w := warnings[0]
	if !strings.Contains(w, fmt.Sprintf("summarizes %d of the users", maxDisagreements+2)) ||
		!strings.Contains(w, "\"u00\": `email`") || !strings.Contains(w, fmt.Sprintf("\"u%02d\"", maxDisagreements-1)) ||
		strings.Contains(w, fmt.Sprintf("\"u%02d\"", maxDisagreements)) || !strings.HasSuffix(w, "(and 2 more)") {
		t.Errorf("warning %q", w)
	}
}

// selectFields selects the engagement attributes names.
func selectFields(names ...string) selection {
	s := make(selection, len(engagementObject.fields))
	for i, f := range engagementObject.fields {
		s[i] = slices.Contains(names, f.name)
	}
	return s
}

// `users` and `parents` hold exactly the objects the selected attributes
// name; each is null when the selection names none of its kind, and a user
// without an id is an error that names the item and the attribute, whether
// or not the attribute is selected.
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
	sel := selectFields
	id := func(e *devrev.Engagement) *string { return e.ID }
	for _, c := range []struct {
		sel            selection
		users, parents int // -1: null
	}{{nil, 2, 1}, {sel("id", "member_ids"), 2, -1}, {sel("id", "created_by_id", "parent_id"), 1, 1}, {sel("id", "title"), -1, -1}} {
		vals, _, err := engagementObject.refValues(items, c.sel, id, "engagements")
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
	for _, sel := range []selection{nil, sel("id", "created_by_id")} {
		_, _, err := engagementObject.refValues(items, sel, id, "engagements")
		if err == nil || err.Error() != "DevRev's answer is not what its API describes: engagements[0] (\"e1\"): `member_ids` names an object without an id (or with an empty one). "+
			"Nothing was read into state: an answer that is not what DevRev's API describes is an error, never an object silently left out." {
			t.Errorf("selection %v: error %v", sel, err)
		}
	}
}

// The merge rule holds for every kind of map, not only `users`: a work's
// account, Rev organization, group and part summarized differently in two
// works are each merged field by field (the first non-null value) and
// named in a warning of their kind; a group member's Rev organization too.
func TestEveryKindMergesAndWarns(t *testing.T) {
	p := func(s string) *string { return &s }
	items := []devrev.Work{
		{ID: p("w1"), Account: &devrev.ObjectSummary{ID: p("acc"), DisplayName: p("Acme")},
			RevOrg: &devrev.ObjectSummary{ID: p("rev"), DisplayName: p("Acme EU")},
			Group:  &devrev.GroupSummary{ID: p("grp"), Name: p("L1")}, AppliesToPart: &devrev.PartSummary{ID: p("prt"), Name: p("Billing")}},
		{ID: p("w2"), Account: &devrev.ObjectSummary{ID: p("acc"), DisplayName: p("Acme Corp"), DisplayID: p("ACC-1")},
			RevOrg: &devrev.ObjectSummary{ID: p("rev"), DisplayName: p("Acme Europe")},
			Group:  &devrev.GroupSummary{ID: p("grp"), Name: p("Support L1")}, AppliesToPart: &devrev.PartSummary{ID: p("prt"), Name: p("Invoices")}},
	}
	vals, warnings, err := workObject.refValues(items, nil, func(w *devrev.Work) *string { return w.ID }, "works")
	if err != nil {
		t.Fatal(err)
	}
	for kind, first := range map[string]struct{ id, field, value string }{
		"accounts": {"acc", "display_name", "Acme"}, "rev_orgs": {"rev", "display_name", "Acme EU"},
		"groups": {"grp", "name", "L1"}, "parts": {"prt", "name", "Billing"},
	} {
		var m, entry map[string]tftypes.Value
		if err := vals[kind].As(&m); err != nil || m[first.id].As(&entry) != nil {
			t.Fatalf("%s: %v (%v)", kind, vals[kind], err)
		}
		if !entry[first.field].Equal(tftypes.NewValue(tftypes.String, first.value)) {
			t.Errorf("%s[%q].%s = %v, want the first value %q", kind, first.id, first.field, entry[first.field], first.value)
		}
		what := map[string]string{"accounts": "accounts", "rev_orgs": "Rev organizations", "groups": "groups", "parts": "parts"}[kind]
		if !slices.ContainsFunc(warnings, func(w string) bool {
			return strings.Contains(w, "summarizes 1 of the "+what+" differently") && strings.Contains(w, fmt.Sprintf("%q: `%s`", first.id, first.field))
		}) {
			t.Errorf("%s: no warning naming %q and %s in %q", kind, first.id, first.field, warnings)
		}
	}
	if kind := "accounts"; !strings.Contains(fmt.Sprint(vals[kind]), "ACC-1") {
		t.Errorf("%s: a field only the second summary has is not merged in: %v", kind, vals[kind])
	}
	members := []devrev.GroupMember{
		{Member: &devrev.MemberSummary{ID: p("u1"), Type: p("rev_user")}, MemberRevOrg: &devrev.RevOrgSummary{ID: p("rev"), DisplayName: p("Acme EU")}},
		{Member: &devrev.MemberSummary{ID: p("u2"), Type: p("rev_user")}, MemberRevOrg: &devrev.RevOrgSummary{ID: p("rev"), DisplayName: p("Acme Europe")}},
	}
	_, warnings, err = groupMemberObject.refValues(members, nil, func(m *devrev.GroupMember) *string { return m.Member.ID }, "members")
	if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], "of the Rev organizations differently") {
		t.Errorf("group members' Rev organizations: %q, %v", warnings, err)
	}
}
