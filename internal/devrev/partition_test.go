package devrev

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/testsupport"
)

const partitionToken = "partition-test-token"

// orderedEngagements are n engagements whose timestamps are distinct across
// types, spelled in every form DevRev may send (with and without
// milliseconds, fractional seconds of any length, offsets, lower-case t
// and z), with ties on every key only between
// engagements of one type; ids are in no relation to dates. A partitioned
// read knows the chain's order for them.
func orderedEngagements(seed uint64, n int, types []string) []localapi.Engagement {
	r := rand.New(rand.NewPCG(seed, 0))
	base := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	spell := func(t time.Time) string {
		switch r.IntN(6) {
		case 0:
			return t.Format("2006-01-02T15:04:05.000Z")
		case 1:
			return t.In(time.FixedZone("", 2*3600)).Format("2006-01-02T15:04:05.999999999-07:00")
		case 2:
			return t.In(time.FixedZone("", -5*3600-1800)).Format("2006-01-02T15:04:05.000000-07:00")
		case 3:
			return strings.ToLower(t.Format("2006-01-02T15:04:05.999999999Z"))
		case 4:
			return t.Format("2006-01-02T15:04:05.999999999") + "000Z" // twelve digits
		}
		return t.Format(time.RFC3339Nano)
	}
	out := make([]localapi.Engagement, n)
	created, modified := base, base.Add(time.Hour)
	for i := range out {
		typ := types[r.IntN(len(types))]
		if i == 0 || typ != out[i-1].EngagementType || r.IntN(4) > 0 {
			// A new instant, unless this one ties with the previous one of
			// the same type.
			created = created.Add(time.Duration(1+r.IntN(5000)) * time.Millisecond)
			modified = modified.Add(-time.Duration(1+r.IntN(5000)) * time.Millisecond)
		}
		num := r.IntN(1 << 30)
		out[i] = localapi.Engagement{
			ID:             fmt.Sprintf("don:core:dvrv-us-1:devo/0:engagement/%d-%d", num, i),
			DisplayID:      fmt.Sprintf("ENGM-%d", i+1),
			Title:          fmt.Sprintf("engagement %d", i),
			EngagementType: typ,
			CreatedDate:    spell(created),
			ModifiedDate:   spell(modified),
			Parents:        []string{fmt.Sprintf("ACC-%d", r.IntN(3))},
		}
	}
	return out
}

// adversarialEngagements are n engagements whose timestamps come from a
// small pool of instants spelled in several ways (with and without
// milliseconds, other offsets), absent or unparsable, so that many
// engagements of different types tie on every sort key; ids are in no
// relation to dates. A partitioned read cannot know the chain's order for
// them.
func adversarialEngagements(seed uint64, n int, types []string) []localapi.Engagement {
	r := rand.New(rand.NewPCG(seed, 0))
	dates := []string{
		"2024-05-01T10:00:43Z", "2024-05-01T10:00:43.000Z", "2024-05-01T12:00:43+02:00",
		"2024-05-01T10:00:43.5Z", "2024-05-01T10:00:43.500Z", "2024-05-01T10:00:43.050Z",
		"2024-05-01T10:00:42.999999999Z", "2024-05-01T10:00:44Z", "2023-12-31T23:59:59.999Z",
		"", "not a date",
	}
	out := make([]localapi.Engagement, n)
	for i := range out {
		num := r.IntN(1 << 30)
		out[i] = localapi.Engagement{
			ID:             fmt.Sprintf("don:core:dvrv-us-1:devo/0:engagement/%d-%d", num, i),
			DisplayID:      fmt.Sprintf("ENGM-%d", i+1),
			Title:          fmt.Sprintf("engagement %d", i),
			EngagementType: types[r.IntN(len(types))],
			CreatedDate:    dates[r.IntN(len(dates))],
			ModifiedDate:   dates[r.IntN(len(dates))],
			Parents:        []string{fmt.Sprintf("ACC-%d", r.IntN(3))},
		}
	}
	return out
}

