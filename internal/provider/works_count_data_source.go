package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ datasource.DataSourceWithConfigure = (*worksCountDataSource)(nil)

// worksCountDataSource is `devrev_works_count`: how many works match the
// filters, in one POST /works.count, whose count DevRev caps (has_more
// says so). Its filters are devrev_works' (workFilters), read the same way.
type worksCountDataSource struct {
	configuredClient
}

func newWorksCountDataSource() datasource.DataSource { return &worksCountDataSource{} }

func (d *worksCountDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "devrev_works_count"
}

func (d *worksCountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := filterAttributes(workFilters)
	attrs["total"] = schema.Int64Attribute{
		Computed: true,
		MarkdownDescription: "How many works match the filters, up to DevRev's cap (see `has_more`); 0, without a request, " +
			"when a filter is an empty set. (Named `total` because `count` is reserved in Terraform.)",
	}
	attrs["has_more"] = schema.BoolAttribute{
		Computed: true,
		MarkdownDescription: "Whether more works match than `total`: DevRev caps the count of `POST /works.count`, and says so here. " +
			"False when the count is exact.",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Counts the DevRev works (tickets, issues, tasks, opportunities) that match the filters, through " +
			"`POST /works.count`: one request however many match. Takes the same filters as `devrev_works`. With a date " +
			"filter it counts by listing instead (one request per 100 matching works), because DevRev does not apply the " +
			"date filters for every organization; that count is exact and `has_more` is false.",
		Attributes: attrs,
	}
}

func (d *worksCountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var attrs map[string]tftypes.Value
	if err := req.Config.Raw.As(&attrs); err != nil {
		resp.Diagnostics.AddError("Unexpected configuration value", err.Error())
		return
	}
	filter, diags := readFilters(workFilters, attrs)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, ok := readyClient(d.client, &resp.Diagnostics)
	if !ok {
		return
	}
	count, err := client.CountWorks(ctx, filter)
	if err != nil {
		resp.Diagnostics.Append(clientError("Could not count DevRev works", err))
		return
	}
	// Inputs stay as configured; only the count is set.
	attrs["total"] = tftypes.NewValue(tftypes.Number, count.Count)
	attrs["has_more"] = tftypes.NewValue(tftypes.Bool, count.HasMore)
	resp.State.Raw = tftypes.NewValue(req.Config.Raw.Type(), attrs)
}
