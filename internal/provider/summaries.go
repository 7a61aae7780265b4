package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The summaries DevRev nests inside its objects (OpenAPI `user-summary`,
// `artifact-summary`, `artifact-file-summary`, the summary of an
// engagement's parent, `tag-with-value`), declared once for every object
// that holds them.

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
	stringField("full_name", "The user's full name.", func(u *devrev.UserSummary) *string { return u.FullName }),
	stringField("email", "The user's email address.", func(u *devrev.UserSummary) *string { return u.Email }),
	stringField("state", userStateDescription, func(u *devrev.UserSummary) *string { return u.State }),
)

// userField is the id of one user the object names; the data source's
// `users` has the user's summary (refs.go).
func userField[T any](name, desc string, get func(*T) *devrev.UserSummary) field[T] {
	return refField(userRefs, name, desc, userSummary, func(u *devrev.UserSummary) *string { return u.ID }, get)
}

// usersField is the ids of users the object names; `users` has their
// summaries.
func usersField[T any](name, desc string, get func(*T) []devrev.UserSummary) field[T] {
	return refsField(userRefs, name, desc, userSummary, func(u *devrev.UserSummary) *string { return u.ID }, get)
}

// parentField is the id of the account or opportunity the object belongs
// to; the data source's `parents` has its summary (refs.go).
func parentField[T any](desc string, get func(*T) *devrev.ObjectSummary) field[T] {
	return refField(parentRefs, "parent", desc, objectSummary, func(o *devrev.ObjectSummary) *string { return o.ID }, get)
}

var objectSummary = newObject(
	stringField("id", "DevRev object id.", func(o *devrev.ObjectSummary) *string { return o.ID }),
	stringField("display_id", "Human-readable id, such as `ACC-12`.", func(o *devrev.ObjectSummary) *string { return o.DisplayID }),
	stringField("display_name", "Display name of the object.", func(o *devrev.ObjectSummary) *string { return o.DisplayName }),
	stringField("type", "Kind of object, such as `account` or `opportunity`.", func(o *devrev.ObjectSummary) *string { return o.Type }),
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
