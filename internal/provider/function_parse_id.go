package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// parseIDFunction is provider::devrev::parse_id: a DON split into its parts,
// offline (parseDON in don.go).
type parseIDFunction struct{}

var _ function.Function = parseIDFunction{}

func newParseIDFunction() function.Function { return parseIDFunction{} }

// parsedID is the function's result; its tfsdk names are the attribute names.
type parsedID struct {
	Service   string       `tfsdk:"service"`
	Partition string       `tfsdk:"partition"`
	DevOrg    string       `tfsdk:"dev_org"`
	Type      string       `tfsdk:"type"`
	DONType   string       `tfsdk:"don_type"`
	Number    string       `tfsdk:"number"`
	Parents   []donSegment `tfsdk:"parents"`
}

var donSegmentType = types.ObjectType{AttrTypes: map[string]attr.Type{"type": types.StringType, "number": types.StringType}}

func (parseIDFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_id"
}

func (parseIDFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Splits a DevRev id (DON) into its parts",
		MarkdownDescription: "Splits a DevRev id (DON), such as `don:core:dvrv-us-1:devo/0:ticket/12`, into its parts, " +
			"without calling DevRev. The result is an object with:\n\n" +
			"* `service`: the DON's service, such as `core` or `identity`;\n" +
			"* `partition`: the region partition, such as `dvrv-us-1`;\n" +
			"* `dev_org`: the id of the dev org after `devo/`, such as `0`;\n" +
			"* `type`: the object's type, named as the API's `type` fields and `display_id_type` name it, such as " +
			"`ticket`, `engagement`, `account`, `dev_user` or `rev_org`;\n" +
			"* `don_type`: the type as the DON spells it, which abbreviates a few: `devu` (`dev_user`), `revu` " +
			"(`rev_user`), `revo` (`rev_org`), `devo` (`dev_org`), `svcacc` (`service_account`), `sysu` (`sys_user`); " +
			"for every other object it is `type`;\n" +
			"* `number`: the object's id within its type, the value after the last `/`, such as `12`. It is a string: " +
			"most are decimal numbers, but DevRev's API description also shows ids such as `comment-id`;\n" +
			"* `parents`: for an object that lives inside another, the objects above it, outermost first, each with " +
			"`type` (named as `type` is) and `number`. `don:core:dvrv-us-1:devo/0:ticket/123:comment/7` is comment `7` with parents " +
			"`[{ type = \"ticket\", number = \"123\" }]`; for other objects the list is empty.\n\n" +
			"The DON of a dev org itself (`don:identity:dvrv-us-1:devo/0`) has type `dev_org`. " +
			"An id that is empty, not a DON (a display id such as `TKT-12` included), or not of the form " +
			"`don:<service>:<partition>:devo/<dev org>:<type>/<id>` is an error that quotes it and says what is wrong.\n\n" +
			functionCLINote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "id",
				MarkdownDescription: "A DevRev id (DON), such as the `id` of any object the provider reads.",
			},
		},
		Return: function.ObjectReturn{AttributeTypes: map[string]attr.Type{
			"service":   types.StringType,
			"partition": types.StringType,
			"dev_org":   types.StringType,
			"type":      types.StringType,
			"don_type":  types.StringType,
			"number":    types.StringType,
			"parents":   types.ListType{ElemType: donSegmentType},
		}},
	}
}

func (parseIDFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var id string
	resp.Error = req.Arguments.Get(ctx, &id)
	if resp.Error != nil {
		return
	}
	d, err := parseDON(id)
	if err != nil {
		// The CLIs print it after `Invalid value for "id" parameter: `
		// and add the final full stop.
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	parents := make([]donSegment, len(d.Parents))
	for i, p := range d.Parents {
		parents[i] = donSegment{Type: objectTypeOfDON(p.Type), Number: p.Number}
	}
	resp.Error = resp.Result.Set(ctx, parsedID{
		Service: d.Service, Partition: d.Partition, DevOrg: d.DevOrg,
		Type: objectTypeOfDON(d.Object.Type), DONType: d.Object.Type, Number: d.Object.Number, Parents: parents,
	})
}
