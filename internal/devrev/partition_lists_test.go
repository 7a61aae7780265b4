package devrev

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The partitioned lists, for the tests of partition.go that every one of
// them must pass: each serves made-up items (generated as engagements whose
// type is the value split on, then carried over) and reads them through its
// endpoint, as one chain, in parts, and as the client's List method does.

// partList is one partitioned list endpoint, seen through windows of any
// item type.
type partList struct {
	name   string // "works"
	path   string // "/works.list"
	filter string // the enum filter split on: "type"
	values []string
	// options serves items made from engs, the engagement's type being the
	// value split on.
	options func(engs []localapi.Engagement) localapi.Options
	// request is a list request: set is the split filter, other a
	// second filter that selects about a third of the items (a parent, a
	// creator), sortBy and mode its paging.
	request func(set []string, other bool, sortBy []string, mode string) any
	// withDates is request with a date range the client checks.
	withDates func(sortBy []string) any
	chain     func(ctx context.Context, c *Client, req any, opts ListOptions) (*partWindow, error)
	parts     func(ctx context.Context, c *Client, req any, opts ListOptions, inFlight int) (*partWindow, bool, error)
	list      func(ctx context.Context, c *Client, req any, opts ListOptions) (*partWindow, error)
	plan      func(req any, opts ListOptions, inFlight int) ([]string, string)
}

// partWindow is a window of any item type: what DeepEqual compares.
type partWindow struct {
	window any // *Window[T]
	items  any // its Items
	ids    []string
	pages  int
	cursor bool // either cursor set
}

// asPartWindow is w seen as a partWindow (nil stays nil).
func asPartWindow[T any](ep interface{ idOf(*T) string }, w *Window[T]) *partWindow {
	if w == nil {
		return nil
	}
	pw := &partWindow{window: w, items: w.Items, pages: w.Pages, cursor: w.NextCursor != nil || w.PrevCursor != nil}
	for i := range w.Items {
		pw.ids = append(pw.ids, ep.idOf(&w.Items[i]))
	}
	return pw
}

// idOf is an item's id for a test's message.
func (ep *endpoint[R, T]) idOf(item *T) string {
	id, _ := ep.ids(item)
	if id == nil {
		return "<nil>"
	}
	return *id
}

func newPartList[R listRequest, T any](ep *endpoint[R, T], options func([]localapi.Engagement) localapi.Options,
	request func(set []string, other bool, paging Paging) R, withDates func(*R)) partList {
	mk := func(set []string, other bool, sortBy []string, mode string) any {
		return request(set, other, Paging{SortBy: sortBy, Mode: mode})
	}
	return partList{
		name: ep.name, path: ep.list, filter: ep.parts.filter, values: ep.parts.values,
		options: options, request: mk,
		withDates: func(sortBy []string) any {
			r := request(nil, false, Paging{SortBy: sortBy})
			withDates(&r)
			return r
		},
		chain: func(ctx context.Context, c *Client, req any, opts ListOptions) (*partWindow, error) {
			w, err := ep.chain(ctx, c, req.(R), opts)
			return asPartWindow(ep, w), err
		},
		parts: func(ctx context.Context, c *Client, req any, opts ListOptions, inFlight int) (*partWindow, bool, error) {
			w, ok, err := listPartitioned(ctx, c, ep, req.(R), opts, inFlight)
			return asPartWindow(ep, w), ok, err
		},
		list: func(ctx context.Context, c *Client, req any, opts ListOptions) (*partWindow, error) {
			w, err := ep.read(ctx, c, req.(R), opts)
			return asPartWindow(ep, w), err
		},
		plan: func(req any, opts ListOptions, inFlight int) ([]string, string) {
			plan, why := planPartitions(ep, req.(R), opts, inFlight)
			if plan == nil {
				return nil, why
			}
			return plan.values, why
		},
	}
}

var partLists = []partList{
	newPartList(engagements, func(engs []localapi.Engagement) localapi.Options {
		return localapi.Options{Data: map[string]any{"engagements": engs}}
	},
		func(set []string, other bool, p Paging) ListEngagementsRequest {
			r := ListEngagementsRequest{EngagementFilter: EngagementFilter{Type: set}, Paging: p}
			if other {
				r.Parent = []string{"ACC-1"}
			}
			return r
		},
		func(r *ListEngagementsRequest) { r.CreatedDate = &DateTimeFilter{After: "2000-01-01T00:00:00Z"} }),
	newPartList(works, func(engs []localapi.Engagement) localapi.Options {
		ws := make([]localapi.Work, len(engs))
		for i, e := range engs {
			ws[i] = localapi.Work{ID: e.ID, DisplayID: e.DisplayID, Title: e.Title, Type: e.EngagementType,
				CreatedDate: e.CreatedDate, ModifiedDate: e.ModifiedDate, OwnedBy: []*localapi.UserSummary{}, CreatedBy: creatorOf(e)}
		}
		return localapi.Options{Data: map[string]any{"works": ws}}
	},
		func(set []string, other bool, p Paging) ListWorksRequest {
			r := ListWorksRequest{WorkFilter: WorkFilter{Type: set}, Paging: p}
			if other {
				r.CreatedBy = []string{"DEVU-1"}
			}
			return r
		},
		func(r *ListWorksRequest) { r.CreatedDate = Range(&DateTimeFilter{After: "2000-01-01T00:00:00Z"}) }),
	newPartList(meetings, func(engs []localapi.Engagement) localapi.Options {
		ms := make([]localapi.Meeting, len(engs))
		for i, e := range engs {
			ms[i] = localapi.Meeting{ID: e.ID, DisplayID: e.DisplayID, Title: e.Title, Channel: e.EngagementType,
				CreatedDate: e.CreatedDate, ModifiedDate: e.ModifiedDate, Members: []*localapi.UserSummary{}, CreatedBy: creatorOf(e)}
		}
		return localapi.Options{Data: map[string]any{"meetings": ms}}
	},
		func(set []string, other bool, p Paging) ListMeetingsRequest {
			r := ListMeetingsRequest{MeetingFilter: MeetingFilter{Channel: set}, Paging: p}
			if other {
				r.CreatedBy = []string{"DEVU-1"}
			}
			return r
		},
		func(r *ListMeetingsRequest) { r.CreatedDate = Range(&DateTimeFilter{After: "2000-01-01T00:00:00Z"}) }),
}

// creatorOf is the dev user who made the item made from e: the one its
// engagement's parent names (ACC-0 to ACC-2: DEVU-0 to DEVU-2).
func creatorOf(e localapi.Engagement) *localapi.UserSummary {
	n := strings.TrimPrefix(e.Parents[0], "ACC-")
	return &localapi.UserSummary{Type: "dev_user", ID: "don:identity:dvrv-us-1:devo/0:devu/" + n, DisplayID: "DEVU-" + n}
}

// server serves l's items made from engs, through wrap when given.
func (l *partList) server(t *testing.T, engs []localapi.Engagement, wrap func(http.Handler) http.Handler) (*localapi.Server, *Client) {
	t.Helper()
	return partitionServer(t, l.options(engs), wrap)
}

// sameWindows reports whether two reads gave the same window, and
// sameItems whether they gave the same items.
func sameWindows(a, b *partWindow) bool { return reflect.DeepEqual(a.window, b.window) }
func sameItems(a, b *partWindow) bool   { return reflect.DeepEqual(a.items, b.items) }
