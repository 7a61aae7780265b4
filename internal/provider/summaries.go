package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The summaries DevRev nests inside its objects (each after its OpenAPI
// schema, such as `user-summary`), declared once for every object that
// holds them. The summaries of objects with data sources of their own are
// the entries of the data sources' maps (refs.go); the fields below name
// such objects by id.

var fileSummary = newObject(
	stringField("type", "Media type of the file.", func(f *devrev.FileSummary) *string { return f.Type }),
	stringField("name", "Name of the file.", func(f *devrev.FileSummary) *string { return f.Name }),
	int64Field("size", "Size of the file in bytes.", func(f *devrev.FileSummary) *int64 { return f.Size }),
)

var artifactSummary = newObject(
	stringField("id", "DevRev object id of the artifact.", func(a *devrev.ArtifactSummary) *string { return a.ID }),
	stringField("display_id", "Human-readable id of the artifact.", func(a *devrev.ArtifactSummary) *string { return a.DisplayID }),
	objectField("file", "The stored file.", fileSummary, func(a *devrev.ArtifactSummary) *devrev.FileSummary { return a.File }),
)

// displayPictureField is a dev user's picture. User summaries leave it out:
// every item of a list repeats the summaries of the same few users, and
// their pictures were the largest part of a default read's state
// (tools/performance.md); devrev_dev_user and devrev_dev_users have it.
func displayPictureField[T any](get func(*T) *devrev.ArtifactSummary) field[T] {
	return objectField("display_picture", "The user's picture, an artifact; null when the user has none.", artifactSummary, get)
}

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

func userID(u *devrev.UserSummary) *string     { return u.ID }
func objectID(o *devrev.ObjectSummary) *string { return o.ID }

// userField is the id of one user the object names; the data source's
// `users` has the user's summary (refs.go).
func userField[T any](name, desc string, get func(*T) *devrev.UserSummary) field[T] {
	return refField(userRefs, name, desc, userSummary, userID, get)
}

// usersField is the ids of users the object names; `users` has their
// summaries.
func usersField[T any](name, desc string, get func(*T) []devrev.UserSummary) field[T] {
	return refsField(userRefs, name, desc, userSummary, userID, get)
}

// parentField is the id of the account or opportunity the object belongs
// to; the data source's `parents` has its summary (refs.go).
func parentField[T any](desc string, get func(*T) *devrev.ObjectSummary) field[T] {
	return refField(parentRefs, "parent_id", desc, objectSummary, objectID, get)
}

// accountField is the id of an account the object names; `accounts` has
// its summary.
func accountField[T any](desc string, get func(*T) *devrev.ObjectSummary) field[T] {
	return refField(accountRefs, "account_id", desc, accountSummary, objectID, get)
}

// revOrgField is the id of a Rev organization the object names;
// `rev_orgs` has its summary.
func revOrgField[T any](name, desc string, get func(*T) *devrev.ObjectSummary) field[T] {
	return refField(revOrgRefs, name, desc, revOrgSummary, objectID, get)
}

// groupField is the id of a group the object names; `groups` has its
// summary.
func groupField[T any](desc string, get func(*T) *devrev.GroupSummary) field[T] {
	return refField(groupRefs, "group_id", desc, groupSummary, func(g *devrev.GroupSummary) *string { return g.ID }, get)
}

// partField is the id of a part the object names; `parts` has its
// summary.
func partField[T any](name, desc string, get func(*T) *devrev.PartSummary) field[T] {
	return refField(partRefs, name, desc, partSummary, func(p *devrev.PartSummary) *string { return p.ID }, get)
}

var objectSummary = newObject(
	stringField("id", "DevRev object id.", func(o *devrev.ObjectSummary) *string { return o.ID }),
	stringField("display_id", "Human-readable id, such as `ACC-12`.", func(o *devrev.ObjectSummary) *string { return o.DisplayID }),
	stringField("display_name", "Display name of the object.", func(o *devrev.ObjectSummary) *string { return o.DisplayName }),
	stringField("type", "Kind of object, such as `account` or `opportunity`.", func(o *devrev.ObjectSummary) *string { return o.Type }),
)

// accountSummary and revOrgSummary read the same wire summary as
// objectSummary, without its `type`: every entry of `accounts` is an
// account, and of `rev_orgs` a Rev organization.
var (
	accountSummary = summaryOfOneKind("account", "ACC-12")
	revOrgSummary  = summaryOfOneKind("Rev organization", "REV-AbCdEfGh")
)

// summaryOfOneKind is objectSummary without its `type`, for a map whose
// entries are all one kind of object, noun (an example display id of
// which is example).
func summaryOfOneKind(noun, example string) *object[devrev.ObjectSummary] {
	return newObject(
		stringField("id", "DevRev object id of the "+noun+".", objectID),
		stringField("display_id", "Human-readable id of the "+noun+", such as `"+example+"`.", func(o *devrev.ObjectSummary) *string { return o.DisplayID }),
		stringField("display_name", "Name of the "+noun+".", func(o *devrev.ObjectSummary) *string { return o.DisplayName }),
	)
}

var groupSummary = newObject(
	stringField("id", "DevRev object id of the group.", func(g *devrev.GroupSummary) *string { return g.ID }),
	stringField("display_id", "Human-readable id of the group, such as `GRP-12`.", func(g *devrev.GroupSummary) *string { return g.DisplayID }),
	stringField("name", "Name of the group.", func(g *devrev.GroupSummary) *string { return g.Name }),
)

var partSummary = newObject(
	stringField("id", "DevRev object id of the part.", func(p *devrev.PartSummary) *string { return p.ID }),
	stringField("display_id", "Human-readable id of the part, such as `PROD-1`.", func(p *devrev.PartSummary) *string { return p.DisplayID }),
	stringField("name", "Name of the part.", func(p *devrev.PartSummary) *string { return p.Name }),
	stringField("type", "Kind of part: `product`, `capability`, `feature`, `enhancement`, ...", func(p *devrev.PartSummary) *string { return p.Type }),
)

var tagSummary = newObject(
	stringField("id", "DevRev object id of the tag.", func(t *devrev.TagSummary) *string { return t.ID }),
	stringField("display_id", "Human-readable id of the tag.", func(t *devrev.TagSummary) *string { return t.DisplayID }),
	stringField("name", "Name of the tag.", func(t *devrev.TagSummary) *string { return t.Name }),
)

var tagWithValue = newObject(
	objectField("tag", "The tag.", tagSummary, func(t *devrev.TagWithValue) *devrev.TagSummary { return t.Tag }),
	stringField("value", "The tag's value, for tags that take one; null otherwise.", func(t *devrev.TagWithValue) *string { return t.Value }),
)
