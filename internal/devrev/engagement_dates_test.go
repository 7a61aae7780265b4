package devrev

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// engagementsListFields are the properties of the spec's
// `engagements-list-request`: a request body holds no other.
var engagementsListFields = []string{"cursor", "external_ref", "limit", "members", "mode", "parent", "sort_by", "type"}

// at parses a local API date; the tests decide what is in a range with
// time.Parse, not with the client's own check.
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return v
}

// readAllEngagements reads every engagement in sortBy's order, without a
// range.
func readAllEngagements(t *testing.T, c *Client, sortBy []string) []Engagement {
	t.Helper()
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{Paging: Paging{SortBy: sortBy}}, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return w.Items
}

// firstDifference says where two lists of ids part.
func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("item %d is %s, want %s", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("one list ends after %d items", min(len(got), len(want)))
}

func engagementIDs(es []Engagement) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = *e.ID
	}
	return out
}

// listRequests are the bodies of the engagements.list requests the server
// saw, and how many engagements.count requests it saw.
func listRequests(t *testing.T, api *localapi.Server) (bodies []map[string]any, counts int) {
	t.Helper()
	for _, r := range api.Requests() {
		switch r.Path {
		case "/engagements.count":
			counts++
		case "/engagements.list":
			var b map[string]any
			if err := json.Unmarshal(r.Body, &b); err != nil {
				t.Fatalf("request body %q: %v", r.Body, err)
			}
			bodies = append(bodies, b)
		default:
			t.Errorf("unexpected request to %s", r.Path)
		}
	}
	return bodies, counts
}

