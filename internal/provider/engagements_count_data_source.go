package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ datasource.DataSourceWithConfigure = (*engagementsCountDataSource)(nil)

// engagementsCountDataSource is `devrev_engagements_count`: how many
// engagements match the filters, in one POST /engagements.count. Its
// filters are devrev_engagements' (engagementFilters), read the same way.
type engagementsCountDataSource struct {
	configuredClient
}

func newEngagementsCountDataSource() datasource.DataSource { return &engagementsCountDataSource{} }

func (d *engagementsCountDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "devrev_engagements_count"
}

func (d *engagementsCountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := filterAttributes(engagementFilters)
	attrs["total"] = schema.Int64Attribute{
		Computed: true,
		MarkdownDescription: "How many engagements match the filters; 0, without a request, when a filter is an empty set. " +
			"(Named `total` because `count` is reserved in Terraform.)",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Counts the DevRev engagements that match the filters, through `POST /engagements.count`: " +
			"one request however many match, the cheap way to put numbers in a report. Takes the same filters as `devrev_engagements`.",
		Attributes: attrs,
	}
}

func (d *engagementsCountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var attrs map[string]tftypes.Value
	if err := req.Config.Raw.As(&attrs); err != nil {
		resp.Diagnostics.AddError("Unexpected configuration value", err.Error())
		return
	}
	filter, diags := readFilters(engagementFilters, attrs)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, ok := readyClient(d.client, &resp.Diagnostics)
	if !ok {
		return
	}
	total, err := client.CountEngagements(ctx, filter)
	if err != nil {
		resp.Diagnostics.Append(clientError("Could not count DevRev engagements", err))
		return
	}
	// Inputs stay as configured; only total is set.
	attrs["total"] = tftypes.NewValue(tftypes.Number, total)
	resp.State.Raw = tftypes.NewValue(req.Config.Raw.Type(), attrs)
}
