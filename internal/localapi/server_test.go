package localapi

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	s, base := start(t, Options{Seed: 4, Counts: map[string]int{"engagements": 50}})
	e := Items[Engagement](s, "engagements")[17]
	want := map[string]any{"engagement": wantEngagement(t, s, e, false)}

	for name, r := range map[string]response{
		"POST DON id":               post(t, base, "/engagements.get", map[string]string{"id": e.ID}),
		"POST display id":           post(t, base, "/engagements.get", map[string]string{"id": e.DisplayID}),
		"POST lower-case display":   post(t, base, "/engagements.get", map[string]string{"id": strings.ToLower(e.DisplayID)}),
		"GET DON id":                get(t, base, "/engagements.get?id="+url.QueryEscape(e.ID)),
		"GET display id":            get(t, base, "/engagements.get?id="+e.DisplayID),
		"POST with unknown fields":  post(t, base, "/engagements.get", map[string]any{"id": e.ID, "extra": []int{1}}),
		"POST id padded with space": post(t, base, "/engagements.get", map[string]string{"id": " " + e.DisplayID + " "}),
	} {
		if r.status != http.StatusOK {
			t.Fatalf("%s: status %d %s", name, r.status, r.body)
		}
		if !sameJSON(t, r.body, want) {
			t.Fatalf("%s: body\n%s\nwant\n%s", name, r.body, mustJSON(t, want))
		}
	}

	nf := decodeErr(t, post(t, base, "/engagements.get", map[string]string{"id": "ENGM-999999"}), 404, "not_found")
	if !strings.Contains(nf.Message, "ENGM-999999") {
		t.Fatalf("404 message %q", nf.Message)
	}
	decodeErr(t, get(t, base, "/engagements.get?id=don:core:dvrv-us-1:devo/0:engagement/0"), 404, "not_found")
	for _, r := range []response{
		post(t, base, "/engagements.get", map[string]any{}),
		post(t, base, "/engagements.get", map[string]any{"id": ""}),
		get(t, base, "/engagements.get"),
	} {
		e := decodeErr(t, r, 400, "missing_required_field")
		if e.FieldName != "id" {
			t.Fatalf("field_name = %q", e.FieldName)
		}
	}
	decodeErr(t, post(t, base, "/engagements.get", map[string]any{"id": 5}), 400, "parse_error")
}

func TestAuth(t *testing.T) {
	_, base := start(t, Options{Token: "secret", Counts: map[string]int{"engagements": 5}})
	send := func(auth string) int {
		req, _ := http.NewRequest(http.MethodPost, base+"/engagements.count", strings.NewReader("{}"))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == 401 {
			var e errBody
			if json.Unmarshal(body, &e) != nil || e.Type != "unauthenticated" || e.Message == "" {
				t.Fatalf("401 body %s", body)
			}
		}
		return res.StatusCode
	}
	for auth, want := range map[string]int{
		"Bearer secret":  200,
		"bearer secret":  200,
		"secret":         200, // the raw token, as DevRev accepts
		"":               401,
		"Bearer":         401,
		"Bearer wrong":   401,
		"Basic secret":   401,
		"Bearer secret2": 401,
	} {
		if got := send(auth); got != want {
			t.Errorf("Authorization %q: status %d, want %d", auth, got, want)
		}
	}

	// Token "" accepts any non-empty token but still needs one.
	s := New(Options{Counts: map[string]int{"engagements": 5}})
	if s.token != "" {
		t.Fatal("token should be empty")
	}
	for auth, want := range map[string]int{"Bearer anything": 200, "": 401} {
		req, _ := http.NewRequest(http.MethodGet, "/engagements.count", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := newRecorder()
		s.ServeHTTP(rec, req)
		if rec.status != want {
			t.Errorf("open server, %q: %d, want %d", auth, rec.status, want)
		}
	}
}

// recorder is a minimal ResponseWriter (httptest.ResponseRecorder would do,
// but the tests mostly go over the network anyway).
type recorder struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.status = code }