// partitionServer serves the local DevRev API, through wrap when given.
func partitionServer(t *testing.T, opts localapi.Options, wrap func(http.Handler) http.Handler) (*localapi.Server, *Client) {
	t.Helper()
	opts.Token = partitionToken
	api := localapi.New(opts)
	var h http.Handler = api
	if wrap != nil {
		h = wrap(api)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	c, err := New(Options{Endpoint: ts.URL, Token: partitionToken})
	if err != nil {
		t.Fatal(err)
	}
	return api, c
}

// valuesOfParts are the values of l's split filter in the list requests
// the server saw that had exactly one (the parts of a partitioned read).
func valuesOfParts(t *testing.T, api *localapi.Server, l *partList) []string {
	var out []string
	for _, r := range api.Requests() {
		if r.Path != l.path {
			continue
		}
		var body map[string]any
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatal(err)
		}
		if vs, _ := body[l.filter].([]any); len(vs) == 1 {
			if v, _ := vs[0].(string); !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	slices.Sort(out)
	return out
}

// A partitioned read gives exactly what one chain gives, element for
// element, for every sort order, with and without filters, in both modes,
// for every partitioned list.
func TestPartitionedReadEqualsOneChain(t *testing.T) {
	ctx := context.Background()
	for _, l := range partLists {
		data := orderedEngagements(7, 400, l.values)
		three := l.values[:3]
		for _, sortBy := range [][]string{
			{"created_date:desc"},
			{"created_date:asc"},
			{"modified_date:desc", "created_date:asc"},
			{"modified_date", "created_date:desc"},
			{"created_date:asc", "created_date:desc"},
		} {
			for _, f := range []struct {
				name  string
				set   []string
				other bool
				parts []string
			}{
				{"no filter", nil, false, l.values},
				{"three values", []string{three[2], three[0], three[1], three[0]}, false, three},
				{"other filter and values", []string{l.values[len(l.values)-1], l.values[1]}, true,
					[]string{l.values[1], l.values[len(l.values)-1]}},
			} {
				for _, mode := range []string{"", ModeAfter, ModeBefore} {
					for _, inFlight := range []int{4, 32} { // 4: one end per part; 32: both ends
						t.Run(fmt.Sprintf("%s/%v/%s/%q/%d", l.name, sortBy, f.name, mode, inFlight), func(t *testing.T) {
							// A server per case: the local API's rate-limit headers
							// count a quota per server, which the client obeys.
							api, c := l.server(t, data, nil)
							req := l.request(f.set, f.other, sortBy, mode)
							chain, err := l.chain(ctx, c, req, ListOptions{})
							if err != nil {
								t.Fatal(err)
							}
							if len(chain.ids) < 20 {
								t.Fatalf("only %d %s: the case proves little", len(chain.ids), l.name)
							}
							// Pages small enough for the read to be partitioned (four
							// pages per part or more): about five per part.
							opts := ListOptions{PageSize: max(1, len(chain.ids)/(5*len(f.parts)))}
							if chain, err = l.chain(ctx, c, req, opts); err != nil {
								t.Fatal(err)
							}
							api.ResetRequests()
							part, ok, err := l.parts(ctx, c, req, opts, inFlight)
							if err != nil || !ok {
								t.Fatalf("partitioned read: ok %v, %v", ok, err)
							}
							if got := valuesOfParts(t, api, &l); !slices.Equal(got, f.parts) {
								t.Fatalf("parts %v, want %v", got, f.parts)
							}
							if !sameItems(part, chain) {
								t.Fatalf("partitioned read differs from the chain:\n got %v\nwant %v", part.ids, chain.ids)
							}
							if part.cursor || chain.cursor {
								t.Fatal("a whole read has null cursors")
							}
							if lists := len(api.Requests()) - 1; part.pages != lists { // all but the count
								t.Fatalf("Pages = %d, but the parts sent %d list requests", part.pages, lists)
							}
						})
					}
				}
			}
		}
	}
}

// Data with a value outside the enum: the count disagrees, the read falls
// back to one chain (saying why at warn level), and the items of the
// unknown value are returned.
func TestPartitionedReadFallsBackOnUnknownValue(t *testing.T) {
	for _, l := range partLists {
		t.Run(l.name, func(t *testing.T) {
			data := orderedEngagements(3, 150, append(slices.Clone(l.values), "webinar"))
			webinars := 0
			for _, e := range data {
				if e.EngagementType == "webinar" {
					webinars++
				}
			}
			if webinars == 0 {
				t.Fatal("no item of the unknown value")
			}
			_, c := l.server(t, data, nil)
			var logs testsupport.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			req := l.request(nil, false, []string{"created_date:desc"}, "")
			opts := ListOptions{PageSize: 3}
			w, ok, err := l.parts(ctx, c, req, opts, 8)
			if err != nil || !ok || w == nil {
				t.Fatalf("got %v, ok %v, %v; want the chain", w, ok, err)
			}
			want := fmt.Sprintf("the parts hold %d %s but %s.count says %d", len(data)-webinars, l.name, l.name, len(data))
			if !strings.Contains(logs.String(), want) || !strings.Contains(logs.String(), `"@level":"warn"`) {
				t.Fatalf("no warn log saying %q:\n%s", want, logs.String())
			}

			// It read the chain instead: every item, the unknown value
			// included, as one chain gives them; so does the list's read.
			chain, err := l.chain(ctx, c, req, opts)
			if err != nil {
				t.Fatal(err)
			}
			got, err := l.list(ctx, c, req, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(w.ids) != len(data) || !sameWindows(w, chain) || !sameWindows(got, chain) {
				t.Fatalf("the fallback returned %d %s, the list's read %d, the chain %d, of %d", len(w.ids), l.name, len(got.ids), len(chain.ids), len(data))
			}
		})
	}
}

// When DevRev ignores the split filter, every part holds every value: the
// read notices and falls back. When DevRev refuses a part's value, the
// read falls back too.
func TestPartitionedReadFallsBackOnPartsItCannotTrust(t *testing.T) {
	for _, l := range partLists {
		refused := l.values[1]
		for _, tc := range []struct {
			name    string
			rewrite func(body map[string]any) (status int)
			reasons []string
		}{
			{"filter ignored", func(body map[string]any) int {
				delete(body, l.filter)
				return 0
			}, []string{"holds " + withArticle(strings.TrimSuffix(l.name, "s")) + " of " + l.filter}},
			{"value refused", func(body map[string]any) int {
				if vs, _ := body[l.filter].([]any); len(vs) == 1 && vs[0] == refused {
					return http.StatusBadRequest
				}
				return 0
			}, []string{"the part " + l.filter + "=" + refused + " failed: ", "HTTP 400"}},
		} {
			t.Run(l.name+"/"+tc.name, func(t *testing.T) {
				wrap := func(next http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						if r.URL.Path == l.path {
							data, _ := io.ReadAll(r.Body)
							var body map[string]any
							_ = json.Unmarshal(data, &body)
							if status := tc.rewrite(body); status != 0 {
								w.Header().Set("Content-Type", "application/json")
								w.WriteHeader(status)
								_, _ = io.WriteString(w, `{"type":"invalid_enum_value","message":"unknown value"}`)
								return
							}
							data, _ = json.Marshal(body)
							r.Body = io.NopCloser(bytes.NewReader(data))
							r.ContentLength = int64(len(data))
						}
						next.ServeHTTP(w, r)
					})
				}
				_, c := l.server(t, orderedEngagements(4, 120, l.values), wrap)
				var logs testsupport.Buffer
				ctx := tflogtest.RootLogger(context.Background(), &logs)
				req := l.request(nil, false, []string{"modified_date:asc"}, "")
				w, ok, err := l.parts(ctx, c, req, ListOptions{PageSize: 3}, 8)
				if err != nil || !ok || len(w.ids) != 120 {
					t.Fatalf("got %v, ok %v, %v; want the chain's 120 %s", w, ok, err, l.name)
				}
				for _, reason := range tc.reasons {
					if !strings.Contains(logs.String(), reason) {
						t.Fatalf("no log saying %q:\n%s", reason, logs.String())
					}
				}
			})
		}
	}
}

// A count that says it was capped (works.count's has_more) cannot prove
// the parts whole: the read goes on as one chain and says why.
func TestPartitionedReadFallsBackOnACappedCount(t *testing.T) {
	l := partLists[1]
	if l.name != "works" {
		t.Fatalf("partLists[1] is %s", l.name)
	}
	opts := l.options(orderedEngagements(6, 200, l.values))
	opts.CountCaps = map[string]int{"works": 150}
	_, c := partitionServer(t, opts, nil)
	var logs testsupport.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	req := l.request(nil, false, []string{"created_date:desc"}, "")
	w, ok, err := l.parts(ctx, c, req, ListOptions{PageSize: 5}, 8)
	if err != nil || !ok || len(w.ids) != 200 {
		t.Fatalf("got %v, ok %v, %v; want the chain's 200 works", w, ok, err)
	}
	if want := "works.count says more than 150 match (has_more)"; !strings.Contains(logs.String(), want) {
		t.Fatalf("no log saying %q:\n%s", want, logs.String())
	}
}

// Failures the chain would hit too fail the read instead of doubling it.
func TestPartitionedReadFailsLikeTheChain(t *testing.T) {
	_, good := partitionServer(t, localapi.Options{Counts: map[string]int{"engagements": 30}}, nil)
	bad, err := New(Options{Endpoint: good.Endpoint(), Token: "wrong-token"})
	if err != nil {
		t.Fatal(err)
	}
	req := ListEngagementsRequest{Paging: Paging{SortBy: []string{"created_date:desc"}}}
	_, ok, err := listPartitioned(context.Background(), bad, engagements, req, ListOptions{}, 8)
	if !ok || err == nil || !strings.Contains(err.Error(), "HTTP 401") {
		t.Fatalf("ok %v, err %v; want the 401", ok, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, ok, err := listPartitioned(ctx, good, engagements, req, ListOptions{}, 8); !ok || err == nil {
		t.Fatalf("cancelled: ok %v, err %v", ok, err)
	}
}

// Which reads each partitioned list splits, and why the others are one
// chain; a list without partitioning (group members) is never split.
func TestPlanPartitions(t *testing.T) {
	sorted := []string{"created_date:desc"}
	for _, l := range partLists {
		v := l.values
		for _, tc := range []struct {
			name  string
			req   any
			opts  ListOptions
			cap   int
			parts []string
			why   string
		}{
			{"whole sorted read", l.request(nil, false, sorted, ""), ListOptions{PageSize: 10}, 8, v, ""},
			{"mode before", l.request(nil, false, sorted, ModeBefore), ListOptions{}, 0, v, ""},
			{"filter values", l.request([]string{v[1], v[0], v[1]}, true, sorted, ""), ListOptions{}, 8, v[:2], ""},
			{"unknown filter value", l.request([]string{"webinar", v[0]}, false, sorted, ""), ListOptions{}, 8, slices.Sorted(slices.Values([]string{v[0], "webinar"})), ""},
			{"no sort_by", l.request(nil, false, nil, ""), ListOptions{}, 8, nil, "no sort_by"},
			{"other field", l.request(nil, false, []string{"title:asc"}, ""), ListOptions{}, 8, nil, `sort_by "title:asc": only created_date and modified_date`},
			{"cursor", withCursor(l.request(nil, false, sorted, "")), ListOptions{}, 8, nil, "a cursor"},
			{"limit", l.request(nil, false, sorted, ""), ListOptions{Limit: 5000}, 8, nil, "limit is set"},
			{"one value", l.request([]string{v[0], v[0]}, false, sorted, ""), ListOptions{}, 8, nil, "the " + l.filter + " filter has a single value"},
			{"one request at a time", l.request(nil, false, sorted, ""), ListOptions{}, 1, nil, "one request at a time"},
			{"a date range", l.withDates(sorted), ListOptions{}, 8, nil, "a date range is read as one chain"},
			{"empty set", l.request([]string{}, false, sorted, ""), ListOptions{}, 8, nil, "matches nothing"},
		} {
			parts, why := l.plan(tc.req, tc.opts, tc.cap)
			if !slices.Equal(parts, tc.parts) || !strings.Contains(why, tc.why) || (tc.why == "") != (why == "") {
				t.Errorf("%s, %s: parts %v, why %q; want %v, %q", l.name, tc.name, parts, why, tc.parts, tc.why)
			}
		}
	}
	plan, why := planPartitions(groupMembers, ListGroupMembersRequest{GroupMembersFilter: GroupMembersFilter{Group: "GRP-1"}}, ListOptions{}, 8)
	if plan != nil || !strings.Contains(why, "no count of group members split by an enum filter") {
		t.Errorf("group members: %v, %q", plan, why)
	}
}

// withCursor sets a cursor on a list request of any type.
func withCursor(req any) any {
	v := reflect.New(reflect.TypeOf(req)).Elem()
	v.Set(reflect.ValueOf(req))
	v.FieldByName("Paging").FieldByName("Cursor").SetString("abc")
	return v.Interface()
}

// mostInFlight wraps a handler to record the most requests it ever had in
// flight at once.
func mostInFlight() (*atomic.Int32, func(http.Handler) http.Handler) {
	var inFlight, most atomic.Int32
	return &most, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			next.ServeHTTP(w, r)
		})
	}
}

