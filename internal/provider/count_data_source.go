package provider

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Every count data source (each registered by serve, declared.go) is
// one countSpec, derived from the list over the same objects (countOf): its
// filters, read the same way, and the client's declared count.

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

// countOf declares the count data source over list's objects, from the
// client's declaration of their count (devrev.API: its path, whether its
// answer has has_more, the date ranges it counts by listing): named after
// the list (devrev_works_count), with the list's filters, read into the
// list's request. A list whose objects DevRev cannot count panics at init.
func countOf[F, R, T any](list *listSpec[F, R, T]) *countSpec[F] {
	api := list.api
	count := devrev.Counter[R](api)
	noun, endpoint := list.noun, "`POST "+api.CountPath+"`"
	description := fmt.Sprintf("Counts the DevRev %s that match the filters, through %s: one request however many match, "+
		"the cheap way to put numbers in a report. Takes the same filters as `%s`.", noun, endpoint, list.typeName)
	if dates := api.CountedByListing; len(dates) > 0 {
		description += fmt.Sprintf(" With a date filter (%s) it counts by listing instead, one request per 100 %s DevRev sends, "+
			"so that the count is exactly what `%s` lists for the same filters: DevRev's count has no such filter or does not "+
			"apply it for every organization", quotedList(dates), noun, list.typeName)
		if api.CountHasMore {
			description += "; that count is exact and `has_more` is false"
		}
		description += "."
	}
	total := "How many " + noun + " match the filters"
	if api.CountHasMore {
		total += ", up to DevRev's cap (see `has_more`)"
	}
	if hasSetFilter[F]() {
		total += "; 0, without a request, when a filter is an empty set"
	}
	s := &countSpec[F]{
		typeName: list.typeName + "_count", noun: noun, description: description, totalDesc: total + ".",
		filters: list.filters,
		count: func(c *devrev.Client, ctx context.Context, f F) (countResult, error) {
			n, err := count(ctx, c, list.request(f, devrev.Paging{}))
			r := countResult{total: n.Count}
			if api.CountHasMore {
				r.hasMore = &n.HasMore
			}
			return r, err
		},
	}
	if api.CountHasMore {
		s.hasMoreDesc = fmt.Sprintf("Whether more %s match than `total`: DevRev caps the count of %s, and says so here. "+
			"False when the count is exact.", noun, endpoint)
	}
	return s
}

// quotedList is names as code, joined for prose: "`a`, `b` or `c`".
func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// hasSetFilter reports whether a filter type has a set (a slice, at any
// depth), which an empty value turns into a count of 0 without a request.
func hasSetFilter[F any]() bool {
	var has func(reflect.Type) bool
	has = func(t reflect.Type) bool {
		switch t.Kind() {
		case reflect.Pointer:
			return has(t.Elem())
		case reflect.Slice:
			return true
		case reflect.Struct:
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() && has(f.Type) {
					return true
				}
			}
		}
		return false
	}
	return has(reflect.TypeFor[F]())
}
