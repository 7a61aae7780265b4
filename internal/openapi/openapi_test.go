package openapi

import (
	"slices"
	"strings"
	"testing"
)

// Lookups follow $ref, allOf and array items, and a path the description
// lacks is an error naming the step that is missing.
func TestLookups(t *testing.T) {
	spec := Trimmed()
	if got, err := spec.Enum("works-list-request", "ticket.severity"); err != nil || !slices.Contains(got, "blocker") {
		t.Errorf("ticket.severity: %v, %v", got, err)
	}
	if _, err := spec.Enum("works-list-request", "ticket.severities"); err == nil || !strings.Contains(err.Error(), `"severities"`) {
		t.Errorf("a missing step: %v", err)
	}
	if _, err := spec.Enum("works-list-request", "owned_by"); err == nil || !strings.Contains(err.Error(), "not an enum") {
		t.Errorf("a set of ids is no enum: %v", err)
	}
	if _, err := spec.Fields("no-such-schema"); err == nil {
		t.Error("a missing schema has no error")
	}
	if s, ok := spec.RequestSchema("/groups.members.list"); !ok || s != "group-members-list-request" {
		t.Errorf("RequestSchema(/groups.members.list) = %q, %v", s, ok)
	}
	if f, err := spec.Fields("account"); err != nil || !slices.Contains(f, "display_id") { // through allOf: org-base, atom-base
		t.Errorf("account's fields: %v, %v", f, err)
	}
}
