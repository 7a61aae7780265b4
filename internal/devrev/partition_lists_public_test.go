package devrev

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Works and meetings are read in parts as engagements are: a large whole
// read sorted by a date asks their count alongside the first page, then
// one chain per value of the enum filter (works by type, meetings by
// channel), and gives what one chain gives. Only the client's List
// methods are used, so this test reads the same on any version of the
// engine.
func TestWorksAndMeetingsAreReadInParts(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, count, list, filter string
		values                    []string
		options                   func([]localapi.Engagement) localapi.Options
		read                      func(c *Client, sortBy []string, opts ListOptions) ([]string, error)
	}{
		{"works", "/works.count", "/works.list", "type", WorkTypes, func(engs []localapi.Engagement) localapi.Options {
			ws := make([]localapi.Work, len(engs))
			for i, e := range engs {
				ws[i] = localapi.Work{ID: e.ID, DisplayID: e.DisplayID, Title: e.Title, Type: e.EngagementType,
					CreatedDate: e.CreatedDate, ModifiedDate: e.ModifiedDate, OwnedBy: []*localapi.UserSummary{}}
			}
			return localapi.Options{Data: map[string]any{"works": ws}}
		}, func(c *Client, sortBy []string, opts ListOptions) ([]string, error) {
			return idsOf(c.ListWorks(ctx, ListWorksRequest{Paging: Paging{SortBy: sortBy}}, opts))
		}},
		{"meetings", "/meetings.count", "/meetings.list", "channel", MeetingChannels, func(engs []localapi.Engagement) localapi.Options {
			ms := make([]localapi.Meeting, len(engs))
			for i, e := range engs {
				ms[i] = localapi.Meeting{ID: e.ID, DisplayID: e.DisplayID, Title: e.Title, Channel: e.EngagementType,
					CreatedDate: e.CreatedDate, ModifiedDate: e.ModifiedDate, Members: []*localapi.UserSummary{}}
			}
			return localapi.Options{Data: map[string]any{"meetings": ms}}
		}, func(c *Client, sortBy []string, opts ListOptions) ([]string, error) {
			return idsOf(c.ListMeetings(ctx, ListMeetingsRequest{Paging: Paging{SortBy: sortBy}}, opts))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api, c := partitionServer(t, tc.options(orderedEngagements(8, 300, tc.values)), nil)
			opts := ListOptions{PageSize: 10} // at least four pages per part
			unsorted, err := tc.read(c, nil, opts)
			if err != nil || len(unsorted) != 300 {
				t.Fatalf("one chain: %d, %v", len(unsorted), err)
			}
			sortBy := []string{"created_date:desc"}
			// A limit above the total: one chain, never split.
			chain, err := tc.read(c, sortBy, ListOptions{PageSize: 10, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			api.ResetRequests()
			got, err := tc.read(c, sortBy, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, chain) {
				t.Fatalf("the sorted read differs from one chain:\n got %v\nwant %v", got, chain)
			}
			counts, parts := 0, map[string]bool{}
			for _, r := range api.Requests() {
				switch r.Path {
				case tc.count:
					counts++
				case tc.list:
					var body map[string][]string
					_ = json.Unmarshal(r.Body, &body)
					if vs := body[tc.filter]; len(vs) == 1 {
						parts[vs[0]] = true
					}
				}
			}
			if counts != 1 || len(parts) != len(tc.values) {
				t.Fatalf("%d requests to %s and parts %v: the read was not partitioned by %s", counts, tc.count, parts, tc.filter)
			}
		})
	}
}

// idsOf is the ids of a window's items, in order.
func idsOf[T interface{ Work | Meeting }](w *Window[T], err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(w.Items))
	for i := range w.Items {
		switch item := any(&w.Items[i]).(type) {
		case *Work:
			ids[i] = *item.ID
		case *Meeting:
			ids[i] = *item.ID
		}
	}
	return ids, nil
}
