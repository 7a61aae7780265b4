package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The framework wraps every data source read in work proportional to the
// size of the state — a walk that reifies null collections, a semantic
// equality pass, a deep comparison and a copy — which costs several times
// more than building and encoding the state itself once a read returns tens
// of thousands of objects (tools/performance.md has the numbers).
//
// protocolServer therefore answers ReadDataSource for every data source
// (each is a stateReader: list, singular and count alike) at the protocol
// level: it decodes the configuration, reads, and hands back the state the
// data source encoded (state_msgpack.go). That is the one read path: the
// framework's Read of each data source, which the framework's interface
// requires, is frameworkRead over the same readState. Every other RPC,
// including schema, validation and provider configuration, is the
// framework server's own method: protocolServer embeds frameworkServer,
// the framework server's whole method set, so nothing the framework serves
// is hidden (protocol_server_test.go checks this against the framework's
// concrete type).

// frameworkServer is everything the framework's server implements: the
// protocol's interface and the optional ones tf6server looks for with type
// assertions (list resources, actions, state stores).
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// stateReader is a data source whose read returns its state as msgpack of
// its schema's type: config is the decoded configuration, and read the
// read's share of the provider's byte budget (what the read gathers stays
// counted until its state is handed back).
type stateReader interface {
	readState(ctx context.Context, client *devrev.Client, config tftypes.Value, read *devrev.Read) ([]byte, diag.Diagnostics)
}

// reader is a stateReader with the type of its configuration and state.
type reader struct {
	stateReader
	typ tftypes.Type
}

// readProtocol answers ReadDataSource for r: decode the configuration,
// read, and hand back the state as encoded.
func (r reader) readProtocol(ctx context.Context, client *devrev.Client, config *tfprotov6.DynamicValue) (*tfprotov6.DynamicValue, diag.Diagnostics) {
	if config == nil {
		return nil, diag.Diagnostics{diag.NewErrorDiagnostic(
			"Missing configuration", "Terraform sent no configuration for the data source. This is a bug; please report it.")}
	}
	cfg, err := config.Unmarshal(r.typ)
	if err != nil {
		return nil, diag.Diagnostics{diag.NewErrorDiagnostic(
			"Unexpected configuration value", "Could not decode the configuration Terraform sent: "+err.Error())}
	}
	ctx, read := client.StartRead(ctx)
	defer read.End()
	state, diags := r.readState(ctx, client, cfg, read)
	if diags.HasError() {
		return nil, diags
	}
	return &tfprotov6.DynamicValue{MsgPack: state}, diags
}

// frameworkRead is the framework's Read of r, the same read: the state
// decoded into resp.State.
func frameworkRead(ctx context.Context, r stateReader, client *devrev.Client, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, read := client.StartRead(ctx)
	defer read.End()
	state, diags := r.readState(ctx, client, req.Config.Raw, read)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	v, err := decodeMsgPack(req.Config.Raw.Type(), state)
	if err != nil {
		resp.Diagnostics.AddError("Could not build the state", err.Error())
		return
	}
	resp.State.Raw = v
}

// NewProtocolServer returns a factory for the provider's protocol server,
// as tf6server.Serve and terraform-plugin-testing expect.
func NewProtocolServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return newProtocolServer(&DevRevProvider{version: version})
	}
}

func newProtocolServer(p *DevRevProvider) *protocolServer {
	fw, ok := providerserver.NewProtocol6(p)().(frameworkServer)
	if !ok {
		// Only a framework upgrade that drops an RPC gets here, and every
		// test that starts the provider fails on it.
		panic(fmt.Sprintf("the plugin framework's server no longer implements %T", (*frameworkServer)(nil)))
	}
	s := &protocolServer{frameworkServer: fw, provider: p, readers: map[string]reader{}}
	ctx := context.Background()
	for _, newDataSource := range p.DataSources(ctx) {
		ds := newDataSource()
		r, ok := ds.(stateReader)
		if !ok {
			continue // answered by the framework; TestEveryDataSourceIsReadOnePath fails on it
		}
		var md datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		var sr datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
		s.readers[md.TypeName] = reader{stateReader: r, typ: sr.Schema.Type().TerraformType(ctx)}
	}
	return s
}

type protocolServer struct {
	frameworkServer
	provider *DevRevProvider
	readers  map[string]reader // by type name
}

// ReadDataSource is the one RPC that reads DevRev, so it is where the
// token is kept out of what the provider prints: every log line written under its context is masked, and every diagnostic
// it answers with (errors and warnings, which may quote cursors, ids, dates
// or whole answers a server sent) is redacted before tf6server logs it and
// the CLI prints it. The state is not touched: it holds what DevRev sent.
func (s *protocolServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	client := s.provider.client.Load()
	ctx = client.MaskLogs(ctx)
	var resp *tfprotov6.ReadDataSourceResponse
	var err error
	if r, ok := s.readers[req.TypeName]; ok {
		state, diags := r.readProtocol(ctx, client, req.Config)
		resp = &tfprotov6.ReadDataSourceResponse{State: state, Diagnostics: protoDiagnostics(diags)}
	} else {
		// No data source of the provider: the framework's error says so.
		resp, err = s.frameworkServer.ReadDataSource(ctx, req)
	}
	if resp != nil {
		redactDiagnostics(client, resp.Diagnostics)
	}
	return resp, err
}

// redactDiagnostics redacts the text of diags in place (client.Redact).
func redactDiagnostics(client *devrev.Client, diags []*tfprotov6.Diagnostic) {
	for _, d := range diags {
		if d != nil {
			d.Summary, d.Detail = client.Redact(d.Summary), client.Redact(d.Detail)
		}
	}
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
