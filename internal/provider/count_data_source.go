package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Every count data source (each newCount in provider.go's DataSources) is
// one countSpec: the filters of the list over the same objects, read the
// same way, and the client method that counts.

// The count's outputs, named once.
const (
	attrTotal   = "total"
	attrHasMore = "has_more"
)

// countResult is what a count answers. HasMore is nil for an endpoint
// whose count is exact (it has no has_more attribute).
type countResult struct {
	total   int64
	hasMore *bool
}

type countSpec[F any] struct {
	typeName    string // devrev_works_count
	noun        string // works
	description string // the schema's description
	totalDesc   string // total's description
	hasMoreDesc string // has_more's description; "" when the count is exact
	filters     []filter[F]
	count       func(*devrev.Client, context.Context, F) (countResult, error)
}

type countDataSource[F any] struct {
	configuredClient
	spec *countSpec[F]
}

var (
	_ stateReader                        = (*countDataSource[any])(nil)
	_ datasource.DataSourceWithConfigure = (*countDataSource[any])(nil)
)

func newCount[F any](spec *countSpec[F]) func() datasource.DataSource {
	return func() datasource.DataSource { return &countDataSource[F]{spec: spec} }
}

func (d *countDataSource[F]) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.spec.typeName
}

func (d *countDataSource[F]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s := d.spec
	attrs := filterAttributes(s.filters)
	attrs[attrTotal] = schema.Int64Attribute{Computed: true, MarkdownDescription: s.totalDesc +
		" (Named `total` because `count` is reserved in Terraform.)"}
	if s.hasMoreDesc != "" {
		attrs[attrHasMore] = schema.BoolAttribute{Computed: true, MarkdownDescription: s.hasMoreDesc}
	}
	resp.Schema = schema.Schema{MarkdownDescription: s.description, Attributes: attrs}
}

// Read is the framework's read, which the framework's DataSource interface
// requires: the protocol server (protocol_server.go) answers every read
// itself, through the same readState.
func (d *countDataSource[F]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	frameworkRead(ctx, d, d.client, req, resp)
}

// readState counts what the configuration's filters match and returns the
// state (the one read path: protocol_server.go). A count by listing (any
// of them with a date range) gathers its items under the provider's byte
// budget, as a list does.
func (d *countDataSource[F]) readState(ctx context.Context, client *devrev.Client, config tftypes.Value, _ *devrev.Read) ([]byte, diag.Diagnostics) {
	s := d.spec
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil, diag.Diagnostics{diag.NewErrorDiagnostic("Unexpected configuration value", err.Error())}
	}
	filter, diags := readFilters(s.filters, attrs)
	if diags.HasError() {
		return nil, diags
	}
	if _, ok := readyClient(client, &diags); !ok {
		return nil, diags
	}
	n, err := s.count(client, ctx, filter)
	if err != nil {
		diags.Append(clientError("Could not count DevRev "+s.noun, err))
		return nil, diags
	}
	// Inputs stay as configured; only the count is set.
	streamed := map[string]func([]byte) []byte{attrTotal: func(b []byte) []byte { return appendInt(b, n.total) }}
	if s.hasMoreDesc != "" {
		streamed[attrHasMore] = func(b []byte) []byte { return appendBoolPtr(b, n.hasMore) }
	}
	state, err := encodeState(mustObject(config.Type(), s.typeName), attrs, streamed)
	if err != nil {
		diags.AddError("Could not build the state", err.Error())
		return nil, diags
	}
	return state, diags
}

// The counts the provider serves.

var engagementsCount = &countSpec[devrev.EngagementFilter]{
	typeName: "devrev_engagements_count",
	noun:     "engagements",
	description: "Counts the DevRev engagements that match the filters, through `POST /engagements.count`: " +
		"one request however many match, the cheap way to put numbers in a report. Takes the same filters as `devrev_engagements`. " +
		"With `created_date` or `modified_date`, which `POST /engagements.count` does not have, it counts by listing instead, as " +
		"`devrev_engagements` reads the same filters: sorted by the date, one request per 100 engagements up to the end of the range.",
	totalDesc: "How many engagements match the filters; 0, without a request, when a filter is an empty set.",
	filters:   engagementFilters,
	count: func(c *devrev.Client, ctx context.Context, f devrev.EngagementFilter) (countResult, error) {
		n, err := c.CountEngagements(ctx, f)
		return countResult{total: n}, err
	},
}

var worksCount = &countSpec[devrev.WorkFilter]{
	typeName: "devrev_works_count",
	noun:     "works",
	description: "Counts the DevRev works (tickets, issues, tasks, opportunities) that match the filters, through " +
		"`POST /works.count`: one request however many match. Takes the same filters as `devrev_works`. With a date " +
		"filter it counts by listing instead (one request per 100 works DevRev sends), because DevRev does not apply the " +
		"date filters for every organization; that count is exact and `has_more` is false.",
	totalDesc: "How many works match the filters, up to DevRev's cap (see `has_more`); 0, without a request, " +
		"when a filter is an empty set.",
	hasMoreDesc: "Whether more works match than `total`: DevRev caps the count of `POST /works.count`, and says so here. " +
		"False when the count is exact.",
	filters: workFilters,
	count: func(c *devrev.Client, ctx context.Context, f devrev.WorkFilter) (countResult, error) {
		n, err := c.CountWorks(ctx, f)
		return countResult{total: n.Count, hasMore: &n.HasMore}, err
	},
}

var meetingsCount = &countSpec[devrev.MeetingFilter]{
	typeName: "devrev_meetings_count",
	noun:     "meetings",
	description: "Counts the DevRev meetings that match the filters, through `POST /meetings.count`: one request however " +
		"many match. Takes the same filters as `devrev_meetings`. With a date filter it counts by listing instead (one " +
		"request per 100 meetings DevRev sends), so that the count is exactly what `devrev_meetings` lists for the same filters.",
	totalDesc: "How many meetings match the filters; 0, without a request, when a filter is an empty set.",
	filters:   meetingFilters,
	count: func(c *devrev.Client, ctx context.Context, f devrev.MeetingFilter) (countResult, error) {
		n, err := c.CountMeetings(ctx, f)
		return countResult{total: n}, err
	},
}
