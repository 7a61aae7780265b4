package devrev

import (
	"context"

	"errors"
	jsonv2 "github.com/go-json-experiment/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// A response as DevRev might send it: fields this client does not know at
// every level, optional fields left out, timestamps with and without
// milliseconds.
const lenientListBody = `{
  "engagements": [
    {
      "id": "don:core:dvrv-us-1:devo/0:engagement/1",
      "display_id": "ENG-1",
      "title": "Quarterly review",
      "description": "Résumé — ünïcödé ✓",
      "engagement_type": "meeting",
      "created_date": "2024-01-02T03:04:05Z",
      "modified_date": "2024-01-02T03:04:05.123Z",
      "scheduled_date": "2024-02-29T23:59:59.000Z",
      "external_ref": "cal-123",
      "external_url": "https://calendar.example/123",
      "members": [{"id": "don:identity:dvrv-us-1:devo/0:devu/1"}],
      "stage": {"name": "scheduled", "notes": null},
      "custom_fields": {"tnt__x": 1},
      "created_by": {
        "id": "don:identity:dvrv-us-1:devo/0:devu/1",
        "display_id": "DEVU-1",
        "type": "dev_user",
        "display_name": "ada",
        "full_name": "Ada Lovelace",
        "email": "ada@example.com",
        "state": "active",
        "unknown_user_field": true,
        "display_picture": {
          "id": "don:core:dvrv-us-1:devo/0:artifact/9",
          "display_id": "ARTIFACT-9",
          "file": {"type": "image/png", "name": "ada.png", "size": 12345, "hash": "abc"},
          "preview": {"x": 1}
        }
      },
      "modified_by": {"type": "sys_user", "display_name": "devrev-bot"}
    },
    {
      "id": "don:core:dvrv-us-1:devo/0:engagement/2",
      "display_id": "ENG-2"
    },
    {
      "id": "don:core:dvrv-us-1:devo/0:engagement/3",
      "title": null,
      "created_by": null
    }
  ],
  "next_cursor": null,
  "total": 3,
  "facets": []
}`

func TestLenientDecoding(t *testing.T) {
	f := newFake(t, 0)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(lenientListBody))
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if len(w.Items) != 3 || w.NextCursor != nil || w.PrevCursor != nil || w.Pages != 1 {
		t.Fatalf("window = %d engagements, next %s, prev %s, pages %d; want 3, nil, nil, 1",
			len(w.Items), strOrNil(w.NextCursor), strOrNil(w.PrevCursor), w.Pages)
	}

	e := w.Items[0]
	checks := []struct {
		name string
		got  *string
		want string
	}{
		{"id", e.ID, "don:core:dvrv-us-1:devo/0:engagement/1"},
		{"display_id", e.DisplayID, "ENG-1"},
		{"title", e.Title, "Quarterly review"},
		{"description", e.Description, "Résumé — ünïcödé ✓"},
		{"engagement_type", e.EngagementType, "meeting"},
		// Timestamps stay byte-for-byte what DevRev sent.
		{"created_date", e.CreatedDate, "2024-01-02T03:04:05Z"},
		{"modified_date", e.ModifiedDate, "2024-01-02T03:04:05.123Z"},
		{"scheduled_date", e.ScheduledDate, "2024-02-29T23:59:59.000Z"},
		{"external_ref", e.ExternalRef, "cal-123"},
		{"external_url", e.ExternalURL, "https://calendar.example/123"},
	}
	for _, ch := range checks {
		if ch.got == nil || *ch.got != ch.want {
			t.Errorf("%s = %s, want %q", ch.name, strOrNil(ch.got), ch.want)
		}
	}
	u := e.CreatedBy
	if u == nil {
		t.Fatal("created_by is nil")
	}
	if strOrNil(u.ID) != "don:identity:dvrv-us-1:devo/0:devu/1" || strOrNil(u.DisplayID) != "DEVU-1" ||
		strOrNil(u.Type) != "dev_user" || strOrNil(u.DisplayName) != "ada" || strOrNil(u.FullName) != "Ada Lovelace" ||
		strOrNil(u.Email) != "ada@example.com" || strOrNil(u.State) != "active" {
		t.Errorf("created_by decoded as %+v", u)
	}
	m := e.ModifiedBy
	if m == nil || strOrNil(m.Type) != "sys_user" || strOrNil(m.DisplayName) != "devrev-bot" ||
		m.ID != nil || m.Email != nil || m.FullName != nil {
		t.Errorf("modified_by decoded as %+v, want only type and display_name", m)
	}

	// Absent and null optional fields are nil, not zero values.
	sparse := w.Items[1]
	if strOrNil(sparse.DisplayID) != "ENG-2" {
		t.Errorf("sparse display_id = %s", strOrNil(sparse.DisplayID))
	}
	if strOrNil(sparse.ID) != "don:core:dvrv-us-1:devo/0:engagement/2" {
		t.Errorf("sparse id = %s", strOrNil(sparse.ID))
	}
	for name, v := range map[string]*string{
		"title": sparse.Title, "description": sparse.Description, "engagement_type": sparse.EngagementType,
		"created_date": sparse.CreatedDate, "modified_date": sparse.ModifiedDate, "scheduled_date": sparse.ScheduledDate,
		"external_ref": sparse.ExternalRef, "external_url": sparse.ExternalURL,
	} {
		if v != nil {
			t.Errorf("absent %s decoded as %q, want nil", name, *v)
		}
	}
	if sparse.CreatedBy != nil || sparse.ModifiedBy != nil {
		t.Errorf("absent users decoded as %+v / %+v", sparse.CreatedBy, sparse.ModifiedBy)
	}
	nulls := w.Items[2]
	if nulls.Title != nil || nulls.CreatedBy != nil || strOrNil(nulls.ID) != "don:core:dvrv-us-1:devo/0:engagement/3" {
		t.Errorf("null fields decoded as title %s created_by %+v", strOrNil(nulls.Title), nulls.CreatedBy)
	}
}

