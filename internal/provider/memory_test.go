package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// One long first item among thousands of short ones is read like any
// other list: the state encoder once set aside the first item's size for
// every other item, and the provider died of it (out of memory). The same
// under the real CLI, with the provider's peak memory: TestAccProviderMemory.
func TestLongFirstItemInProcess(t *testing.T) {
	engs := localapi.Generate(27, 10_000)
	slices.SortFunc(engs, func(a, b localapi.Engagement) int { // the order the API serves them in
		return strings.Compare(a.CreatedDate+"\x00"+a.ID, b.CreatedDate+"\x00"+b.ID)
	})
	engs[0].Title = strings.Repeat("long title ", 4<<20/11)
	api := startAPI(t, localapi.Options{DisableRecording: true, Data: map[string]any{"engagements": engs}})
	state, diags := newInProcess(t, api.URL).read(t, "devrev_engagements", nil)
	if len(diags) > 0 || state == nil {
		t.Fatalf("diagnostics: %v", diags)
	}
	var items []tftypes.Value
	if err := state["engagements"].As(&items); err != nil || len(items) != len(engs) {
		t.Fatalf("read %d engagements (%v); want %d", len(items), err, len(engs))
	}
	var first map[string]tftypes.Value
	var title string
	if err := items[0].As(&first); err != nil || first["title"].As(&title) != nil || title != engs[0].Title {
		t.Errorf("the first engagement's title is not the long one served (%d bytes)", len(title))
	}
}
