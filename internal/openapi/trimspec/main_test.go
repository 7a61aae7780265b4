package main

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// The copy in testdata is what trimspec makes of the full description, so
// it cannot fall behind the description or the client's endpoints. Only
// this check needs the full description; every other spec test reads the
// copy.
func TestTrimmedIsCurrent(t *testing.T) {
	full, err := os.ReadFile(fullPath())
	if err != nil {
		t.Skipf("the full OpenAPI description is not here (%v), so whether %s is current is checked where it is (next to the repository, or $DEVREV_OPENAPI)", err, openapi.TrimmedFile)
	}
	want, err := build(full)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(trimmedPath())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what the OpenAPI description and the client's endpoints make; run make spec", openapi.TrimmedFile)
	}
}

// Every request the client sends is in the copy, with the schemas it
// reaches.
func TestTrimmedHasTheClientsRequests(t *testing.T) {
	spec := openapi.Trimmed()
	ps := paths(spec)
	for _, want := range []string{"/accounts.list", "/accounts.get", "/works.count", "/groups.members.count", "/engagements.count"} {
		if !slices.Contains(ps, want) {
			t.Errorf("the copy lacks %s (it has %v)", want, ps)
		}
	}
	for _, schema := range []string{"works-list-request", "works-filter-ticket", "engagement-type", "user-summary"} {
		if spec.Schema(schema) == nil {
			t.Errorf("the copy lacks the schema %s", schema)
		}
	}
}
