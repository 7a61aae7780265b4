package devrev

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestDevRevErrorsInMessage(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		want    string
		wantErr APIError
	}{
		{
			name:   "invalid enum value",
			status: 400,
			body: `{"type":"invalid_enum_value","message":"Invalid engagement type","detail":"type must be one of the allowed values",` +
				`"field_name":"type","value":"meetingg","allowed_values":["call","meeting"],"unknown":1}`,
			want: `DevRev answered POST /engagements.count with HTTP 400 Bad Request (invalid_enum_value): Invalid engagement type` +
				` — type must be one of the allowed values; field "type" got "meetingg", allowed: call, meeting; x-request-id req-1`,
			wantErr: APIError{Method: "POST", Path: "/engagements.count", StatusCode: 400, Type: "invalid_enum_value",
				Message: "Invalid engagement type", Detail: "type must be one of the allowed values", FieldName: "type",
				Value: "meetingg", AllowedValues: []string{"call", "meeting"}, RequestID: "req-1", Attempts: 1},
		},
		{
			name:   "numeric value",
			status: 400,
			body:   `{"type":"invalid_field","message":"limit out of range","field_name":"limit","value":500}`,
			want:   `DevRev answered POST /engagements.count with HTTP 400 Bad Request (invalid_field): limit out of range; field "limit" got "500"; x-request-id req-1`,
		},
		{
			name:   "detail equal to message is not repeated",
			status: 401,
			body:   `{"type":"unauthenticated","message":"Invalid token","detail":"Invalid token"}`,
			want:   `DevRev answered POST /engagements.count with HTTP 401 Unauthorized (unauthenticated): Invalid token; x-request-id req-1`,
		},
		{
			name:   "forbidden",
			status: 403,
			body:   `{"type":"forbidden","message":"not allowed to read engagements"}`,
			want:   `DevRev answered POST /engagements.count with HTTP 403 Forbidden (forbidden): not allowed to read engagements; x-request-id req-1`,
		},
		{
			name:   "missing field without value",
			status: 400,
			body:   `{"type":"missing_required_field","message":"missing id","field_name":"id"}`,
			want:   `DevRev answered POST /engagements.count with HTTP 400 Bad Request (missing_required_field): missing id; field "id"; x-request-id req-1`,
		},
		{
			name:   "message only",
			status: 404,
			body:   `{"message":"nope"}`,
			want:   `DevRev answered POST /engagements.count with HTTP 404 Not Found: nope; x-request-id req-1`,
		},
		{
			name:   "internal error with reference id",
			status: 501,
			body:   `{"type":"internal_error","message":"not implemented","reference_id":"ref-123"}`,
			want:   `DevRev answered POST /engagements.count with HTTP 501 Not Implemented (internal_error): not implemented; reference_id ref-123; x-request-id req-1`,
		},
		{
			name:   "JSON without type or message is quoted",
			status: 400,
			body:   `{"error":"weird"}`,
			want:   `DevRev answered POST /engagements.count with HTTP 400 Bad Request; body: "{\"error\":\"weird\"}"; x-request-id req-1`,
		},
		{
			name:   "empty body",
			status: 403,
			body:   ``,
			want:   `DevRev answered POST /engagements.count with HTTP 403 Forbidden; body: (empty body); x-request-id req-1`,
		},
		{
			name:   "unusual status",
			status: 418,
			body:   "I'm a teapot\n",
			want:   `DevRev answered POST /engagements.count with HTTP 418 I'm a teapot; body: "I'm a teapot"; x-request-id req-1`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 5)
			f.intercept = failFirst(100, tt.status, nil, tt.body)
			c, _ := newTestClient(t, f.URL(), nil)
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("message:\n got %s\nwant %s", err.Error(), tt.want)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err %T is not an *APIError", err)
			}
			if tt.wantErr.StatusCode != 0 {
				got := *apiErr
				if got.Method != tt.wantErr.Method || got.Path != tt.wantErr.Path || got.StatusCode != tt.wantErr.StatusCode ||
					got.Type != tt.wantErr.Type || got.Message != tt.wantErr.Message || got.Detail != tt.wantErr.Detail ||
					got.FieldName != tt.wantErr.FieldName || got.Value != tt.wantErr.Value ||
					strings.Join(got.AllowedValues, ",") != strings.Join(tt.wantErr.AllowedValues, ",") ||
					got.ReferenceID != tt.wantErr.ReferenceID || got.RequestID != tt.wantErr.RequestID ||
					got.Attempts != tt.wantErr.Attempts || got.Body != "" || got.RetryAfter != 0 {
					t.Errorf("APIError = %+v\nwant %+v", got, tt.wantErr)
				}
			}
		})
	}
}

func TestRetryAfterRecordedInAPIError(t *testing.T) {
	tests := []struct {
		name   string
		header map[string]string
		body   string
		want   time.Duration
	}{
		{name: "header", header: map[string]string{"Retry-After": "7"}, body: tooManyBody, want: 7 * time.Second},
		{name: "body", body: `{"type":"too_many_requests","message":"slow down","retry_after":8}`, want: 8 * time.Second},
		{name: "neither", body: tooManyBody, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 5)
			f.intercept = failFirst(100, 429, tt.header, tt.body)
			c, _ := newTestClient(t, f.URL(), func(o *Options) { o.MaxRetries = ptr(0) })
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.RetryAfter != tt.want || apiErr.Message != "slow down" {
				t.Errorf("err = %v (RetryAfter %v), want RetryAfter %v", err, apiErr.RetryAfter, tt.want)
			}
		})
	}
}

