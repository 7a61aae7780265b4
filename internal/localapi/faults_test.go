package localapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFaultRateLimitedThirdRequest(t *testing.T) {
	s, base := start(t, Options{
		Faults: []Fault{
			{Kind: RateLimited, Path: "/engagements.list", After: 2, Times: 1, RetryAfter: "1", RetryAfterBody: 1},
		},
		Counts: map[string]int{"engagements": 20},
	})
	var statuses []int
	for range 5 {
		r := post(t, base, "/engagements.list", map[string]any{"limit": 1})
		statuses = append(statuses, r.status)
		if r.status == 429 {
			e := decodeErr(t, r, 429, "too_many_requests")
			if e.RetryAfter == nil || *e.RetryAfter != 1 || r.header.Get("Retry-After") != "1" {
				t.Fatalf("429 retry info: body %s header %q", r.body, r.header.Get("Retry-After"))
			}
			if r.header.Get("X-Ratelimit-Remaining") != "0" || r.header.Get("x-request-id") == "" {
				t.Fatalf("429 headers %v", r.header)
			}
		}
		// Other paths are neither counted nor affected.
		if r := post(t, base, "/engagements.count", map[string]any{}); r.status != 200 {
			t.Fatalf("count affected: %d", r.status)
		}
	}
	if !slices.Equal(statuses, []int{200, 200, 429, 200, 200}) {
		t.Fatalf("statuses %v", statuses)
	}
	if n := len(s.Requests()); n != 10 {
		t.Fatalf("recorded %d requests", n)
	}
}

func TestFaultErrorKinds(t *testing.T) {
	// Each fault hits the first request on any path, even unauthenticated
	// ones and unknown routes, then stops.
	t.Run("429 without retry info", func(t *testing.T) {
		_, base := start(t, Options{Faults: []Fault{{Kind: RateLimited, Times: 1}}, Counts: map[string]int{"engagements": 5}})
		r := call(t, http.MethodGet, base+"/engagements.count", "", nil)
		e := decodeErr(t, r, 429, "too_many_requests")
		if e.RetryAfter != nil || r.header.Get("Retry-After") != "" {
			t.Fatalf("unexpected retry info: %s %v", r.body, r.header)
		}
		decodeErr(t, call(t, http.MethodGet, base+"/engagements.count", "", nil), 401, "unauthenticated")
	})
	t.Run("500", func(t *testing.T) {
		_, base := start(t, Options{Faults: []Fault{{Kind: InternalError, Times: 2}}, Counts: map[string]int{"engagements": 5}})
		e1 := decodeErr(t, get(t, base, "/engagements.count"), 500, "internal_error")
		e2 := decodeErr(t, post(t, base, "/engagements.get", map[string]any{"id": "ENGM-1"}), 500, "internal_error")
		if e1.ReferenceID == "" || e1.ReferenceID == e2.ReferenceID {
			t.Fatalf("reference ids %q %q", e1.ReferenceID, e2.ReferenceID)
		}
		if r := get(t, base, "/engagements.count"); r.status != 200 {
			t.Fatalf("third request %d", r.status)
		}
	})
	t.Run("503", func(t *testing.T) {
		date := "Wed, 21 Oct 2015 07:28:00 GMT"
		_, base := start(t, Options{Faults: []Fault{{Kind: Unavailable, Times: 1, RetryAfter: date}}, Counts: map[string]int{"engagements": 5}})
		r := get(t, base, "/engagements.count")
		decodeErr(t, r, 503, "service_unavailable")
		if r.header.Get("Retry-After") != date {
			t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
		}
	})
	t.Run("502 html", func(t *testing.T) {
		_, base := start(t, Options{Faults: []Fault{{Kind: BadGatewayHTML, Path: "/engagements.list"}}, Counts: map[string]int{"engagements": 5}})
		for range 3 {
			r := post(t, base, "/engagements.list", "{}")
			if r.status != 502 || r.header.Get("Content-Type") != "text/html" || !strings.HasPrefix(string(r.body), "<html>") {
				t.Fatalf("502: %d %q %s", r.status, r.header.Get("Content-Type"), r.body)
			}
		}
		if r := get(t, base, "/engagements.count"); r.status != 200 {
			t.Fatalf("count %d", r.status)
		}
	})
	t.Run("first error fault wins", func(t *testing.T) {
		_, base := start(t, Options{Faults: []Fault{{Kind: Unavailable, Times: 1}, {Kind: InternalError, Times: 2}}, Counts: map[string]int{"engagements": 5}})
		decodeErr(t, get(t, base, "/engagements.count"), 503, "service_unavailable")
		decodeErr(t, get(t, base, "/engagements.count"), 500, "internal_error") // the second fault counted both
		if r := get(t, base, "/engagements.count"); r.status != 200 {
			t.Fatalf("status %d", r.status)
		}
	})
}

