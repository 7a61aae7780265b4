package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

var _ datasource.DataSourceWithConfigure = (*engagementDataSource)(nil)

// engagementDataSource is `devrev_engagement`: one engagement by id,
// through POST /engagements.get. Its attributes are those of an element of
// devrev_engagements.engagements, from the same definition.
type engagementDataSource struct {
	configuredClient
}

func newEngagementDataSource() datasource.DataSource { return &engagementDataSource{} }

func (d *engagementDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "devrev_engagement"
}

func (d *engagementDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := engagementAttributes()
	// The one input: the same attribute, made required.
	attrs["id"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: "The engagement to read: its DevRev object id (`don:core:...:engagement/123`) or its " +
			"display id (`ENGM-123`). After the read it holds the object id, and `display_id` the display id, whichever was given.",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one DevRev engagement by id through `POST /engagements.get`. " +
			"A missing engagement is an error.",
		Attributes: attrs,
	}
}

func (d *engagementDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, ok := readyClient(d.client, &resp.Diagnostics)
	if !ok {
		return
	}
	e, err := client.GetEngagement(ctx, id.ValueString())
	var apiErr *devrev.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "DevRev engagement not found",
			fmt.Sprintf("No engagement has the id %q, or the token may not see it. Check the id (a DON id or a display id such as ENGM-123).\n\n%v",
				id.ValueString(), err))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(clientError(fmt.Sprintf("Could not read DevRev engagement %q", id.ValueString()), err))
		return
	}
	// The schema's type is the engagement object type: the same builder
	// as for devrev_engagements makes the whole state.
	resp.State.Raw = values().engagementValue(e)
}
