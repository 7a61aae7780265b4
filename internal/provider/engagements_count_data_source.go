package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*engagementsCountDataSource)(nil)

// engagementsCountDataSource is `devrev_engagements_count`: how many
// engagements match the filters, in one POST /engagements.count.
type engagementsCountDataSource struct {
	configuredClient
}

func newEngagementsCountDataSource() datasource.DataSource { return &engagementsCountDataSource{} }

func (d *engagementsCountDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "devrev_engagements_count"
}

func (d *engagementsCountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := filterAttributes()
	attrs["total"] = schema.Int64Attribute{
		Computed: true,
		MarkdownDescription: "How many engagements match the filters. (Named `total` because `count` is " +
			"reserved in Terraform.)",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Counts the DevRev engagements that match the filters, through `POST /engagements.count`: " +
			"one request however many match, the cheap way to put numbers in a report. Takes the same filters as `devrev_engagements`.",
		Attributes: attrs,
	}
}

func (d *engagementsCountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	filter, diags := readFilter(ctx, req.Config)
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
	resp.State.Raw = req.Config.Raw
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("total"), types.Int64Value(total))...)
}
