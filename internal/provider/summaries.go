package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The summaries DevRev nests inside its objects (each after its OpenAPI
// schema, such as `artifact-summary`), declared once for every object that
// holds them. The summary of an object with a data source of its own is
// declared beside that object, with its kind (newRefKind, refs.go): the
// entries of the data sources' maps of such objects, which fields name by
// id (refField, refsField).

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

func objectID(o *devrev.ObjectSummary) *string { return o.ID }

var objectSummary = newObject(
	stringField("id", "DevRev object id.", func(o *devrev.ObjectSummary) *string { return o.ID }),
	stringField("display_id", "Human-readable id, such as `ACC-12`.", func(o *devrev.ObjectSummary) *string { return o.DisplayID }),
	stringField("display_name", "Display name of the object.", func(o *devrev.ObjectSummary) *string { return o.DisplayName }),
	stringField("type", "Kind of object, such as `account` or `opportunity`.", func(o *devrev.ObjectSummary) *string { return o.Type }),
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

var tagSummary = newObject(
	stringField("id", "DevRev object id of the tag.", func(t *devrev.TagSummary) *string { return t.ID }),
	stringField("display_id", "Human-readable id of the tag.", func(t *devrev.TagSummary) *string { return t.DisplayID }),
	stringField("name", "Name of the tag.", func(t *devrev.TagSummary) *string { return t.Name }),
)

var tagWithValue = newObject(
	objectField("tag", "The tag.", tagSummary, func(t *devrev.TagWithValue) *devrev.TagSummary { return t.Tag }),
	stringField("value", "The tag's value, for tags that take one; null otherwise.", func(t *devrev.TagWithValue) *string { return t.Value }),
)

var customStage = newObject(
	stringField("id", "DevRev object id of the stage, what the `stage` filter takes.", func(s *devrev.CustomStage) *string { return s.ID }),
	stringField("display_id", "Human-readable id of the stage.", func(s *devrev.CustomStage) *string { return s.DisplayID }),
	stringField("name", "Name of the stage, as the organization named it (such as `acknowledged`).", func(s *devrev.CustomStage) *string { return s.Name }),
)

// stageObject is the spec's `stage` (incidents, custom objects): the
// stage's summary beside its state's. A work's `stage` is the older
// `legacy-stage`, the stage's name with the state (workStage).
var stageObject = newObject(
	objectField("stage", "The stage; null when DevRev does not say.", customStage, func(s *devrev.Stage) *devrev.CustomStage { return s.Stage }),
	objectField("state", "The state the stage belongs to; null when DevRev does not say.", workState, func(s *devrev.Stage) *devrev.WorkState { return s.State }),
)
