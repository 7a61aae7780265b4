package devrev

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Exact, or an error: what the provider puts into state is what DevRev
// answered, or the read fails. Data sources drive for_each, and a malformed
// answer that read as "nothing matches" would plan to destroy every
// instance, so a 2xx answer is used only when it holds what the API
// describes:
//
//   - the key its data is under, spelled exactly as the spec spells it
//     (`engagements`, `account`, `count`), not null;
//   - in a list, no null item and no item without an id;
//   - no null element in any list, and no summary whose id is ""
//     (exact_values.go);
//   - every field of the type the spec gives it.
//
// Bodies are decoded with the JSON v2 semantics of
// github.com/go-json-experiment/json (the proposal behind Go's
// encoding/json/v2): object keys match exactly, as the spec spells them
// (encoding/json would read `{"ID": "x"}` as the id), a key given twice is
// an error rather than "the last one wins", and a type error names the JSON
// pointer of the value, from which the error names the item and the field.
// Unknown fields are still ignored and absent ones stay nil.
//
// A successful body is never redacted: a title such as "Call with
// Standard-Bearer Technologies" is data, and reaches state byte for byte.
// Redaction applies to what the client prints (errors and logs).

// answer is one 2xx response: its body as DevRev sent it, and what an error
// about it quotes.
type answer struct {
	path      string // "/engagements.list"
	status    int
	requestID string
	body      []byte
	redact    redactor
}

// release hands the body's buffer back for another answer (body.go), once
// nothing reads it any more: errors about it have already quoted it.
func (a *answer) release() {
	releaseBody(a.body)
	a.body = nil
}

// AnswerError is a 2xx answer the client did not use because it is not what
// the API describes. Nothing of it reaches state.
type AnswerError struct {
	Path      string // "/engagements.list"
	Status    int
	RequestID string
	// Problem says what was wrong, such as `no "engagements" array`.
	Problem string
	// Body quotes the start of the answer, redacted.
	Body string
}

func (e *AnswerError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "DevRev answered POST %s with HTTP %d but %s; the answer was not used", e.Path, e.Status, e.Problem)
	if e.Body != "" {
		fmt.Fprintf(&b, "; body: %s", e.Body)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, "; x-request-id %s", e.RequestID)
	}
	return b.String()
}

// fail returns an AnswerError about a. problem is the client's own text; it
// passes through redaction anyway, as it may quote the answer.
func (a *answer) fail(format string, args ...any) error {
	return &AnswerError{
		Path:      a.path,
		Status:    a.status,
		RequestID: a.redact.String(a.requestID),
		Problem:   a.redact.String(fmt.Sprintf(format, args...)),
		Body:      excerpt(a.redact.Bytes(a.body)),
	}
}

// decode decodes the whole body into out.
func (a *answer) decode(out any) error {
	if err := json.Unmarshal(a.body, out); err != nil {
		return a.fail("%s", decodeProblem(a.body, err, "", ""))
	}
	return nil
}

// decodeProblem says what is wrong with data, which did not decode with err.
// When the error points inside an item of the array under key (a list's
// items; "" for none), it names the item by its position and id, and the
// field; noun names the items ("an engagement").
func decodeProblem(data []byte, err error, key, noun string) string {
	var se *json.SemanticError
	if !errors.As(err, &se) || se.JSONPointer == "" {
		return fmt.Sprintf("a body that is not the JSON the API describes (%v)", err)
	}
	var tokens []string
	for tok := range se.JSONPointer.Tokens() {
		tokens = append(tokens, tok)
	}
	got := "JSON " + kindName(se.JSONKind)
	if se.JSONKind == '0' && len(se.JSONValue) > 0 && len(se.JSONValue) <= 40 {
		got += " " + string(se.JSONValue)
	}
	want := "a value of another type"
	if se.GoType != nil {
		want = apiType(se.GoType)
	}
	holds := fmt.Sprintf("holds %s where the API describes %s", got, want)
	if errors.Is(se.Err, errEmptyID) {
		holds = `has an empty "id" where the API describes an object's id`
	}
	if key != "" && len(tokens) >= 3 && tokens[0] == key {
		if i, convErr := strconv.Atoi(tokens[1]); convErr == nil {
			return fmt.Sprintf("with %s (item %d of the page, id %s) whose field %q %s",
				noun, i+1, itemID(data, key, i), strings.Join(tokens[2:], "."), holds)
		}
	}
	return fmt.Sprintf("with a field %q that %s", strings.Join(tokens, "."), holds)
}

// kindName names a JSON kind in words ("object" where jsontext says "{").
func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	}
	return k.String()
}

// apiType names a wire type's Go type as the API describes it.
func apiType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a value of another type"
}

// itemID finds the id of item i of the array under key, leniently, for an
// error message: the item itself did not decode.
func itemID(data []byte, key string, i int) string {
	var page map[string]jsontext.Value
	var items []jsontext.Value
	var item struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(data, &page) != nil || json.Unmarshal(page[key], &items) != nil || i >= len(items) ||
		json.Unmarshal(items[i], &item) != nil {
		return "unknown"
	}
	if s, ok := item.ID.(string); ok {
		return strconv.Quote(s)
	}
	return "none"
}
