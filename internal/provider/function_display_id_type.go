package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

// displayIDTypeFunction is provider::devrev::display_id_type: the object
// type of a display id, offline (displayIDType in display_id.go).
type displayIDTypeFunction struct{}

var _ function.Function = displayIDTypeFunction{}

func newDisplayIDTypeFunction() function.Function { return displayIDTypeFunction{} }

func (displayIDTypeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "display_id_type"
}

func (displayIDTypeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	// The table in the docs is the one the function uses.
	var rows strings.Builder
	for _, prefix := range slices.Sorted(maps.Keys(displayIDTypes)) {
		fmt.Fprintf(&rows, "| `%s-` | `%s` |\n", prefix, displayIDTypes[prefix])
	}
	resp.Definition = function.Definition{
		Summary: "Tells the object type of a DevRev display id",
		MarkdownDescription: "Tells the object type of a DevRev display id, such as `ticket` for `TKT-12`, " +
			"from its prefix and without calling DevRev. The type is named as the API's `type` fields name it:\n\n" +
			"| prefix | type |\n|---|---|\n" + rows.String() + "\n" +
			"These are the prefixes of every display id this provider's data sources return, and those the DevRev API " +
			"description uses in its examples. `parse_id` names a DON's `type` the same way, so that " +
			"`parse_id(x.id).type == display_id_type(x.display_id)` for any object `x` the provider reads. " +
			"An id of the right form with another prefix is an error that lists the " +
			"known ones, rather than a guess or a null that would only fail further on. An id that is empty or " +
			"malformed (not an upper-case prefix, `-` and the object's number, such as a DON, `tkt-12` or `TKT-abc`; only after `REV-`, " +
			"`DEV-` and `CHAN-` does the number hold letters too) is an error too.\n\n" +
			functionCLINote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "display_id",
				MarkdownDescription: "A display id, such as the `display_id` of any object the provider reads.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (displayIDTypeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var id string
	resp.Error = req.Arguments.Get(ctx, &id)
	if resp.Error != nil {
		return
	}
	typ, err := displayIDType(id)
	if err != nil {
		// The CLIs print it after `Invalid value for "display_id" parameter: `
		// and add the final full stop.
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, typ)
}
