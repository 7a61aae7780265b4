package localapi

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

const testToken = "test-token"

// start serves a Server over real loopback HTTP.
func start(t *testing.T, opts Options) (*Server, string) {
	t.Helper()
	if opts.Token == "" {
		opts.Token = testToken
	}
	s := New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// call sends one request; body is marshalled to JSON unless it is a string
// (sent verbatim) or nil (no body).
func call(t *testing.T, method, url, token string, body any) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: data}
}

func post(t *testing.T, base, path string, body any) response {
	t.Helper()
	return call(t, http.MethodPost, base+path, testToken, body)
}

func get(t *testing.T, base, pathAndQuery string) response {
	t.Helper()
	return call(t, http.MethodGet, base+pathAndQuery, testToken, nil)
}

// readAll pages one list endpoint to the end (mode after from the start, or
// mode before from the end) and returns its objects in sort order, raw. The
// limit is 7 unless req sets one; every page must keep to it, and the first
// page must not point back past where the read started.
func readAll(t *testing.T, base, path, key string, req map[string]any, before bool) []json.RawMessage {
	t.Helper()
	var all []json.RawMessage
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("paging does not terminate")
		}
		body := map[string]any{"limit": 7}
		for k, v := range req {
			body[k] = v
		}
		if before {
			body["mode"] = "before"
		}
		if cursor != "" {
			body["cursor"] = cursor
		}
		r := post(t, base, path, body)
		if r.status != http.StatusOK {
			t.Fatalf("%s %v: %d %s", path, body, r.status, r.body)
		}
		var page map[string]json.RawMessage
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatal(err)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(page[key], &items); err != nil || items == nil {
			t.Fatalf("%s: no %s array in %s", path, key, r.body)
		}
		if limit, _ := body["limit"].(int); len(items) > limit {
			t.Fatalf("page of %d exceeds limit %d", len(items), limit)
		}
		var next, prev string
		_ = json.Unmarshal(page["next_cursor"], &next)
		_ = json.Unmarshal(page["prev_cursor"], &prev)
		if before {
			if pages == 0 && next != "" {
				t.Fatal("mode before from the end carries next_cursor")
			}
			all = append(slices.Clone(items), all...)
			cursor = prev
		} else {
			if pages == 0 && prev != "" {
				t.Fatal("first page carries prev_cursor")
			}
			all = append(all, items...)
			cursor = next
		}
		if cursor == "" {
			return all
		}
	}
}

type listBody struct {
	Engagements []Engagement `json:"engagements"`
	NextCursor  *string      `json:"next_cursor"`
	PrevCursor  *string      `json:"prev_cursor"`
}

func decodeList(t *testing.T, r response) listBody {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d, body %s", r.status, r.body)
	}
	var lb listBody
	if err := json.Unmarshal(r.body, &lb); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	if lb.Engagements == nil {
		t.Fatalf("engagements missing or null in %s", r.body)
	}
	return lb
}

type errBody struct {
	Type          string   `json:"type"`
	Message       string   `json:"message"`
	FieldName     string   `json:"field_name"`
	AllowedValues []string `json:"allowed_values"`
	Value         *string  `json:"value"`
	RetryAfter    *int     `json:"retry_after"`
	ReferenceID   string   `json:"reference_id"`
}

func decodeErr(t *testing.T, r response, status int, typ string) errBody {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q", ct)
	}
	var e errBody
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	if e.Type != typ {
		t.Fatalf("type = %q, want %q; body %s", e.Type, typ, r.body)
	}
	if e.Message == "" {
		t.Fatalf("empty message in %s", r.body)
	}
	return e
}

// idsBy lists the ids of xs.
func idsBy[T any](xs []T, id func(*T) string) []string {
	out := make([]string, len(xs))
	for i := range xs {
		out[i] = id(&xs[i])
	}
	return out
}

func ids(es []Engagement) []string { return idsBy(es, func(e *Engagement) string { return e.ID }) }

func instant(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("bad date %q: %v", s, err)
	}
	return v
}

// expectedOrder is an independent implementation of the documented order
// of engagements (see sortedBy).
func expectedOrder(t *testing.T, es []Engagement, keys ...string) []Engagement {
	t.Helper()
	return sortedBy(t, es, func(e Engagement) string { return e.ID }, func(e Engagement, field string) string {
		if field == "created_date" {
			return e.CreatedDate
		}
		return e.ModifiedDate
	}, keys...)
}

// sortedBy sorts rows as the documented order says: each sort key in turn
// (fields ending in _date as instants, others as strings), then id, with the
// id tie-break in the first key's direction; created_date:asc by default.
func sortedBy[T any](t *testing.T, rows []T, id func(T) string, value func(T, string) string, keys ...string) []T {
	t.Helper()
	out := slices.Clone(rows)
	if len(keys) == 0 {
		keys = []string{"created_date:asc"}
	}
	slices.SortStableFunc(out, func(a, b T) int {
		for _, k := range keys {
			field, dir, _ := strings.Cut(k, ":")
			x, y := value(a, field), value(b, field)
			c := strings.Compare(x, y)
			if strings.HasSuffix(field, "_date") {
				c = instant(t, x).Compare(instant(t, y))
			}
			if dir == "desc" {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		c := cmp.Compare(id(a), id(b))
		if strings.HasSuffix(keys[0], ":desc") {
			c = -c
		}
		return c
	})
	return out
}

// wantEngagement is what s should serve for e, built independently of the
// server's renderer: e's own fields as encoding/json writes them, members as
// the user summaries of s's dev users and parent as the summary of its first
// account, each looked up by display id (or bare DON ids when bare).
func wantEngagement(t *testing.T, s *Server, e Engagement, bare bool) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(mustJSON(t, e), &m); err != nil {
		t.Fatal(err)
	}
	if len(e.Members) > 0 {
		var members []any
		for _, id := range e.Members {
			i := slices.IndexFunc(Items[DevUser](s, "dev-users"), func(u DevUser) bool { return strings.EqualFold(u.DisplayID, id) })
			if i < 0 {
				t.Fatalf("member %s of %s is not a dev user", id, e.DisplayID)
			}
			u := Items[DevUser](s, "dev-users")[i]
			if bare {
				members = append(members, u.ID)
				continue
			}
			var sum any
			_ = json.Unmarshal(mustJSON(t, u.Summary()), &sum)
			members = append(members, sum)
		}
		m["members"] = members
	}
	if len(e.Parents) > 0 {
		i := slices.IndexFunc(Items[Account](s, "accounts"), func(a Account) bool { return strings.EqualFold(a.DisplayID, e.Parents[0]) })
		if i < 0 {
			t.Fatalf("parent %s of %s is not an account", e.Parents[0], e.DisplayID)
		}
		a := Items[Account](s, "accounts")[i]
		if bare {
			m["parent"] = a.ID
		} else {
			m["parent"] = map[string]any{"id": a.ID, "display_id": a.DisplayID, "display_name": a.DisplayName, "type": "account"}
		}
	}
	return m
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameJSON reports whether two JSON documents hold the same value.
func sameJSON(t *testing.T, got []byte, want any) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("not JSON: %s", got)
	}
	_ = json.Unmarshal(mustJSON(t, want), &w)
	return reflect.DeepEqual(g, w)
}

// table is the table of the list named name.
func (s *Server) table(name string) *table { return s.served[name].listed() }
