package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Groups (OpenAPI `group`) and their members: devrev_groups, devrev_group,
// devrev_group_members and devrev_group_members_count. A group's name
// leads to its members (devrev_groups → devrev_group_members), and their
// ids to what they did (devrev_engagements' `members` filter,
// devrev_works' `owned_by` filter).

var groupObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON) of the group.", func(g *devrev.Group) *string { return g.ID }),
	stringField("display_id", "Human-readable id of the group.", func(g *devrev.Group) *string { return g.DisplayID }),
	stringField("name", "Name of the group (unique in the organization).", func(g *devrev.Group) *string { return g.Name }),
	textField("description", "Description of the group.", func(g *devrev.Group) *string { return g.Description }),
	stringField("member_type", "Kind of members the group has: `dev_user` or `rev_user`.", func(g *devrev.Group) *string { return g.MemberType }),
	boolField("is_default", "Whether it is one of the organization's default groups (not a custom one).", func(g *devrev.Group) *bool { return g.IsDefault }),
	refField(userRefs, "owner_id", "The user who owns the group.", func(g *devrev.Group) *devrev.UserSummary { return g.Owner }),
	stringField("created_date", "When the group was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(g *devrev.Group) *string { return g.CreatedDate }),
	stringField("modified_date", "When the group was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(g *devrev.Group) *string { return g.ModifiedDate }),
	refField(userRefs, "created_by_id", "The user who created the group.", func(g *devrev.Group) *devrev.UserSummary { return g.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the group.", func(g *devrev.Group) *devrev.UserSummary { return g.ModifiedBy }),
)

var groupFilters = []filter[devrev.GroupFilter]{
	setFilter("name", "Only groups with one of these names, such as `[\"Support\"]`: the way from a name to a group's id.",
		func(f *devrev.GroupFilter) *[]string { return &f.Name }),
	setFilter("group_type", "Only groups of these types: `static` (members added by hand) or `dynamic` (members by a rule). "+
		"(A group itself does not say which it is: the API's `group` has no such field, so neither has `groups`.)",
		func(f *devrev.GroupFilter) *[]string { return &f.GroupType }, stringvalidator.OneOf(devrev.GroupTypes...)),
	setFilter("member_type", "Only groups whose members are of these kinds: `dev_user` or `rev_user`.",
		func(f *devrev.GroupFilter) *[]string { return &f.MemberType }, stringvalidator.OneOf(devrev.GroupMemberTypes...)),
	setFilter("created_by", "Only groups created by one of these users (ids such as `DEVU-12`).",
		func(f *devrev.GroupFilter) *[]string { return &f.CreatedBy }),
	boolFilter("is_default", "Only the organization's default groups (`true`) or only custom ones (`false`).",
		func(f *devrev.GroupFilter) **bool { return &f.IsDefault }),
}

var groupsList = newListSpec(devrev.GroupsAPI, &listSpec[devrev.GroupFilter, devrev.ListGroupsRequest, devrev.Group]{
	description: "Lists the DevRev groups that match the filters, such as a name,",
	sortFields:  "fields such as `name`, `created_date` and `modified_date`",
	object:      groupObject,
	filters:     groupFilters,
	request: func(f devrev.GroupFilter, p devrev.Paging) devrev.ListGroupsRequest {
		return devrev.ListGroupsRequest{GroupFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListGroups,
})

var groupGet = newGetSpec(devrev.GroupsAPI, &getSpec[devrev.Group]{
	displayID: "GRP-12",
	don:       "don:identity:dvrv-us-1:devo/0:group/12",
	object:    groupObject,
	get:       (*devrev.Client).GetGroup,
})

// memberField is a group's member: a user or a group in the group
// (DevRev's `member-summary` is either, told apart by its `type`). Each
// goes to the map of its kind, `users` or `groups`, whose entries have the
// shape they have in every data source.
var memberField = func() field[devrev.GroupMember] {
	f := stringField("member_id", "The member, a user or a group in the group: its id, the member's entry in `ids`. "+
		"`users[member_id]` is the summary of a user, `groups[member_id]` of a group. Null when DevRev does not say.",
		func(m *devrev.GroupMember) *string {
			if m.Member == nil {
				return nil
			}
			return m.Member.ID
		})
	f.kinds = []*refKind{groupRefs.refKind, userRefs.refKind}
	f.refs = func(m *devrev.GroupMember, x refIndex, shown bool) bool {
		s := m.Member
		if s == nil {
			return true
		}
		if s.Type != nil && *s.Type == "group" {
			g := devrev.GroupSummary{ID: s.ID, DisplayID: s.DisplayID, Name: s.Name}
			return addRef(x, groupRefs, &g, shown)
		}
		u := devrev.UserSummary{ID: s.ID, DisplayID: s.DisplayID, Type: s.Type, DisplayName: s.DisplayName,
			FullName: s.FullName, Email: s.Email, State: s.State}
		return addRef(x, userRefs, &u, shown)
	}
	return f
}()

// memberRevOrgField is the Rev organization of a member that is a rev
// user, in `rev_orgs` as every data source's Rev organizations are (the
// member's wire summary has no `type`; the map's entries have none).
var memberRevOrgField = func() field[devrev.GroupMember] {
	f := stringField("member_rev_org_id", "The Rev organization of a member that is a rev user; null otherwise. "+
		"Its id; `rev_orgs[member_rev_org_id]` is its summary.",
		func(m *devrev.GroupMember) *string {
			if m.MemberRevOrg == nil {
				return nil
			}
			return m.MemberRevOrg.ID
		})
	f.kinds = []*refKind{revOrgRefs.refKind}
	f.refs = func(m *devrev.GroupMember, x refIndex, shown bool) bool {
		r := m.MemberRevOrg
		if r == nil {
			return true
		}
		o := devrev.ObjectSummary{ID: r.ID, DisplayID: r.DisplayID, DisplayName: r.DisplayName}
		return addRef(x, revOrgRefs, &o, shown)
	}
	return f
}()

var groupMemberObject = newObject(memberField, memberRevOrgField)

// groupMemberFilters is what groups.members.list and .count take: the
// group, which the spec requires.
var groupMemberFilters = []filter[devrev.GroupMembersFilter]{
	requiredFilter("group", "The group whose members to read: its id (DON), such as `data.devrev_groups.support.ids[0]`, "+
		"or its display id. A group that does not exist is an error.",
		func(f *devrev.GroupMembersFilter) *string { return &f.Group }),
}

var groupMembersList = newListSpec(devrev.GroupMembersAPI, &listSpec[devrev.GroupMembersFilter, devrev.ListGroupMembersRequest, devrev.GroupMember]{
	description: "Lists the members of one DevRev group (users, or groups in the group); `ids` holds the members' ids, " +
		"ready for `devrev_engagements`' `members` or `devrev_works`' `owned_by`. Reads",
	object:  groupMemberObject,
	filters: groupMemberFilters,
	request: func(f devrev.GroupMembersFilter, p devrev.Paging) devrev.ListGroupMembersRequest {
		return devrev.ListGroupMembersRequest{GroupMembersFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListGroupMembers,
})

var groupSummary = newObject(
	stringField("id", "DevRev object id of the group.", func(g *devrev.GroupSummary) *string { return g.ID }),
	stringField("display_id", "Human-readable id of the group, such as `GRP-12`.", func(g *devrev.GroupSummary) *string { return g.DisplayID }),
	stringField("name", "Name of the group.", func(g *devrev.GroupSummary) *string { return g.Name }),
)

var groupRefs = newRefKind("groups", "groups", groupSummary, func(g *devrev.GroupSummary) *string { return g.ID })

var _ = serve(groupsList, groupGet)

var _ = serve(groupMembersList, nil)
