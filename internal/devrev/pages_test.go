package devrev

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

func TestListAfterFollowsNextCursor(t *testing.T) {
	f := newFake(t, 1000)
	c, waits := newTestClient(t, f.URL(), nil)

	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(0, 1000); !slices.Equal(got, want) {
		t.Fatalf("engagements differ: %s", firstDiff(got, want))
	}
	if w.Pages != 10 {
		t.Errorf("Pages = %d, want 10", w.Pages)
	}
	if w.NextCursor != nil || w.PrevCursor != nil {
		t.Errorf("cursors = next %s prev %s, want both nil", strOrNil(w.NextCursor), strOrNil(w.PrevCursor))
	}
	want := []string{`{"limit":100}`}
	for pos := 100; pos < 1000; pos += 100 {
		want = append(want, fmt.Sprintf(`{"cursor":"c%d","limit":100}`, pos))
	}
	if got := f.bodies(); !slices.Equal(got, want) {
		t.Errorf("request bodies:\n got %q\nwant %q", got, want)
	}
	for i, r := range f.requests() {
		if r.Method != http.MethodPost || r.Path != "/engagements.list" {
			t.Errorf("request %d: %s %s, want POST /engagements.list", i+1, r.Method, r.Path)
		}
	}
	if len(waits.get()) != 0 {
		t.Errorf("waits = %v, want none", waits.get())
	}
}

func TestListBeforeFollowsPrevCursorAndReassembles(t *testing.T) {
	f := newFake(t, 1000)
	c, _ := newTestClient(t, f.URL(), nil)
	ctx := context.Background()

	// The iterator hands the pages over in the order it read them: newest
	// first, each page itself in sort order.
	var read [][]string
	for p, err := range pages(ctx, c, engagements, ListEngagementsRequest{Paging: Paging{Mode: ModeBefore}}, ListOptions{}, decodeWhileAsking, nil) {
		if err != nil {
			t.Fatalf("page %d: %v", len(read)+1, err)
		}
		read = append(read, displayIDs(p.Items))
	}
	if len(read) != 10 {
		t.Fatalf("got %d pages, want 10", len(read))
	}
	for i, p := range read {
		if want := idRange(900-100*i, 1000-100*i); !slices.Equal(p, want) {
			t.Errorf("page %d: %s", i+1, firstDiff(p, want))
		}
	}
	want := []string{`{"mode":"before","limit":100}`}
	for pos := 900; pos > 0; pos -= 100 {
		want = append(want, fmt.Sprintf(`{"mode":"before","cursor":"c%d","limit":100}`, pos))
	}
	if got := f.bodies(); !slices.Equal(got, want) {
		t.Errorf("request bodies:\n got %q\nwant %q", got, want)
	}

	// ListEngagements puts the window back into sort order.
	w, err := c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Mode: ModeBefore}}, ListOptions{})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(0, 1000); !slices.Equal(got, want) {
		t.Fatalf("window differs: %s", firstDiff(got, want))
	}
	if w.Pages != 10 || w.NextCursor != nil || w.PrevCursor != nil {
		t.Errorf("Pages %d next %s prev %s, want 10 <nil> <nil>", w.Pages, strOrNil(w.NextCursor), strOrNil(w.PrevCursor))
	}
}