// One part read from both ends gives the chain's engagements, for sizes
// around page boundaries, in half the chain's round trips (rounded up, and
// one more when the ends meet exactly at a page boundary) with at most two
// pages more than the chain.
func TestReadPartFromBothEnds(t *testing.T) {
	data := adversarialEngagements(11, 200, []string{"meeting", "call"})
	// The two ends are read at the same time: the server sees two requests
	// in flight (each held for a few milliseconds).
	most, concurrent := mostInFlight()
	api, c := partitionServer(t, localapi.Options{Latency: 3 * time.Millisecond, Data: map[string]any{"engagements": data}}, concurrent)
	meetings := 0
	for _, e := range data {
		if e.EngagementType == "meeting" {
			meetings++
		}
	}
	ctx := context.Background()
	for _, sortBy := range [][]string{{"created_date:desc"}, {"modified_date:asc", "created_date:asc"}} {
		for _, pageSize := range []int{1, 2, 7, 9, 10, meetings / 2, meetings - 1, meetings, meetings + 1, 100} {
			req := ListEngagementsRequest{EngagementFilter: EngagementFilter{Type: []string{"meeting"}}, Paging: Paging{SortBy: sortBy}}
			opts := ListOptions{PageSize: pageSize}
			chain, err := engagements.chain(ctx, c, req, opts)
			if err != nil {
				t.Fatal(err)
			}
			api.ResetRequests()
			part, err := readPart(ctx, c, engagements, req, opts, true, "type=meeting")
			if err != nil {
				t.Fatalf("%v, page size %d: %v", sortBy, pageSize, err)
			}
			if !reflect.DeepEqual(part.items, chain.Items) {
				t.Fatalf("%v, page size %d: both ends gave\n%v\nthe chain\n%v", sortBy, pageSize, partIDs(part.items), partIDs(chain.Items))
			}
			sent := len(api.Requests())
			if part.pages != sent || sent > chain.Pages+2 {
				t.Fatalf("%v, page size %d: %d pages (%d requests) where the chain took %d", sortBy, pageSize, part.pages, sent, chain.Pages)
			}
			// Both ends advance in step, one page each per round trip, and
			// stop at the first round whose pages overlap.
			ends := map[string]int{}
			for _, r := range api.Requests() {
				var body struct{ Mode string }
				_ = json.Unmarshal(r.Body, &body)
				ends[body.Mode]++
			}
			rounds := meetings/(2*pageSize) + 1 // the first k with 2k*pageSize > meetings
			if ends[ModeAfter] > rounds || ends[ModeBefore] > rounds || ends[ModeAfter]+ends[ModeBefore] != sent {
				t.Fatalf("%v, page size %d: %d pages forward and %d backward, want at most %d round trips", sortBy, pageSize, ends[ModeAfter], ends[ModeBefore], rounds)
			}
			if pageSize == 1 && most.Load() != 2 {
				t.Fatalf("at most %d requests in flight: the ends were not read at the same time", most.Load())
			}
		}
	}
	// A part of one page costs two requests, one from each end, in one
	// round trip.
	few := adversarialEngagements(12, 5, []string{"email"})
	api, c = partitionServer(t, localapi.Options{Data: map[string]any{"engagements": few}}, nil)
	part, err := readPart(ctx, c, engagements, ListEngagementsRequest{Paging: Paging{SortBy: []string{"created_date:asc"}}}, ListOptions{}, true, "all")
	if err != nil || len(part.items) != 5 || part.pages != 2 || len(api.Requests()) != 2 {
		t.Fatalf("%v, %d pages, %d requests", err, part.pages, len(api.Requests()))
	}
}

