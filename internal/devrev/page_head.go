package devrev

import (
	"bytes"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// pageHead is what the paging loop needs from a list answer before its
// items are decoded: how many items it holds, and its cursors (an empty
// cursor is no cursor, as in a decoded page).
type pageHead struct {
	items      int
	next, prev *string
}

// readPageHead reads a list answer's head without decoding its items, so
// that the paging loop can ask for the next page while this one decodes
// (pages.go). It tokenizes the whole body (every value is checked to be
// well-formed JSON) but builds nothing from it, which costs a fraction of
// decoding it.
//
// ok is false unless the body is a single JSON object that holds the items
// key with an array and each cursor as a string or null (the decoder
// refuses a key given twice, as decoding the page does). Then the page is decoded in full before anything else is
// asked, and its decoding says what is wrong: the head is only ever a
// shortcut to the answer decoding would give.
func readPageHead(body []byte, itemsKey string) (h pageHead, ok bool) {
	d := jsontext.NewDecoder(bytes.NewBuffer(body))
	if tok, err := d.ReadToken(); err != nil || tok.Kind() != '{' {
		return h, false
	}
	sawItems := false
	for d.PeekKind() == '"' {
		name, err := d.ReadToken()
		if err != nil {
			return h, false
		}
		switch name.String() {
		case itemsKey:
			if d.PeekKind() != '[' {
				return h, false
			}
			sawItems = true
			if _, err := d.ReadToken(); err != nil {
				return h, false
			}
			for d.PeekKind() != ']' {
				if err := d.SkipValue(); err != nil {
					return h, false
				}
				h.items++
			}
			if _, err := d.ReadToken(); err != nil {
				return h, false
			}
		case "next_cursor":
			if !readCursor(d, &h.next) {
				return h, false
			}
		case "prev_cursor":
			if !readCursor(d, &h.prev) {
				return h, false
			}
		default:
			if err := d.SkipValue(); err != nil {
				return h, false
			}
		}
	}
	if tok, err := d.ReadToken(); err != nil || tok.Kind() != '}' {
		return h, false
	}
	if _, err := d.ReadToken(); err != io.EOF {
		return h, false
	}
	return h, sawItems
}

// readCursor reads a cursor's value: a string ("" is no cursor) or null.
func readCursor(d *jsontext.Decoder, cursor **string) bool {
	tok, err := d.ReadToken()
	if err != nil {
		return false
	}
	switch tok.Kind() {
	case 'n':
		*cursor = nil
	case '"':
		if s := tok.String(); s != "" {
			*cursor = &s
		}
	default:
		return false
	}
	return true
}