func TestFaultSlow(t *testing.T) {
	s, base := start(t, Options{Faults: []Fault{{Kind: Slow, Delay: 150 * time.Millisecond, Times: 1}}, Counts: map[string]int{"engagements": 5}})
	t0 := time.Now()
	if r := get(t, base, "/engagements.count"); r.status != 200 || string(r.body) != `{"count":5}` {
		t.Fatalf("slow response %d %s", r.status, r.body)
	}
	if d := time.Since(t0); d < 150*time.Millisecond {
		t.Fatalf("not delayed: %v", d)
	}

	// A cancelled request ends the wait promptly.
	s.SetFaults([]Fault{{Kind: Slow, Delay: time.Minute}})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/engagements.count", nil)
	req.Header.Set("Authorization", testToken)
	_, err := http.DefaultClient.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	// The handler returns too: a direct call with a cancelled context. One
	// that waited out its minute would then answer, which fails below; one
	// that never returned would hang the test until go test -timeout.
	cctx, ccancel := context.WithCancel(context.Background())
	ccancel()
	dreq, _ := http.NewRequestWithContext(cctx, http.MethodGet, "/engagements.count", nil)
	dreq.Header.Set("Authorization", testToken)
	rec := newRecorder()
	done := make(chan struct{})
	go func() { s.ServeHTTP(rec, dreq); close(done) }()
	<-done
	if rec.body.Len() != 0 || rec.status != 0 {
		t.Fatalf("cancelled request was answered: %d %s", rec.status, rec.body.String())
	}
}

func TestFaultShortPages(t *testing.T) {
	s, base := start(t, Options{Faults: []Fault{{Kind: ShortPages, Path: "/engagements.list"}}, Counts: map[string]int{"engagements": 45}})
	want := ids(Items[Engagement](s, "engagements"))
	var got []string
	var cursor string
	pages := 0
	for {
		body := map[string]any{"limit": 10}
		if cursor != "" {
			body["cursor"] = cursor
		}
		lb := decodeList(t, post(t, base, "/engagements.list", body))
		pages++
		if len(lb.Engagements) > 5 || len(lb.Engagements) == 0 {
			t.Fatalf("short page of %d", len(lb.Engagements))
		}
		got = append(got, ids(lb.Engagements)...)
		if lb.NextCursor == nil {
			break
		}
		cursor = *lb.NextCursor
	}
	if !slices.Equal(got, want) || pages != 9 {
		t.Fatalf("short paging: %d items in %d pages", len(got), pages)
	}
	lb := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 1}))
	if len(lb.Engagements) != 1 {
		t.Fatalf("limit 1 short page has %d", len(lb.Engagements))
	}
	lb = decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 9, "mode": "before"}))
	if !slices.Equal(ids(lb.Engagements), want[41:]) {
		t.Fatalf("short before page %v", ids(lb.Engagements))
	}
}

