package devrev

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// A meetings page decodes leniently: organizer, members and parent as
// summaries or as bare ids, a state or channel the provider does not know,
// fields it does not read.
func TestMeetingsDecodeLeniently(t *testing.T) {
	page := `{"meetings":[
	 {"id":"don:m/1","display_id":"MEET-1","members":[{"type":"dev_user","id":"don:u/1","display_id":"DEVU-1"}],
	  "organizer":{"type":"dev_user","id":"don:u/1","display_id":"DEVU-1"},"parent":{"type":"account","id":"don:a/1","display_id":"ACC-1"},
	  "state":"completed","channel":"zoom","ended_date":"2024-01-01T10:00:00Z","recording":{"id":"don:art/1"},"visibility":{"id":1}},
	 {"id":"don:m/2","members":["don:u/2"],"organizer":"don:u/2","parent":"don:a/2","state":"postponed","channel":"webex"}
	]}`
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(ts.Close)
	c, _ := newTestClient(t, ts.URL, nil)
	w, err := c.ListMeetings(context.Background(), ListMeetingsRequest{}, ListOptions{})
	if err != nil || len(w.Items) != 2 {
		t.Fatalf("ListMeetings: %v (%+v)", err, w)
	}
	a, b := w.Items[0], w.Items[1]
	if strOrNil(a.Organizer.DisplayID) != "DEVU-1" || strOrNil(a.Members[0].DisplayID) != "DEVU-1" ||
		strOrNil(a.Parent.DisplayID) != "ACC-1" || strOrNil(a.EndedDate) != "2024-01-01T10:00:00Z" || a.ScheduledDate != nil {
		t.Errorf("first meeting decoded as %+v", a)
	}
	if strOrNil(b.Organizer.ID) != "don:u/2" || strOrNil(b.Members[0].ID) != "don:u/2" || strOrNil(b.Parent.ID) != "don:a/2" ||
		strOrNil(b.State) != "postponed" || strOrNil(b.Channel) != "webex" {
		t.Errorf("second meeting decoded as %+v", b)
	}
}

// A server that does not apply the date filters cannot put a meeting
// outside the range into a list or a count: the list checks each
// meeting's dates, and a count with a date range counts by listing; a count
// without one is one meetings.count request.
func TestMeetingDatesAreExact(t *testing.T) {
	api, c := startLocalAPI(t, localapi.Options{Seed: 3, Counts: map[string]int{"engagements": 600}, IgnoreDateFilters: []string{"meetings"}})
	ms := localapi.Items[localapi.Meeting](api, "meetings")
	f := MeetingFilter{State: []string{"completed"}, ScheduledDate: Range(&DateTimeFilter{Before: ms[len(ms)/2].ScheduledDate})}
	bound, err := time.Parse(time.RFC3339Nano, f.ScheduledDate.Before)
	if err != nil {
		t.Fatal(err)
	}
	in, completed := 0, 0
	for _, m := range ms {
		if m.State != "completed" {
			continue
		}
		completed++
		at, _ := time.Parse(time.RFC3339Nano, m.ScheduledDate)
		if !at.After(bound) { // decided here, not by the client's own check
			in++
		}
	}
	if in == 0 || in == completed {
		t.Fatalf("the range holds %d of %d completed meetings; the test needs some and not all", in, completed)
	}
	w, err := c.ListMeetings(context.Background(), ListMeetingsRequest{MeetingFilter: f}, ListOptions{})
	if err != nil || len(w.Items) != in {
		t.Fatalf("ListMeetings: %v, %d meetings, want %d", err, len(w.Items), in)
	}
	api.ResetRequests()
	n, err := c.CountMeetings(context.Background(), f)
	if err != nil || n != int64(in) {
		t.Errorf("CountMeetings with a date range: %d (%v), want %d", n, err, in)
	}
	counts := 0
	for _, r := range api.Requests() {
		if r.Path == "/meetings.count" {
			counts++
		}
	}
	if counts != 0 {
		t.Errorf("a count with a date range sent %d meetings.count requests", counts)
	}
	api.ResetRequests()
	if n, err := c.CountMeetings(context.Background(), MeetingFilter{State: []string{"completed"}}); err != nil || n != int64(completed) {
		t.Errorf("CountMeetings: %d (%v), want %d", n, err, completed)
	}
	if rs := api.Requests(); len(rs) != 1 || rs[0].Path != "/meetings.count" {
		t.Errorf("a count without a date range: %d requests, want one meetings.count", len(rs))
	}
}
