package devrev

import (
	"errors"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Exact values (answer.go): a decoder leaves alone what it cannot tell
// apart. A null element of a list of strings would decode to "", and a
// null tag to a tag without a tag or a value: data DevRev never sent. A
// summary whose id is "" would become a key of `users`. So every answer's
// data (decodePage, getOne) is decoded with exactValues, which makes both
// an error naming the item and the field (decodeProblem). Optional fields
// are pointers and nil slices: their null is nil, and never reaches these
// checks; only a value that cannot be null does (a list's element).

// errNull and errEmptyID are what decodeProblem tells apart.
var (
	errNull    = errors.New("null")
	errEmptyID = errors.New(`empty "id"`)
)

// exactValues holds the checks, by type: every element type of a wire
// type's lists, and every summary with an id (exact_values_test.go walks
// the wire types to prove none is left out).
var exactValues = json.JoinUnmarshalers(
	notNull[string](),
	notNull[UserSummary](),
	notNull[TagWithValue](),
	idNotEmpty(func(s *UserSummary) *string { return s.ID }),
	idNotEmpty(func(s *ObjectSummary) *string { return s.ID }),
	idNotEmpty(func(s *TagSummary) *string { return s.ID }),
	idNotEmpty(func(s *ArtifactSummary) *string { return s.ID }),
	idNotEmpty(func(s *PartSummary) *string { return s.ID }),
	idNotEmpty(func(s *GroupSummary) *string { return s.ID }),
	idNotEmpty(func(s *SprintSummary) *string { return s.ID }),
	idNotEmpty(func(s *WorkState) *string { return s.ID }),
	idNotEmpty(func(s *RevOrgSummary) *string { return s.ID }),
	idNotEmpty(func(s *MemberSummary) *string { return s.ID }),
)

// exactDecoding is exactValues as options, for decoding without
// pageDecoding.
var exactDecoding = json.WithUnmarshalers(exactValues)

// notNull rejects a null T. The error names no type: the decoder adds T
// and the JSON pointer.
func notNull[T any]() *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, _ *T) error {
		if dec.PeekKind() == 'n' {
			return &json.SemanticError{JSONKind: 'n', Err: errNull}
		}
		return errors.ErrUnsupported
	})
}

// idNotEmpty decodes a summary object as T's own decoding does (without
// these options, which would call it again: summaries hold no lists), and
// rejects it when id finds "". A bare id is the type's own decoding
// (bareID).
func idNotEmpty[T any](id func(*T) *string) *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, v *T) error {
		if dec.PeekKind() != '{' {
			return errors.ErrUnsupported
		}
		if err := json.UnmarshalDecode(dec, v, json.WithUnmarshalers(nil)); err != nil {
			return err
		}
		return checkID(id(v))
	})
}

// checkID is errEmptyID for an id that is "", absent or not.
func checkID(id *string) error {
	if id != nil && *id == "" {
		return errEmptyID
	}
	return nil
}
