package main

import (
	"bytes"
	"context"
	"testing"
	"time"
)

func TestLatencyFlag(t *testing.T) {
	base, _, _ := startRun(t, []string{"-count", "3", "-latency", "200ms"}, nil)
	start := time.Now()
	if code, body := count(t, base, "Bearer local-demo-token"); code != 200 || body != `{"count":3}` {
		t.Fatalf("count: %d %s", code, body)
	}
	if took := time.Since(start); took < 200*time.Millisecond {
		t.Fatalf("answered after %v, before the 200ms latency", took)
	}
	for _, bad := range []string{"-5ms", "fast"} {
		var stderr bytes.Buffer
		if err := run(context.Background(), []string{"-latency", bad}, func(string) string { return "" }, &stderr); err == nil {
			t.Errorf("-latency %s accepted", bad)
		}
	}
}