func TestListBeforeFromCursorWithLimit(t *testing.T) {
	f := newFake(t, 1000)
	c, _ := newTestClient(t, f.URL(), nil)
	ctx := context.Background()

	w, err := c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Mode: ModeBefore, Cursor: f.cursor("c500")}}, ListOptions{Limit: 250})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(250, 500); !slices.Equal(got, want) {
		t.Fatalf("window differs: %s", firstDiff(got, want))
	}
	// PrevCursor comes from the last page read (the earliest engagements),
	// NextCursor from the first.
	if f.name(w.PrevCursor) != "c250" || f.name(w.NextCursor) != "c500" || w.Pages != 3 {
		t.Fatalf("prev %s next %s pages %d, want c250 c500 3", f.name(w.PrevCursor), f.name(w.NextCursor), w.Pages)
	}
	want := []string{
		`{"mode":"before","cursor":"c500","limit":100}`,
		`{"mode":"before","cursor":"c400","limit":100}`,
		`{"mode":"before","cursor":"c300","limit":50}`,
	}
	if got := f.bodies(); !slices.Equal(got, want) {
		t.Errorf("request bodies:\n got %q\nwant %q", got, want)
	}

	// Going further back from PrevCursor and forward from NextCursor
	// continues exactly where the window ends.
	back, err := c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Mode: ModeBefore, Cursor: *w.PrevCursor}}, ListOptions{Limit: 250})
	if err != nil {
		t.Fatalf("ListEngagements backwards: %v", err)
	}
	if got, want := displayIDs(back.Items), idRange(0, 250); !slices.Equal(got, want) {
		t.Errorf("backwards window differs: %s", firstDiff(got, want))
	}
	if back.PrevCursor != nil || f.name(back.NextCursor) != "c250" {
		t.Errorf("backwards prev %s next %s, want <nil> c250", f.name(back.PrevCursor), f.name(back.NextCursor))
	}
	fwd, err := c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Mode: ModeAfter, Cursor: *w.NextCursor}}, ListOptions{Limit: 10})
	if err != nil {
		t.Fatalf("ListEngagements forwards: %v", err)
	}
	if got, want := displayIDs(fwd.Items), idRange(500, 510); !slices.Equal(got, want) {
		t.Errorf("forward window differs: %s", firstDiff(got, want))
	}
}

func TestListPageSizeAndLimit(t *testing.T) {
	tests := []struct {
		name       string
		mode       string
		pageSize   int
		limit      int
		wantLimits []int
		from, to   int
		next, prev string
	}{
		{name: "limit below a page", limit: 50, wantLimits: []int{50}, from: 0, to: 50, next: "c50", prev: "<nil>"},
		{name: "limit equal to a page", limit: 100, wantLimits: []int{100}, from: 0, to: 100, next: "c100", prev: "<nil>"},
		{name: "limit one over a page", limit: 101, wantLimits: []int{100, 1}, from: 0, to: 101, next: "c101", prev: "<nil>"},
		{name: "limit above a page", limit: 250, wantLimits: []int{100, 100, 50}, from: 0, to: 250, next: "c250", prev: "<nil>"},
		{name: "small pages", pageSize: 30, limit: 100, wantLimits: []int{30, 30, 30, 10}, from: 0, to: 100, next: "c100", prev: "<nil>"},
		{name: "page size equals limit", pageSize: 7, limit: 7, wantLimits: []int{7}, from: 0, to: 7, next: "c7", prev: "<nil>"},
		{name: "limit equals total", limit: 1000, wantLimits: slices.Repeat([]int{100}, 10), from: 0, to: 1000, next: "<nil>", prev: "<nil>"},
		{name: "limit above total", limit: 5000, wantLimits: slices.Repeat([]int{100}, 10), from: 0, to: 1000, next: "<nil>", prev: "<nil>"},
		{name: "page size above the maximum", pageSize: 500, wantLimits: slices.Repeat([]int{100}, 10), from: 0, to: 1000, next: "<nil>", prev: "<nil>"},
		{name: "negative page size", pageSize: -3, limit: 150, wantLimits: []int{100, 50}, from: 0, to: 150, next: "c150", prev: "<nil>"},
		{name: "page size 250 with small limit", pageSize: 250, limit: 30, wantLimits: []int{30}, from: 0, to: 30, next: "c30", prev: "<nil>"},
		{name: "before, limit above a page", mode: ModeBefore, limit: 250, wantLimits: []int{100, 100, 50}, from: 750, to: 1000, next: "<nil>", prev: "c750"},
		{name: "before, small pages", mode: ModeBefore, pageSize: 40, limit: 90, wantLimits: []int{40, 40, 10}, from: 910, to: 1000, next: "<nil>", prev: "c910"},
		{name: "before, limit below a page", mode: ModeBefore, limit: 1, wantLimits: []int{1}, from: 999, to: 1000, next: "<nil>", prev: "c999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 1000)
			c, _ := newTestClient(t, f.URL(), nil)
			w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{Paging: Paging{Mode: tt.mode}},
				ListOptions{PageSize: tt.pageSize, Limit: tt.limit})
			if err != nil {
				t.Fatalf("ListEngagements: %v", err)
			}
			if got := f.limits(); !slices.Equal(got, tt.wantLimits) {
				t.Errorf("limits sent = %v, want %v", got, tt.wantLimits)
			}
			if got, want := displayIDs(w.Items), idRange(tt.from, tt.to); !slices.Equal(got, want) {
				t.Errorf("engagements differ: %s", firstDiff(got, want))
			}
			if f.name(w.NextCursor) != tt.next || f.name(w.PrevCursor) != tt.prev {
				t.Errorf("next %s prev %s, want %s %s", f.name(w.NextCursor), f.name(w.PrevCursor), tt.next, tt.prev)
			}
			if w.Pages != len(tt.wantLimits) {
				t.Errorf("Pages = %d, want %d", w.Pages, len(tt.wantLimits))
			}
		})
	}
}

