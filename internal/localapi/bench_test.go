package localapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func BenchmarkNew50k(b *testing.B) {
	for b.Loop() {
		New(Options{Seed: 1, Counts: map[string]int{"engagements": 50_000}})
	}
}

// BenchmarkPageAll50k pages through 50,000 engagements over loopback with
// limit 100, decoding only the cursor, which is what the server costs a
// client benchmark.
func BenchmarkPageAll50k(b *testing.B) {
	s := New(Options{Seed: 1, Token: testToken, DisableRecording: true, Counts: map[string]int{"engagements": 50_000}})
	ts := httptest.NewServer(s)
	defer ts.Close()
	client := ts.Client()
	var bytesRead int64
	for b.Loop() {
		cursor := ""
		for pages := 0; ; pages++ {
			body, _ := json.Marshal(map[string]any{"limit": 100, "cursor": cursor})
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/engagements.list", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+testToken)
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			data, _ := io.ReadAll(res.Body)
			res.Body.Close()
			bytesRead += int64(len(data))
			var page struct {
				NextCursor string `json:"next_cursor"`
			}
			if err := json.Unmarshal(data, &page); err != nil {
				b.Fatal(err)
			}
			if page.NextCursor == "" {
				if pages != 499 {
					b.Fatalf("%d pages", pages+1)
				}
				break
			}
			cursor = page.NextCursor
		}
	}
	b.SetBytes(bytesRead / int64(max(1, b.N)))
}

// BenchmarkListHandler measures one list page without the network.
func BenchmarkListHandler(b *testing.B) {
	s := New(Options{Seed: 1, Token: testToken, DisableRecording: true, Counts: map[string]int{"engagements": 50_000}})
	body := []byte(`{"limit":100,"sort_by":["modified_date:desc"],"cursor":"` + s.table("engagements").encodeCursor(sortSpec{{field: "modified_date", desc: true}}, 25_000) + `"}`)
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/engagements.list", bytes.NewReader(body))
		req.Header.Set("Authorization", testToken)
		rec := newRecorder()
		s.ServeHTTP(rec, req)
		if rec.status != 200 {
			b.Fatal(rec.status, rec.body.String())
		}
	}
}
