package localapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// request is a list or count request's filters, read by the declared paths
// of its object's filters: a POST body decoded as JSON, or a GET query,
// where a dotted path is a parameter's name ("ticket.severity",
// "created_date.after"). Fields no filter declares are ignored, as DevRev
// ignores unknown fields.
type request struct {
	body  map[string]any // POST
	query url.Values     // GET
}

// readFilters reads a request: its filters (see request), paging fields
// and id.
func readFilters(r *http.Request, body []byte) (*request, *apiError) {
	if r.Method != http.MethodPost {
		return &request{query: r.URL.Query()}, nil
	}
	m, e := decodeBody(body)
	if e != nil {
		return nil, e
	}
	return &request{body: m}, nil
}

// lookup finds the value at a dotted path of a POST body; nil when absent
// or null.
func (r *request) lookup(path string) (any, *apiError) {
	var v any = r.body
	rest := path
	for rest != "" {
		var step string
		step, rest, _ = strings.Cut(rest, ".")
		m, ok := v.(map[string]any)
		if !ok {
			return nil, wrongType(path[:len(path)-len(rest)-len(step)-1], v, "an object")
		}
		if v = m[step]; v == nil {
			return nil, nil
		}
	}
	return v, nil
}

// wrongType is the parse error of a field holding the wrong JSON type.
func wrongType(path string, v any, want string) *apiError {
	got := "a value"
	switch v.(type) {
	case string:
		got = "a string"
	case json.Number:
		got = "a number"
	case bool:
		got = "a boolean"
	case []any:
		got = "an array"
	case map[string]any:
		got = "an object"
	}
	return errParse("field " + path + ": cannot use " + got + " as " + want)
}

// set reads a set filter: a JSON array of strings (of integers when
// integers), or a GET parameter comma-separated or repeated. The values
// come back as given (integers in decimal); nil when absent.
func (r *request) set(path string, integers bool) ([]string, *apiError) {
	want := "an array of strings"
	if integers {
		want = "an array of integers"
	}
	if r.body == nil {
		vals := queryList(r.query, path)
		if integers {
			for i, v := range vals {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return nil, errInvalidField(path, path+" must be integers, got "+strconv.Quote(v))
				}
				vals[i] = strconv.FormatInt(n, 10)
			}
		}
		return vals, nil
	}
	v, e := r.lookup(path)
	if e != nil || v == nil {
		return nil, e
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, wrongType(path, v, want)
	}
	out := make([]string, len(arr))
	for i, item := range arr {
		switch x := item.(type) {
		case nil: // null decodes as the zero value, as encoding/json does
			if integers {
				out[i] = "0"
			}
		case string:
			if integers {
				return nil, wrongType(path, item, want)
			}
			out[i] = x
		case json.Number:
			n, err := x.Int64()
			if !integers || err != nil {
				return nil, wrongType(path, item, want)
			}
			out[i] = strconv.FormatInt(n, 10)
		default:
			return nil, wrongType(path, item, want)
		}
	}
	return out, nil
}

// flag reads a boolean filter; nil when absent.
func (r *request) flag(path string) (*bool, *apiError) {
	if r.body == nil {
		s := queryOne(r.query, path)
		if s == nil || *s == "" {
			return nil, nil
		}
		b, err := strconv.ParseBool(*s)
		if err != nil {
			return nil, errInvalidField(path, path+" must be true or false, got "+strconv.Quote(*s))
		}
		return &b, nil
	}
	v, e := r.lookup(path)
	if e != nil || v == nil {
		return nil, e
	}
	b, ok := v.(bool)
	if !ok {
		return nil, wrongType(path, v, "a boolean")
	}
	return &b, nil
}

// str reads a string field; nil when absent.
func (r *request) str(path string) (*string, *apiError) {
	if r.body == nil {
		return queryOne(r.query, path), nil
	}
	v, e := r.lookup(path)
	if e != nil || v == nil {
		return nil, e
	}
	s, ok := v.(string)
	if !ok {
		return nil, wrongType(path, v, "a string")
	}
	return &s, nil
}

// integer reads an integer field; nil when absent.
func (r *request) integer(path string) (*int64, *apiError) {
	if r.body == nil {
		s := queryOne(r.query, path)
		if s == nil || *s == "" {
			return nil, nil
		}
		n, err := strconv.ParseInt(*s, 10, 64)
		if err != nil {
			return nil, errInvalidField(path, path+" must be an integer, got "+strconv.Quote(*s))
		}
		return &n, nil
	}
	v, e := r.lookup(path)
	if e != nil || v == nil {
		return nil, e
	}
	num, ok := v.(json.Number)
	n, err := num.Int64()
	if !ok || err != nil {
		return nil, wrongType(path, v, "an integer")
	}
	return &n, nil
}

// dates reads a date filter: DevRev's date-time-filter, or with ranged its
// date-filter, whose type must be "range"; nil when absent.
func (r *request) dates(path string, ranged bool) (*dateTimeFilter, *apiError) {
	var f dateTimeFilter
	var typ *string
	var e *apiError
	for _, end := range []struct {
		name string
		dst  **string
	}{{"after", &f.After}, {"before", &f.Before}, {"type", &typ}} {
		if end.name == "type" && !ranged {
			continue
		}
		if *end.dst, e = r.str(path + "." + end.name); e != nil {
			return nil, e
		}
	}
	present := f.After != nil || f.Before != nil || typ != nil
	if r.body != nil {
		v, _ := r.lookup(path)
		present = v != nil
	}
	if !present {
		return nil, nil
	}
	if ranged && (typ == nil || *typ != "range") {
		return nil, errInvalidField(path+".type", path+".type must be \"range\" (a preset is not supported here)")
	}
	return &f, nil
}

// decodeBody decodes a POST body, which must be one JSON object, keeping
// numbers as written (an integer filter reads them exactly). Unknown fields
// are kept and ignored, as DevRev ignores them.
func decodeBody(body []byte) (map[string]any, *apiError) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errParse("request body is empty; expected a JSON object")
	}
	if trimmed[0] != '{' {
		return nil, errParse("request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, errParse("malformed JSON: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errParse("malformed JSON: unexpected data after the request object")
	}
	return m, nil
}