func TestFaultEmptyPages(t *testing.T) {
	// Requests 2 and 3 are empty; following their cursors still covers
	// everything exactly once.
	s, base := start(t, Options{Faults: []Fault{{Kind: EmptyPages, After: 1, Times: 2}}, Counts: map[string]int{"engagements": 25}})
	want := ids(Items[Engagement](s, "engagements"))
	var got []string
	var cursor string
	var sizes []int
	for range 20 {
		body := map[string]any{"limit": 10}
		if cursor != "" {
			body["cursor"] = cursor
		}
		lb := decodeList(t, post(t, base, "/engagements.list", body))
		sizes = append(sizes, len(lb.Engagements))
		got = append(got, ids(lb.Engagements)...)
		if lb.NextCursor == nil {
			break
		}
		cursor = *lb.NextCursor
	}
	if !slices.Equal(got, want) || !slices.Equal(sizes, []int{10, 0, 0, 10, 5}) {
		t.Fatalf("empty-page paging: sizes %v, %d items", sizes, len(got))
	}

	// Times 0: the position never moves, though each cursor string is new
	// (as a scanning API's would be), so only a cap stops a client.
	s.SetFaults([]Fault{{Kind: EmptyPages}})
	a := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10}))
	b := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "cursor": *a.NextCursor}))
	if len(a.Engagements)+len(b.Engagements) != 0 || a.NextCursor == nil || b.NextCursor == nil || *a.NextCursor == *b.NextCursor {
		t.Fatal("EmptyPages with Times 0 should hand out new cursors for the same position")
	}
	pa, _ := s.table("engagements").decodeCursor(*a.NextCursor, defaultSort)
	pb, _ := s.table("engagements").decodeCursor(*b.NextCursor, defaultSort)
	if pa != 0 || pb != 0 {
		t.Fatalf("EmptyPages moved the position: %d, %d", pa, pb)
	}
	// At the end there is nothing to skip: no cursor.
	end := decodeList(t, post(t, base, "/engagements.list", map[string]any{"cursor": s.table("engagements").encodeCursor(defaultSort, 25)}))
	if end.NextCursor != nil || end.PrevCursor == nil {
		t.Fatal("empty page at the end")
	}
	// Mode before: prev_cursor stays put.
	bf := decodeList(t, post(t, base, "/engagements.list", map[string]any{"mode": "before"}))
	if bp, _ := s.table("engagements").decodeCursor(*bf.PrevCursor, defaultSort); len(bf.Engagements) != 0 || bf.PrevCursor == nil || bp != 25 || bf.NextCursor != nil {
		t.Fatalf("before empty page %+v", bf)
	}
}

func TestFaultRepeatingCursor(t *testing.T) {
	s, base := start(t, Options{Faults: []Fault{{Kind: RepeatingCursor, Path: "/engagements.list"}}, Counts: map[string]int{"engagements": 30}})
	all := ids(Items[Engagement](s, "engagements"))
	first := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10}))
	if !slices.Equal(ids(first.Engagements), all[:10]) || first.NextCursor == nil {
		t.Fatal("first page")
	}
	c := *first.NextCursor
	for range 3 {
		lb := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "cursor": c}))
		if !slices.Equal(ids(lb.Engagements), all[10:20]) || lb.NextCursor == nil || *lb.NextCursor != c {
			t.Fatal("cursor should repeat with the same page")
		}
	}
	// Even the last page carries it.
	last := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "cursor": s.table("engagements").encodeCursor(defaultSort, 25)}))
	if len(last.Engagements) != 5 || last.NextCursor == nil {
		t.Fatal("last page without the looping cursor")
	}
	// Mode before loops through prev_cursor.
	bf := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "mode": "before"}))
	bf2 := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "mode": "before", "cursor": *bf.PrevCursor}))
	if *bf2.PrevCursor != *bf.PrevCursor || !slices.Equal(ids(bf2.Engagements), all[10:20]) {
		t.Fatal("before-mode loop")
	}
	// Removing the fault restores normal cursors.
	s.SetFaults(nil)
	lb := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "cursor": c}))
	if lb.NextCursor == nil || *lb.NextCursor == c {
		t.Fatal("fault not removed")
	}
}

func TestSetFaultsConcurrent(t *testing.T) {
	s, base := start(t, Options{Counts: map[string]int{"engagements": 10}})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 10 {
				if i == 0 && j%2 == 0 {
					s.SetFaults([]Fault{{Kind: ShortPages}, {Kind: Slow, Delay: time.Millisecond}})
				} else if i == 0 {
					s.SetFaults(nil)
				}
				r := post(t, base, "/engagements.list", map[string]any{"limit": 4})
				if r.status != 200 {
					t.Errorf("status %d", r.status)
				}
			}
		})
	}
	wg.Wait()
	s.SetFaults(nil)
	if len(decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 4})).Engagements) != 4 {
		t.Fatal("faults still active")
	}
	if FaultKind(99).String() != "FaultKind(99)" || RepeatingCursor.String() != "RepeatingCursor" {
		t.Fatal("FaultKind.String")
	}
}
