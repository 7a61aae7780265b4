package devrev

import "context"

// Group is DevRev's `group` (an `atom-base`): a set of users (or of other
// groups) that works are assigned to. The published schema has no field
// for the group's type (`static` or `dynamic`): groups.list filters on it
// (`group_type`), but a group does not say which it is.
type Group struct {
	ID           *string      `json:"id"`
	DisplayID    *string      `json:"display_id"`
	Name         *string      `json:"name"`
	Description  *string      `json:"description"`
	MemberType   *string      `json:"member_type"`
	IsDefault    *bool        `json:"is_default"`
	Owner        *UserSummary `json:"owner"`
	CreatedDate  *string      `json:"created_date"`
	ModifiedDate *string      `json:"modified_date"`
	CreatedBy    *UserSummary `json:"created_by"`
	ModifiedBy   *UserSummary `json:"modified_by"`
}

// GroupTypes and GroupMemberTypes are the spec's `group-type` and
// `group-member-type` enums.
var (
	GroupTypes       = []string{"dynamic", "static"}
	GroupMemberTypes = []string{"dev_user", "rev_user"}
)

// GroupFilter holds the filters of groups.list (`groups-list-request`)
// that the provider uses, under the spec's names. A nil set is left out;
// an empty, non-nil one matches nothing.
type GroupFilter struct {
	CreatedBy  []string `json:"created_by,omitempty"`
	GroupType  []string `json:"group_type,omitempty"`
	IsDefault  *bool    `json:"is_default,omitempty"`
	MemberType []string `json:"member_type,omitempty"`
	Name       []string `json:"name,omitempty"`
}

// MatchesNothing reports whether a set of the filter is empty.
func (f GroupFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListGroupsRequest is the body of POST /groups.list.
type ListGroupsRequest struct {
	GroupFilter
	Paging
}

var groups = newEndpoint[ListGroupsRequest]("/groups.list", "/groups.get", "groups", "group",
	func(g *Group) (*string, *string) { return g.ID, g.DisplayID })

// GroupsAPI declares groups for the provider.
var GroupsAPI = groups.api()

// ListGroups reads every page (up to opts.Limit) into one window.
func (c *Client) ListGroups(ctx context.Context, req ListGroupsRequest, opts ListOptions) (*Window[Group], error) {
	return listWindow(ctx, c, groups, req, opts)
}

// GetGroup reads one group by its DON id or display id.
func (c *Client) GetGroup(ctx context.Context, id string) (*Group, error) {
	return groups.getOne(ctx, c, id)
}

// GroupMember is one item of groups.members.list
// (`group-members-list-response-member`): the member, and for a rev user
// its Rev organization. It has no id of its own: the member's id is its
// id, in `ids` and for the engine's rules.
type GroupMember struct {
	Member       *MemberSummary `json:"member"`
	MemberRevOrg *RevOrgSummary `json:"member_rev_org"`
}

// RevOrgSummary is DevRev's `rev-org-summary`.
type RevOrgSummary struct {
	ID          *string `json:"id"`
	DisplayID   *string `json:"display_id"`
	DisplayName *string `json:"display_name"`
}

// MemberSummary is DevRev's `member-summary`: a dev user, rev user or
// system user (a `user-base-summary`), or a group (a `group-summary`:
// Name and MemberType), told apart by Type. Like UserSummary it leaves
// out `display_picture`, which a user's own data source reads.
type MemberSummary struct {
	ID          *string `json:"id"`
	DisplayID   *string `json:"display_id"`
	Type        *string `json:"type"`
	DisplayName *string `json:"display_name"`
	FullName    *string `json:"full_name"`
	Email       *string `json:"email"`
	State       *string `json:"state"`
	Name        *string `json:"name"`
	MemberType  *string `json:"member_type"`
}

// GroupMembersFilter is what groups.members.list and groups.members.count
// take besides paging: the group, which the spec requires.
type GroupMembersFilter struct {
	Group string `json:"group"`
}

// MatchesNothing is false: the filter has no set.
func (f GroupMembersFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListGroupMembersRequest is the body of POST /groups.members.list. The
// spec gives it no sort_by, and the provider sends none.
type ListGroupMembersRequest struct {
	GroupMembersFilter
	Paging
}

// groupMembers has no get endpoint; its items are named by their member's
// id.
var groupMembers = newEndpoint[ListGroupMembersRequest]("/groups.members.list", "", "members", "group_member",
	func(m *GroupMember) (*string, *string) {
		if m.Member == nil {
			return nil, nil
		}
		return m.Member.ID, m.Member.DisplayID
	}).renamed("group_members", "member.id").
	counted("/groups.members.count", true)

// GroupMembersAPI declares group members for the provider.
var GroupMembersAPI = groupMembers.api()

// ListGroupMembers reads every page (up to opts.Limit) of a group's
// members into one window.
func (c *Client) ListGroupMembers(ctx context.Context, req ListGroupMembersRequest, opts ListOptions) (*Window[GroupMember], error) {
	return listWindow(ctx, c, groupMembers, req, opts)
}
