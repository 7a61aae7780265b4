package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Customer organizations and their users (OpenAPI `rev-org`, `rev-user`):
// devrev_rev_orgs, devrev_rev_org, devrev_rev_users and devrev_rev_user.

var revOrgObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON) of the Rev organization.", func(o *devrev.RevOrg) *string { return o.ID }),
	stringField("display_id", "Human-readable id, such as `REV-AbCdEfGh`.", func(o *devrev.RevOrg) *string { return o.DisplayID }),
	stringField("display_name", "Name of the Rev organization.", func(o *devrev.RevOrg) *string { return o.DisplayName }),
	textField("description", "Description of the Rev organization.", func(o *devrev.RevOrg) *string { return o.Description }),
	refField(accountRefs, "account_id", "The account the Rev organization belongs to.", func(o *devrev.RevOrg) *devrev.ObjectSummary { return o.Account }),
	stringField("domain", "Company domain of the Rev organization, such as `example.com` (deprecated by DevRev in favour of the account's domains).", func(o *devrev.RevOrg) *string { return o.Domain }),
	stringField("external_ref", "Identifier of the Rev organization in the customer system of record.", func(o *devrev.RevOrg) *string { return o.ExternalRef }),
	refField(userRefs, "created_by_id", "The user who created the Rev organization.", func(o *devrev.RevOrg) *devrev.UserSummary { return o.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the Rev organization.", func(o *devrev.RevOrg) *devrev.UserSummary { return o.ModifiedBy }),
	stringField("created_date", "When the Rev organization was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(o *devrev.RevOrg) *string { return o.CreatedDate }),
	stringField("modified_date", "When the Rev organization was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(o *devrev.RevOrg) *string { return o.ModifiedDate }),
	objectListField("tags", "Tags on the Rev organization, each with its value if it has one; null when DevRev does not say.", tagWithValue, func(o *devrev.RevOrg) []devrev.TagWithValue { return o.Tags }),
	stringField("subtype", "Subtype of the Rev organization (its custom type), if any.", func(o *devrev.RevOrg) *string { return o.Subtype }),
	customFieldsField(func(o *devrev.RevOrg) devrev.CustomFields { return o.CustomFields }),
)

var revOrgFilters = []filter[devrev.RevOrgFilter]{
	setFilter("account", "Only Rev organizations of one of these accounts (ids such as `ACC-12`, or `devrev_accounts`' `ids`).", func(f *devrev.RevOrgFilter) *[]string { return &f.Account }),
	setFilter("display_name", "Only Rev organizations with one of these names (exact).", func(f *devrev.RevOrgFilter) *[]string { return &f.DisplayName }),
	setFilter("external_ref", "Only Rev organizations with one of these external references.", func(f *devrev.RevOrgFilter) *[]string { return &f.ExternalRef }),
	setFilter("created_by", "Only Rev organizations created by one of these users (ids such as `DEVU-12`).", func(f *devrev.RevOrgFilter) *[]string { return &f.CreatedBy }),
	setFilter("tags", "Only Rev organizations with one of these tags (tag ids such as `TAG-12`).", func(f *devrev.RevOrgFilter) *[]string { return &f.Tags }),
	customFieldFilter("Rev organizations", func(f *devrev.RevOrgFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
	dateFilter("created_date", "Only Rev organizations created in this range.", func(f *devrev.RevOrgFilter) **devrev.DateTimeFilter { return &f.CreatedDate }),
	dateFilter("modified_date", "Only Rev organizations last modified in this range.", func(f *devrev.RevOrgFilter) **devrev.DateTimeFilter { return &f.ModifiedDate }),
}

var revOrgsList = newListSpec(devrev.RevOrgsAPI, &listSpec[devrev.RevOrgFilter, devrev.ListRevOrgsRequest, devrev.RevOrg]{
	description: "Lists DevRev Rev organizations (customer organizations and their workspaces, each belonging to an account) that match the filters, such as an account,",
	sortFields:  "fields such as `display_name`, `created_date` and `modified_date`",
	object:      revOrgObject,
	filters:     revOrgFilters,
	request: func(f devrev.RevOrgFilter, p devrev.Paging) devrev.ListRevOrgsRequest {
		return devrev.ListRevOrgsRequest{RevOrgFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListRevOrgs,
})

var revOrgGet = newGetSpec(devrev.RevOrgsAPI, &getSpec[devrev.RevOrg]{
	displayID: "REV-AbCdEfGh",
	don:       "don:identity:dvrv-us-1:devo/0:revo/AbCdEfGh",
	object:    revOrgObject,
	get:       (*devrev.Client).GetRevOrg,
})

var revUserObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:identity:dvrv-us-1:devo/0:revu/12`.", func(u *devrev.RevUser) *string { return u.ID }),
	stringField("display_id", "Human-readable id, such as `REVU-12`.", func(u *devrev.RevUser) *string { return u.DisplayID }),
	stringField("display_name", "The user's display name (not unique).", func(u *devrev.RevUser) *string { return u.DisplayName }),
	stringField("full_name", "The user's full name.", func(u *devrev.RevUser) *string { return u.FullName }),
	stringField("email", "The user's email address.", func(u *devrev.RevUser) *string { return u.Email }),
	stringsField("phone_numbers", "The user's phone numbers, in E.164 format such as `+14155550123`.", func(u *devrev.RevUser) []string { return u.PhoneNumbers }),
	textField("description", "Description of the user.", func(u *devrev.RevUser) *string { return u.Description }),
	stringField("external_ref", "Identifier of the user in the customer system of record.", func(u *devrev.RevUser) *string { return u.ExternalRef }),
	boolField("is_verified", "Whether the user is verified.", func(u *devrev.RevUser) *bool { return u.IsVerified }),
	stringField("state", userStateDescription, func(u *devrev.RevUser) *string { return u.State }),
	refField(revOrgRefs, "rev_org_id", "The Rev organization the user belongs to; null when the user belongs to none.", func(u *devrev.RevUser) *devrev.ObjectSummary { return u.RevOrg }),
	displayPictureField(func(u *devrev.RevUser) *devrev.ArtifactSummary { return u.DisplayPicture }),
	refField(userRefs, "created_by_id", "The user who created the user.", func(u *devrev.RevUser) *devrev.UserSummary { return u.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the user.", func(u *devrev.RevUser) *devrev.UserSummary { return u.ModifiedBy }),
	stringField("created_date", "When the user was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(u *devrev.RevUser) *string { return u.CreatedDate }),
	stringField("modified_date", "When the user was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(u *devrev.RevUser) *string { return u.ModifiedDate }),
	objectListField("tags", "Tags on the user, each with its value if it has one; null when DevRev does not say.", tagWithValue, func(u *devrev.RevUser) []devrev.TagWithValue { return u.Tags }),
	stringField("subtype", "Subtype of the user (its custom type), if any.", func(u *devrev.RevUser) *string { return u.Subtype }),
	customFieldsField(func(u *devrev.RevUser) devrev.CustomFields { return u.CustomFields }),
)

var revUserFilters = []filter[devrev.RevUserFilter]{
	setFilter("rev_org", "Only users of one of these Rev organizations (ids such as `REV-AbCdEfGh`, or `devrev_rev_orgs`' `ids`).", func(f *devrev.RevUserFilter) *[]string { return &f.RevOrg }),
	setFilter("email", "Only users with one of these email addresses.", func(f *devrev.RevUserFilter) *[]string { return &f.Email }),
	setFilter("external_ref", "Only users with one of these external references.", func(f *devrev.RevUserFilter) *[]string { return &f.ExternalRef }),
	setFilter("phone_numbers", "Only users with one of these phone numbers, in E.164 format.", func(f *devrev.RevUserFilter) *[]string { return &f.PhoneNumbers }),
	setFilter("created_by", "Only users created by one of these users (ids such as `DEVU-12`).", func(f *devrev.RevUserFilter) *[]string { return &f.CreatedBy }),
	setFilter("tags", "Only users with one of these tags (tag ids such as `TAG-12`).", func(f *devrev.RevUserFilter) *[]string { return &f.Tags }),
	boolFilter("is_verified", "Only users who are verified (`true`) or are not (`false`).", func(f *devrev.RevUserFilter) **bool { return &f.IsVerified }),
	customFieldFilter("users", func(f *devrev.RevUserFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
	dateFilter("created_date", "Only users created in this range.", func(f *devrev.RevUserFilter) **devrev.DateTimeFilter { return &f.CreatedDate }),
	dateFilter("modified_date", "Only users last modified in this range.", func(f *devrev.RevUserFilter) **devrev.DateTimeFilter { return &f.ModifiedDate }),
}

var revUsersList = newListSpec(devrev.RevUsersAPI, &listSpec[devrev.RevUserFilter, devrev.ListRevUsersRequest, devrev.RevUser]{
	description: "Lists the users of customer organizations (Rev users) that match the filters, such as a Rev organization or an email address,",
	sortFields:  "fields such as `display_name`, `created_date` and `modified_date`",
	object:      revUserObject,
	filters:     revUserFilters,
	request: func(f devrev.RevUserFilter, p devrev.Paging) devrev.ListRevUsersRequest {
		return devrev.ListRevUsersRequest{RevUserFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListRevUsers,
})

var revUserGet = newGetSpec(devrev.RevUsersAPI, &getSpec[devrev.RevUser]{
	displayID: "REVU-12",
	don:       "don:identity:dvrv-us-1:devo/0:revu/12",
	object:    revUserObject,
	get:       (*devrev.Client).GetRevUser,
})

// revOrgSummary reads the same wire summary as objectSummary, without its
// `type`: every entry of `rev_orgs` is a Rev organization.
var revOrgSummary = summaryOfOneKind("Rev organization", "REV-AbCdEfGh")

var revOrgRefs = newRefKind("rev_orgs", "Rev organizations", revOrgSummary, objectID)

var _ = serve(revOrgsList, revOrgGet)

var _ = serve(revUsersList, revUserGet)
