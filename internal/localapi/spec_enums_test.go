package localapi

import (
	"slices"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// The local API accepts exactly the paging modes the spec's list-mode has.
// (Its exported enums are checked against the spec with the client's, in
// internal/provider's TestEnumsMatchTheSpec.)
func TestListModesMatchTheSpec(t *testing.T) {
	want, err := openapi.Trimmed().Enum("accounts-list-request", "mode")
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(slices.Values(listModes)); !slices.Equal(got, want) {
		t.Fatalf("listModes is %v; the spec's list-mode is %v", got, want)
	}
}