// Reading in windows of Limit and resuming from the cursor must visit every
// engagement exactly once, in both directions.
func TestListResumeHasNoGapOrOverlap(t *testing.T) {
	f := newFake(t, 1000)
	c, _ := newTestClient(t, f.URL(), nil)
	ctx := context.Background()

	var forward []string
	cursor, windows := "", 0
	for {
		w, err := c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Cursor: cursor}}, ListOptions{PageSize: 60, Limit: 130})
		if err != nil {
			t.Fatalf("window %d: %v", windows+1, err)
		}
		windows++
		forward = append(forward, displayIDs(w.Items)...)
		if w.NextCursor == nil {
			break
		}
		if windows > 20 {
			t.Fatal("no end after 20 windows")
		}
		cursor = *w.NextCursor
	}
	if got, want := forward, idRange(0, 1000); !slices.Equal(got, want) {
		t.Fatalf("forward read differs: %s", firstDiff(got, want))
	}
	if windows != 8 {
		t.Errorf("windows = %d, want 8", windows)
	}
	// 7 windows of 60+60+10, then the last 90 as 60+30.
	wantLimits := slices.Concat(slices.Repeat([]int{60, 60, 10}, 7), []int{60, 60})
	if got := f.limits(); !slices.Equal(got, wantLimits) {
		t.Errorf("limits = %v, want %v", got, wantLimits)
	}

	var backward []string
	cursor, windows = "", 0
	for {
		w, err := c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Mode: ModeBefore, Cursor: cursor}}, ListOptions{Limit: 130})
		if err != nil {
			t.Fatalf("backward window %d: %v", windows+1, err)
		}
		windows++
		backward = append(displayIDs(w.Items), backward...)
		if w.PrevCursor == nil {
			break
		}
		if windows > 20 {
			t.Fatal("no end after 20 windows")
		}
		cursor = *w.PrevCursor
	}
	if got, want := backward, idRange(0, 1000); !slices.Equal(got, want) {
		t.Fatalf("backward read differs: %s", firstDiff(got, want))
	}
	if windows != 8 {
		t.Errorf("backward windows = %d, want 8", windows)
	}
}

func TestShortPagesAreNotTheEnd(t *testing.T) {
	f := newFake(t, 1000)
	f.faults(localapi.Fault{Kind: localapi.ShortPages}) // at most half the limit (at least 1)
	c, _ := newTestClient(t, f.URL(), nil)

	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(0, 1000); !slices.Equal(got, want) {
		t.Fatalf("engagements differ: %s", firstDiff(got, want))
	}
	if w.Pages != 20 || f.count() != 20 {
		t.Errorf("pages %d requests %d, want 20 20", w.Pages, f.count())
	}

	// With a limit, each request asks only for what is still missing.
	f2 := newFake(t, 1000)
	f2.faults(localapi.Fault{Kind: localapi.ShortPages})
	c2, _ := newTestClient(t, f2.URL(), nil)
	w, err = c2.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{Limit: 120})
	if err != nil {
		t.Fatalf("ListEngagements with limit: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(0, 120); !slices.Equal(got, want) {
		t.Fatalf("engagements differ: %s", firstDiff(got, want))
	}
	if got, want := f2.limits(), []int{100, 70, 35, 18, 9, 5, 3, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("limits = %v, want %v", got, want)
	}
	if f2.name(w.NextCursor) != "c120" {
		t.Errorf("NextCursor = %s, want c120", f2.name(w.NextCursor))
	}
}

