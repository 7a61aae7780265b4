package localapi

import (
	"slices"
	"testing"
)

// The trimmed description is not vacuous: the fields the provider and the
// local API depend on are in it, read through SpecFields.
func TestSpecFieldsMatchOpenAPI(t *testing.T) {
	for schema, want := range map[string][]string{
		"accounts-list-request":    {"created_by", "created_date", "display_name", "owned_by", "stage", "tier"},
		"dev-users-list-request":   {"email", "state", "sort_by", "mode", "cursor", "limit"},
		"account":                  {"id", "display_id", "display_name", "owned_by", "tags", "created_by", "modified_date"},
		"dev-user":                 {"id", "email", "full_name", "state", "display_picture"},
		"user-summary":             {"type", "id", "display_id", "email"},
		"engagements-list-request": {"type", "members", "parent", "external_ref"},
	} {
		got := SpecFields(schema)
		for _, f := range want {
			if !slices.Contains(got, f) {
				t.Errorf("%s lacks %s: %v", schema, f, got)
			}
		}
	}
}