func TestHTMLBodyIsQuotedShortened(t *testing.T) {
	page := "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n" +
		"<center><h1>502 Bad Gateway</h1></center>\n" +
		strings.Repeat("<p>Der Server ist überlastet — bitte später erneut versuchen. 服务器繁忙</p>\n", 40) +
		"<hr><center>nginx</center>\n</body>\n</html>\n"
	f := newFake(t, 5)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("X-Request-Id", "req-html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(page))
		return true
	}
	c, waits := newTestClient(t, f.URL(), func(o *Options) { o.MaxRetries = ptr(1) })
	_, err := c.CountEngagements(context.Background(), EngagementFilter{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if apiErr.StatusCode != 502 || apiErr.Attempts != 2 || f.count() != 2 || len(waits.get()) != 1 || apiErr.Type != "" {
		t.Errorf("status %d attempts %d requests %d waits %v type %q", apiErr.StatusCode, apiErr.Attempts, f.count(), waits.get(), apiErr.Type)
	}
	b := apiErr.Body
	if !strings.HasPrefix(b, `"<!DOCTYPE html> <html> <head><title>502 Bad Gateway</title></head>`) || !strings.HasSuffix(b, `…"`) {
		t.Errorf("body quote = %s", b)
	}
	if n := utf8.RuneCountInString(b); n > 310 || len(b) > 330 {
		t.Errorf("body quote is %d characters, %d bytes: not shortened", n, len(b))
	}
	if !utf8.ValidString(b) || strings.ContainsAny(b, "\n\r\t") {
		t.Errorf("body quote is not one line of valid UTF-8: %q", b)
	}
	msg := err.Error()
	want := "DevRev answered POST /engagements.count with HTTP 502 Bad Gateway; body: " + b + "; gave up after 2 attempts; x-request-id req-html"
	if msg != want {
		t.Errorf("message:\n got %s\nwant %s", msg, want)
	}
	if !utf8.ValidString(msg) || len(msg) > 500 {
		t.Errorf("message is %d bytes or not valid UTF-8", len(msg))
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", "(empty body)"},
		{"whitespace only", " \n\t ", "(empty body)"},
		{"short", "  hello \n world  ", `"hello world"`},
		{"invalid UTF-8", "ok\xff\xfeok", `"ok?ok"`},
		{"exactly 300", strings.Repeat("a", 300), `"` + strings.Repeat("a", 300) + `"`},
		{"301", strings.Repeat("a", 301), `"` + strings.Repeat("a", 300) + `…"`},
		// A two-byte character across the 300-byte mark is not split.
		{"multi-byte at the cut", strings.Repeat("a", 299) + "é" + "tail", `"` + strings.Repeat("a", 299) + `…"`},
		{"three-byte characters", strings.Repeat("€", 200), `"` + strings.Repeat("€", 100) + `…"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := excerpt([]byte(tt.in))
			if got != tt.want {
				t.Errorf("excerpt = %s\nwant %s", got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("excerpt %q is not valid UTF-8", got)
			}
		})
	}
}

func TestSuccessWithNonJSONBody(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"HTML", "<html><body>Login required</body></html>",
			`DevRev answered POST /engagements.count with HTTP 200 but a body that is not the JSON the API describes (jsontext: invalid character '<' at start of value); the answer was not used; body: "<html><body>Login required</body></html>"`},
		{"empty", "",
			`DevRev answered POST /engagements.count with HTTP 200 but a body that is not the JSON the API describes (jsontext: unexpected EOF); the answer was not used; body: (empty body)`},
		{"truncated JSON", `{"count": 4`,
			`DevRev answered POST /engagements.count with HTTP 200 but a body that is not the JSON the API describes (jsontext: unexpected EOF after offset 11); the answer was not used; body: "{\"count\": 4"`},
		{"wrong type", `{"count": "four"}`,
			`DevRev answered POST /engagements.count with HTTP 200 but with a field "count" that holds JSON string where the API describes a whole number; the answer was not used; body: "{\"count\": \"four\"}"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 5)
			f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte(tt.body))
				return true
			}
			c, waits := newTestClient(t, f.URL(), nil)
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v\nwant %s", err, tt.want)
			}
			if f.count() != 1 || len(waits.get()) != 0 {
				t.Errorf("requests %d waits %v, want 1 and none", f.count(), waits.get())
			}
		})
	}
}

func TestAPIErrorFormatting(t *testing.T) {
	e := &APIError{Method: "POST", Path: "/x", StatusCode: 599, Attempts: 1}
	if got, want := e.Error(), "DevRev answered POST /x with HTTP 599"; got != want {
		t.Errorf("unknown status: %q, want %q", got, want)
	}
	e = &APIError{Method: "POST", Path: "/x", StatusCode: 400, FieldName: "mode", AllowedValues: []string{"after", "before"}}
	if got, want := e.Error(), `DevRev answered POST /x with HTTP 400 Bad Request; field "mode", allowed: after, before`; got != want {
		t.Errorf("allowed values: %q, want %q", got, want)
	}
	tooLong := &RetryAfterTooLongError{Wait: 90 * time.Second, Max: time.Minute, APIError: &APIError{Method: "POST", Path: "/x", StatusCode: 429}}
	if got, want := tooLong.Error(), "DevRev asked to wait 1m30s before retrying (HTTP 429), longer than max_retry_wait (1m0s): "+
		"try again later or raise max_retry_wait; DevRev answered POST /x with HTTP 429 Too Many Requests"; got != want {
		t.Errorf("too long: %q\nwant %q", got, want)
	}
	if errors.Unwrap(tooLong) != error(tooLong.APIError) {
		t.Error("RetryAfterTooLongError does not unwrap to its APIError")
	}
}
