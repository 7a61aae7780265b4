package localapi

import (
	"encoding/json"
	"net/http"
)

// apiError is a DevRev error body. DevRev's error schemas share error-base
// (message, detail) and add a "type" discriminator plus a few type-specific
// fields; one struct with omitempty covers every variant we emit.
type apiError struct {
	status int

	Type          string   `json:"type,omitempty"`
	Message       string   `json:"message"`
	FieldName     string   `json:"field_name,omitempty"`
	AllowedValues []string `json:"allowed_values,omitempty"`
	// Value is a pointer because invalid_enum_value requires it even when the
	// rejected value is the empty string.
	Value       *string `json:"value,omitempty"`
	RetryAfter  int     `json:"retry_after,omitempty"`
	ReferenceID string  `json:"reference_id,omitempty"`
}

func (e *apiError) body() []byte {
	b, err := json.Marshal(e)
	if err != nil { // cannot happen for this struct; keep a valid body anyway
		return []byte(`{"type":"internal_error","message":"error encoding failed"}`)
	}
	return b
}

func errBadRequest(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, Type: "bad_request", Message: msg}
}

func errParse(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, Type: "parse_error", Message: msg}
}

func errInvalidField(field, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, Type: "invalid_field", Message: msg, FieldName: field}
}

func errMissingField(field string) *apiError {
	return &apiError{
		status:    http.StatusBadRequest,
		Type:      "missing_required_field",
		Message:   "missing required field: " + field,
		FieldName: field,
	}
}

func errInvalidEnum(field, value string, allowed []string) *apiError {
	v := value
	return &apiError{
		status:        http.StatusBadRequest,
		Type:          "invalid_enum_value",
		Message:       "invalid value for " + field + ": " + value,
		FieldName:     field,
		AllowedValues: append([]string(nil), allowed...),
		Value:         &v,
	}
}

func errUnauthenticated(msg string) *apiError {
	return &apiError{status: http.StatusUnauthorized, Type: "unauthenticated", Message: msg}
}

func errNotFound(msg string) *apiError {
	return &apiError{status: http.StatusNotFound, Type: "not_found", Message: msg}
}

func errTooManyRequests(retryAfter int) *apiError {
	return &apiError{
		status:     http.StatusTooManyRequests,
		Type:       "too_many_requests",
		Message:    "rate limit exceeded, retry later",
		RetryAfter: retryAfter,
	}
}

func errInternal(referenceID string) *apiError {
	return &apiError{
		status:      http.StatusInternalServerError,
		Type:        "internal_error",
		Message:     "an internal error occurred",
		ReferenceID: referenceID,
	}
}

func errUnavailable() *apiError {
	return &apiError{
		status:  http.StatusServiceUnavailable,
		Type:    "service_unavailable",
		Message: "the service is temporarily unavailable",
	}
}

// Bodies without a DevRev "type": DevRev's router answers unknown routes with
// a bare message, and method mismatches are answered the same way.
var (
	routeNotFoundBody    = []byte(`{"message":"route not found"}`)
	methodNotAllowedBody = []byte(`{"message":"method not allowed"}`)
)

// badGatewayHTML imitates what a reverse proxy in front of the API returns
// when the upstream is down: HTML, not JSON, so clients must not assume every
// error body parses.
const badGatewayHTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`
