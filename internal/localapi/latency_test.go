package localapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// Latency delays every answer, concurrent requests overlap (the delay is a
// round trip, not a queue), and a client that gives up is not kept waiting.
func TestLatencyDelaysEveryResponse(t *testing.T) {
	const latency = 150 * time.Millisecond
	_, base := start(t, Options{Count: 20, Latency: latency})

	began := time.Now()
	if r := post(t, base, "/engagements.count", map[string]any{}); r.status != 200 {
		t.Fatalf("count: %d %s", r.status, r.body)
	}
	if took := time.Since(began); took < latency {
		t.Fatalf("answered after %v, before the %v latency", took, latency)
	}

	// Four requests at once take about one latency, not four.
	began = time.Now()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if r := post(t, base, "/engagements.list", map[string]any{"limit": 5}); r.status != 200 {
				t.Errorf("list: %d %s", r.status, r.body)
			}
		})
	}
	wg.Wait()
	if took := time.Since(began); took < latency || took >= 3*latency {
		t.Fatalf("four concurrent requests took %v; want one latency of %v, not a queue", took, latency)
	}

	// A latency longer than the client waits: the client's deadline ends the
	// request, well before the latency has passed.
	_, slow := start(t, Options{Count: 1, Latency: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, slow+"/engagements.count", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer "+testToken)
	began = time.Now()
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		res.Body.Close()
		t.Fatalf("answered %d despite a one-minute latency", res.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(began) > 5*time.Second {
		t.Fatalf("after %v: %v", time.Since(began), err)
	}
}