// Reads too small to gain from parts stay one chain: the first page and
// the count go out together, so a read of one page costs one request more
// than before but no round trip, and a read of a few pages goes on as the
// chain. Each says why at debug level.
func TestPartitionedReadSkipsSmallReads(t *testing.T) {
	most, concurrent := mostInFlight()
	api, c := partitionServer(t, localapi.Options{Latency: 20 * time.Millisecond, Data: map[string]any{"engagements": adversarialEngagements(5, 80, EngagementTypes)}}, concurrent)
	req := ListEngagementsRequest{Paging: Paging{SortBy: []string{"created_date:desc"}}}
	for _, tc := range []struct {
		pageSize int
		paths    []string // the first two in either order
		reason   string
	}{
		{100, []string{"/engagements.count", "/engagements.list"}, ""},
		{20, []string{"/engagements.count", "/engagements.list", "/engagements.list", "/engagements.list", "/engagements.list"},
			"80 engagements are fewer than 4 pages of 20 per part"},
	} {
		var logs testsupport.Buffer
		ctx := tflogtest.RootLogger(context.Background(), &logs)
		opts := ListOptions{PageSize: tc.pageSize}
		chain, err := engagements.chain(ctx, c, req, opts)
		if err != nil {
			t.Fatal(err)
		}
		api.ResetRequests()
		most.Store(0)
		w, err := c.ListEngagements(ctx, req, opts)
		if err != nil || !reflect.DeepEqual(w, chain) {
			t.Fatalf("page size %d: %v; the window differs from the chain's", tc.pageSize, err)
		}
		var paths []string
		for _, r := range api.Requests() {
			paths = append(paths, r.Path)
		}
		if len(paths) >= 2 {
			slices.Sort(paths[:2])
		}
		if !slices.Equal(paths, tc.paths) {
			t.Errorf("page size %d: requests %v, want %v", tc.pageSize, paths, tc.paths)
		}
		if most.Load() != 2 {
			t.Errorf("page size %d: at most %d requests in flight; the count did not go out with the first page", tc.pageSize, most.Load())
		}
		if !strings.Contains(logs.String(), tc.reason) {
			t.Errorf("page size %d: no log saying %q:\n%s", tc.pageSize, tc.reason, logs.String())
		}
	}
}

