package localapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Latency delays every answer, concurrent requests overlap (the delay is a
// round trip, not a queue), and a client that gives up is not kept waiting.
func TestLatencyDelaysEveryResponse(t *testing.T) {
	const latency = 150 * time.Millisecond
	_, base := start(t, Options{Latency: latency, Counts: map[string]int{"engagements": 20}})

	began := time.Now()
	if r := post(t, base, "/engagements.count", map[string]any{}); r.status != 200 {
		t.Fatalf("count: %d %s", r.status, r.body)
	}
	if took := time.Since(began); took < latency {
		t.Fatalf("answered after %v, before the %v latency", took, latency)
	}

	// A round trip, not a queue: while one request is held for an hour
	// (a Slow fault on its path adds to the latency, in the same wait),
	// another is answered after its latency. Behind a queue it would wait
	// for the first, and the test would hang until go test -timeout.
	s, queued := start(t, Options{Latency: latency, Faults: []Fault{{Kind: Slow, Path: "/engagements.list", Delay: time.Hour}}, Counts: map[string]int{"engagements": 20}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	held := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, queued+"/engagements.list", strings.NewReader("{}"))
		req.Header.Set("Authorization", "Bearer "+testToken)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		held <- err
	}()
	for len(s.Requests()) == 0 { // the server has the held request
		time.Sleep(time.Millisecond)
	}
	if r := post(t, queued, "/engagements.count", map[string]any{}); r.status != 200 {
		t.Fatalf("count beside the held request: %d %s", r.status, r.body)
	}
	select {
	case err := <-held:
		t.Fatalf("the request held for an hour ended: %v", err)
	default:
	}
	cancel()
	if err := <-held; !errors.Is(err, context.Canceled) {
		t.Fatalf("held request: %v, want context.Canceled", err)
	}

	// A latency longer than the client waits: the client's deadline ends the
	// request, long before the latency has passed.
	_, slow := start(t, Options{Latency: time.Hour, Counts: map[string]int{"engagements": 1}})
	dctx, dcancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer dcancel()
	req, _ := http.NewRequestWithContext(dctx, http.MethodPost, slow+"/engagements.count", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer "+testToken)
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		res.Body.Close()
		t.Fatalf("answered %d despite a one-hour latency", res.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}
