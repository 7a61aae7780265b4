package devrev

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// A group member has no id of its own: the engine reads its member's, with
// the same rules. A member without an id is an error that says where the
// id was expected; the same member twice is listed once, with a warning;
// ids are the members' ids, and the messages call the items group members.
func TestGroupMembersAreExactByTheirMembersIDs(t *testing.T) {
	const dana = `{"member":{"type":"dev_user","id":"don:identity:dvrv-us-1:devo/0:devu/1","display_id":"DEVU-1"}}`
	for _, tc := range []struct{ body, problem string }{
		{`{"members":[{"member_rev_org":{"id":"REV-1"}}]}`, `with a group member that is null or has no "member.id" (item 1 of 1 in "members")`},
		{`{"members":[` + dana + `,{"member":{"type":"dev_user"}}]}`, `with a group member that is null or has no "member.id" (item 2 of 2 in "members")`},
		{`{"members":[null]}`, `has no "member.id"`},
		{`{"member":[]}`, `without its "members" array`},
	} {
		t.Run(tc.body, func(t *testing.T) {
			f := newFake(t, 3)
			answerWith(f, "/groups.members.list", http.StatusOK, tc.body)
			c, _ := newTestClient(t, f.URL(), nil)
			w, err := c.ListGroupMembers(context.Background(), ListGroupMembersRequest{GroupMembersFilter: GroupMembersFilter{Group: "GRP-1"}}, ListOptions{})
			if err == nil || w != nil || !strings.Contains(err.Error(), tc.problem) ||
				!strings.HasPrefix(err.Error(), "reading page 1 of group members: ") {
				t.Errorf("window %v, err %v; want an error saying %s", w, err, tc.problem)
			}
		})
	}

	f := newFake(t, 3)
	answerWith(f, "/groups.members.list", http.StatusOK, `{"members":[`+dana+`,`+dana+`]}`)
	c, _ := newTestClient(t, f.URL(), nil)
	w, err := c.ListGroupMembers(context.Background(), ListGroupMembersRequest{GroupMembersFilter: GroupMembersFilter{Group: "GRP-1"}}, ListOptions{})
	if err != nil || len(w.Items) != 1 || len(w.Warnings) != 1 || !strings.Contains(w.Warnings[0], "group members more than once") {
		t.Fatalf("window %+v, err %v; want one member and a warning", w, err)
	}
	if id := GroupMembersAPI.ID(&w.Items[0]); id == nil || *id != "don:identity:dvrv-us-1:devo/0:devu/1" {
		t.Errorf("the member's id is %v", id)
	}
	if GroupMembersAPI.Name != "group_members" || GroupMembersAPI.Items != "members" || GroupMembersAPI.Plural != "group members" {
		t.Errorf("declared as %+v", GroupMembersAPI)
	}
}
