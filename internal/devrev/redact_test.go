package devrev

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/testsupport"
)

// A gateway that echoes the request into its answer must not get the token
// into an error or a log line: bare, after "Bearer" in any case, in a JSON
// error, an HTML page, a header, a 200 that is not JSON, or straddling the
// point where an excerpt is cut.
func TestEchoedTokenRedacted(t *testing.T) {
	const secret = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2ln-123456"
	for _, tt := range []struct {
		name   string
		status int
		body   string
		header string
	}{
		{"401 plain echo", 401, "401 Unauthorized: received Authorization: Bearer " + secret, ""},
		{"403 JSON echo", 403, `{"type":"forbidden","message":"token ` + secret + ` may not read","detail":"BEARER ` + secret + `"}`, ""},
		{"lower-case bearer", 400, `{"type":"bad_request","message":"bad header: bearer ` + secret + `"}`, ""},
		{"cut at the excerpt", 502, strings.Repeat("x", 280) + " Bearer " + secret + strings.Repeat(" y", 100), ""},
		{"header echo", 500, `{"type":"internal_error","message":"boom"}`, "Bearer " + secret},
		{"200 not JSON", 200, "<html>you sent " + secret + "</html>", ""},
		{"someone else's bearer credential", 401, "expected Bearer abcdefghijklmnopqrstuvwxyz0123", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.header != "" {
					w.Header().Set("X-Request-Id", tt.header)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			})
			var logs testsupport.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			c := hostileClient(t, srv.URL, func(o *Options) { o.Token = "Bearer " + secret; o.MaxRetries = ptr(1) })
			_, err := c.CountEngagements(ctx, EngagementFilter{})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, "***") {
				t.Errorf("error %q shows no redaction", msg)
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) && strings.Contains(apiErr.Error(), secret[10:30]) {
				t.Errorf("the wrapped *APIError quotes the token: %s", apiErr.Error())
			}
			for _, leak := range []string{secret[:12], secret[10:30], secret[30:], "abcdefghijklmnop"} {
				if strings.Contains(msg, leak) {
					t.Errorf("error quotes %q: %s", leak, msg)
				}
				if strings.Contains(logs.String(), leak) {
					t.Errorf("log quotes %q", leak)
				}
			}
		})
	}
}

func TestRedactorForms(t *testing.T) {
	r := redactor{secret: "tok-1234567890abcdef"}
	for in, want := range map[string]string{
		"tok-1234567890abcdef":                       "***",
		"Authorization: Bearer tok-1234567890abcdef": "Authorization: Bearer ***",
		"bEaReR\ttok-1234567890abcdef!":              "bEaReR\t***!",
		"Bearer other-credential-xyz":                "Bearer ***",
		"a Bearer token is required":                 "a Bearer token is required",
		"nothing secret":                             "nothing secret",
	} {
		if got := r.String(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		`{"title":"Call with Acme","description":"nothing to hide"}`: `{"title":"Call with Acme","description":"nothing to hide"}`,
		`{"description":"use BeArEr tok-abcdefghijklmnop"}`:          `{"description":"use BeArEr ***"}`,
		`{"description":"tok-1234567890abcdef"}`:                     `{"description":"***"}`,
		`ends in bearer`:                                             `ends in bearer`,
	} {
		if got := string(r.Bytes([]byte(in))); got != want {
			t.Errorf("Bytes(%q) = %q, want %q", in, got, want)
		}
	}
	// A body with nothing to redact comes back as it is, not as a copy: a
	// large read passes megabytes through here.
	clean := []byte(`{"engagements":[{"title":"Quarterly review","description":"bear with us"}]}`)
	if got := r.Bytes(clean); &got[0] != &clean[0] {
		t.Error("Bytes copied a body that holds nothing to redact")
	}
	if err := r.Error(context.Canceled); err != context.Canceled {
		t.Errorf("a clean error was replaced: %v", err)
	}
	wrapped := r.Error(errors.Join(context.Canceled, errors.New("tok-1234567890abcdef")))
	if !errors.Is(wrapped, context.Canceled) || strings.Contains(wrapped.Error(), "tok-") {
		t.Errorf("redacted error %v", wrapped)
	}
}

func TestMentionsBearer(t *testing.T) {
	for in, want := range map[string]bool{
		"bearer": true, "BEARER": true, "xBeArEr!": true, "Authorization: Bearer": true,
		"": false, "beare": false, "bear er": false, "b\u00e9arer": false, "bearing": false,
	} {
		if got := mentionsBearer([]byte(in)); got != want {
			t.Errorf("mentionsBearer(%q) = %v, want %v", in, got, want)
		}
	}
}

// Endpoint credentials never reach an error, whatever the scheme and even
// when the URL does not parse.
func TestEndpointCredentialsNeverPrinted(t *testing.T) {
	for _, endpoint := range []string{
		"ftp://user:hunter2@api.devrev.ai",
		"https://user:hunter2@api.devrev.ai",
		"https://user:hunter2@api.devrev.ai:port",
		"https://user:hunter2@[::1",
		"https://us er:hunter2@api.devrev.ai",
		"https://user:hunter2@api.devrev.ai/%zz",
		"https://user:hun/ter2@api.devrev.ai",
		"https://user:hunter2@@api.devrev.ai",
		"user:hunter2@api.devrev.ai",
		"//user:hunter2@api.devrev.ai",
		"https://api.devrev.ai/?token=hunter2",
		"https://api.devrev.ai/#hunter2",
		"https://user:hunter2@api.devrev.ai\n",
		"mailto:user:hunter2@api.devrev.ai",
	} {
		_, err := ParseEndpoint(endpoint)
		if err == nil {
			t.Errorf("ParseEndpoint(%q) accepted it", endpoint)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "ter2") {
			t.Errorf("ParseEndpoint(%q) error leaks the password: %v", endpoint, err)
		}
		if !strings.Contains(err.Error(), "endpoint") {
			t.Errorf("ParseEndpoint(%q) error does not name the endpoint: %v", endpoint, err)
		}
		if _, err := New(Options{Endpoint: endpoint, Token: "t"}); err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("New(%q) = %v", endpoint, err)
		}
	}
	if got := RedactEndpoint("https://api.devrev.ai/base"); got != "https://api.devrev.ai/base" {
		t.Errorf("a clean endpoint changed: %q", got)
	}
}

