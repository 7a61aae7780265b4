package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The functions reach the CLI through the protocol server main.go serves
// (protocol_server.go), with their argument errors pointing at the argument.
// The acceptance test (function_acc_test.go) calls them through the CLIs.
func TestFunctionsThroughTheProtocolServer(t *testing.T) {
	ctx := context.Background()
	s := newProtocolServer(&DevRevProvider{version: "test"})

	fns, err := s.GetFunctions(ctx, &tfprotov6.GetFunctionsRequest{})
	if err != nil || len(fns.Diagnostics) > 0 {
		t.Fatalf("GetFunctions: %v %v", err, fns.Diagnostics)
	}
	schema, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schema.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, schema.Diagnostics)
	}
	for _, name := range []string{"parse_id", "display_id_type"} {
		if fns.Functions[name] == nil || schema.Functions[name] == nil {
			t.Errorf("%s: in GetFunctions %v, in GetProviderSchema %v", name, fns.Functions[name] != nil, schema.Functions[name] != nil)
		}
	}

	call := func(name, arg string) (tftypes.Value, *tfprotov6.FunctionError) {
		t.Helper()
		return callFunction(ctx, t, s, fns, name, arg)
	}

	v, ferr := call("display_id_type", "TKT-12")
	if ferr != nil || !v.Equal(tftypes.NewValue(tftypes.String, "ticket")) {
		t.Errorf("display_id_type(TKT-12) = %v, %v", v, ferr)
	}
	// parse_id names a type as display_id_type does, and keeps the DON's
	// own spelling under don_type.
	v, ferr = call("parse_id", "don:identity:dvrv-us-1:devo/0:devu/12")
	if ferr != nil {
		t.Errorf("parse_id(devu): %v", ferr)
	} else {
		var attrs map[string]tftypes.Value
		_ = v.As(&attrs)
		if !attrs["type"].Equal(tftypes.NewValue(tftypes.String, "dev_user")) || !attrs["don_type"].Equal(tftypes.NewValue(tftypes.String, "devu")) {
			t.Errorf("parse_id(devu): type %v, don_type %v; want dev_user, devu", attrs["type"], attrs["don_type"])
		}
	}
	v, ferr = call("parse_id", "don:core:dvrv-us-1:devo/0:ticket/123:comment/7")
	seg := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"type": tftypes.String, "number": tftypes.String}}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	want := tftypes.NewValue(fns.Functions["parse_id"].Return.Type, map[string]tftypes.Value{
		"service": str("core"), "partition": str("dvrv-us-1"), "dev_org": str("0"), "type": str("comment"), "don_type": str("comment"), "number": str("7"),
		"parents": tftypes.NewValue(tftypes.List{ElementType: seg}, []tftypes.Value{
			tftypes.NewValue(seg, map[string]tftypes.Value{"type": str("ticket"), "number": str("123")}),
		}),
	})
	if ferr != nil || !v.Equal(want) {
		t.Errorf("parse_id = %v, %v; want %v", v, ferr, want)
	}

	for name, arg := range map[string]string{"parse_id": "TKT-12", "display_id_type": "XYZ-1"} {
		_, ferr := call(name, arg)
		if ferr == nil || ferr.FunctionArgument == nil || *ferr.FunctionArgument != 0 || !strings.Contains(ferr.Text, `"`+arg+`"`) {
			t.Errorf("%s(%q): error %+v, want one on argument 0 that quotes it", name, arg, ferr)
		}
	}
}

// callFunction calls the provider function name with one string argument
// through the protocol server, as the CLI calls it: its result, or the
// function's error.
func callFunction(ctx context.Context, t *testing.T, s tfprotov6.FunctionServer, fns *tfprotov6.GetFunctionsResponse, name, arg string) (tftypes.Value, *tfprotov6.FunctionError) {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, arg))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: name, Arguments: []*tfprotov6.DynamicValue{&dv}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Error != nil {
		return tftypes.Value{}, resp.Error
	}
	v, err := resp.Result.Unmarshal(fns.Functions[name].Return.Type)
	if err != nil {
		t.Fatal(err)
	}
	return v, nil
}