func TestBadRequests(t *testing.T) {
	s, base := start(t, Options{Counts: map[string]int{"engagements": 20}})
	_ = s
	otherSortCursor := s.table("engagements").encodeCursor(sortSpec{{field: "modified_date", desc: true}}, 3)
	type tc struct {
		name  string
		r     response
		typ   string
		field string
	}
	cases := []tc{
		{"bad type", post(t, base, "/engagements.list", map[string]any{"type": []string{"meeting", "webinar"}}), "invalid_enum_value", "type"},
		{"bad type GET", get(t, base, "/engagements.list?type=meeting,webinar"), "invalid_enum_value", "type"},
		{"bad type count", post(t, base, "/engagements.count", map[string]any{"type": []string{"Meeting"}}), "invalid_enum_value", "type"},
		{"bad mode", post(t, base, "/engagements.list", map[string]any{"mode": "sideways"}), "invalid_enum_value", "mode"},
		{"bad mode GET", get(t, base, "/engagements.list?mode=sideways"), "invalid_enum_value", "mode"},
		{"bad sort field", post(t, base, "/engagements.list", map[string]any{"sort_by": []string{"title:asc"}}), "invalid_field", "sort_by"},
		{"bad sort direction", post(t, base, "/engagements.list", map[string]any{"sort_by": []string{"created_date:up"}}), "invalid_field", "sort_by"},
		{"bad sort GET", get(t, base, "/engagements.list?sort_by=created_date:asc,bogus"), "invalid_field", "sort_by"},
		{"limit 0", post(t, base, "/engagements.list", map[string]any{"limit": 0}), "invalid_field", "limit"},
		{"limit 101", post(t, base, "/engagements.list", map[string]any{"limit": 101}), "invalid_field", "limit"},
		{"limit -1 GET", get(t, base, "/engagements.list?limit=-1"), "invalid_field", "limit"},
		{"limit text GET", get(t, base, "/engagements.list?limit=ten"), "invalid_field", "limit"},
		{"garbage cursor", post(t, base, "/engagements.list", map[string]any{"cursor": "not a cursor!"}), "invalid_field", "cursor"},
		{"base64 non-cursor", post(t, base, "/engagements.list", map[string]any{"cursor": "e30"}), "invalid_field", "cursor"},
		{"cursor out of range", post(t, base, "/engagements.list", map[string]any{"cursor": s.table("engagements").encodeCursor(defaultSort, 21)}), "invalid_field", "cursor"},
		{"cursor for other sort", post(t, base, "/engagements.list", map[string]any{"cursor": otherSortCursor}), "invalid_field", "cursor"},
		{"cursor for other sort GET", get(t, base, "/engagements.list?sort_by=created_date:desc&cursor="+otherSortCursor), "invalid_field", "cursor"},
		{"malformed JSON", post(t, base, "/engagements.list", `{"limit": 5`), "parse_error", ""},
		{"trailing data", post(t, base, "/engagements.list", `{} {}`), "parse_error", ""},
		{"not an object", post(t, base, "/engagements.count", `["meeting"]`), "parse_error", ""},
		{"empty body", post(t, base, "/engagements.list", ""), "parse_error", ""},
		{"wrong type: limit string", post(t, base, "/engagements.list", map[string]any{"limit": "10"}), "parse_error", ""},
		{"wrong type: limit fraction", post(t, base, "/engagements.list", `{"limit": 10.5}`), "parse_error", ""},
		{"wrong type: type string", post(t, base, "/engagements.list", map[string]any{"type": "meeting"}), "parse_error", ""},
		{"wrong type: members numbers", post(t, base, "/engagements.count", map[string]any{"members": []int{1}}), "parse_error", ""},
		{"body too large", post(t, base, "/engagements.list", `{"x":"`+strings.Repeat("a", 1<<20)+`"}`), "bad_request", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := decodeErr(t, c.r, 400, c.typ)
			if e.FieldName != c.field {
				t.Fatalf("field_name = %q, want %q (%s)", e.FieldName, c.field, c.r.body)
			}
			if c.typ == "invalid_enum_value" {
				if e.Value == nil || len(e.AllowedValues) == 0 {
					t.Fatalf("invalid_enum_value without value/allowed_values: %s", c.r.body)
				}
			}
		})
	}

	// The enum body names the rejected value and the whole enum.
	e := decodeErr(t, post(t, base, "/engagements.list", map[string]any{"type": []string{"webinar"}}), 400, "invalid_enum_value")
	if *e.Value != "webinar" || !slices.Equal(e.AllowedValues, engagementTypes()) {
		t.Fatalf("enum body: %+v", e)
	}
	e = decodeErr(t, get(t, base, "/engagements.list?mode=up"), 400, "invalid_enum_value")
	if *e.Value != "up" || !slices.Equal(e.AllowedValues, []string{"after", "before"}) {
		t.Fatalf("mode enum body: %+v", e)
	}

	// Count takes only the filters; list-only fields are unknown to it.
	if r := post(t, base, "/engagements.count", `{"limit": "x", "mode": "bogus", "sort_by": [1]}`); r.status != 200 || string(r.body) != `{"count":20}` {
		t.Fatalf("count with list fields: %d %s", r.status, r.body)
	}
	if r := get(t, base, "/engagements.count?limit=x&mode=bogus"); r.status != 200 {
		t.Fatalf("GET count with list params: %d %s", r.status, r.body)
	}

	// Unknown fields and explicit nulls are ignored.
	lb := decodeList(t, post(t, base, "/engagements.list", `{"limit": 2, "unknown": {"a": [1, 2]}, "cursor": null, "mode": null}`))
	if len(lb.Engagements) != 2 {
		t.Fatalf("got %d", len(lb.Engagements))
	}
}

