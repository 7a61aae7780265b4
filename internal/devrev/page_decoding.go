package devrev

import (
	"errors"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// A page names the same few users and objects over and over: every item
// carries its creator and its modifier, and often more users or a parent,
// as summaries, few of them distinct. Decoding each of
// them anew was most of the work of decoding a page (a string allocated per
// field, per item). So a page's summaries are decoded once per distinct
// value: a summary whose bytes the page has already decoded gets that
// value again (its strings shared, never written to).
//
// The bytes are the key, so only an identical summary is reused, and it
// decodes identically; its id is checked once, when it is decoded
// (exact_values.go). Anything that is not a summary object (a bare id,
// null) is left to the checks of exactValues and the type's own decoding.

// pageDecoding returns the options one page is decoded with: each call has
// tables of its own, which live as long as the page's decoding.
func pageDecoding() json.Options {
	users := map[string]UserSummary{}
	objects := map[string]ObjectSummary{}
	return json.WithUnmarshalers(json.JoinUnmarshalers(
		json.UnmarshalFromFunc(func(dec *jsontext.Decoder, u *UserSummary) error { return decodeOnce(dec, u, users) }),
		json.UnmarshalFromFunc(func(dec *jsontext.Decoder, o *ObjectSummary) error { return decodeOnce(dec, o, objects) }),
		exactValues,
	))
}

// decodeOnce decodes the next value into v, from seen when the same bytes
// were decoded before, else with exactDecoding.
func decodeOnce[T any](dec *jsontext.Decoder, v *T, seen map[string]T) error {
	if dec.PeekKind() != '{' {
		return errors.ErrUnsupported // the type's own decoding
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if s, ok := seen[string(raw)]; ok {
		*v = s
		return nil
	}
	if err := json.Unmarshal(raw, v, exactDecoding); err != nil {
		return err
	}
	seen[string(raw)] = *v
	return nil
}
