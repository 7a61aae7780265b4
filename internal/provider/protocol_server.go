package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The framework wraps every data source read in work proportional to the
// size of the state — a walk that reifies null collections, a semantic
// equality pass, a deep comparison and a copy — which costs several times
// more than building and encoding the state itself once a read returns tens
// of thousands of engagements (tools/performance.md has the numbers).
//
// protocolServer therefore answers ReadDataSource for devrev_engagements at
// the protocol level: it decodes the configuration, calls the same
// readEngagements as the framework's Read, and encodes the state one
// engagement at a time (state_msgpack.go). Every
// other RPC, including schema, validation and provider configuration, goes
// to the framework unchanged, so plan-time validation and the provider block
// behave exactly as in any framework provider.

// NewProtocolServer returns a factory for the provider's protocol server,
// as tf6server.Serve and terraform-plugin-testing expect.
func NewProtocolServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return newProtocolServer(&DevRevProvider{version: version})
	}
}

func newProtocolServer(p *DevRevProvider) tfprotov6.ProviderServer {
	return &protocolServer{ProviderServer: providerserver.NewProtocol6(p)(), provider: p}
}

type protocolServer struct {
	tfprotov6.ProviderServer // the framework's server
	provider                 *DevRevProvider
}

// engagementsSchemaAndType is the schema of devrev_engagements and its
// Terraform type, made once.
var engagementsSchemaAndType = sync.OnceValues(func() (schema.Schema, tftypes.Type) {
	s := engagementsSchema()
	return s, s.Type().TerraformType(context.Background())
})

func (s *protocolServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName != engagementsTypeName {
		return s.ProviderServer.ReadDataSource(ctx, req)
	}
	sch, typ := engagementsSchemaAndType()
	resp := &tfprotov6.ReadDataSourceResponse{}
	if req.Config == nil {
		resp.Diagnostics = protoDiagnostics(diag.Diagnostics{diag.NewErrorDiagnostic(
			"Missing configuration", "Terraform sent no configuration for the data source. This is a bug; please report it.")})
		return resp, nil
	}
	config, err := req.Config.Unmarshal(typ)
	if err != nil {
		resp.Diagnostics = protoDiagnostics(diag.Diagnostics{diag.NewErrorDiagnostic(
			"Unexpected configuration value", "Could not decode the configuration Terraform sent: "+err.Error())})
		return resp, nil
	}
	w, diags := readEngagements(ctx, s.provider.client.Load(), tfsdk.Config{Raw: config, Schema: sch})
	if !diags.HasError() {
		state, err := engagementsStateMsgPack(config, w)
		if err != nil {
			diags.AddError("Could not encode the state", err.Error())
		} else {
			resp.State = &tfprotov6.DynamicValue{MsgPack: state}
		}
	}
	resp.Diagnostics = protoDiagnostics(diags)
	return resp, nil
}

// protoDiagnostics converts framework diagnostics to the protocol's.
func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail(), Severity: tfprotov6.DiagnosticSeverityError}
		if d.Severity() == diag.SeverityWarning {
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = protoPath(dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

func protoPath(p path.Path) *tftypes.AttributePath {
	if len(p.Steps()) == 0 {
		return nil
	}
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			ap = ap.WithAttributeName(string(s))
		case path.PathStepElementKeyInt:
			ap = ap.WithElementKeyInt(int(s))
		case path.PathStepElementKeyString:
			ap = ap.WithElementKeyString(string(s))
		default:
			return ap // a set element: the path up to the set is precise enough
		}
	}
	return ap
}