// A date range on engagements, which DevRev's engagements.list does not
// have, is exact: the read asks for the list sorted by the date, keeps the
// engagements in the range, and stops at the first page that passes it. Its
// requests carry the sort and nothing for the range, and it is never read in
// partitions (the parts would be read whole); the count counts by listing
// the same way.
func TestEngagementDateRanges(t *testing.T) {
	const pageSize = 10 // 600 engagements: large enough to be partitioned without a range
	// Each case reads from a server of its own (the same data), within the
	// request quota the local API's headers announce.
	opts := localapi.Options{Seed: 5, Counts: map[string]int{"engagements": 600}}
	_, c := startLocalAPI(t, opts)
	created := readAllEngagements(t, c, []string{"created_date:desc"})
	modified := readAllEngagements(t, c, []string{"modified_date:desc"})
	// Bounds are the dates of engagements a third and two thirds down the
	// list, newest first.
	createdAfter, createdBefore := *created[len(created)/3].CreatedDate, *created[len(created)/6].CreatedDate
	modifiedAfter := *modified[len(modified)/2].ModifiedDate

	dates := func(e *Engagement) map[string]string {
		return map[string]string{"created_date": *e.CreatedDate, "modified_date": *e.ModifiedDate}
	}
	for _, tt := range []struct {
		name      string
		filter    EngagementFilter
		sortBy    []string // the user's
		mode      string
		wantSort  []string // what the requests carry
		cutoffKey string   // the date the read stops at; "" reads everything
		cutoff    func(d time.Time, bound string) bool
		bound     string
	}{
		{name: "created after", filter: EngagementFilter{CreatedDate: &DateTimeFilter{After: createdAfter}},
			wantSort: []string{"created_date:desc"}, cutoffKey: "created_date", bound: createdAfter},
		{name: "created before", filter: EngagementFilter{CreatedDate: &DateTimeFilter{Before: createdBefore}},
			wantSort: []string{"created_date:asc"}, cutoffKey: "created_date", bound: createdBefore},
		{name: "created between", filter: EngagementFilter{CreatedDate: &DateTimeFilter{After: createdAfter, Before: createdBefore}},
			wantSort: []string{"created_date:desc"}, cutoffKey: "created_date", bound: createdAfter},
		{name: "modified after", filter: EngagementFilter{ModifiedDate: &DateTimeFilter{After: modifiedAfter}},
			wantSort: []string{"modified_date:desc"}, cutoffKey: "modified_date", bound: modifiedAfter},
		{name: "both, with a type", filter: EngagementFilter{Type: []string{"call", "email", "meeting"},
			CreatedDate: &DateTimeFilter{After: createdAfter}, ModifiedDate: &DateTimeFilter{After: modifiedAfter}},
			wantSort: []string{"created_date:desc"}, cutoffKey: "created_date", bound: createdAfter},
		{name: "created after, read from the end", filter: EngagementFilter{CreatedDate: &DateTimeFilter{After: createdAfter}},
			mode: ModeBefore, wantSort: []string{"created_date:asc"}, cutoffKey: "created_date", bound: createdAfter},
		{name: "created before, read from the end", filter: EngagementFilter{CreatedDate: &DateTimeFilter{Before: createdBefore}},
			mode: ModeBefore, wantSort: []string{"created_date:desc"}, cutoffKey: "created_date", bound: createdBefore},
		{name: "sorted by the date, towards no bound", filter: EngagementFilter{CreatedDate: &DateTimeFilter{After: createdAfter}},
			sortBy: []string{"created_date:asc"}, wantSort: []string{"created_date:asc"}},
		{name: "sorted by the other date", filter: EngagementFilter{CreatedDate: &DateTimeFilter{After: createdAfter}},
			sortBy: []string{"modified_date:desc", "created_date"}, wantSort: []string{"modified_date:desc", "created_date"}},
		{name: "sorted by the ranged date of two", filter: EngagementFilter{CreatedDate: &DateTimeFilter{Before: createdBefore},
			ModifiedDate: &DateTimeFilter{After: modifiedAfter}},
			sortBy: []string{"modified_date:desc"}, wantSort: []string{"modified_date:desc"}, cutoffKey: "modified_date", bound: modifiedAfter},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api, c := startLocalAPI(t, opts)
			// What the read must return: every engagement, in the order
			// the requests ask for, filtered here.
			all := readAllEngagements(t, c, tt.wantSort)
			in := func(e *Engagement) bool {
				for name, r := range map[string]*DateTimeFilter{"created_date": tt.filter.CreatedDate, "modified_date": tt.filter.ModifiedDate} {
					if r == nil {
						continue
					}
					d := at(t, dates(e)[name])
					if r.After != "" && d.Before(at(t, r.After)) || r.Before != "" && d.After(at(t, r.Before)) {
						return false
					}
				}
				return tt.filter.Type == nil || slices.Contains(tt.filter.Type, *e.EngagementType)
			}
			var want []Engagement
			for i := range all {
				if in(&all[i]) {
					want = append(want, all[i])
				}
			}
			if len(want) == 0 || len(want) == len(all) {
				t.Fatalf("%d of %d engagements in range; the test needs some and not all", len(want), len(all))
			}
			// The requests: the pages of the list with the filters but the
			// range, up to the one holding the first engagement past the
			// bound the sort moves towards.
			api.ResetRequests()
			unranged := tt.filter
			unranged.CreatedDate, unranged.ModifiedDate = nil, nil
			whole, err := listWindow(context.Background(), c, engagements,
				ListEngagementsRequest{EngagementFilter: unranged, Paging: Paging{SortBy: tt.wantSort, Mode: tt.mode}}, ListOptions{PageSize: pageSize})
			if err != nil {
				t.Fatal(err)
			}
			wantPages := whole.Pages
			if tt.cutoffKey != "" {
				bound := at(t, tt.bound)
				// Reading from the end goes against the sort, from the last
				// page of the whole read.
				towardsOlder := strings.HasSuffix(tt.wantSort[0], ":desc") != (tt.mode == ModeBefore)
				for k := range whole.Items {
					i := k
					if tt.mode == ModeBefore {
						i = len(whole.Items) - 1 - k
					}
					d := at(t, dates(&whole.Items[i])[tt.cutoffKey])
					if d.Truncate(time.Second).Equal(bound.Truncate(time.Second)) && !d.Equal(bound) {
						t.Fatalf("engagement %s is in the bound's second but not at it; the test needs a clear cutoff", *whole.Items[i].ID)
					}
					if towardsOlder && d.Before(bound) || !towardsOlder && d.After(bound) {
						wantPages = k/pageSize + 1
						break
					}
				}
				if wantPages == whole.Pages {
					t.Fatalf("the cutoff is on the last page (%d); the test needs it earlier", wantPages)
				}
			}

			api.ResetRequests()
			w, err := c.ListEngagements(context.Background(),
				ListEngagementsRequest{EngagementFilter: tt.filter, Paging: Paging{SortBy: tt.sortBy, Mode: tt.mode}}, ListOptions{PageSize: pageSize})
			if err != nil {
				t.Fatal(err)
			}
			if got, wantIDs := engagementIDs(w.Items), engagementIDs(want); !slices.Equal(got, wantIDs) {
				t.Errorf("read %d engagements, want the %d in range in order; %s", len(got), len(wantIDs), firstDifference(got, wantIDs))
			}
			if w.NextCursor != nil || w.PrevCursor != nil {
				t.Errorf("a whole read ends with next_cursor %v, prev_cursor %v", w.NextCursor, w.PrevCursor)
			}
			checkRangedRequests(t, api, tt.wantSort, wantPages)

			if tt.sortBy != nil || tt.mode != "" {
				return // a count has no sort_by or mode: it reads as a range without them does
			}
			api.ResetRequests()
			n, err := c.CountEngagements(context.Background(), tt.filter)
			if err != nil || n != int64(len(want)) {
				t.Errorf("CountEngagements: %d (%v), want %d, the list's length", n, err, len(want))
			}
			// The count reads in pages of 100: up to the cutoff in those.
			checkRangedRequests(t, api, tt.wantSort, -1)
		})
	}
}

