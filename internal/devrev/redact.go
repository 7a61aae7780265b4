package devrev

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// redacted replaces a secret wherever the client quotes text it did not
// write itself.
const redacted = "***"

// bearerCredential is whatever follows "Bearer " in text a server sent back
// (a gateway echoing the request, say), in any letter case: it is a
// credential even when it is not exactly our token.
// Twelve characters or more, so that prose such as "a Bearer token is
// required" stays readable.
var bearerCredential = regexp.MustCompile(`(?i)\b(bearer)(\s+)[A-Za-z0-9._~+/=-]{12,}`)

// redactor hides one token in text built from responses.
type redactor struct{ secret string }

// String returns s with the token, bare or after "Bearer", replaced.
func (r redactor) String(s string) string {
	if r.secret != "" {
		s = strings.ReplaceAll(s, r.secret, redacted)
	}
	return bearerCredential.ReplaceAllString(s, "${1}${2}"+redacted)
}

// Redact returns s, text a server sent or text quoting it, with the
// client's token and any bearer credential replaced: it is what the
// provider applies to every diagnostic before the CLI prints it. A nil
// client (the provider is not configured yet) knows no token and still
// hides bearer credentials. Data is never passed through here: state holds
// what DevRev sent.
func (c *Client) Redact(s string) string {
	var r redactor
	if c != nil {
		r = c.redact
	}
	return r.String(s)
}

// MaskLogs returns ctx with every line the provider's logger (tflog) writes
// under it masked: the token, bare or as any bearer credential, in the
// message and in every string field, and the Authorization field whole. The
// provider masks each read's context with it, and every request of the
// client masks its own, so no log line quotes the token whatever text of a
// server it carries. A nil client masks bearer credentials only.
func (c *Client) MaskLogs(ctx context.Context) context.Context {
	if c != nil && c.token != "" {
		// Never an empty string: tflog would mask between every character.
		ctx = tflog.MaskLogStrings(ctx, c.token)
	}
	ctx = tflog.MaskLogRegexes(ctx, bearerCredential)
	return tflog.MaskFieldValuesWithFieldKeys(ctx, "Authorization")
}

// Bytes redacts a body before anything is quoted from it in an error, so
// that a cut (excerpt) can never leave a piece of the token behind. Only
// bodies an error quotes pass through here: a successful answer is data and
// is never redacted (answer.go). The pattern has no literal prefix for the
// regexp engine to skip ahead with, so a body that holds neither the token
// nor the word "bearer" in any letter case, which nothing here can change,
// is returned as it is, without a copy.
func (r redactor) Bytes(data []byte) []byte {
	if (r.secret == "" || !bytes.Contains(data, []byte(r.secret))) && !mentionsBearer(data) {
		return data
	}
	return []byte(r.String(string(data)))
}

// mentionsBearer reports whether data holds "bearer" in any letter case,
// which every match of bearerCredential starts with. ASCII case folding is
// enough: the (?i) of Go's regexp folds no other character onto the letters
// of "bearer" (unlike k and s, which have Unicode look-alikes).
func mentionsBearer(data []byte) bool {
	const word = "bearer"
	for i := 0; i+len(word) <= len(data); i++ {
		if data[i]|0x20 != 'b' {
			continue
		}
		j := 1
		for j < len(word) && data[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// Error returns err, or an error with the same message redacted when the
// message holds the token. The replacement keeps errors.Is/As working for the
// client's own error types, which are redacted where they are built.
func (r redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if clean := r.String(msg); clean != msg {
		return &redactedError{msg: clean, err: err}
	}
	return err
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Is and As (through Unwrap) stay possible for sentinel checks such as
// context.Canceled; callers print Error(), which is clean.
func (e *redactedError) Unwrap() error { return e.err }

// ErrInvalidToken says the token cannot be sent as a header.
var ErrInvalidToken = errors.New("invalid DevRev API token")

// checkToken refuses a token that would not survive as one HTTP header
// value: a line break or another control character inside it (outer
// whitespace is trimmed before). The message names the token and where it
// went wrong, never its value.
func checkToken(secret string) error {
	for i, r := range secret {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			what := "a space"
			switch {
			case r == '\n' || r == '\r':
				what = "a line break"
			case unicode.IsControl(r):
				what = fmt.Sprintf("the control character %U", r)
			}
			return fmt.Errorf("%w: the token contains %s at character %d of %d; check the provider's token or the "+
				"DEVREV_TOKEN environment variable (a token pasted from a file or a terminal often carries a stray line break)",
				ErrInvalidToken, what, len([]rune(secret[:i]))+1, len([]rune(secret)))
		}
	}
	return nil
}

// RedactEndpoint returns endpoint with anything that may be a credential
// removed: user information (whatever precedes the last "@" of the
// authority, even in a URL that does not parse), the query and the
// fragment. It is how an endpoint is quoted in errors and logs.
func RedactEndpoint(endpoint string) string {
	s := endpoint
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i] + "?" + redacted
	}
	start := 0
	if i := strings.Index(s, "//"); i >= 0 {
		start = i + 2
	}
	rest := s[start:]
	end := len(rest)
	if i := strings.IndexAny(rest, "?"); i >= 0 {
		end = i
	}
	// The last "@" before the query: a password may itself hold "/" or "@".
	if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
		return s[:start] + redacted + rest[at:]
	}
	return s
}
