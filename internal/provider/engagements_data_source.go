package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

const engagementsTypeName = "devrev_engagements"

var (
	_             datasource.DataSourceWithConfigure = (*engagementsDataSource)(nil)
	sortByPattern                                    = regexp.MustCompile(`^[a-z][a-z0-9_.]*:(asc|desc)$`)
)

// engagementsDataSource is `devrev_engagements`: every engagement that
// matches the filters, read page by page through POST /engagements.list.
//
// Its state is built by readEngagements, which both the framework's Read
// and the protocol-level fast path (protocol_server.go) call.
type engagementsDataSource struct {
	configuredClient
}

func newEngagementsDataSource() datasource.DataSource { return &engagementsDataSource{} }

func (d *engagementsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = engagementsTypeName
}

func (d *engagementsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = engagementsSchema()
}

// engagementsSchema is a function rather than a method so that the
// protocol-level read path can use the very same schema.
func engagementsSchema() schema.Schema {
	attrs := filterAttributes()
	maps.Copy(attrs, map[string]schema.Attribute{
		"sort_by": schema.ListAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Fields to sort by, in order of precedence, each `field:asc` or `field:desc`, " +
				"such as `[\"created_date:desc\"]` (DevRev sorts engagements by `created_date` and `modified_date`). " +
				"Unset means DevRev's default order.",
			Validators: []validator.List{
				listvalidator.ValueStringsAre(stringvalidator.RegexMatches(sortByPattern,
					"must be a field name followed by :asc or :desc, such as created_date:desc")),
			},
		},
		"mode": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "`after` (the default) reads forward from `cursor`, or from the start; " +
				"`before` reads backward from `cursor`, or from the end. Either way `engagements` is in sort order.",
			Validators: []validator.String{stringvalidator.OneOf(devrev.ModeAfter, devrev.ModeBefore)},
		},
		"cursor": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Where to start: a `next_cursor` (with `mode = \"after\"`) or `prev_cursor` " +
				"(with `mode = \"before\"`) from an earlier read with the same filters and `sort_by`. Unset starts at " +
				"the beginning (`after`) or the end (`before`).",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"limit": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "The most engagements to return in total (at least 1). Unset reads every match, " +
				"one request per `page_size` engagements.",
			Validators: []validator.Int64{int64validator.AtLeast(1)},
		},
		"page_size": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("Engagements per request, 1 to %d (the API's own `limit`); default %d, "+
				"the fewest round trips. The last request asks only for what `limit` still needs.", devrev.MaxPageSize, devrev.MaxPageSize),
			Validators: []validator.Int64{int64validator.Between(1, devrev.MaxPageSize)},
		},
		"engagements": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "The matching engagements, in the API's sort order, whichever `mode` read them. " +
				"An empty list when nothing matches.",
			NestedObject: schema.NestedAttributeObject{Attributes: engagementAttributes()},
		},
		"ids": schema.ListAttribute{
			Computed:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "The ids of `engagements`, in the same order; handy for `for_each` via `toset()`.",
		},
		"next_cursor": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "Cursor just after the last engagement returned: pass it as `cursor` with " +
				"`mode = \"after\"` to continue forward where `limit` stopped. Null when nothing follows.",
		},
		"prev_cursor": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "Cursor just before the first engagement returned: pass it as `cursor` with " +
				"`mode = \"before\"` to continue backward. Null when nothing precedes.",
		},
	})
	return schema.Schema{
		MarkdownDescription: "Lists DevRev engagements (meetings, calls, emails, ...) that match the filters, " +
			"through `POST /engagements.list`, following the API's cursors until every match (or `limit`) is read. " +
			"Each plan reads again: one request per `page_size` engagements.",
		Attributes: attrs,
	}
}

func (d *engagementsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	w, diags := readEngagements(ctx, d.client, req.Config)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	state, err := engagementsState(req.Config.Raw, w)
	if err != nil {
		resp.Diagnostics.AddError("Could not build the state", err.Error())
		return
	}
	resp.State.Raw = state
}