// checkRangedRequests checks the requests of a read with a date range:
// wantPages engagements.list requests (any number when -1), each with the
// sort and only the spec's fields, and no engagements.count (no partitions).
func checkRangedRequests(t *testing.T, api *localapi.Server, wantSort []string, wantPages int) {
	t.Helper()
	bodies, counts := listRequests(t, api)
	if counts != 0 {
		t.Errorf("%d engagements.count requests: a ranged read is one chain", counts)
	}
	if wantPages >= 0 && len(bodies) != wantPages {
		t.Errorf("%d engagements.list requests, want %d: the pages up to the cutoff", len(bodies), wantPages)
	}
	for i, b := range bodies {
		for k := range b {
			if !slices.Contains(engagementsListFields, k) {
				t.Errorf("request %d sends %q, which engagements-list-request does not have: %v", i+1, k, b)
			}
		}
		var sortBy []string
		for _, s := range b["sort_by"].([]any) {
			sortBy = append(sortBy, s.(string))
		}
		if !slices.Equal(sortBy, wantSort) {
			t.Errorf("request %d sorts by %v, want %v", i+1, sortBy, wantSort)
		}
	}
}

// readWindows reads a list in windows of at most limit, each from the one
// before's next_cursor, until a window has none; it checks that each
// window but the last holds exactly limit items and that no request asked
// for more than limit, and returns the ids in order.
func readWindows[T any](t *testing.T, api *localapi.Server, limit int, id func(*T) string,
	read func(cursor string) (*Window[T], error)) []string {
	t.Helper()
	var ids []string
	cursor := ""
	for n := 1; ; n++ {
		api.ResetRequests()
		w, err := read(cursor)
		if err != nil {
			t.Fatalf("window %d: %v", n, err)
		}
		for _, r := range api.Requests() {
			var b struct{ Limit int }
			if err := json.Unmarshal(r.Body, &b); err != nil || b.Limit < 1 || b.Limit > limit {
				t.Errorf("window %d asked for %d items (%v); limit is %d", n, b.Limit, err, limit)
			}
		}
		for i := range w.Items {
			ids = append(ids, id(&w.Items[i]))
		}
		if w.NextCursor == nil {
			return ids
		}
		if len(w.Items) != limit {
			t.Fatalf("window %d holds %d items and a next_cursor, want limit = %d", n, len(w.Items), limit)
		}
		cursor = *w.NextCursor
	}
}

