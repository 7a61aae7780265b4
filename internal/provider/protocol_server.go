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
// protocolServer therefore answers ReadDataSource for every list data source
// (every data source that is a protocolReader: list_data_source.go) at the
// protocol level: it decodes the configuration, reads, and encodes the state
// one item at a time (state_msgpack.go). Every other RPC, including schema,
// validation, provider configuration and the reads of the other data
// sources (whose diagnostics ReadDataSource still redacts), is the
// framework server's own method: protocolServer embeds
// frameworkServer, the framework server's whole method set, so nothing the
// framework serves is hidden (protocol_server_test.go checks this against
// the framework's concrete type).

// frameworkServer is everything the framework's server implements: the
// protocol's interface and the optional ones tf6server looks for with type
// assertions (list resources, actions, state stores).
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// protocolReader is a data source read at the protocol level.
type protocolReader interface {
	readProtocol(ctx context.Context, client *devrev.Client, config *tfprotov6.DynamicValue) (*tfprotov6.DynamicValue, diag.Diagnostics)
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
	s := &protocolServer{frameworkServer: fw, provider: p, readers: map[string]protocolReader{}}
	ctx := context.Background()
	for _, newDataSource := range p.DataSources(ctx) {
		ds := newDataSource()
		if r, ok := ds.(protocolReader); ok {
			var md datasource.MetadataResponse
			ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
			s.readers[md.TypeName] = r
		}
	}
	return s
}

type protocolServer struct {
	frameworkServer
	provider *DevRevProvider
	readers  map[string]protocolReader // by type name
}

// ReadDataSource is the one RPC that reads DevRev, so it is where the
// token is kept out of what the provider prints, whichever path reads:
// every log line written under its context is masked, and every diagnostic
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
