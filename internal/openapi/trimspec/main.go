// Command trimspec writes internal/openapi/testdata/openapi-trimmed.json: the
// part of DevRev's OpenAPI description (shared/devrev-api/openapi-beta.yaml
// next to the repository, or $DEVREV_OPENAPI) that the client's requests
// use. Run it (make spec, or go generate ./internal/openapi) after the
// description or the client's endpoints change; TestTrimmedIsCurrent fails
// until then wherever the description is present.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

func main() {
	full, err := os.ReadFile(fullPath())
	if err != nil {
		fmt.Fprintf(os.Stderr, "trimspec: %v; put DevRev's description at shared/devrev-api next to the repository or name it in DEVREV_OPENAPI\n", err)
		os.Exit(1)
	}
	out, err := build(full)
	if err != nil {
		fmt.Fprintf(os.Stderr, "trimspec: %v\n", err)
		os.Exit(1)
	}
	if err := os.WriteFile(trimmedPath(), out, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "trimspec: %v\n", err)
		os.Exit(1)
	}
}

// paths are the requests the client sends (devrev.Paths: each endpoint's
// list, get and count), and the count beside a list where the description
// has one the client does not declare, so that a test can ask why.
func paths(full openapi.Spec) []string {
	all, _ := full["paths"].(map[string]any)
	out := devrev.Paths()
	for _, p := range devrev.Paths() {
		if list, ok := strings.CutSuffix(p, ".list"); ok && all[list+".count"] != nil {
			out = append(out, list+".count")
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// build decodes the full description and returns the trimmed copy as
// indented JSON (encoding/json sorts keys, so the same input gives the same
// bytes).
func build(fullYAML []byte) ([]byte, error) {
	var raw any
	if err := yaml.Unmarshal(fullYAML, &raw); err != nil {
		return nil, fmt.Errorf("the OpenAPI description does not decode: %w", err)
	}
	js, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	var full openapi.Spec
	if err := json.Unmarshal(js, &full); err != nil {
		return nil, err
	}
	trimmed, err := openapi.Trim(full, paths(full))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(trimmed); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// here is this file's folder, so the command works from any directory.
func here() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// fullPath is $DEVREV_OPENAPI, or shared/devrev-api next to the repository.
func fullPath() string {
	if p := os.Getenv("DEVREV_OPENAPI"); p != "" {
		return p
	}
	return filepath.Join(here(), "..", "..", "..", "..", "shared", "devrev-api", "openapi-beta.yaml")
}

func trimmedPath() string {
	return filepath.Join(here(), "..", filepath.FromSlash(openapi.TrimmedFile))
}
