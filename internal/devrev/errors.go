package devrev

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is a response DevRev answered with a status outside 2xx. It holds
// what DevRev's error schemas (`error-base` and its variants) carry and what
// a user needs to report the failure.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	// Type is DevRev's error type, such as "unauthenticated" or
	// "invalid_enum_value"; empty when the body was not DevRev's JSON.
	Type    string
	Message string
	Detail  string
	// FieldName, Value and AllowedValues come with 400 validation errors.
	FieldName     string
	Value         string
	AllowedValues []string
	// ReferenceID comes with 500s; RequestID is the x-request-id header.
	ReferenceID string
	RequestID   string
	// RetryAfter is what a 429 or 503 asked for (0 when it did not say).
	RetryAfter time.Duration
	// Body quotes a response that was not DevRev's JSON (an HTML page from a
	// proxy, say), shortened.
	Body string
	// Attempts is how many requests were made, retries included.
	Attempts int
}

type errorBody struct {
	Type          string   `json:"type"`
	Message       string   `json:"message"`
	Detail        string   `json:"detail"`
	FieldName     string   `json:"field_name"`
	Value         any      `json:"value"`
	AllowedValues []string `json:"allowed_values"`
	ReferenceID   string   `json:"reference_id"`
	RetryAfter    *int64   `json:"retry_after"`
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "DevRev answered %s %s with HTTP %d", e.Method, e.Path, e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		fmt.Fprintf(&b, " %s", t)
	}
	if e.Type != "" {
		fmt.Fprintf(&b, " (%s)", e.Type)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Detail != "" && e.Detail != e.Message {
		fmt.Fprintf(&b, " — %s", e.Detail)
	}
	if e.FieldName != "" {
		fmt.Fprintf(&b, "; field %q", e.FieldName)
		if e.Value != "" {
			fmt.Fprintf(&b, " got %q", e.Value)
		}
		if len(e.AllowedValues) > 0 {
			fmt.Fprintf(&b, ", allowed: %s", strings.Join(e.AllowedValues, ", "))
		}
	}
	if e.Body != "" {
		fmt.Fprintf(&b, "; body: %s", e.Body)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "; gave up after %d attempts", e.Attempts)
	}
	if e.ReferenceID != "" {
		fmt.Fprintf(&b, "; reference_id %s", e.ReferenceID)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, "; x-request-id %s", e.RequestID)
	}
	return b.String()
}

// RetryAfterTooLongError is returned when DevRev asks the client to wait
// longer than Options.MaxRetryWait, with a Retry-After or with a used-up
// X-Ratelimit window: the read fails at once rather than hang a plan for
// minutes.
type RetryAfterTooLongError struct {
	Wait time.Duration // what DevRev asked for
	Max  time.Duration // the configured max_retry_wait
	// Reason says which signal asked for the wait when it was not this
	// request's own answer (then APIError is nil): an earlier Retry-After
	// or X-Ratelimit-Reset seen by the client's shared rate budget.
	Reason string
	*APIError
}

func (e *RetryAfterTooLongError) Error() string {
	if e.APIError == nil {
		return fmt.Sprintf("DevRev's rate limit for this token asks to wait %s before the next request (%s), longer than "+
			"max_retry_wait (%s): try again later or raise max_retry_wait", humanDuration(e.Wait), e.Reason, humanDuration(e.Max))
	}
	return fmt.Sprintf("DevRev asked to wait %s before retrying (HTTP %d), longer than max_retry_wait (%s): try again later or raise max_retry_wait; %v",
		humanDuration(e.Wait), e.StatusCode, humanDuration(e.Max), e.APIError)
}

func (e *RetryAfterTooLongError) Unwrap() error {
	if e.APIError == nil {
		return nil
	}
	return e.APIError
}

// responseError builds the error for a non-2xx response whose body is data
// (already redacted); retryErr is what retryablehttp returned with it, if
// anything. Every string it quotes comes from data or passes through redact.
func responseError(method, path string, resp *http.Response, data []byte, retryErr error, redact redactor) error {
	e := &APIError{
		Method:     method,
		Path:       path,
		StatusCode: resp.StatusCode,
		RequestID:  redact.String(resp.Header.Get("X-Request-Id")),
		Attempts:   1,
	}
	var body errorBody
	if json.Unmarshal(data, &body) == nil && (body.Type != "" || body.Message != "") {
		e.Type, e.Message, e.Detail = body.Type, body.Message, body.Detail
		e.FieldName, e.AllowedValues, e.ReferenceID = body.FieldName, body.AllowedValues, body.ReferenceID
		if body.Value != nil {
			e.Value = fmt.Sprint(body.Value)
		}
	} else {
		e.Body = excerpt(data)
	}
	if wait, ok := retryAfter(resp, time.Now()); ok {
		e.RetryAfter = wait
	} else if body.RetryAfter != nil && *body.RetryAfter > 0 {
		e.RetryAfter = seconds(*body.RetryAfter)
	}
	var gaveUp *gaveUpError
	if errors.As(retryErr, &gaveUp) {
		e.Attempts = gaveUp.attempts
	}
	var tooLong *RetryAfterTooLongError
	if errors.As(retryErr, &tooLong) {
		tooLong.APIError = e
		return tooLong
	}
	return e
}

// humanDuration rounds d to what a person reads in a message: whole seconds
// from a second on (27h46m40s, not 27h46m39.959309016s), milliseconds below.
func humanDuration(d time.Duration) string {
	if d >= time.Second || d <= -time.Second {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Millisecond).String()
}
