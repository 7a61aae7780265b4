package devrev

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// The tests in this file use small dedicated httptest handlers: hostile
// servers behave in ways no fake DevRev API should.

// recorder is a loopback server that records the Authorization header of
// every request and answers with handle.
type recorder struct {
	*httptest.Server
	mu     sync.Mutex
	auths  []string
	paths  []string
	bodies []string // method and body
}

func newRecorder(t *testing.T, handle http.HandlerFunc) *recorder {
	t.Helper()
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		// Reading the body lets the server notice when the client hangs
		// up (it watches the connection only once the body is read).
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.auths = append(r.auths, req.Header.Get("Authorization"))
		r.paths = append(r.paths, req.URL.Path)
		r.bodies = append(r.bodies, req.Method+" "+string(body))
		r.mu.Unlock()
		handle(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) seen() (auths, paths []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.auths...), append([]string(nil), r.paths...)
}

func countOK(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"count":7}`)
}

func hostileClient(t *testing.T, endpoint string, mod func(*Options)) *Client {
	t.Helper()
	opts := Options{Endpoint: endpoint, Token: testToken, MinRetryWait: time.Millisecond, MaxRetryWait: time.Second}
	if mod != nil {
		mod(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// A redirect to the same host on another port (net/http would copy
// Authorization along) or to another host is not followed: the error names
// the status and the target origin, never its path or query, and says the
// token was not sent.
func TestCrossOriginRedirectRefused(t *testing.T) {
	other := newRecorder(t, countOK)
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, target := range []struct{ name, base string }{
			{"another port", other.URL},
			{"another host name", strings.Replace(other.URL, "127.0.0.1", "localhost", 1)},
		} {
			t.Run(fmt.Sprintf("%d to %s", status, target.name), func(t *testing.T) {
				endpoint := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, target.base+"/steal/engagements.count?key=hidden-query", status)
				})
				c := hostileClient(t, endpoint.URL, nil)
				_, err := c.CountEngagements(context.Background(), EngagementFilter{})
				var redirect *RedirectError
				if !errors.As(err, &redirect) || !redirect.CrossOrigin || redirect.StatusCode != status {
					t.Fatalf("err = %v, want a cross-origin *RedirectError for %d", err, status)
				}
				msg := err.Error()
				wantOrigin := strings.Replace(target.base, "localhost", "localhost", 1)
				for _, want := range []string{fmt.Sprintf("HTTP %d", status), wantOrigin, "did not send the token"} {
					if !strings.Contains(msg, want) {
						t.Errorf("error %q does not say %q", msg, want)
					}
				}
				for _, leak := range []string{"/steal", "hidden-query", testToken} {
					if strings.Contains(msg, leak) {
						t.Errorf("error %q quotes %q", msg, leak)
					}
				}
				if auths, _ := other.seen(); len(auths) != 0 {
					t.Fatalf("the other origin received %d request(s), Authorization %q", len(auths), auths)
				}
				if auths, _ := endpoint.seen(); len(auths) != 1 || auths[0] != "Bearer "+testToken {
					t.Errorf("endpoint saw Authorization %q, want the token once (a refused redirect is not retried)", auths)
				}
			})
		}
	}
}

// Within the endpoint's origin, 307 and 308 are followed (the POST and its
// body are repeated, with the token); 301, 302 and 303 are refused because
// they would turn the POST into a GET without the filters.
func TestSameOriginRedirects(t *testing.T) {
	for _, status := range []int{307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/old/engagements.count" {
					http.Redirect(w, r, "/new/engagements.count", status)
					return
				}
				countOK(w, r)
			})
			c := hostileClient(t, srv.URL+"/old", nil)
			n, err := c.CountEngagements(context.Background(), EngagementFilter{Type: []string{"call"}})
			if err != nil || n != 7 {
				t.Fatalf("CountEngagements = %d, %v", n, err)
			}
			auths, paths := srv.seen()
			srv.mu.Lock()
			bodies := srv.bodies
			srv.mu.Unlock()
			if len(auths) != 2 || auths[0] != "Bearer "+testToken || auths[1] != "Bearer "+testToken {
				t.Errorf("Authorization per hop = %q", auths)
			}
			if paths[1] != "/new/engagements.count" || bodies[1] != bodies[0] || !strings.HasPrefix(bodies[1], "POST {") {
				t.Errorf("second hop %s %q, first %q", paths[1], bodies[1], bodies[0])
			}
		})
	}
	for _, status := range []int{301, 302, 303} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/engagements.count" {
					http.Redirect(w, r, "/elsewhere", status)
					return
				}
				countOK(w, r)
			})
			c := hostileClient(t, srv.URL, nil)
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			var redirect *RedirectError
			if !errors.As(err, &redirect) || redirect.CrossOrigin || !strings.Contains(err.Error(), "without its body") {
				t.Fatalf("err = %v, want a same-origin *RedirectError", err)
			}
			if _, paths := srv.seen(); len(paths) != 1 {
				t.Errorf("requests %q, want only the first", paths)
			}
		})
	}
	t.Run("loop", func(t *testing.T) {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
		})
		c := hostileClient(t, srv.URL, nil)
		_, err := c.CountEngagements(context.Background(), EngagementFilter{})
		if err == nil || !strings.Contains(err.Error(), "more than 3 redirects") {
			t.Fatalf("err = %v", err)
		}
		if _, paths := srv.seen(); len(paths) != maxRedirects+1 {
			t.Errorf("%d requests, want %d", len(paths), maxRedirects+1)
		}
	})
}

// The Authorization header goes only to the endpoint's exact origin, checked
// at the transport, whatever the request.
func TestAuthTransportOrigin(t *testing.T) {
	var got []string
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.String()+" "+r.Header.Get("Authorization"))
		return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
	})
	base, _ := ParseEndpoint("https://api.devrev.ai")
	tr := &authTransport{origin: originOf(base), authorization: "Bearer t", next: next}
	for _, u := range []string{
		"https://api.devrev.ai/x",
		"https://API.devrev.ai:443/x",
		"https://api.devrev.ai:8443/x",
		"http://api.devrev.ai/x",
		"https://api.devrev.ai.evil/x",
	} {
		req, _ := http.NewRequest(http.MethodPost, u, nil)
		if _, err := tr.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if req.Header.Get("Authorization") != "" {
			t.Errorf("%s: the caller's request was modified", u)
		}
	}
	want := []string{
		"https://api.devrev.ai/x Bearer t",
		"https://API.devrev.ai:443/x Bearer t",
		"https://api.devrev.ai:8443/x ",
		"http://api.devrev.ai/x ",
		"https://api.devrev.ai.evil/x ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// hang holds a request until the client hangs up (or the test is long over).
func hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(30 * time.Second):
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// attemptLog is the client's own transport, counting the attempts it sends
// and noting the first that got its response's headers: on a busy machine
// an attempt can run into a short request_timeout before the server has
// seen it, or before its headers are back, so the server's count is no
// measure.
type attemptLog struct {
	mu          sync.Mutex
	attempts    int
	withHeaders int // the first attempt that got headers, 0: none
}

func (l *attemptLog) transport() http.RoundTripper {
	next := cleanhttp.DefaultPooledTransport()
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		l.mu.Lock()
		l.attempts++
		n := l.attempts
		l.mu.Unlock()
		resp, err := next.RoundTrip(r)
		if err == nil {
			l.mu.Lock()
			if l.withHeaders == 0 {
				l.withHeaders = n
			}
			l.mu.Unlock()
		}
		return resp, err
	})
}

func (l *attemptLog) get() (attempts, withHeaders int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.attempts, l.withHeaders
}

// A server that accepts the request and never answers fails each attempt at
// request_timeout, and only one timed-out attempt is retried even with the
// default max_retries: the error says it timed out and names the setting.
// Only request_timeout can end these attempts before hang's backstop, after
// which the answer would be no timeout.
func TestHungServerTimesOut(t *testing.T) {
	for _, tt := range []struct {
		name   string
		handle http.HandlerFunc
	}{
		{"no headers", func(w http.ResponseWriter, r *http.Request) { hang(r) }},
		{"headers, then a stalled body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{"count":`)
			w.(http.Flusher).Flush()
			hang(r)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, tt.handle)
			var log attemptLog
			c := hostileClient(t, srv.URL, func(o *Options) {
				o.RequestTimeout = 200 * time.Millisecond
				o.Transport = log.transport()
			})
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range []string{"timed out", "request_timeout (200ms)"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			var timeout *TimeoutError
			if !errors.As(err, &timeout) {
				t.Errorf("err = %v, want a *TimeoutError inside", err)
			}
			// An attempt that got its headers is the last: its body is
			// read after the retry loop. That is the first with a stalled
			// body, unless a busy machine let it time out before its
			// headers were back, as the server that never answers does.
			attempts, withHeaders := log.get()
			wantAttempts := maxTimeouts
			if withHeaders != 0 {
				wantAttempts = withHeaders
			}
			if attempts != wantAttempts || (tt.name == "no headers" && withHeaders != 0) {
				t.Errorf("%d attempts, the first with headers %d; want %d", attempts, withHeaders, wantAttempts)
			}
		})
	}
}