// A token with a line break or another control character inside fails when
// the client is made, with a message about the token (never its value), not
// about the endpoint.
func TestTokenWithControlCharacters(t *testing.T) {
	for _, token := range []string{"abc\ndef", "abc\r\ndef", "Bearer abc\x00def", "abc\tdef", "abc def", "abc\x7fdef"} {
		_, err := New(Options{Endpoint: "https://api.devrev.ai", Token: token})
		if !errors.Is(err, ErrInvalidToken) {
			t.Errorf("token %q: err = %v, want ErrInvalidToken", token, err)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "token") || !strings.Contains(msg, "DEVREV_TOKEN") || strings.Contains(msg, "endpoint") {
			t.Errorf("token %q: message %q should name the token and not the endpoint", token, msg)
		}
		if strings.Contains(msg, "abc") || strings.Contains(msg, "def") {
			t.Errorf("token %q: message quotes it: %q", token, msg)
		}
	}
	if _, err := New(Options{Token: "  Bearer abc.def-ghi_jkl\n"}); err != nil {
		t.Errorf("outer whitespace should be trimmed: %v", err)
	}
}

func TestPlainHTTPOverNetwork(t *testing.T) {
	for in, want := range map[string]bool{
		"https://api.devrev.ai":      false,
		"http://api.devrev.ai":       true,
		"http://10.0.0.5:8080":       true,
		"http://127.0.0.1:8080":      false,
		"http://127.8.9.10":          false,
		"http://[::1]:80":            false,
		"http://localhost:3000":      false,
		"http://LOCALHOST":           false,
		"http://api.localhost":       false,
		"http://localhost.evil.com":  true,
		"http://[::ffff:10.0.0.1]:1": true,
	} {
		u, err := ParseEndpoint(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := PlainHTTPOverNetwork(u); got != want {
			t.Errorf("PlainHTTPOverNetwork(%s) = %v, want %v", in, got, want)
		}
	}
}

// What the provider applies to what it prints, outside any request: the
// client's token, bare or as any bearer credential, is hidden in a
// diagnostic's text and in every log line written under a masked context;
// a client not configured yet (nil) still hides bearer credentials.
func TestClientRedactAndMaskLogs(t *testing.T) {
	const secret = "tok-1234567890abcdef"
	c, err := New(Options{Token: secret})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Redact(`cursor "` + secret + `" and Bearer someone-elses-credential`); got != `cursor "***" and Bearer ***` {
		t.Errorf("Redact = %q", got)
	}
	var none *Client
	if got := none.Redact("Bearer someone-elses-credential, " + secret); got != "Bearer ***, "+secret {
		t.Errorf("nil client: Redact = %q", got)
	}
	for _, client := range []*Client{c, none} {
		var logs testsupport.Buffer
		ctx := client.MaskLogs(tflogtest.RootLogger(context.Background(), &logs))
		tflog.Warn(ctx, "read stopped at cursor "+secret, map[string]any{
			"cursor": secret, "request_id": "Bearer someone-elses-credential", "Authorization": "anything",
		})
		out := logs.String()
		for _, leak := range []string{"someone-elses", "anything"} {
			if strings.Contains(out, leak) {
				t.Errorf("client %v: a log line quotes %q: %s", client != nil, leak, out)
			}
		}
		if client != nil && strings.Contains(out, secret) {
			t.Errorf("a log line quotes the token: %s", out)
		}
		if !strings.Contains(out, "read stopped at cursor") {
			t.Errorf("the line was not logged: %s", out)
		}
	}
}