func TestGetEngagement(t *testing.T) {
	f := newFake(t, 10)
	c, _ := newTestClient(t, f.URL(), nil)
	ctx := context.Background()

	for _, i := range []int{0, 1} {
		id := idRange(i, i+1)[0]
		e, err := c.GetEngagement(ctx, id)
		if err != nil {
			t.Fatalf("GetEngagement(%s): %v", id, err)
		}
		wantDate := []string{"2024-01-02T03:04:05Z", "2024-01-02T03:04:06.123Z"}[i]
		wantType := []string{"meeting", "call"}[i]
		if strOrNil(e.DisplayID) != id || strOrNil(e.CreatedDate) != wantDate || strOrNil(e.EngagementType) != wantType {
			t.Errorf("GetEngagement(%s) = id %s created %s type %s", id, strOrNil(e.DisplayID), strOrNil(e.CreatedDate), strOrNil(e.EngagementType))
		}
		if e.Description != nil || e.CreatedBy != nil {
			t.Errorf("absent fields are not nil: %+v", e)
		}
	}
	reqs := f.requests()
	if len(reqs) != 2 || reqs[0].Path != "/engagements.get" || reqs[0].Body != `{"id":"ENG-0"}` || reqs[1].Body != `{"id":"ENG-1"}` {
		t.Errorf("requests = %+v", reqs)
	}

	_, err := c.GetEngagement(ctx, "ENG-99")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.Type != "not_found" {
		t.Fatalf("GetEngagement(ENG-99) error = %v, want a 404 *APIError", err)
	}
	if want := `DevRev answered POST /engagements.get with HTTP 404 Not Found (not_found): engagement "ENG-99" not found; x-request-id req-`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q\nwant %q", err.Error(), want)
	}
	if f.count() != 3 {
		t.Errorf("a 404 was retried: %d requests", f.count())
	}
}

func TestGetEngagementWithoutEngagement(t *testing.T) {
	f := newFake(t, 0)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		writeJSON(w, http.StatusOK, map[string]any{"something_else": 1})
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	_, err := c.GetEngagement(context.Background(), "ENG-1")
	want := `DevRev answered POST /engagements.get with HTTP 200 but without an engagement for "ENG-1"; the answer was not used`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestCountEngagements(t *testing.T) {
	f := newFake(t, 1000)
	c, _ := newTestClient(t, f.URL(), nil)
	ctx := context.Background()

	n, err := c.CountEngagements(ctx, EngagementFilter{})
	if err != nil || n != 1000 {
		t.Fatalf("CountEngagements() = %d, %v; want 1000", n, err)
	}
	n, err = c.CountEngagements(ctx, EngagementFilter{Type: []string{"call"}, Members: []string{"DEVU-1"}})
	if err != nil || n != 250 {
		t.Fatalf("CountEngagements(type, members) = %d, %v; want 250", n, err)
	}
	want := []string{`{}`, `{"type":["call"],"members":["DEVU-1"]}`}
	if got := f.bodies(); !slices.Equal(got, want) {
		t.Errorf("bodies = %q, want %q", got, want)
	}
	for _, r := range f.requests() {
		if r.Path != "/engagements.count" {
			t.Errorf("path = %s", r.Path)
		}
	}
}

func TestCountEngagementsWithoutCount(t *testing.T) {
	f := newFake(t, 0)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		writeJSON(w, http.StatusOK, map[string]any{"total": 5})
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	_, err := c.CountEngagements(context.Background(), EngagementFilter{})
	if err == nil || !strings.Contains(err.Error(), `without its "count"`) {
		t.Errorf("error = %v, want one saying the count is missing", err)
	}

	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		writeJSON(w, http.StatusOK, map[string]any{"count": 0})
		return true
	}
	n, err := c.CountEngagements(context.Background(), EngagementFilter{})
	if err != nil || n != 0 {
		t.Errorf("a count of 0 = %d, %v; want 0, nil", n, err)
	}
}

