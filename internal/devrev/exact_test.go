package devrev

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/testsupport"
)

// Exact, or an error (answer.go), in-process: the acceptance tests in
// internal/provider show the same through the CLI.

// answerWith makes the fake answer every request to path with status and
// body.
func answerWith(f *fakeDevRev, path string, status int, body string) {
	f.intercept = func(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
		if r.URL.Path != path {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-exact")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
		return true
	}
}

func TestListAnswerMustHoldWhatTheSpecSays(t *testing.T) {
	const eng = `{"id":"don:core:dvrv-us-1:devo/0:engagement/1","display_id":"ENGM-1","title":"t"}`
	for _, tc := range []struct{ body, problem string }{
		{`{}`, `without its "engagements" array`},
		{`null`, `without its "engagements" array`},
		{`{"engagements":null}`, `without its "engagements" array`},
		{`{"error":"upstream timeout"}`, `without its "engagements" array`},
		{`{"data":{"engagements":[` + eng + `]}}`, `without its "engagements" array`},
		{`{"Engagements":[` + eng + `]}`, `without its "engagements" array`},
		{`{"engagements":[null]}`, `with an engagement that is null or has no "id" (item 1 of 1 in "engagements")`},
		{`{"engagements":[` + eng + `,{}]}`, `with an engagement that is null or has no "id" (item 2 of 2 in "engagements")`},
		{`{"engagements":[{"ID":"x","display_id":"ENGM-2"}]}`, `with an engagement that is null or has no "id" (item 1 of 1`},
		{`{"engagements":[{"id":""}]}`, `with an engagement that is null or has no "id"`},
		{`{"engagements":[` + eng + `,{"id":"ENGM-9","created_by":{"id":5}}]}`,
			`with an engagement (item 2 of the page, id "ENGM-9") whose field "created_by.id" holds JSON number where the API describes a string`},
		{`{"engagements":[{"id":"a","members":{"id":"x"}}]}`, `whose field "members" holds JSON object where the API describes an array`},
		{`{"engagements":[` + eng + `],"engagements":[]}`, `duplicate object member name "engagements"`},
		{`{"engagements":[{"id":"a","id":"b"}]}`, `duplicate object member name "id"`},
		{`<html>Bad gateway</html>`, `a body that is not the JSON the API describes`},
	} {
		t.Run(tc.body, func(t *testing.T) {
			f := newFake(t, 3)
			answerWith(f, "/engagements.list", http.StatusOK, tc.body)
			c, _ := newTestClient(t, f.URL(), nil)
			w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
			var answerErr *AnswerError
			if !errors.As(err, &answerErr) || w != nil {
				t.Fatalf("window %v, err %v; want an *AnswerError", w, err)
			}
			if !strings.Contains(answerErr.Problem, tc.problem) || answerErr.Path != "/engagements.list" ||
				answerErr.Status != 200 || answerErr.RequestID != "req-exact" {
				t.Errorf("error %+v\nwant one saying %s", answerErr, tc.problem)
			}
			if !strings.HasPrefix(err.Error(), "reading page 1 of engagements: DevRev answered POST /engagements.list with HTTP 200 but ") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// Accounts and dev users follow the same rule, by the same code.
func TestListAnswerRuleServesEveryEndpoint(t *testing.T) {
	f := newFake(t, 3)
	c, _ := newTestClient(t, f.URL(), nil)
	answerWith(f, "/accounts.list", http.StatusOK, `{"account":[]}`)
	if _, err := c.ListAccounts(context.Background(), ListAccountsRequest{}, ListOptions{}); err == nil ||
		!strings.Contains(err.Error(), `without its "accounts" array`) {
		t.Errorf("accounts: %v", err)
	}
	answerWith(f, "/dev-users.list", http.StatusOK, `{"dev_users":[{"display_name":"x"}]}`)
	if _, err := c.ListDevUsers(context.Background(), ListDevUsersRequest{}, ListOptions{}); err == nil ||
		!strings.Contains(err.Error(), `with a dev user that is null or has no "id"`) {
		t.Errorf("dev users: %v", err)
	}
}

// What DevRev sends reaches the caller byte for byte, whatever it holds:
// "Bearer" followed by a credential-like word, and the token itself, even
// a token so short that it occurs in the answer's own keys.
func TestAnswersAreNeverRedacted(t *testing.T) {
	const token = "gage"
	texts := []string{
		"Call with Standard-Bearer Technologies",
		"bearer certificates",
		"Bearer abcdefghijklmnopqrstuvwxyz0123456789",
		"engagement: gage",
	}
	engs := make([]localapi.Engagement, len(texts))
	for i, text := range texts {
		engs[i] = localapi.Engagement{ID: fmt.Sprintf("don:core:dvrv-us-1:devo/0:engagement/%d", i), DisplayID: fmt.Sprintf("ENGM-%d", i),
			Title: text, Description: token + " " + text, CreatedDate: fmt.Sprintf("2024-01-0%dT00:00:00Z", i+1)}
	}
	_, c := partitionServer(t, localapi.Options{Data: map[string]any{"engagements": engs}}, nil)
	c, err := New(Options{Endpoint: c.Endpoint(), Token: partitionToken})
	if err != nil {
		t.Fatal(err)
	}
	c.redact = redactor{secret: token} // as if the token were this short
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range w.Items {
		if *e.Title != texts[i] || *e.Description != token+" "+texts[i] {
			t.Errorf("engagement %d: title %q, description %q; want %q and %q", i, *e.Title, *e.Description, texts[i], token+" "+texts[i])
		}
	}
	got, err := c.GetEngagement(context.Background(), "ENGM-2")
	if err != nil || *got.Title != texts[2] {
		t.Errorf("get: %v, %v", got, err)
	}
}

// An error still never quotes the token, nor a bearer credential.
func TestAnswerErrorsAreRedacted(t *testing.T) {
	f := newFake(t, 3)
	answerWith(f, "/engagements.list", http.StatusOK, `{"engagements":[{"title":"`+testToken+` Bearer abcdefghijklmnop"}]}`)
	c, _ := newTestClient(t, f.URL(), nil)
	_, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err == nil || strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "abcdefghijklmnop") {
		t.Fatalf("err = %v", err)
	}
}

// A read stops once what it gathered passes its bound, in items or bytes,
// counted across pages.
func TestReadBounds(t *testing.T) {
	f := newFake(t, 50)
	c, _ := newTestClient(t, f.URL(), nil)
	for _, tc := range []struct {
		name               string
		maxItems, maxBytes int64
		want               string
	}{
		{"items", 25, MaxReadBytes, "after gathering 30 engagements"},
		{"bytes", MaxReadItems, 3000, "the read stopped after gathering"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.held = newHeldBytes(tc.maxBytes)
			ctx := context.WithValue(context.Background(), tallyKey{}, &tally{maxItems: tc.maxItems, held: c.held})
			_, err := c.ListEngagements(ctx, ListEngagementsRequest{}, ListOptions{PageSize: 10})
			var tooLarge *ReadTooLargeError
			if !errors.As(err, &tooLarge) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want a *ReadTooLargeError saying %q", err, tc.want)
			}
		})
	}
	// Within the bounds, the same read succeeds.
	c.held = newHeldBytes(MaxReadBytes)
	if w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{PageSize: 10}); err != nil || len(w.Items) != 50 {
		t.Fatalf("%v", err)
	}
}

// A get answered without its object's id, or with an id of null, is an
// error; so is a count of the wrong type.
func TestGetAndCountAnswers(t *testing.T) {
	f := newFake(t, 3)
	c, _ := newTestClient(t, f.URL(), nil)
	for _, tc := range []struct{ body, want string }{
		{`{"engagement":{"id":null,"display_id":"ENGM-1"}}`, `with an engagement for "ENGM-1" that has no id`},
		{`{"engagement":{"ID":"x","display_id":"ENGM-1"}}`, `that has no id`},
		{`{"Engagement":{"id":"x","display_id":"ENGM-1"}}`, `without an engagement for "ENGM-1"`},
		{`{"engagement":{"id":"x","title":false}}`, `with a field "title" that holds JSON boolean where the API describes a string`},
	} {
		answerWith(f, "/engagements.get", http.StatusOK, tc.body)
		if _, err := c.GetEngagement(context.Background(), "ENGM-1"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want %s", tc.body, err, tc.want)
		}
	}
	for _, tc := range []struct{ body, want string }{
		{`{"Count":3}`, `without its "count"`},
		{`{"count":3.5}`, `with a field "count" that holds JSON number 3.5 where the API describes a whole number`},
		{`{"count":null}`, `without its "count"`},
	} {
		answerWith(f, "/engagements.count", http.StatusOK, tc.body)
		if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want %s", tc.body, err, tc.want)
		}
	}
}