// With a date range the provider checks itself, limit counts the objects
// in the range: a window holds limit of them, not limit read, and the next
// window from its cursor continues with none lost or repeated. Works and
// meetings from a server that ignores their date filters, engagements
// (which have none) sorted by the date.
func TestLimitCountsObjectsInTheRange(t *testing.T) {
	const limit = 15
	ctx := context.Background()
	inRange := func(t *testing.T, date string, r *DateTimeFilter) bool {
		d := at(t, date)
		return !d.Before(at(t, r.After)) && !d.After(at(t, r.Before))
	}
	// band is a range from the date of the item a third of the way down
	// dates to the one at three fifths: some before it, some after.
	band := func(dates []string) *DateTimeFilter {
		sorted := slices.SortedFunc(slices.Values(dates), func(a, b string) int { return at(t, a).Compare(at(t, b)) })
		return &DateTimeFilter{After: sorted[len(sorted)/3], Before: sorted[len(sorted)*3/5]}
	}
	check := func(t *testing.T, got, all []string, in func(i int) bool) {
		t.Helper()
		var want []string
		for i, id := range all {
			if in(i) {
				want = append(want, id)
			}
		}
		if len(want) <= 2*limit {
			t.Fatalf("%d in range; the test needs several windows", len(want))
		}
		if !slices.Equal(got, want) {
			t.Errorf("the windows hold %d items, want the %d in range in order; %s", len(got), len(want), firstDifference(got, want))
		}
	}

	t.Run("works", func(t *testing.T) {
		api, c := startLocalAPI(t, localapi.Options{Seed: 7, Counts: map[string]int{"works": 400}, IgnoreDateFilters: []string{"works"}})
		all, err := c.ListWorks(ctx, ListWorksRequest{}, ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var dates, ids []string
		for _, w := range all.Items {
			dates, ids = append(dates, *w.CreatedDate), append(ids, *w.ID)
		}
		r := band(dates)
		got := readWindows(t, api, limit, func(w *Work) string { return *w.ID }, func(cursor string) (*Window[Work], error) {
			return c.ListWorks(ctx, ListWorksRequest{WorkFilter: WorkFilter{CreatedDate: Range(r)}, Paging: Paging{Cursor: cursor}}, ListOptions{Limit: limit})
		})
		check(t, got, ids, func(i int) bool { return inRange(t, dates[i], r) })
	})
	t.Run("meetings", func(t *testing.T) {
		api, c := startLocalAPI(t, localapi.Options{Seed: 7, Counts: map[string]int{"engagements": 2000}, IgnoreDateFilters: []string{"meetings"}})
		all, err := c.ListMeetings(ctx, ListMeetingsRequest{}, ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var dates, ids []string
		for _, m := range all.Items {
			dates, ids = append(dates, *m.CreatedDate), append(ids, *m.ID)
		}
		r := band(dates)
		got := readWindows(t, api, limit, func(m *Meeting) string { return *m.ID }, func(cursor string) (*Window[Meeting], error) {
			return c.ListMeetings(ctx, ListMeetingsRequest{MeetingFilter: MeetingFilter{CreatedDate: Range(r)}, Paging: Paging{Cursor: cursor}}, ListOptions{Limit: limit})
		})
		check(t, got, ids, func(i int) bool { return inRange(t, dates[i], r) })
	})
	t.Run("engagements", func(t *testing.T) {
		api, c := startLocalAPI(t, localapi.Options{Seed: 7, Counts: map[string]int{"engagements": 400}})
		all := readAllEngagements(t, c, []string{"created_date:desc"})
		var dates []string
		for _, e := range all {
			dates = append(dates, *e.CreatedDate)
		}
		r := band(dates)
		got := readWindows(t, api, limit, func(e *Engagement) string { return *e.ID }, func(cursor string) (*Window[Engagement], error) {
			return c.ListEngagements(ctx, ListEngagementsRequest{EngagementFilter: EngagementFilter{CreatedDate: r}, Paging: Paging{Cursor: cursor}}, ListOptions{Limit: limit})
		})
		check(t, got, engagementIDs(all), func(i int) bool { return inRange(t, dates[i], r) })
	})
}

// A read that stops at the first engagement past the range is exact only
// if DevRev sorts as asked: an engagement out of that order, on the same
// page or the next, fails the read rather than let the cutoff drop
// engagements in the range.
func TestEngagementDateRangeRefusesAListOutOfOrder(t *testing.T) {
	eng := func(id int, created string) map[string]any {
		e := fakeEngagement(id)
		e["created_date"] = created
		return e
	}
	for _, tt := range []struct {
		name  string
		pages [][]map[string]any
	}{
		{"on one page", [][]map[string]any{{eng(1, "2024-05-01T10:00:05Z"), eng(2, "2024-05-01T10:00:09Z")}}},
		{"across pages", [][]map[string]any{
			{eng(1, "2024-05-01T10:00:09Z"), eng(2, "2024-05-01T10:00:05Z")},
			{eng(3, "2024-05-01T10:00:07Z"), eng(4, "2024-05-01T10:00:01Z")},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 0)
			f.intercept = func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool {
				resp := map[string]any{"engagements": tt.pages[n-1]}
				if n < len(tt.pages) {
					resp["next_cursor"] = fmt.Sprintf("page-%d", n+1)
				}
				writeJSON(w, http.StatusOK, resp)
				return true
			}
			c, _ := newTestClient(t, f.URL(), nil)
			_, err := c.ListEngagements(context.Background(),
				ListEngagementsRequest{EngagementFilter: EngagementFilter{CreatedDate: &DateTimeFilter{After: "2024-05-01T10:00:00Z"}}}, ListOptions{})
			var oe *SortOrderError
			if !errors.As(err, &oe) || !strings.Contains(err.Error(), "sorted by created_date descending") {
				t.Fatalf("err = %v, want a SortOrderError naming the order", err)
			}
			t.Log(err)
		})
	}
}