// A server that orders created_date as strings: the local API, with each
// engagement's created_date spelled on the way out so that the strings rise
// in the order the API serves (the order of other instants). Pairs of
// engagements of two types get "…:NN.500Z" and then "…:NNZ": as strings in
// that order, as instants in the other, while each type's own engagements
// rise both ways. Nothing in a part shows which order the server uses, so
// the partitioned read must give what the chain gives: here, the chain.
func TestPartitionedReadEqualsChainOfAServerSortingStrings(t *testing.T) {
	types := []string{"call", "email"}
	base := time.Date(2024, 5, 1, 5, 0, 0, 0, time.UTC)
	var data []localapi.Engagement
	served := map[string]string{} // the local API's created_date -> the one sent
	for i := range 60 {
		// Another year than any date sent, so that no replacement meets
		// the result of another.
		stored := base.AddDate(1, 0, 0).Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
		second := base.Add(time.Duration(i/2) * time.Second).Format("2006-01-02T15:04:05")
		served[stored] = second + []string{".500Z", "Z"}[i%2]
		data = append(data, localapi.Engagement{
			ID: fmt.Sprintf("don:core:dvrv-us-1:devo/0:engagement/%d", i), DisplayID: fmt.Sprintf("ENGM-%d", i+1),
			Title: fmt.Sprintf("engagement %d", i), EngagementType: types[i%2], CreatedDate: stored, ModifiedDate: stored,
		})
	}
	respell := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/engagements.list" {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			for stored, sent := range served {
				body = bytes.ReplaceAll(body, []byte(`"created_date":"`+stored+`"`), []byte(`"created_date":"`+sent+`"`))
			}
			if bytes.Contains(body, []byte(`"created_date":"2025-`)) {
				t.Errorf("a created_date was not respelled: %s", body)
			}
			maps.Copy(w.Header(), rec.Header())
			w.Header().Del("Content-Length")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	}
	ctx := context.Background()
	for _, sortBy := range []string{"created_date:asc", "created_date:desc"} {
		for _, inFlight := range []int{4, 8} { // 4: one end per part; 8: both ends
			t.Run(fmt.Sprintf("%s/%d", sortBy, inFlight), func(t *testing.T) {
				_, c := partitionServer(t, localapi.Options{Data: map[string]any{"engagements": data}}, respell)
				req := ListEngagementsRequest{EngagementFilter: EngagementFilter{Type: types}, Paging: Paging{SortBy: []string{sortBy}}}
				opts := ListOptions{PageSize: 3}
				chain, err := engagements.chain(ctx, c, req, opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(chain.Items) != len(data) || *chain.Items[0].CreatedDate != map[string]string{
					"created_date:asc": "2024-05-01T05:00:00.500Z", "created_date:desc": "2024-05-01T05:00:29Z"}[sortBy] {
					t.Fatalf("the chain starts at %s: the server does not sort strings", *chain.Items[0].CreatedDate)
				}
				var logs testsupport.Buffer
				part, ok, err := listPartitioned(tflogtest.RootLogger(ctx, &logs), c, engagements, req, opts, inFlight)
				if err != nil || !ok {
					t.Fatalf("partitioned read: ok %v, %v", ok, err)
				}
				if !reflect.DeepEqual(part.Items, chain.Items) {
					t.Fatalf("partitioned read differs from the chain:\n got %v\nwant %v", partIDs(part.Items), partIDs(chain.Items))
				}
				if want := "in sort_by order as instants but not as strings"; !strings.Contains(logs.String(), want) {
					t.Fatalf("no log saying %q:\n%s", want, logs.String())
				}
			})
		}
	}
}

