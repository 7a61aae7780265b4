package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// specEnums ties each list of allowed values that the client holds to the
// spec's enum it copies (the local API reads its enums from the spec), by request schema and dotted
// path. The provider's validators are found by TestProviderEnumsMatchTheSpec
// on their own.
var specEnums = []struct {
	schema, dotted string
	lists          map[string][]string
}{
	{"dev-users-list-request", "state", map[string][]string{"devrev.UserStates": devrev.UserStates}},
	{"engagements-list-request", "type", map[string][]string{"devrev.EngagementTypes": devrev.EngagementTypes}},
	{"engagements-count-request", "type", map[string][]string{"devrev.EngagementTypes": devrev.EngagementTypes}},
	{"groups-list-request", "group_type", map[string][]string{"devrev.GroupTypes": devrev.GroupTypes}},
	{"groups-list-request", "member_type", map[string][]string{"devrev.GroupMemberTypes": devrev.GroupMemberTypes}},
	{"meetings-list-request", "channel", map[string][]string{"devrev.MeetingChannels": devrev.MeetingChannels}},
	{"meetings-list-request", "state", map[string][]string{"devrev.MeetingStates": devrev.MeetingStates}},
	{"meetings-list-request", "direction", map[string][]string{"devrev.MeetingDirections": devrev.MeetingDirections}},
	{"parts-list-request", "type", map[string][]string{"devrev.PartTypes": devrev.PartTypes}},
	{"works-list-request", "type", map[string][]string{"devrev.WorkTypes": devrev.WorkTypes}},
	{"works-list-request", "ticket.severity", map[string][]string{"devrev.TicketSeverities": devrev.TicketSeverities}},
	{"works-list-request", "issue.priority", map[string][]string{"devrev.IssuePriorities": devrev.IssuePriorities}},
	{"accounts-list-request", "mode", map[string][]string{"devrev.ModeAfter, devrev.ModeBefore": {devrev.ModeAfter, devrev.ModeBefore}}},
}

// Each enum the client copies holds exactly the spec's
// values: a value the spec lacks is refused by DevRev, and a spec value
// missing from a list is one the provider refuses or the local API never
// serves.
func TestEnumsMatchTheSpec(t *testing.T) {
	spec := openapi.Trimmed()
	for _, e := range specEnums {
		want, err := spec.Enum(e.schema, e.dotted)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for name, list := range e.lists {
			if got := slices.Sorted(slices.Values(list)); !slices.Equal(got, want) {
				t.Errorf("%s is %v; the spec's %s.%s is %v", name, got, e.schema, e.dotted, want)
			}
		}
	}
}

// oneOfValues finds the quoted values in a OneOf validator's description
// (`value must be one of: ["a" "b"]`, also inside ValueStringsAre).
var oneOfValues = regexp.MustCompile(`value must be one of: \[([^\]]*)\]`)

// sentAs finds where a filter's description says it is sent
// ("sent as `ticket.severity`"); otherwise a filter is sent under its name.
var sentAs = regexp.MustCompile("sent as `([a-z_.]+)`")

// Every argument of a list or count data source that the provider checks
// against a list of values (a OneOf validator) allows exactly the values
// of the spec's enum at the path it is sent under, in that data source's
// request schema. New data sources and filters enrol by themselves.
func TestProviderEnumsMatchTheSpec(t *testing.T) {
	ctx := context.Background()
	spec := openapi.Trimmed()
	checked := 0
	for _, newDS := range (&DevRevProvider{}).DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "devrev"}, &meta)
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		for name, attr := range resp.Schema.Attributes {
			values, ok := enumOf(ctx, attr)
			if !ok {
				continue
			}
			_, reqSchema := requestSchema(meta.TypeName)
			if spec.Schema(reqSchema) == nil {
				t.Errorf("%s.%s is checked against %v, but %s has no request schema %s in the spec to check that against", meta.TypeName, name, values, meta.TypeName, reqSchema)
				continue
			}
			dotted := name
			if m := sentAs.FindStringSubmatch(attr.GetMarkdownDescription()); m != nil {
				dotted = m[1]
			}
			checked++
			want, err := spec.Enum(reqSchema, dotted)
			if err != nil {
				t.Errorf("%s.%s: %v", meta.TypeName, name, err)
				continue
			}
			if !slices.Equal(values, want) {
				t.Errorf("%s.%s allows %v; the spec's %s.%s is %v", meta.TypeName, name, values, reqSchema, dotted, want)
			}
		}
	}
	if checked == 0 {
		t.Fatal("found no argument checked against a list of values")
	}
}

// enumOf returns the sorted values of a attribute's OneOf validator.
func enumOf(ctx context.Context, attr schema.Attribute) ([]string, bool) {
	var descs []string
	switch a := attr.(type) {
	case schema.StringAttribute:
		for _, v := range a.Validators {
			descs = append(descs, v.Description(ctx))
		}
	case schema.SetAttribute:
		for _, v := range a.Validators {
			descs = append(descs, v.Description(ctx))
		}
	case schema.ListAttribute:
		for _, v := range a.Validators {
			descs = append(descs, v.Description(ctx))
		}
	}
	for _, d := range descs {
		if m := oneOfValues.FindStringSubmatch(d); m != nil {
			var values []string
			for _, q := range strings.Fields(m[1]) {
				values = append(values, strings.Trim(q, `"`))
			}
			slices.Sort(values)
			return values, true
		}
	}
	return nil, false
}
