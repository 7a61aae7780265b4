package openapi

import (
	"fmt"
	"regexp"
	"slices"
)

// Trim returns the part of a full description that the requests at paths
// use: each path's POST operation (the client sends nothing else) with its
// request body and its 200 response, and every schema those reach through
// $ref, allOf and oneOf, transitively, and one example display id per
// prefix the whole description uses (DisplayIDExamples). The error
// responses are left out: they name components/responses, which the tests
// do not read.
func Trim(full Spec, paths []string) (Spec, error) {
	allPaths := object(full["paths"])
	schemas := object(object(full["components"])["schemas"])
	outPaths := map[string]any{}
	var queue []string
	for _, p := range paths {
		post := object(object(allPaths[p])["post"])
		if post == nil {
			return nil, fmt.Errorf("the OpenAPI description has no POST %s", p)
		}
		op := map[string]any{"operationId": post["operationId"], "requestBody": post["requestBody"],
			"responses": map[string]any{"200": object(post["responses"])["200"]}}
		outPaths[p] = map[string]any{"post": op}
		queue = append(queue, refs(op)...)
	}
	outSchemas := map[string]any{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if _, done := outSchemas[name]; done {
			continue
		}
		schema, ok := schemas[name]
		if !ok {
			return nil, fmt.Errorf("the OpenAPI description has no schema %q, which another names", name)
		}
		outSchemas[name] = schema
		queue = append(queue, refs(schema)...)
	}
	return Spec{
		"openapi":    full["openapi"],
		"info":       full["info"],
		"paths":      outPaths,
		"components": map[string]any{"schemas": outSchemas},

		displayIDExamplesKey: displayIDExamples(full.Examples()),
	}, nil
}

var schemaRef = regexp.MustCompile(`^#/components/schemas/(.+)$`)

// refs lists the schemas v names anywhere inside it, sorted.
func refs(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if s, ok := e.(string); ok && k == "$ref" {
					if m := schemaRef.FindStringSubmatch(s); m != nil {
						out = append(out, m[1])
					}
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	slices.Sort(out)
	return out
}
