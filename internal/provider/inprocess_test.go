package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// inProcess reads data sources through the provider's protocol server, as
// Terraform would, without a CLI: `go test` alone covers what these reads
// check (request bodies, the empty-set rule, error diagnostics).
type inProcess struct {
	srv     tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

func newInProcess(t testing.TB, endpoint string) *inProcess {
	t.Helper()
	srv := newProtocolServer(&DevRevProvider{version: "test"})
	configureForBench(t, srv, endpoint)
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return &inProcess{srv: srv, schemas: resp.DataSourceSchemas}
}

// configType is the type of typeName's configuration and state.
func (p *inProcess) configType(t testing.TB, typeName string) tftypes.Object {
	t.Helper()
	s, ok := p.schemas[typeName]
	if !ok {
		t.Fatalf("no data source %s", typeName)
	}
	return s.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema's root is an object
}

// read reads typeName with the given arguments (the others null) and
// returns the state's attributes (nil on error) and the diagnostics.
func (p *inProcess) read(t testing.TB, typeName string, set map[string]tftypes.Value) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	t.Helper()
	typ := p.configType(t, typeName)
	attrs := nullAttrs(typ)
	for k, v := range set {
		if _, ok := attrs[k]; !ok {
			t.Fatalf("%s has no argument %s", typeName, k)
		}
		attrs[k] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := p.srv.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &dv})
	if err != nil {
		t.Fatal(err)
	}
	if resp.State == nil {
		return nil, resp.Diagnostics
	}
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]tftypes.Value
	if err := state.As(&out); err != nil {
		t.Fatal(err)
	}
	return out, resp.Diagnostics
}
