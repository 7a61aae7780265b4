package devrev

import (
	"bytes"
	"encoding/json"
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

// UnmarshalJSON accepts a `user-summary` object or a bare id string.
func (u *UserSummary) UnmarshalJSON(data []byte) error {
	if id, ok, err := bareID(data); ok || err != nil {
		*u = UserSummary{ID: id}
		return err
	}
	type plain UserSummary // without this method, so no recursion
	return json.Unmarshal(data, (*plain)(u))
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

// UnmarshalJSON accepts a summary object or a bare id string.
func (o *ObjectSummary) UnmarshalJSON(data []byte) error {
	if id, ok, err := bareID(data); ok || err != nil {
		*o = ObjectSummary{ID: id}
		return err
	}
	type plain ObjectSummary
	return json.Unmarshal(data, (*plain)(o))
}

// bareID reports whether data is a JSON string, and returns it. JSON null
// (which encoding/json hands to UnmarshalJSON only for non-pointer values,
// such as the elements of a slice) counts as a reference without an id.
func bareID(data []byte) (id *string, ok bool, err error) {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0:
		return nil, false, nil
	case data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, true, err
		}
		return &s, true, nil
	case bytes.Equal(data, []byte("null")):
		return nil, true, nil
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
