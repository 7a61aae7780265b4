package devrev

import (
	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// The summaries below are how DevRev refers to one object from inside
// another.

// UserSummary is DevRev's `user-summary`: a dev user, rev user, service
// account or system user, told apart by Type.
//
// It decodes from the summary object or from a bare id string (then only ID
// is set): the published schema does not say how engagement `members` come
// back, and clients disagree. The summary's `display_picture` is not
// decoded: a list repeats the same few users' pictures in every item, and
// a user's picture is read from the dev user itself (DevUser).
type UserSummary struct {
	ID          *string `json:"id"`
	DisplayID   *string `json:"display_id"`
	Type        *string `json:"type"`
	DisplayName *string `json:"display_name"`
	FullName    *string `json:"full_name"`
	Email       *string `json:"email"`
	State       *string `json:"state"`
}

// UnmarshalJSONFrom accepts a `user-summary` object or a bare id string.
func (u *UserSummary) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	type plain UserSummary // without this method, so no recursion
	id, isRef, err := bareID(dec)
	if isRef || err != nil {
		*u = UserSummary{ID: id}
		return err
	}
	return json.UnmarshalDecode(dec, (*plain)(u))
}

// ObjectSummary is what an engagement's `parent` refers to: an account or an
// opportunity (`account-summary`, `opportunity-summary`), told apart by Type.
// Like UserSummary it decodes from the object or from a bare id string.
type ObjectSummary struct {
	ID          *string `json:"id"`
	DisplayID   *string `json:"display_id"`
	DisplayName *string `json:"display_name"`
	Type        *string `json:"type"`
}

// UnmarshalJSONFrom accepts a summary object or a bare id string.
func (o *ObjectSummary) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	type plain ObjectSummary
	id, isRef, err := bareID(dec)
	if isRef || err != nil {
		*o = ObjectSummary{ID: id}
		return err
	}
	return json.UnmarshalDecode(dec, (*plain)(o))
}

// bareID reads the next value when it is a JSON string (a bare id, which
// must not be "") or null (a reference without an id: a pointer field is
// set to nil by the decoder without asking, and exactValues rejects a
// null element of a list first), and reports whether it did. Anything
// else is left for the caller to decode as the summary object.
func bareID(dec *jsontext.Decoder) (id *string, isRef bool, err error) {
	switch dec.PeekKind() {
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, true, err
		}
		s := tok.String()
		return &s, true, checkID(&s)
	case 'n':
		_, err := dec.ReadToken()
		return nil, true, err
	}
	return nil, false, nil
}

// ArtifactSummary is DevRev's `artifact-summary` (a stored file).
type ArtifactSummary struct {
	ID        *string      `json:"id"`
	DisplayID *string      `json:"display_id"`
	File      *FileSummary `json:"file"`
}

// FileSummary is DevRev's `artifact-file-summary`.
type FileSummary struct {
	Type *string `json:"type"`
	Name *string `json:"name"`
	Size *int64  `json:"size"`
}

// TagWithValue is DevRev's `tag-with-value`: a tag on an object, with the
// value the object gives it.
type TagWithValue struct {
	Tag   *TagSummary `json:"tag"`
	Value *string     `json:"value"`
}

// TagSummary is DevRev's `tag-summary`.
type TagSummary struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Name      *string `json:"name"`
}

// Stage is the spec's `stage`, where an incident or a custom object is: the
// stage (a `custom-stage-summary`) and the state it belongs to. A work's
// `stage` is the older `legacy-stage` (WorkStage).
type Stage struct {
	Stage *CustomStage `json:"stage"`
	State *WorkState   `json:"state"`
}

// CustomStage is the spec's `custom-stage-summary`; its id is what the
// `stage` filters of incidents and custom objects take.
type CustomStage struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Name      *string `json:"name"`
}