// A count that hangs is not waited for: past countGrace the read goes on
// as the chain, says why at warn level, and returns what the chain returns.
func TestPartitionedReadDoesNotWaitForAHangingCount(t *testing.T) {
	data := orderedEngagements(5, 300, EngagementTypes)
	done := make(chan struct{})
	wrap := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/engagements.count" {
				// Never answers: not until the client gives up (which the
				// server notices once it has read the body), or the test ends.
				_, _ = io.Copy(io.Discard, r.Body)
				select {
				case <-r.Context().Done():
				case <-done:
				}
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	_, c := partitionServer(t, localapi.Options{Data: map[string]any{"engagements": data}}, wrap)
	t.Cleanup(func() { close(done) }) // before the server's Close, which waits for handlers
	var logs testsupport.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	req := ListEngagementsRequest{Paging: Paging{SortBy: []string{"created_date:asc"}}}
	opts := ListOptions{PageSize: 5}
	w, ok, err := listPartitioned(ctx, c, engagements, req, opts, 16)
	if err != nil || !ok {
		t.Fatalf("ok %v, %v", ok, err)
	}
	chain, err := engagements.chain(context.Background(), c, req, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w.Items, chain.Items) {
		t.Fatal("the read differs from the chain")
	}
	if !strings.Contains(logs.String(), "engagements.count did not answer within") || !strings.Contains(logs.String(), `"@level":"warn"`) {
		t.Fatalf("no warning saying the count did not answer:\n%s", logs.String())
	}
}