// With every default, a server that never answers fails a read well within
// two minutes: maxTimeouts attempts plus the longest backoff between them.
func TestDefaultTimeoutsEndWithinTwoMinutes(t *testing.T) {
	worst := maxTimeouts*DefaultRequestTimeout + (maxTimeouts-1)*defaultMinRetryWait*2
	if worst >= 2*time.Minute {
		t.Errorf("worst case %v", worst)
	}
	c, err := New(Options{Token: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if c.requestTimeout != DefaultRequestTimeout || c.http.RetryMax != DefaultMaxRetries {
		t.Errorf("timeout %v retries %d", c.requestTimeout, c.http.RetryMax)
	}
}

// spaces streams n bytes of JSON whitespace inside a valid page, produced
// as it is written, so the test never holds the body in memory.
func writeSpacesPage(w io.Writer, n int64) {
	if _, err := io.WriteString(w, `{"engagements":[`); err != nil {
		return
	}
	chunk := []byte(strings.Repeat(" ", 64<<10))
	for n > 0 {
		k := min(n, int64(len(chunk)))
		if _, err := w.Write(chunk[:k]); err != nil {
			return // the client hung up, as it should
		}
		n -= k
	}
	_, _ = io.WriteString(w, `]}`)
}

// gzipMember is one gzip member (RFC 1952) holding data.
func gzipMember(data []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return buf.Bytes()
}

// writeGzipSpacesPage writes the page of writeSpacesPage, gzip-compressed,
// without compressing n bytes: gzip members concatenate into one stream
// (RFC 1952, 2.2; Go's gzip.Reader reads them all), so one member of
// spaces compressed once is repeated. The server then costs next to
// nothing while the client decompresses, however busy the machine is.
func writeGzipSpacesPage(w io.Writer, n int64) {
	const chunk = 1 << 20
	spaces := gzipMember(bytes.Repeat([]byte(" "), chunk))
	if _, err := w.Write(gzipMember([]byte(`{"engagements":[`))); err != nil {
		return
	}
	for ; n >= chunk; n -= chunk {
		if _, err := w.Write(spaces); err != nil {
			return // the client hung up, as it should
		}
	}
	_, _ = w.Write(gzipMember(append(bytes.Repeat([]byte(" "), int(n)), "]}"...)))
}

// Bodies are capped after decompression: a huge plain body and a small gzip
// body that expands to 1 GiB both fail clearly once past MaxBodyBytes, and
// the client's memory stays near the cap.
func TestBodyCap(t *testing.T) {
	for _, tt := range []struct {
		name   string
		handle http.HandlerFunc
	}{
		{"80 MiB body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			writeSpacesPage(w, 80<<20)
		}},
		{"gzip bomb of 1 GiB", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			writeGzipSpacesPage(w, 1<<30)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, tt.handle)
			// The cap, not request_timeout, must end the read: an hour is
			// no bound on a loaded machine, and a client that read on
			// forever is left to go test -timeout.
			c := hostileClient(t, srv.URL, func(o *Options) { o.RequestTimeout = time.Hour })
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
			runtime.ReadMemStats(&after)
			var tooLarge *BodyTooLargeError
			if !errors.As(err, &tooLarge) || !strings.Contains(err.Error(), "larger than 64 MiB once decompressed") {
				t.Fatalf("err = %v, want a *BodyTooLargeError", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
				t.Errorf("the read allocated %d MiB", alloc>>20)
			}
			if _, paths := srv.seen(); len(paths) != 1 {
				t.Errorf("%d requests, want 1 (a body past the cap is not retried)", len(paths))
			}
		})
	}
	t.Run("the gzip bomb is one page", func(t *testing.T) {
		var buf bytes.Buffer
		const n = 2<<20 + 3
		writeGzipSpacesPage(&buf, n)
		zr, err := gzip.NewReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil || len(data) != len(`{"engagements":[]}`)+n || !json.Valid(data) ||
			!strings.HasPrefix(string(data), `{"engagements":[ `) || !strings.HasSuffix(string(data), ` ]}`) {
			t.Errorf("decompressed %d bytes, %v: not the page of %d spaces", len(data), err, n)
		}
	})
	t.Run("exactly the cap is fine", func(t *testing.T) {
		body := &cappedBody{ReadCloser: io.NopCloser(strings.NewReader(strings.Repeat("x", 100))), left: 100}
		if data, err := io.ReadAll(body); err != nil || len(data) != 100 {
			t.Errorf("read %d, %v", len(data), err)
		}
		body = &cappedBody{ReadCloser: io.NopCloser(strings.NewReader(strings.Repeat("x", 101))), left: 100}
		if _, err := io.ReadAll(body); err == nil {
			t.Error("101 bytes passed a cap of 100")
		}
	})
}