// A partitioned read that passes the provider's bounds fails with that
// error, instead of setting the parts aside and reading everything again as
// one chain, which would pass the same bound after as many requests more.
func TestPartitionedReadPastTheBoundsDoesNotFallBack(t *testing.T) {
	data := orderedEngagements(7, 400, EngagementTypes)
	api, c := partitionServer(t, localapi.Options{Data: map[string]any{"engagements": data}}, nil)
	req := ListEngagementsRequest{Paging: Paging{SortBy: []string{"created_date:desc"}}}
	opts := ListOptions{PageSize: 10}
	ctx := context.WithValue(context.Background(), tallyKey{}, &tally{maxItems: 300, held: c.held})
	api.ResetRequests()
	_, ok, err := listPartitioned(ctx, c, engagements, req, opts, 8)
	var tooLarge *ReadTooLargeError
	if !ok || !errors.As(err, &tooLarge) {
		t.Fatalf("ok %v, err %v; want a *ReadTooLargeError", ok, err)
	}
	// The parts each end at a page: what they asked for is at most the
	// bound's pages plus one page in flight per part, never a second read.
	lists := 0
	for _, r := range api.Requests() {
		if r.Path == "/engagements.list" {
			lists++
		}
	}
	if limit := 300/opts.PageSize + 2*len(EngagementTypes) + 1; lists > limit {
		t.Fatalf("%d list requests; a read that stopped at the bound asks for at most %d", lists, limit)
	}
}
