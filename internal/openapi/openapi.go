// Package openapi reads the part of DevRev's OpenAPI description that the
// project uses: the list, get and count requests the client sends and the
// schemas they reach. The copy lives in testdata (written by trimspec from
// shared/devrev-api/openapi-beta.yaml), so that the tests which check wire
// formats, filters and enums against the spec run on every clone, CI
// included, not only next to the full description.
package openapi

//go:generate go run ./trimspec

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// TrimmedFile is the copy's path from this package's folder.
const TrimmedFile = "testdata/openapi-trimmed.json"

//go:embed testdata/openapi-trimmed.json
var trimmed []byte

// Spec is a decoded description: JSON objects as map[string]any, arrays as
// []any, as encoding/json decodes them.
type Spec map[string]any

var (
	loadOnce sync.Once
	loaded   Spec
)

// Trimmed returns the copy in testdata. It panics if the copy does not
// decode: it is generated, so that is a bug to fix at once.
func Trimmed() Spec {
	loadOnce.Do(func() {
		if err := json.Unmarshal(trimmed, &loaded); err != nil {
			panic(fmt.Sprintf("openapi: %s does not decode: %v", TrimmedFile, err))
		}
	})
	return loaded
}

// Schema returns components/schemas/name, or nil.
func (s Spec) Schema(name string) map[string]any {
	return object(object(object(s["components"])["schemas"])[name])
}

// Schemas returns the names of every schema in s, sorted.
func (s Spec) Schemas() []string {
	var names []string
	for name := range object(object(s["components"])["schemas"]) {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// RequestSchema returns the name of the schema of a path's POST request
// body ("works-list-request" for "/works.list"), or false if the
// description has no such request.
func (s Spec) RequestSchema(path string) (string, bool) {
	post := object(object(object(s["paths"])[path])["post"])
	body := object(object(object(post["requestBody"])["content"])["application/json"])
	ref, ok := object(body["schema"])["$ref"].(string)
	if !ok {
		return "", false
	}
	return refName(ref), true
}

// Fields lists a schema's property names, its own and those of the schemas
// its allOf and oneOf reach, sorted, without repeats. It reports an error
// for a schema the description lacks.
func (s Spec) Fields(schema string) ([]string, error) {
	node := s.Schema(schema)
	if node == nil {
		return nil, fmt.Errorf("the OpenAPI description has no schema %q", schema)
	}
	fields := s.fields(node)
	slices.Sort(fields)
	return slices.Compact(fields), nil
}

func (s Spec) fields(node map[string]any) []string {
	if ref, ok := node["$ref"].(string); ok {
		return s.fields(s.Schema(refName(ref)))
	}
	var fields []string
	for name := range object(node["properties"]) {
		fields = append(fields, name)
	}
	for _, key := range []string{"allOf", "oneOf"} {
		for _, part := range array(node[key]) {
			fields = append(fields, s.fields(object(part))...)
		}
	}
	return fields
}

// Property returns the schema of a property of schema by its dotted path
// ("ticket.severity" in works-list-request), with $ref, allOf and oneOf
// followed and an array's items taken for the array, or an error naming
// the first step the description lacks.
func (s Spec) Property(schema, dotted string) (map[string]any, error) {
	node := s.Schema(schema)
	if node == nil {
		return nil, fmt.Errorf("the OpenAPI description has no schema %q", schema)
	}
	for _, step := range strings.Split(dotted, ".") {
		next := s.property(node, step)
		if next == nil {
			return nil, fmt.Errorf("%s has no %q (looking up %s)", schema, step, dotted)
		}
		node = s.resolve(next)
	}
	return node, nil
}

// property finds a property in node, its $ref and its allOf and oneOf parts.
func (s Spec) property(node map[string]any, name string) map[string]any {
	node = s.resolve(node)
	if p := object(object(node["properties"])[name]); p != nil {
		return p
	}
	for _, key := range []string{"allOf", "oneOf"} {
		for _, part := range array(node[key]) {
			if p := s.property(object(part), name); p != nil {
				return p
			}
		}
	}
	return nil
}

// resolve follows $ref and takes an array's items.
func (s Spec) resolve(node map[string]any) map[string]any {
	for range 16 { // a cycle of $refs alone would be a broken description
		switch {
		case node["$ref"] != nil:
			ref, _ := node["$ref"].(string)
			node = s.Schema(refName(ref))
		case node["type"] == "array" && node["items"] != nil:
			node = object(node["items"])
		default:
			return node
		}
	}
	return node
}

// Enum returns the values the description allows for a property of schema
// by its dotted path (an array's values for an array), sorted, or an error
// if the property is not there or is no enum.
func (s Spec) Enum(schema, dotted string) ([]string, error) {
	node, err := s.Property(schema, dotted)
	if err != nil {
		return nil, err
	}
	values := array(node["enum"])
	if values == nil {
		return nil, fmt.Errorf("%s.%s is not an enum in the OpenAPI description", schema, dotted)
	}
	var out []string
	for _, v := range values {
		out = append(out, fmt.Sprint(v))
	}
	slices.Sort(out)
	return out, nil
}

// Examples returns every string "example" value in s, in no set order.
func (s Spec) Examples() []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if k == "example" {
					if str, ok := e.(string); ok {
						out = append(out, str)
					}
					for _, item := range array(e) {
						if str, ok := item.(string); ok {
							out = append(out, str)
						}
					}
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(map[string]any(s))
	return out
}

// displayIDExamplesKey is where the copy keeps one example display id
// for each prefix the full description's examples use: the copy holds the
// schemas of a few objects, and display_id_type must know the prefixes of
// them all.
const displayIDExamplesKey = "x-display-id-examples"

// displayID is what an example display id looks like (ACC-12345).
var displayID = regexp.MustCompile(`^[A-Z]+-[A-Za-z0-9]+$`)

// DisplayIDExamples returns one display id per prefix found among the
// full description's examples (the copy keeps them, see Trim), sorted.
func (s Spec) DisplayIDExamples() []string {
	var out []string
	for _, v := range array(s[displayIDExamplesKey]) {
		if str, ok := v.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// displayIDExamples picks the first example of each prefix, in sorted
// order of the examples, so the copy does not change with map order.
func displayIDExamples(examples []string) []any {
	slices.Sort(examples)
	seen := map[string]bool{}
	var out []any
	for _, id := range examples {
		prefix, _, _ := strings.Cut(id, "-")
		if displayID.MatchString(id) && !seen[prefix] {
			seen[prefix] = true
			out = append(out, id)
		}
	}
	return out
}

// refName is the schema name of a "#/components/schemas/name" reference.
func refName(ref string) string {
	return strings.TrimPrefix(ref, "#/components/schemas/")
}

func object(v any) map[string]any { m, _ := v.(map[string]any); return m }
func array(v any) []any           { a, _ := v.([]any); return a }
