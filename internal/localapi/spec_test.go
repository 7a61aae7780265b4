package localapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var updateSpec = flag.Bool("update-spec", false, "rewrite spec_fields.json from the OpenAPI description")

// specPath finds DevRev's OpenAPI description: $DEVREV_OPENAPI, or
// shared/devrev-api next to the repository.
func specPath() string {
	if p := os.Getenv("DEVREV_OPENAPI"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "..", "shared", "devrev-api", "openapi-beta.yaml")
}

func TestSpecFieldsMatchOpenAPI(t *testing.T) {
	data, err := os.ReadFile(specPath())
	if err != nil {
		t.Skipf("the OpenAPI description is not here (%v); spec_fields.json is checked where it is", err)
	}
	schemas := parseSchemas(data)
	got := map[string][]string{}
	for _, name := range specSchemas {
		fields := schemaFields(t, schemas, name)
		if len(fields) == 0 {
			t.Fatalf("schema %s has no properties", name)
		}
		got[name] = fields
	}
	js, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	js = append(js, '\n')
	if *updateSpec {
		if err := os.WriteFile("spec_fields.json", js, 0o644); err != nil {
			t.Fatal(err)
		}
		specFieldsJSON = js // the embedded copy is the file as it was built
	}
	if !bytes.Equal(js, specFieldsJSON) {
		t.Fatalf("spec_fields.json is not what the OpenAPI description says; run go test -run TestSpecFieldsMatchOpenAPI -update-spec ./internal/localapi")
	}
	// The extraction is not vacuous: fields the provider depends on.
	for schema, want := range map[string][]string{
		"accounts-list-request":    {"created_by", "created_date", "display_name", "owned_by", "stage", "tier"},
		"dev-users-list-request":   {"email", "state", "sort_by", "mode", "cursor", "limit"},
		"account":                  {"id", "display_id", "display_name", "owned_by", "tags", "created_by", "modified_date"},
		"dev-user":                 {"id", "email", "full_name", "state", "display_picture"},
		"user-summary":             {"type", "id", "display_id", "email"},
		"engagements-list-request": {"type", "members", "parent", "external_ref"},
	} {
		for _, f := range want {
			if !slices.Contains(got[schema], f) {
				t.Errorf("%s lacks %s: %v", schema, f, got[schema])
			}
		}
	}
}

// yamlLine is one line of the description: its indentation and text.
type yamlLine struct {
	indent int
	text   string
}

// parseSchemas splits components/schemas into one block of lines per
// schema. The description is regular enough (two-space indentation, one key
// per line) that this small reader suffices; it is no YAML parser.
func parseSchemas(data []byte) map[string][]yamlLine {
	out := map[string][]yamlLine{}
	var cur string
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		text := strings.TrimLeft(line, " ")
		indent := len(line) - len(text)
		switch {
		case text == "":
			continue
		case indent == 2:
			in = text == "schemas:"
			cur = ""
		case in && indent == 4:
			cur = strings.TrimSuffix(text, ":")
		case in && indent == 0:
			in = false
		case in && cur != "":
			out[cur] = append(out[cur], yamlLine{indent, text})
		}
	}
	return out
}

// schemaFields lists a schema's properties: its own, and those of the
// schemas its allOf and oneOf name.
func schemaFields(t *testing.T, schemas map[string][]yamlLine, name string) []string {
	t.Helper()
	block, ok := schemas[name]
	if !ok {
		t.Fatalf("no schema %s in the description", name)
	}
	var fields []string
	for i, l := range block {
		switch {
		case l.text == "properties:" && (l.indent == 6 || l.indent == 10):
			for _, p := range block[i+1:] {
				if p.indent <= l.indent {
					break
				}
				if p.indent == l.indent+2 {
					fields = append(fields, strings.TrimSuffix(p.text, ":"))
				}
			}
		case l.indent == 8 && strings.HasPrefix(l.text, "- $ref: "):
			ref := strings.Trim(strings.TrimPrefix(l.text, "- $ref: "), `'"`)
			fields = append(fields, schemaFields(t, schemas, strings.TrimPrefix(ref, "#/components/schemas/"))...)
		}
	}
	slices.Sort(fields)
	return slices.Compact(fields)
}
