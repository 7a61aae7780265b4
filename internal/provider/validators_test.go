package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The plan-time check of a date filter takes exactly RFC 3339, as the
// client's own date checks do (devrev.ParseInstant): lower-case t and z and
// a leap second pass; what RFC 3339 refuses, time.Parse's leniencies
// included, fails naming the attribute and what is wrong.
func TestRFC3339Validator(t *testing.T) {
	for in, want := range map[string]string{
		"2026-01-01t00:00:00z":        "",
		"2016-12-31T23:59:60Z":        "",
		"2024-01-31T10:00:00.5+05:30": "",
		"2024-01-31T00:00:00,5Z":      `created_date.after: "2024-01-31T00:00:00,5Z" must be an RFC 3339 timestamp such as 2024-01-31T00:00:00Z; ",5Z" after the seconds`,
		"2024-01-31T0:00:00Z":         "the hour is not 2 digits",
		"2024-01-31T00:00:00+24:00":   `the offset "+24:00"`,
		"2024-01-31T00:00:00+0200":    `"+0200" after the seconds`,
		"2024-01-31T12:00:60Z":        "a leap second",
		"2024-02-30T00:00:00Z":        "the day is 30, and 2024-02 has 29 days",
		"yesterday":                   "too short",
	} {
		resp := &validator.StringResponse{}
		rfc3339Validator{}.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("created_date").AtName("after"), ConfigValue: types.StringValue(in)}, resp)
		switch {
		case want == "" && resp.Diagnostics.HasError():
			t.Errorf("%q refused: %v", in, resp.Diagnostics)
		case want != "" && (!resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), want)):
			t.Errorf("%q: %v; want an error saying %s", in, resp.Diagnostics, want)
		}
	}
}
