package provider

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The optional interfaces tf6server looks for must reach the framework
// through the wrapper. They are deprecated only in favour of moving their
// methods into ProviderServer; until then tf6server asserts exactly these.
var (
	_ tfprotov6.ProviderServerWithListResource = (*protocolServer)(nil) //nolint:staticcheck // see above
	_ tfprotov6.ProviderServerWithActions      = (*protocolServer)(nil) //nolint:staticcheck // see above
	_ tfprotov6.ProviderServerWithStateStores  = (*protocolServer)(nil) //nolint:staticcheck // see above
)

// Every method of the framework's server, whatever interface it belongs
// to, is a method of the wrapper with the same signature: nothing the
// framework serves is hidden behind it. This fails if a framework upgrade
// adds an RPC that frameworkServer does not name.
func TestProtocolServerHidesNothingOfTheFramework(t *testing.T) {
	fw := reflect.TypeOf(providerserver.NewProtocol6(&DevRevProvider{})())
	wrapper := reflect.TypeOf(newProtocolServer(&DevRevProvider{}))
	if fw.NumMethod() < 30 {
		t.Fatalf("the framework's server %s has only %d methods; is this the right type?", fw, fw.NumMethod())
	}
	for i := range fw.NumMethod() {
		m := fw.Method(i)
		w, ok := wrapper.MethodByName(m.Name)
		if !ok {
			t.Errorf("the framework's %s is hidden by the wrapper", m.Name)
			continue
		}
		// Drop the receivers and compare the rest of the signatures.
		if got, want := signature(w.Type), signature(m.Type); got != want {
			t.Errorf("%s: wrapper %s, framework %s", m.Name, got, want)
		}
	}
}

func signature(f reflect.Type) string {
	var in, out []reflect.Type
	for i := 1; i < f.NumIn(); i++ {
		in = append(in, f.In(i))
	}
	for i := range f.NumOut() {
		out = append(out, f.Out(i))
	}
	return fmt.Sprint(in, out)
}

// Every RPC but ReadDataSource answers through the wrapper exactly as the
// framework's server answers on its own: each method is called with an
// empty request on both, in the same order, and the answers (or panics)
// compared.
func TestProtocolServerPassesEveryOtherRPCUnchanged(t *testing.T) {
	ctx := context.Background()
	wrapper := reflect.ValueOf(newProtocolServer(&DevRevProvider{version: "test"}))
	direct := reflect.ValueOf(providerserver.NewProtocol6(&DevRevProvider{version: "test"})())
	called := 0
	for i := range direct.Type().NumMethod() {
		name := direct.Type().Method(i).Name
		if name == "ReadDataSource" {
			continue // the one RPC the wrapper answers itself
		}
		want := callWithEmptyRequest(ctx, direct.Method(i))
		got := callWithEmptyRequest(ctx, wrapper.MethodByName(name))
		if !sameAnswer(reflect.ValueOf(got), reflect.ValueOf(want)) {
			t.Errorf("%s: through the wrapper %#v, from the framework %#v", name, got, want)
		}
		called++
	}
	if called < 30 {
		t.Fatalf("only %d RPCs compared", called)
	}
}

// callWithEmptyRequest calls an RPC method with a zero request and returns
// its results, or what it panicked with.
func callWithEmptyRequest(ctx context.Context, m reflect.Value) (answer []any) {
	defer func() {
		if r := recover(); r != nil {
			answer = []any{fmt.Sprint("panic: ", r)}
		}
	}()
	req := reflect.New(m.Type().In(1).Elem())
	for _, v := range m.Call([]reflect.Value{reflect.ValueOf(ctx), req}) {
		answer = append(answer, v.Interface())
	}
	return answer
}

// sameAnswer is reflect.DeepEqual, except that two non-nil functions (the
// iterators of streamed answers, made afresh by every call) count as equal
// and slices may hold the same elements in another order.
func sameAnswer(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Func:
		return a.IsNil() == b.IsNil()
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameAnswer(a.Elem(), b.Elem())
	case reflect.Slice, reflect.Array:
		// In any order: the framework lists data sources in map order.
		if a.Len() != b.Len() {
			return false
		}
		used := make([]bool, b.Len())
	next:
		for i := range a.Len() {
			for j := range b.Len() {
				if !used[j] && sameAnswer(a.Index(i), b.Index(j)) {
					used[j] = true
					continue next
				}
			}
			return false
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !sameAnswer(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameAnswer(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	default:
		if a.CanInterface() {
			return reflect.DeepEqual(a.Interface(), b.Interface())
		}
		return fmt.Sprint(a) == fmt.Sprint(b)
	}
}
