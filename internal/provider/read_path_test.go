package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every data source, list, singular or count, is read by the protocol
// server itself: one read path, whose diagnostics it redacts and whose
// logs it masks (protocol_server.go). A data source the framework answered
// instead would build its state a second way.
func TestEveryDataSourceIsReadOnePath(t *testing.T) {
	srv := newProtocolServer(&DevRevProvider{version: "test"})
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		ds := newDataSource()
		var md datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		if _, ok := srv.readers[md.TypeName]; !ok {
			t.Errorf("%s is read by the framework, not by the protocol server's one read path", md.TypeName)
		}
	}
}

// frameworkInProcess reads through the framework's server alone: each data
// source's Read, the adapter the framework's interface requires.
func frameworkInProcess(t *testing.T, endpoint string) *inProcess {
	t.Helper()
	p := newInProcess(t, endpoint)
	fw := p.srv.(*protocolServer).frameworkServer
	configureForBench(t, fw, endpoint)
	return &inProcess{srv: fw, schemas: p.schemas}
}

// The framework's Read of every data source gives the state the protocol
// server gives (the same read, decoded), and that state is what the local
// API served: a list's ids are those served, in order, a singular data
// source's id is the object's, and a count's total is the list's length.
func TestFrameworkReadIsTheOneRead(t *testing.T) {
	lists, gets, counts := dataSourceKinds(t)
	listOf := func(objectDecl any) string {
		for n, l := range lists {
			if l.(interface{ objectDecl() any }).objectDecl() == objectDecl {
				return n
			}
		}
		return ""
	}
	both := func(t *testing.T, proto, fw *inProcess, typeName string, args map[string]tftypes.Value) map[string]tftypes.Value {
		t.Helper()
		want := readOK(t, proto, typeName, args)
		got := readOK(t, fw, typeName, args)
		typ := proto.configType(t, typeName)
		if !tftypes.NewValue(typ, got).Equal(tftypes.NewValue(typ, want)) {
			for name := range want {
				if !got[name].Equal(want[name]) {
					t.Errorf("%s through the framework: %s is %v, the protocol server's %v", typeName, name, got[name], want[name])
				}
			}
		}
		return got
	}
	for typeName := range lists {
		t.Run(typeName, func(t *testing.T) {
			d := listsData[typeName]
			api := startAPI(t, d.opts)
			proto, fw := newInProcess(t, api.URL), frameworkInProcess(t, api.URL)
			state := both(t, proto, fw, typeName, listArgsOf(typeName))
			var want []string
			for _, it := range served(t, d.opts, d.path, d.answer, listsRequired[typeName].body) {
				want = append(want, servedID(it.(map[string]any)))
			}
			if got := stateIDs(t, state); !slices.Equal(got, want) {
				t.Errorf("through the framework, %d ids, not the %d served in order", len(got), len(want))
			}
		})
	}
	for typeName, g := range gets {
		t.Run(typeName, func(t *testing.T) {
			listName := listOf(g.(interface{ objectDecl() any }).objectDecl())
			d := listsData[listName]
			api := startAPI(t, d.opts)
			proto, fw := newInProcess(t, api.URL), frameworkInProcess(t, api.URL)
			items := served(t, d.opts, d.path, d.answer, listsRequired[listName].body)
			id := servedID(items[len(items)/2].(map[string]any))
			state := both(t, proto, fw, typeName, map[string]tftypes.Value{"id": strVal(id)})
			if !state["id"].Equal(strVal(id)) {
				t.Errorf("through the framework, id is %v, want %s", state["id"], id)
			}
		})
	}
	for typeName, c := range counts {
		t.Run(typeName, func(t *testing.T) {
			listName := c.(interface{ countedList() string }).countedList()
			d := listsData[listName]
			api := startAPI(t, d.opts)
			proto, fw := newInProcess(t, api.URL), frameworkInProcess(t, api.URL)
			state := both(t, proto, fw, typeName, listArgsOf(typeName))
			n := len(served(t, d.opts, d.path, d.answer, listsRequired[listName].body))
			if !state[attrTotal].Equal(num(n)) {
				t.Errorf("through the framework, total is %v, want the %d served", state[attrTotal], n)
			}
		})
	}
}

// A diagnostic of a read the framework answers alone is still one the
// read made: an error names its attribute.
func TestFrameworkReadKeepsDiagnostics(t *testing.T) {
	d := listsData["devrev_accounts"]
	api := startAPI(t, d.opts)
	fw := frameworkInProcess(t, api.URL)
	_, diags := fw.read(t, "devrev_account", map[string]tftypes.Value{"id": strVal("ACC-987654321")})
	if len(diags) == 0 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || diags[0].Attribute == nil ||
		diags[0].Attribute.String() != `AttributeName("id")` {
		t.Errorf("a missing account through the framework: %v, want an error on id", diags)
	}
}