// A part that fails in a way the chain would not (an answer that is not
// what the API describes, here) falls back to the chain, which reads on
// from its own first page.
func TestPartitionedReadFallsBackOnAFailedPart(t *testing.T) {
	data := orderedEngagements(9, 300, EngagementTypes)
	var firstPages atomic.Int32
	wrap := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body := readBody(r)
			switch {
			case r.URL.Path == "/engagements.list" && strings.Contains(body, `"type":["email"]`):
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"engagements":[{"title":"no id"}]}`))
				return
			case r.URL.Path == "/engagements.list" && !strings.Contains(body, `"cursor"`) && !strings.Contains(body, `"type"`):
				firstPages.Add(1)
			}
			next.ServeHTTP(w, r)
		})
	}
	_, c := partitionServer(t, localapi.Options{Data: map[string]any{"engagements": data}}, wrap)
	var logs testsupport.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	req := ListEngagementsRequest{Paging: Paging{SortBy: []string{"modified_date:desc"}}}
	opts := ListOptions{PageSize: 5}
	w, ok, err := listPartitioned(ctx, c, engagements, req, opts, 16)
	if err != nil || !ok {
		t.Fatalf("ok %v, %v", ok, err)
	}
	if n := firstPages.Load(); n != 1 {
		t.Errorf("%d first pages: the fallback read its first page again", n)
	}
	chain, err := engagements.chain(context.Background(), c, req, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w.Items, chain.Items) {
		t.Fatal("the read differs from the chain")
	}
	if !strings.Contains(logs.String(), "the part type=email failed") {
		t.Fatalf("no warning naming the failed part:\n%s", logs.String())
	}
}

// readBody reads r's body and puts it back for the next handler.
func readBody(r *http.Request) string {
	data, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(data))
	return string(data)
}

func TestHumanDuration(t *testing.T) {
	for in, want := range map[time.Duration]string{
		100*time.Hour - 40*time.Millisecond - 959309016: "99h59m59s",
		27*time.Hour + 46*time.Minute + 39959309016:     "27h46m40s",
		1500 * time.Millisecond:                         "2s",
		1234567 * time.Microsecond:                      "1s",
		12345678 * time.Nanosecond:                      "12ms",
		0:                                               "0s",
	} {
		if got := humanDuration(in); got != want {
			t.Errorf("humanDuration(%v) = %s, want %s", in, got, want)
		}
	}
}

// A date the provider checks itself (works, meetings) that is not a
// timestamp fails the read, naming the object and the date: dropping it
// would read as "outside the range". Without a date filter nothing is
// checked, and the same answer reads.
func TestUnreadableDateInARangeIsAnError(t *testing.T) {
	f := newFake(t, 3)
	c, _ := newTestClient(t, f.URL(), nil)
	answerWith(f, "/works.list", http.StatusOK,
		`{"works":[{"id":"don:core:dvrv-us-1:devo/0:ticket/1","created_date":"2024-01-02T00:00:00Z"},`+
			`{"id":"don:core:dvrv-us-1:devo/0:ticket/2","created_date":"yesterday"}]}`)
	in := ListWorksRequest{WorkFilter: WorkFilter{CreatedDate: Range(&DateTimeFilter{After: "2024-01-01T00:00:00Z"})}}
	w, err := c.ListWorks(context.Background(), in, ListOptions{})
	if err == nil || w != nil || !strings.Contains(err.Error(), `work "don:core:dvrv-us-1:devo/0:ticket/2": its created_date "yesterday" is not an RFC 3339 timestamp`) {
		t.Fatalf("window %v, err %v; want an error naming ticket/2 and its created_date", w, err)
	}
	if w, err := c.ListWorks(context.Background(), ListWorksRequest{}, ListOptions{}); err != nil || len(w.Items) != 2 {
		t.Errorf("without a range: err %v; want both works", err)
	}
	answerWith(f, "/meetings.list", http.StatusOK, `{"meetings":[{"id":"don:core:dvrv-us-1:devo/0:meeting/1","ended_date":"soon"}]}`)
	_, err = c.ListMeetings(context.Background(), ListMeetingsRequest{MeetingFilter: MeetingFilter{EndedDate: Range(&DateTimeFilter{Before: "2030-01-01T00:00:00Z"})}}, ListOptions{})
	if err == nil || !strings.Contains(err.Error(), `meeting "don:core:dvrv-us-1:devo/0:meeting/1": its ended_date "soon"`) {
		t.Errorf("meetings: %v", err)
	}
}
