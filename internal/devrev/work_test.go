package devrev

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// A works page decodes leniently: a kind the provider does not know, an
// amount sent as a number, fields it does not read, a tag as the live API
// sends it; each work keeps the fields of its kind and nothing else.
func TestWorksDecodeLeniently(t *testing.T) {
	page := `{"works":[
	 {"type":"ticket","id":"don:t/1","display_id":"TKT-1","title":"A","severity":"high","needs_response":false,
	  "rev_org":{"type":"rev_org","id":"don:r/1","display_id":"REV-1"},"sla_summary":{"stage":"warning","remaining_time":5},
	  "tags":[{"tag":{"id":"don:tag/1","display_id":"TAG-1","name":"bug","style":"#f00"},"value":"x"}],"sentiment":{"id":3}},
	 {"type":"opportunity","id":"don:o/1","display_id":"OPP-1","title":"B","value":{"amount":1200.5,"currency":"EUR"}},
	 {"type":"meeting_note","id":"don:m/1","display_id":"MN-1","title":"C","stage":{"name":"draft","ordinal":3}}
	]}`
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(ts.Close)
	c, _ := newTestClient(t, ts.URL, nil)
	w, err := c.ListWorks(context.Background(), ListWorksRequest{}, ListOptions{})
	if err != nil {
		t.Fatalf("ListWorks: %v", err)
	}
	if len(w.Items) != 3 {
		t.Fatalf("%d works, want 3", len(w.Items))
	}
	ticket, opp, other := w.Items[0], w.Items[1], w.Items[2]
	if strOrNil(ticket.Severity) != "high" || ticket.NeedsResponse == nil || *ticket.NeedsResponse ||
		strOrNil(ticket.RevOrg.DisplayID) != "REV-1" || strOrNil(ticket.SLASummary.Stage) != "warning" ||
		strOrNil(ticket.Tags[0].Tag.Name) != "bug" || strOrNil(ticket.Tags[0].Value) != "x" || ticket.Priority != nil || ticket.Value != nil {
		t.Errorf("ticket decoded as %+v", ticket)
	}
	if opp.Value == nil || opp.Value.Amount == nil || string(*opp.Value.Amount) != "1200.5" || opp.Severity != nil {
		t.Errorf("opportunity decoded as %+v", opp)
	}
	if strOrNil(other.Type) != "meeting_note" || strOrNil(other.Stage.Name) != "draft" {
		t.Errorf("unknown kind decoded as %+v", other)
	}
}

// The date ranges are checked on each work's own date, as instants, both
// ends inclusive; a work without the date is outside every range, and one
// whose date cannot be read is an error, not "outside".
func TestWorkDateRanges(t *testing.T) {
	s := func(v string) *string { return &v }
	f := WorkFilter{CreatedDate: Range(&DateTimeFilter{After: "2024-01-01T00:00:00Z", Before: "2024-01-31T23:59:59.500Z"})}
	for _, tt := range []struct {
		date    *string
		in, bad bool
	}{
		{s("2024-01-01T00:00:00Z"), true, false},      // the after bound itself
		{s("2024-01-01T00:00:00.000Z"), true, false},  // the same instant, written otherwise
		{s("2023-12-31T23:59:59.999Z"), false, false}, // just before
		{s("2024-01-31T23:59:59.5Z"), true, false},    // the before bound
		{s("2024-01-31T23:59:59.501Z"), false, false}, // just after
		{s("2024-01-15T10:00:00+02:00"), true, false}, // another offset
		{nil, false, false},                           // no date
		{s("not a date"), false, true},                // unreadable
	} {
		got, err := inDateRanges(f.dateRanges(&Work{CreatedDate: tt.date}))
		if got != tt.in || (err != nil) != tt.bad {
			t.Errorf("created %v: in range %v (error %v), want %v (error %v)", tt.date, got, err, tt.in, tt.bad)
		}
	}
	if in, err := inDateRanges((&WorkFilter{}).dateRanges(&Work{})); !in || err != nil {
		t.Error("no range: a work without dates is left out")
	}
}

// The local API's faults reach works like every list: a 429 is retried, a
// short page followed, and the read is whole.
func TestListWorksThroughFaults(t *testing.T) {
	s, c := startLocalAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.RateLimited, Path: "/works.list", After: 1, Times: 1, RetryAfter: "1"},
			{Kind: localapi.ShortPages, Path: "/works.list"},
		},
		Counts: map[string]int{"works": 130},
	})
	w, err := c.ListWorks(context.Background(), ListWorksRequest{}, ListOptions{PageSize: 40})
	if err != nil {
		t.Fatalf("ListWorks: %v", err)
	}
	var got, want []string
	for _, x := range w.Items {
		got = append(got, strOrNil(x.ID))
	}
	for _, x := range localapi.Items[localapi.Work](s, "works") {
		want = append(want, x.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("read %d works, want all %d in order", len(got), len(want))
	}
}
