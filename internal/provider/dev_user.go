package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Dev users (OpenAPI `dev-user`): devrev_dev_users and devrev_dev_user.

var devUserObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:identity:dvrv-us-1:devo/0:devu/12`.", func(u *devrev.DevUser) *string { return u.ID }),
	stringField("display_id", "Human-readable id, such as `DEVU-12`.", func(u *devrev.DevUser) *string { return u.DisplayID }),
	stringField("display_name", "The user's display name (not unique).", func(u *devrev.DevUser) *string { return u.DisplayName }),
	stringField("full_name", "The user's full name.", func(u *devrev.DevUser) *string { return u.FullName }),
	stringField("email", "The user's email address.", func(u *devrev.DevUser) *string { return u.Email }),
	stringField("state", userStateDescription, func(u *devrev.DevUser) *string { return u.State }),
	displayPictureField(func(u *devrev.DevUser) *devrev.ArtifactSummary { return u.DisplayPicture }),
	stringField("created_date", "When the user was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(u *devrev.DevUser) *string { return u.CreatedDate }),
	stringField("modified_date", "When the user was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(u *devrev.DevUser) *string { return u.ModifiedDate }),
	stringField("subtype", "Subtype of the user (its custom type), if any.", func(u *devrev.DevUser) *string { return u.Subtype }),
	customFieldsField(func(u *devrev.DevUser) devrev.CustomFields { return u.CustomFields }),
)

var devUserFilters = []filter[devrev.DevUserFilter]{
	setFilter("email", "Only users with one of these email addresses.", func(f *devrev.DevUserFilter) *[]string { return &f.Email }),
	setFilter("state", "Only users in one of these states: `active`, `deactivated`, `deleted`, `locked`, `shadow`, `unassigned`.",
		func(f *devrev.DevUserFilter) *[]string { return &f.State }, stringvalidator.OneOf(devrev.UserStates...)),
	customFieldFilter("users", func(f *devrev.DevUserFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
}

var devUsersList = newListSpec(devrev.DevUsersAPI, &listSpec[devrev.DevUserFilter, devrev.ListDevUsersRequest, devrev.DevUser]{
	description: "Lists the users of the Dev organization (dev users) that match the filters, such as an email address,",
	sortFields:  "fields such as `display_name`, `created_date` and `modified_date`",
	object:      devUserObject,
	filters:     devUserFilters,
	request: func(f devrev.DevUserFilter, p devrev.Paging) devrev.ListDevUsersRequest {
		return devrev.ListDevUsersRequest{DevUserFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListDevUsers,
})

var devUserGet = newGetSpec(devrev.DevUsersAPI, &getSpec[devrev.DevUser]{
	displayID: "DEVU-12",
	don:       "don:identity:dvrv-us-1:devo/0:devu/12",
	object:    devUserObject,
	get:       (*devrev.Client).GetDevUser,
})

// userStateDescription lists the spec's `user-state` enum.
const userStateDescription = "State of the user: `active`, `deactivated`, `deleted`, `locked`, `shadow` or `unassigned`."

var userSummary = newObject(
	stringField("id", "DevRev object id of the user.", func(u *devrev.UserSummary) *string { return u.ID }),
	stringField("display_id", "Human-readable id of the user, such as `DEVU-12`.", func(u *devrev.UserSummary) *string { return u.DisplayID }),
	stringField("type", "Kind of user: `dev_user`, `rev_user`, `service_account` or `sys_user`.", func(u *devrev.UserSummary) *string { return u.Type }),
	stringField("display_name", "The user's display name (not unique).", func(u *devrev.UserSummary) *string { return u.DisplayName }),
	stringField("full_name", "The user's full name; null when DevRev's summary leaves it out, as it may (the API marks it optional, and a summary sent as a bare id has only the id).", func(u *devrev.UserSummary) *string { return u.FullName }),
	stringField("email", "The user's email address; null when DevRev's summary leaves it out, as it may (the API marks it optional, and a summary sent as a bare id has only the id).", func(u *devrev.UserSummary) *string { return u.Email }),
	stringField("state", userStateDescription, func(u *devrev.UserSummary) *string { return u.State }),
)

// userRefs are the users objects name: a dev user, a rev user, a service
// account or a system user, each summarized alike.
var userRefs = newRefKind("users", "users", userSummary, func(u *devrev.UserSummary) *string { return u.ID })

var _ = serve(devUsersList, devUserGet)