func TestEmptyPagesWithCursorAreNotTheEnd(t *testing.T) {
	for _, mode := range []string{ModeAfter, ModeBefore} {
		t.Run(mode, func(t *testing.T) {
			f := newFake(t, 250)
			// Requests 2 and 4 get an empty page with a fresh cursor.
			f.faults(localapi.Fault{Kind: localapi.EmptyPages, After: 1, Times: 1}, localapi.Fault{Kind: localapi.EmptyPages, After: 3, Times: 1})
			c, _ := newTestClient(t, f.URL(), nil)
			var sizes []int
			var all []string
			for p, err := range pages(context.Background(), c, engagements, ListEngagementsRequest{Paging: Paging{Mode: mode}}, ListOptions{}, decodeWhileAsking, nil) {
				if err != nil {
					t.Fatalf("page %d: %v", len(sizes)+1, err)
				}
				sizes = append(sizes, len(p.Items))
				all = append(all, displayIDs(p.Items)...)
				if len(sizes) > 20 {
					t.Fatal("no end after 20 pages")
				}
			}
			if want := []int{100, 0, 100, 0, 50}; !slices.Equal(sizes, want) {
				t.Errorf("page sizes = %v, want %v", sizes, want)
			}
			if len(all) != 250 {
				t.Errorf("read %d engagements, want 250", len(all))
			}
			// The cursor after an empty page is new (it names no position
			// the read has seen) and the read goes on from where it was.
			first, second := "c100", "c200"
			if mode == ModeBefore {
				first, second = "c150", "c50"
			}
			got := f.bodies()
			fresh := func(b string) bool {
				var v struct{ Cursor string }
				_ = json.Unmarshal([]byte(b), &v)
				return v.Cursor != "" && !strings.HasPrefix(v.Cursor, "c")
			}
			if len(got) != 5 || got[0] != `{"mode":"`+mode+`","limit":100}` ||
				got[1] != `{"mode":"`+mode+`","cursor":"`+first+`","limit":100}` ||
				got[3] != `{"mode":"`+mode+`","cursor":"`+second+`","limit":100}` ||
				!fresh(got[2]) || !fresh(got[4]) || got[2] == got[4] {
				t.Errorf("request bodies:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}

func TestListOfNothing(t *testing.T) {
	f := newFake(t, 0)
	c, _ := newTestClient(t, f.URL(), nil)
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{Limit: 10})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if w.Items == nil || len(w.Items) != 0 || w.Pages != 1 || w.NextCursor != nil || w.PrevCursor != nil {
		t.Errorf("window = %+v, want one empty page without cursors", w)
	}
	if got := f.bodies(); !slices.Equal(got, []string{`{"limit":10}`}) {
		t.Errorf("bodies = %q", got)
	}
}

func TestRequestBodyIsExact(t *testing.T) {
	tests := []struct {
		name string
		req  ListEngagementsRequest
		want string
	}{
		{name: "empty", req: ListEngagementsRequest{}, want: `{"limit":100}`},
		{name: "nil filters and empty sort omitted", req: ListEngagementsRequest{
			EngagementFilter: EngagementFilter{Type: nil, ExternalRef: nil, Members: nil, Parent: nil},
			Paging:           Paging{SortBy: []string{}},
		}, want: `{"limit":100}`},
		{name: "mode after", req: ListEngagementsRequest{Paging: Paging{Mode: ModeAfter}}, want: `{"mode":"after","limit":100}`},
		{name: "everything", req: ListEngagementsRequest{
			EngagementFilter: EngagementFilter{
				Type:        []string{"meeting", "call"},
				ExternalRef: []string{"ext-1", `quote"d`},
				Members:     []string{"DEVU-1"},
				Parent:      []string{"ACC-12345", "ACC-2"},
			},
			Paging: Paging{
				SortBy: []string{"created_date:desc", "modified_date:asc"},
				Mode:   ModeAfter,
				Cursor: "CURSOR", // a cursor of this sort order, filled in below
			},
		}, want: `{"type":["meeting","call"],"external_ref":["ext-1","quote\"d"],"members":["DEVU-1"],"parent":["ACC-12345","ACC-2"],` +
			`"sort_by":["created_date:desc","modified_date:asc"],"mode":"after","cursor":"CURSOR","limit":100}`},
		{name: "one filter", req: ListEngagementsRequest{EngagementFilter: EngagementFilter{Parent: []string{"ACC-1"}}, Paging: Paging{Mode: ModeBefore}},
			want: `{"parent":["ACC-1"],"mode":"before","limit":100}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 20)
			c, _ := newTestClient(t, f.URL(), nil)
			if tt.req.Cursor == "CURSOR" {
				tt.req.Cursor = f.api.Cursor("/engagements.list", 10, tt.req.SortBy...)
				tt.want = strings.Replace(tt.want, "CURSOR", tt.req.Cursor, 1)
			}
			if _, err := c.ListEngagements(context.Background(), tt.req, ListOptions{}); err != nil {
				t.Fatalf("ListEngagements: %v", err)
			}
			if got := f.bodies(); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("bodies = %q, want [%q]", got, tt.want)
			}
			checkBodyFields(t, f.api, "/engagements.list", "engagements-list-request")
		})
	}
}

func TestCursorLoopStops(t *testing.T) {
	repeat := localapi.Fault{Kind: localapi.RepeatingCursor} // every response hands its request's cursor back
	// pingPong answers with next cursors p10, p20, p10, ...
	pingPong := func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) bool {
		writeJSON(w, http.StatusOK, map[string]any{"engagements": []any{fakeEngagement(n)}, "next_cursor": []string{"p20", "p10"}[n%2]})
		return true
	}
	tests := []struct {
		name      string
		cursor    string
		intercept func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool
		wantLoop  string
		wantPage  int
		wantCalls int
	}{
		// The first page points past itself, and so does the second.
		{name: "same cursor again", wantLoop: "c100", wantPage: 2, wantCalls: 2},
		{name: "ping-pong", intercept: pingPong, wantLoop: "p10", wantPage: 3, wantCalls: 3},
		{name: "starting cursor handed back", cursor: "c5", wantLoop: "c5", wantPage: 1, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 1000)
			f.faults(repeat)
			f.intercept = tt.intercept
			c, _ := newTestClient(t, f.URL(), nil)
			req := ListEngagementsRequest{}
			if tt.cursor != "" {
				req.Cursor = f.cursor(tt.cursor)
			}
			_, err := c.ListEngagements(context.Background(), req, ListOptions{})
			var loop *CursorLoopError
			if !errors.As(err, &loop) {
				t.Fatalf("err = %v, want *CursorLoopError", err)
			}
			if f.name(&loop.Cursor) != tt.wantLoop || loop.Page != tt.wantPage {
				t.Errorf("loop = %s on page %d, want cursor %s page %d", f.name(&loop.Cursor), loop.Page, tt.wantLoop, tt.wantPage)
			}
			if f.count() != tt.wantCalls {
				t.Errorf("requests = %d, want %d", f.count(), tt.wantCalls)
			}
			wantMsg := fmt.Sprintf("on page %d, which this read already followed: the API is repeating itself", tt.wantPage)
			if !strings.HasPrefix(err.Error(), "DevRev returned cursor ") || !strings.Contains(err.Error(), wantMsg) {
				t.Errorf("message %q does not say %q", err.Error(), wantMsg)
			}
		})
	}

	// The iterator yields the good pages, then the error once, and stops.
	f := newFake(t, 1000)
	f.faults(repeat)
	c, _ := newTestClient(t, f.URL(), nil)
	var npages, errs, iterations int
	for p, err := range pages(context.Background(), c, engagements, ListEngagementsRequest{}, ListOptions{}, decodeWhileAsking, nil) {
		iterations++
		if iterations > 10 {
			t.Fatal("the iterator keeps going round")
		}
		if err != nil {
			errs++
			if p != nil {
				t.Errorf("page %v yielded with the error", p)
			}
			continue // a careless consumer: the iterator must still stop
		}
		npages++
	}
	if npages != 2 || errs != 1 || f.count() != 2 {
		t.Errorf("pages %d errors %d requests %d, want 2 1 2", npages, errs, f.count())
	}
}

func TestCursorLoopErrorShortensLongCursors(t *testing.T) {
	long := strings.Repeat("x", 100)
	msg := (&CursorLoopError{Cursor: long, Page: 7}).Error()
	if !strings.Contains(msg, `"`+strings.Repeat("x", 40)+`…"`) || strings.Contains(msg, strings.Repeat("x", 41)) {
		t.Errorf("message %q should quote the first 40 characters of the cursor", msg)
	}
	if !strings.Contains(msg, "page 7") {
		t.Errorf("message %q does not name the page", msg)
	}
}

// A reader that stops early stops the requests: one at a time, none is
// sent past the page it stopped at; decoding while asking, the one already
// asked for when it got that page.
func TestEngagementPagesStopsWhenConsumerBreaks(t *testing.T) {
	for _, ahead := range []readAhead{oneAtATime, decodeWhileAsking} {
		for _, stopAfter := range []int{1, 2, 5} {
			t.Run(fmt.Sprint(ahead, stopAfter), func(t *testing.T) {
				f := newFake(t, 1000)
				c, _ := newTestClient(t, f.URL(), nil)
				seen := 0
				for p, err := range pages(context.Background(), c, engagements, ListEngagementsRequest{}, ListOptions{PageSize: 50}, ahead, nil) {
					if err != nil {
						t.Fatalf("page %d: %v", seen+1, err)
					}
					if want := idRange(50*seen, 50*seen+50); !slices.Equal(displayIDs(p.Items), want) {
						t.Errorf("page %d differs", seen+1)
					}
					seen++
					if seen == stopAfter {
						break
					}
				}
				want := stopAfter
				if ahead == decodeWhileAsking {
					want++
				}
				if f.count() != want {
					t.Errorf("server saw %d requests after the consumer stopped at page %d, want %d", f.count(), stopAfter, want)
				}
			})
		}
	}
}

// Ranging twice over one iterator reads the same sequence twice, from the
// request's own cursor each time.
func TestEngagementPagesIsReusable(t *testing.T) {
	f := newFake(t, 250)
	c, _ := newTestClient(t, f.URL(), nil)
	seq := pages(context.Background(), c, engagements, ListEngagementsRequest{Paging: Paging{Cursor: f.cursor("c20")}}, ListOptions{Limit: 150}, decodeWhileAsking, nil)
	for round := 1; round <= 2; round++ {
		var got []string
		for p, err := range seq {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			got = append(got, displayIDs(p.Items)...)
		}
		if want := idRange(20, 170); !slices.Equal(got, want) {
			t.Errorf("round %d: %s", round, firstDiff(got, want))
		}
	}
	round := []string{`{"cursor":"c20","limit":100}`, `{"cursor":"c120","limit":50}`}
	if got, want := f.bodies(), slices.Concat(round, round); !slices.Equal(got, want) {
		t.Errorf("bodies:\n got %q\nwant %q", got, want)
	}
}

func TestPagingErrorMidway(t *testing.T) {
	f := newFake(t, 1000)
	f.intercept = func(w http.ResponseWriter, r *http.Request, n int, _ []byte) bool {
		if n != 3 {
			return false
		}
		w.Header().Set("X-Request-Id", "req-page3")
		writeJSON(w, http.StatusBadRequest, map[string]any{"type": "bad_request", "message": "cursor expired"})
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)

	var npages int
	var lastErr error
	for p, err := range pages(context.Background(), c, engagements, ListEngagementsRequest{}, ListOptions{}, decodeWhileAsking, nil) {
		if err != nil {
			lastErr = err
			continue
		}
		if len(p.Items) != 100 {
			t.Errorf("page %d has %d engagements", npages+1, len(p.Items))
		}
		npages++
	}
	if npages != 2 || f.count() != 3 {
		t.Fatalf("pages %d requests %d, want 2 3", npages, f.count())
	}
	want := "reading page 3 of engagements: DevRev answered POST /engagements.list with HTTP 400 Bad Request (bad_request): cursor expired; x-request-id req-page3"
	if lastErr == nil || lastErr.Error() != want {
		t.Errorf("error = %v\nwant %s", lastErr, want)
	}
	var apiErr *APIError
	if !errors.As(lastErr, &apiErr) || apiErr.StatusCode != 400 || apiErr.Attempts != 1 {
		t.Errorf("error %v is not a 400 *APIError with one attempt", lastErr)
	}

	// ListEngagements reports it and returns no partial window.
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil || w == nil || len(w.Items) != 1000 {
		t.Fatalf("second read (no failure injected any more): %v", err)
	}
}

// A page whose head reads well but whose items do not decode ends the read
// with its own error, whichever way the pages are read: nothing after it is
// yielded, and an error of the request already sent for the next page (here
// for a cursor the server does not know) is not what the reader is told.
func TestReadStopsAtAPageThatDoesNotDecode(t *testing.T) {
	for _, ahead := range []readAhead{oneAtATime, decodeWhileAsking} {
		t.Run(fmt.Sprint(ahead), func(t *testing.T) {
			f := newFake(t, 1000)
			f.intercept = func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) bool {
				if n != 2 {
					return false
				}
				writeJSON(w, http.StatusOK, map[string]any{
					"engagements": []any{map[string]any{"id": "e1"}, map[string]any{"id": "e2", "title": 5}},
					"next_cursor": "not-a-cursor",
				})
				return true
			}
			c, _ := newTestClient(t, f.URL(), nil)
			var npages int
			var errs []error
			for p, err := range pages(context.Background(), c, engagements, ListEngagementsRequest{}, ListOptions{}, ahead, nil) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if len(p.Items) != 100 {
					t.Errorf("page %d has %d engagements", npages+1, len(p.Items))
				}
				npages++
			}
			if npages != 1 || len(errs) != 1 {
				t.Fatalf("pages %d, errors %v; want 1 page, then one error", npages, errs)
			}
			for _, want := range []string{"reading page 2 of engagements", `id "e2"`, `"title"`} {
				if !strings.Contains(errs[0].Error(), want) {
					t.Errorf("error %q does not say %s", errs[0], want)
				}
			}
			maxRequests := 2
			if ahead == decodeWhileAsking {
				maxRequests = 3
			}
			if f.count() > maxRequests {
				t.Errorf("%d requests, want at most %d", f.count(), maxRequests)
			}
		})
	}
}

// A page that fails to decode ends the read at once: the request already
// sent for the next page is cancelled, not waited for through its
// Retry-After and retries (three retries of 20 s each, here).
func TestDecodeErrorCancelsTheNextRequest(t *testing.T) {
	var second atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		if !strings.Contains(string(body), `"cursor"`) {
			// A well-formed head (so the next page is asked for while
			// this one decodes), an item that does not decode.
			_, _ = io.WriteString(w, `{"engagements":[{"id":5}],"next_cursor":"c1"}`)
			return
		}
		second.Add(1)
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL, func(o *Options) {
		o.MaxRetries = ptr(3)
		o.MaxRetryWait = time.Minute
		o.Wait = nil // the waits as the server asks: the old read sat through all three
	})
	var errs []error
	for _, err := range pages(context.Background(), c, engagements, ListEngagementsRequest{}, ListOptions{}, decodeWhileAsking, nil) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || errs[0] == nil || !strings.Contains(errs[0].Error(), "reading page 1 of engagements") {
		t.Fatalf("yielded %v; want page 1's decoding error alone", errs)
	}
	if n := second.Load(); n > 1 {
		t.Errorf("the next page was asked for %d times; want at most once, cancelled when page 1 failed", n)
	}
}

// A server that hands out one item per page, each with a fresh cursor, is
// followed for MaxShortPages short pages, not for a request per item up to
// MaxReadItems; full pages of one item, asked for with page_size 1, are
// not short.
func TestShortPagesBound(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"engagements":[{"id":"don:core:dvrv-us-1:devo/0:engagement/%d"}],"next_cursor":"c%d"}`, n, n)
	}))
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL, nil)

	_, err := engagements.chain(context.Background(), c, ListEngagementsRequest{}, ListOptions{})
	var short *ShortPagesError
	if !errors.As(err, &short) || short.Summary() != "short pages" ||
		!strings.Contains(err.Error(), fmt.Sprintf("DevRev returned %d pages of engagements that each held fewer than half of the 100 asked for", MaxShortPages+1)) {
		t.Fatalf("err = %v; want a *ShortPagesError", err)
	}
	if n := requests.Load(); n != MaxShortPages+1 {
		t.Errorf("%d requests; want %d", n, MaxShortPages+1)
	}

	requests.Store(0)
	w, err := engagements.chain(context.Background(), c, ListEngagementsRequest{}, ListOptions{PageSize: 1, Limit: 3 * MaxShortPages})
	if err != nil || len(w.Items) != 3*MaxShortPages {
		t.Fatalf("full pages of one: %v", err)
	}
}