// engagementsRequest turns the configuration into the API request.
func engagementsRequest(ctx context.Context, cfg tfsdk.Config) (devrev.ListEngagementsRequest, devrev.ListOptions, diag.Diagnostics) {
	var (
		req             devrev.ListEngagementsRequest
		opts            devrev.ListOptions
		diags           diag.Diagnostics
		mode, cursor    types.String
		limit, pageSize types.Int64
	)
	req.EngagementFilter, diags = readFilter(ctx, cfg)
	diags.Append(cfg.GetAttribute(ctx, path.Root("sort_by"), &req.SortBy)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("mode"), &mode)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("cursor"), &cursor)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("limit"), &limit)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("page_size"), &pageSize)...)
	req.Mode = mode.ValueString()
	req.Cursor = cursor.ValueString()
	opts.Limit = int(limit.ValueInt64())
	opts.PageSize = int(pageSize.ValueInt64())
	return req, opts, diags
}

// readFilter reads the filter attributes that list and count share. Set
// elements are sorted so that the request body is deterministic.
func readFilter(ctx context.Context, cfg tfsdk.Config) (devrev.EngagementFilter, diag.Diagnostics) {
	var f devrev.EngagementFilter
	var diags diag.Diagnostics
	for name, dst := range map[string]*[]string{
		"type": &f.Type, "external_ref": &f.ExternalRef, "members": &f.Members, "parent": &f.Parent,
	} {
		diags.Append(cfg.GetAttribute(ctx, path.Root(name), dst)...)
		slices.Sort(*dst)
		if len(*dst) == 0 {
			*dst = nil // today's rule, an empty set is no filter; the client now reads an empty slice as "matches nothing"
		}
	}
	return f, diags
}

// readEngagements reads every page the configuration asks for. The state
// is built from the result by engagementsState (as one value, for the
// framework's Read) or engagementsStateMsgPack (streamed, for the protocol
// path in protocol_server.go).
func readEngagements(ctx context.Context, client *devrev.Client, cfg tfsdk.Config) (*devrev.Window[devrev.Engagement], diag.Diagnostics) {
	req, opts, diags := engagementsRequest(ctx, cfg)
	if diags.HasError() {
		return nil, diags
	}
	if _, ok := readyClient(client, &diags); !ok {
		return nil, diags
	}
	w, err := client.ListEngagements(ctx, req, opts)
	if err != nil {
		diags.Append(clientError("Could not list DevRev engagements", err))
		return nil, diags
	}
	return w, diags
}

// engagementsStateAttributes returns the state's attributes other than
// `engagements`: the arguments as configured, and the computed ids and
// cursors.
func engagementsStateAttributes(config tftypes.Value, w *devrev.Window[devrev.Engagement]) (map[string]tftypes.Value, error) {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil, fmt.Errorf("unexpected configuration value: %w", err)
	}
	b := values()
	ids := make([]tftypes.Value, len(w.Items))
	for i := range w.Items {
		ids[i] = b.str(w.Items[i].ID)
	}
	attrs["ids"] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, ids)
	attrs["next_cursor"] = b.str(w.NextCursor)
	attrs["prev_cursor"] = b.str(w.PrevCursor)
	return attrs, nil
}

// engagementsState is the whole state as one value.
func engagementsState(config tftypes.Value, w *devrev.Window[devrev.Engagement]) (tftypes.Value, error) {
	attrs, err := engagementsStateAttributes(config, w)
	if err != nil {
		return tftypes.Value{}, err
	}
	b := values()
	engagements := make([]tftypes.Value, len(w.Items))
	for i := range w.Items {
		engagements[i] = b.engagementValue(&w.Items[i])
	}
	attrs["engagements"] = tftypes.NewValue(tftypes.List{ElementType: b.engagement}, engagements)
	return tftypes.NewValue(config.Type(), attrs), nil
}

// engagementsStateMsgPack is the same state, encoded for the protocol one
// engagement at a time (see state_msgpack.go).
func engagementsStateMsgPack(config tftypes.Value, w *devrev.Window[devrev.Engagement]) ([]byte, error) {
	attrs, err := engagementsStateAttributes(config, w)
	if err != nil {
		return nil, err
	}
	typ, ok := config.Type().(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("unexpected configuration type %s", config.Type())
	}
	b := values()
	return encodeState(typ, attrs, "engagements", len(w.Items), b.engagement,
		func(i int) tftypes.Value { return b.engagementValue(&w.Items[i]) })
}