// `parent` and `members` decode from summary objects and from bare id
// strings; absent or null they are nil, and no form fails the read (a null
// member does: exact_values_test.go).
func TestParentAndMembersDecodeBothForms(t *testing.T) {
	const user = `{"type":"dev_user","id":"don:identity:dvrv-us-1:devo/0:devu/1","display_id":"DEVU-1","display_name":"ada","email":"ada@example.com"}`
	const acct = `{"type":"account","id":"don:core:dvrv-us-1:devo/0:account/1","display_id":"ACC-1","display_name":"Acme Corp","tier":"gold"}`
	body := `{"engagements":[
		{"id":"e0","parent":` + acct + `,"members":[` + user + `]},
		{"id":"e1","parent":"don:core:dvrv-us-1:devo/0:account/2","members":["DEVU-2","don:identity:dvrv-us-1:devo/0:devu/3"]},
		{"id":"e2"},
		{"id":"e3","parent":null,"members":null},
		{"id":"e4","members":[]},
		{"id":"e5","members":["DEVU-4",` + user + `]}
	]}`
	f := newFake(t, 0)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if len(w.Items) != 6 {
		t.Fatalf("%d engagements, want 6", len(w.Items))
	}
	e := w.Items
	p := e[0].Parent
	if p == nil || strOrNil(p.ID) != "don:core:dvrv-us-1:devo/0:account/1" || strOrNil(p.DisplayID) != "ACC-1" ||
		strOrNil(p.DisplayName) != "Acme Corp" || strOrNil(p.Type) != "account" {
		t.Errorf("parent object decoded as %+v", p)
	}
	if len(e[0].Members) != 1 || strOrNil(e[0].Members[0].DisplayID) != "DEVU-1" || strOrNil(e[0].Members[0].Email) != "ada@example.com" ||
		strOrNil(e[0].Members[0].Type) != "dev_user" {
		t.Errorf("member objects decoded as %+v", e[0].Members)
	}
	if p := e[1].Parent; p == nil || strOrNil(p.ID) != "don:core:dvrv-us-1:devo/0:account/2" || p.DisplayID != nil || p.DisplayName != nil || p.Type != nil {
		t.Errorf("bare parent decoded as %+v, want only its id", p)
	}
	if m := e[1].Members; len(m) != 2 || strOrNil(m[0].ID) != "DEVU-2" || strOrNil(m[1].ID) != "don:identity:dvrv-us-1:devo/0:devu/3" ||
		m[0].DisplayID != nil || m[0].Type != nil || m[1].Email != nil {
		t.Errorf("bare members decoded as %+v, want only ids", m)
	}
	for _, i := range []int{2, 3} {
		if e[i].Parent != nil || e[i].Members != nil {
			t.Errorf("engagement %d: absent or null parent/members decoded as %+v / %+v", i, e[i].Parent, e[i].Members)
		}
	}
	if e[4].Members == nil || len(e[4].Members) != 0 {
		t.Errorf("an empty members list decoded as %#v", e[4].Members)
	}
	if m := e[5].Members; len(m) != 2 || strOrNil(m[0].ID) != "DEVU-4" || strOrNil(m[1].DisplayName) != "ada" {
		t.Errorf("mixed members decoded as %+v", m)
	}
}

// Anything but an object, a string or null is still an error that names
// what was wrong, not a silently empty summary.
func TestSummaryRejectsOtherJSON(t *testing.T) {
	// The client decodes with JSON v2 semantics (answer.go).
	var u UserSummary
	if err := jsonv2.Unmarshal([]byte(`17`), &u); err == nil {
		t.Error("a number decoded as a user summary")
	}
	var o ObjectSummary
	if err := jsonv2.Unmarshal([]byte(`["ACC-1"]`), &o); err == nil {
		t.Error("an array decoded as an object summary")
	}
	if err := jsonv2.Unmarshal([]byte(`"ACC-\u00e9"`), &o); err != nil || strOrNil(o.ID) != "ACC-é" {
		t.Errorf("an escaped bare id decoded as %+v, %v", o, err)
	}
}
