package devrev

import (
	"testing"
)

// The head of a page is only a shortcut: where readPageHead accepts a body,
// what it reads must be what decoding the page gives; everywhere else it
// must refuse, so that the page is decoded (and its error told) before
// anything more is asked.
func TestReadPageHead(t *testing.T) {
	str := func(s string) *string { return &s }
	for _, tt := range []struct {
		name       string
		body       string
		ok         bool
		items      int
		next, prev *string
	}{
		{"items and next", `{"engagements":[{"id":"a"},{"id":"b"}],"next_cursor":"c2"}`, true, 2, str("c2"), nil},
		{"cursors first", `{"prev_cursor":"p","next_cursor":"n","engagements":[{"id":"a"}]}`, true, 1, str("n"), str("p")},
		{"empty cursors are none", `{"engagements":[],"next_cursor":"","prev_cursor":""}`, true, 0, nil, nil},
		{"null cursors are none", `{"engagements":[{"id":"a"}],"next_cursor":null,"prev_cursor":null}`, true, 1, nil, nil},
		{"a cursor inside an item is not the page's", `{"engagements":[{"id":"a","next_cursor":"x"}]}`, true, 1, nil, nil},
		{"unknown keys skipped", `{"total":3,"engagements":[{"id":"a"}],"x":{"next_cursor":"y"}}`, true, 1, nil, nil},
		{"escaped cursor", `{"engagements":[],"next_cursor":"a\u0062c"}`, true, 0, str("abc"), nil},
		{"null items counted", `{"engagements":[null,{"id":"a"}]}`, true, 2, nil, nil},

		{"no items", `{"next_cursor":"c"}`, false, 0, nil, nil},
		{"items null", `{"engagements":null}`, false, 0, nil, nil},
		{"items an object", `{"engagements":{"id":"a"}}`, false, 0, nil, nil},
		{"key in another case", `{"Engagements":[{"id":"a"}]}`, false, 0, nil, nil},
		{"cursor a number", `{"engagements":[],"next_cursor":5}`, false, 0, nil, nil},
		{"cursor an object", `{"engagements":[],"prev_cursor":{}}`, false, 0, nil, nil},
		{"items twice", `{"engagements":[],"engagements":[{"id":"a"}]}`, false, 0, nil, nil},
		{"cursor twice", `{"engagements":[],"next_cursor":"a","next_cursor":"b"}`, false, 0, nil, nil},
		{"broken item", `{"engagements":[{"id":"a",}]}`, false, 0, nil, nil},
		{"trailing data", `{"engagements":[]} {}`, false, 0, nil, nil},
		{"cut short", `{"engagements":[{"id":"a"}`, false, 0, nil, nil},
		{"an array", `[{"id":"a"}]`, false, 0, nil, nil},
		{"empty", ``, false, 0, nil, nil},
		{"invalid UTF-8 in an item", "{\"engagements\":[{\"id\":\"\xff\"}]}", false, 0, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := readPageHead([]byte(tt.body), "engagements")
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if h.items != tt.items || !sameCursor(h.next, tt.next) || !sameCursor(h.prev, tt.prev) {
				t.Errorf("head = %d items, next %s, prev %s; want %d, %s, %s", h.items, show(h.next), show(h.prev), tt.items, show(tt.next), show(tt.prev))
			}
			// What decoding gives, where it gives anything, is the head.
			a := &answer{path: "/engagements.list", status: 200, body: []byte(tt.body)}
			p, err := engagements.decodePage(a)
			if err != nil {
				return // an item the head does not look into is wrong
			}
			if len(p.Items) != h.items || !sameCursor(p.NextCursor, h.next) || !sameCursor(p.PrevCursor, h.prev) {
				t.Errorf("decoding gives %d items, next %s, prev %s; the head %d, %s, %s",
					len(p.Items), show(p.NextCursor), show(p.PrevCursor), h.items, show(h.next), show(h.prev))
			}
		})
	}
}

func sameCursor(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func show(s *string) string {
	if s == nil {
		return "nil"
	}
	return "`" + *s + "`"
}

// FuzzReadPageHead: wherever readPageHead accepts a body, decoding the page
// either fails (on an item the head does not look into) or gives the same
// number of items and the same cursors; and wherever decoding succeeds, the
// head accepts, so that the shortcut is taken for every good page.
func FuzzReadPageHead(f *testing.F) {
	for _, body := range []string{
		`{"engagements":[{"id":"a"},{"id":"b"}],"next_cursor":"c2"}`,
		`{"prev_cursor":"p","next_cursor":"n","engagements":[{"id":"a"}]}`,
		`{"engagements":[],"next_cursor":"","prev_cursor":""}`,
		`{"engagements":[{"id":"a"}],"next_cursor":null,"prev_cursor":null}`,
		`{"engagements":[{"id":"a","next_cursor":"x"}]}`,
		`{"total":3,"engagements":[{"id":"a"}],"x":{"next_cursor":"y"}}`,
		`{"engagements":[],"next_cursor":"a\u0062c"}`,
		`{"engagements":[null,{"id":"a"}]}`,
		`{"engagements":null}`,
		`{"Engagements":[{"id":"a"}]}`,
		`{"engagements":[],"next_cursor":5}`,
		`{"engagements":[],"engagements":[{"id":"a"}]}`,
		`{"engagements":[],"next_cursor":"a","next_cursor":"b"}`,
		`{"engagements":[]} {}`,
		`{"engagements":[{"id":"a"}`,
		"{\"engagements\":[{\"id\":\"\xff\"}]}",
		`{"engagements":[{"id":"a","created_date":"2024-05-01T05:00:43.500Z"}],"next_cursor":"c"}`,
	} {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		h, ok := readPageHead([]byte(body), "engagements")
		p, err := engagements.decodePage(&answer{path: "/engagements.list", status: 200, body: []byte(body)})
		if err == nil && !ok {
			t.Fatalf("decoding gives %d items, but the head refuses %q", len(p.Items), body)
		}
		if ok && err == nil && (len(p.Items) != h.items || !sameCursor(p.NextCursor, h.next) || !sameCursor(p.PrevCursor, h.prev)) {
			t.Fatalf("%q: decoding gives %d items, next %s, prev %s; the head %d, %s, %s",
				body, len(p.Items), show(p.NextCursor), show(p.PrevCursor), h.items, show(h.next), show(h.prev))
		}
	})
}