func TestRoutingAndHeaders(t *testing.T) {
	_, base := start(t, Options{Counts: map[string]int{"engagements": 3}})
	r := post(t, base, "/timeline-entries.list", map[string]any{})
	if r.status != 404 || string(r.body) != `{"message":"route not found"}` {
		t.Fatalf("unknown route: %d %s", r.status, r.body)
	}
	if r := get(t, base, "/"); r.status != 404 {
		t.Fatalf("root: %d", r.status)
	}
	for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch} {
		r := call(t, m, base+"/engagements.list", testToken, "{}")
		if r.status != 405 || r.header.Get("Allow") != "GET, POST" {
			t.Fatalf("%s: %d allow=%q", m, r.status, r.header.Get("Allow"))
		}
	}

	seen := map[string]bool{}
	for _, r := range []response{
		post(t, base, "/engagements.list", map[string]any{}),
		get(t, base, "/engagements.count"),
		post(t, base, "/engagements.get", map[string]any{"id": "nope"}),
		call(t, http.MethodPost, base+"/engagements.list", "", "{}"),
		post(t, base, "/nope", "{}"),
	} {
		id := r.header.Get("x-request-id")
		if id == "" || seen[id] {
			t.Fatalf("x-request-id %q missing or repeated", id)
		}
		seen[id] = true
		if r.header.Get("Content-Type") != "application/json" {
			t.Fatalf("Content-Type %q", r.header.Get("Content-Type"))
		}
		limit, err1 := strconv.Atoi(r.header.Get("X-Ratelimit-Limit"))
		rem, err2 := strconv.Atoi(r.header.Get("X-Ratelimit-Remaining"))
		reset, err3 := strconv.ParseInt(r.header.Get("X-Ratelimit-Reset"), 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || rem >= limit || rem < 0 {
			t.Fatalf("rate limit headers %v", r.header)
		}
		if until := time.Until(time.Unix(reset, 0)); until <= 0 || until > 5*time.Minute {
			t.Fatalf("X-Ratelimit-Reset %d is not within the next five minutes", reset)
		}
	}
}

func TestGzip(t *testing.T) {
	_, base := start(t, Options{Gzip: true, Counts: map[string]int{"engagements": 60}})
	req, _ := http.NewRequest(http.MethodPost, base+"/engagements.list", strings.NewReader(`{"limit":5}`))
	req.Header.Set("Authorization", "Bearer "+testToken)
	// Setting Accept-Encoding ourselves disables the transport's transparent
	// decompression, so we see the raw encoding.
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var lb listBody
	if err := json.NewDecoder(zr).Decode(&lb); err != nil || len(lb.Engagements) != 5 {
		t.Fatalf("gzip body: %v, %d items", err, len(lb.Engagements))
	}

	// Without Accept-Encoding: plain.
	r := call(t, http.MethodPost, base+"/engagements.count", testToken, "{}")
	if r.header.Get("Content-Encoding") != "" || string(r.body) != `{"count":60}` {
		t.Fatalf("plain: %q %s", r.header.Get("Content-Encoding"), r.body)
	}
	if acceptsGzip("gzip;q=0") || !acceptsGzip("deflate, gzip;q=0.5") || acceptsGzip("br") {
		t.Fatal("acceptsGzip")
	}
}

func TestRequestRecording(t *testing.T) {
	s, base := start(t, Options{Counts: map[string]int{"engagements": 5}})
	post(t, base, "/engagements.list", `{"limit":1}`)
	get(t, base, "/engagements.count?type=call,email")
	call(t, http.MethodGet, base+"/nope", "", nil)
	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("recorded %d", len(reqs))
	}
	if reqs[0].Method != "POST" || reqs[0].Path != "/engagements.list" || string(reqs[0].Body) != `{"limit":1}` ||
		reqs[0].Header.Get("Authorization") != "Bearer "+testToken {
		t.Fatalf("first: %+v", reqs[0])
	}
	if reqs[1].Method != "GET" || reqs[1].RawQuery != "type=call,email" || len(reqs[1].Body) != 0 {
		t.Fatalf("second: %+v", reqs[1])
	}
	if reqs[2].Path != "/nope" || reqs[2].Header.Get("Authorization") != "" {
		t.Fatalf("third: %+v", reqs[2])
	}
	// The copy is detached from the server's record.
	reqs[0].Body[0] = 'X'
	reqs[0].Header.Set("Authorization", "changed")
	if again := s.Requests(); string(again[0].Body) != `{"limit":1}` || again[0].Header.Get("Authorization") == "changed" {
		t.Fatal("Requests() shares memory with the record")
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 {
		t.Fatal("ResetRequests")
	}
	get(t, base, "/engagements.count")
	if len(s.Requests()) != 1 {
		t.Fatal("recording after reset")
	}

	quiet, qbase := start(t, Options{DisableRecording: true, Counts: map[string]int{"engagements": 5}})
	get(t, qbase, "/engagements.count")
	if len(quiet.Requests()) != 0 {
		t.Fatal("DisableRecording recorded")
	}
}
