package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// scopeFilter is a filter type of the spec's shape that no DevRev object
// of the provider has yet: an array of integers (articles.list's `scope`)
// beside an array of strings, sent under their JSON names.
type scopeFilter struct {
	Scope []int64  `json:"scope,omitempty"`
	Names []string `json:"names,omitempty"`
}

var scopeFilters = []filter[scopeFilter]{
	setFilter("scope", "Only objects of these scopes.", func(f *scopeFilter) *[]int64 { return &f.Scope }, int64validator.AtLeast(1)),
	setFilter("names", "Only objects with these names.", func(f *scopeFilter) *[]string { return &f.Names }, stringvalidator.LengthAtLeast(1)),
}

func scopeSet(ns ...int64) tftypes.Value {
	elems := make([]tftypes.Value, len(ns))
	for i, n := range ns {
		elems[i] = tftypes.NewValue(tftypes.Number, n)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.Number}, elems)
}

// A set filter of whole numbers is a set of numbers in the schema, and its
// elements reach the request body as JSON numbers, sorted; the empty-set
// rule and null read as they do for strings.
func TestSetFilterOfIntegers(t *testing.T) {
	attrs := filterAttributes(scopeFilters)
	if got := attrs["scope"].(schema.SetAttribute).ElementType; !got.Equal(types.Int64Type) {
		t.Errorf("scope's element type is %s, want a whole number", got)
	}
	if got := attrs["names"].(schema.SetAttribute).ElementType; !got.Equal(types.StringType) {
		t.Errorf("names' element type is %s, want a string", got)
	}
	nullStrs := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil)

	for _, c := range []struct {
		name  string
		scope tftypes.Value
		body  string
		empty bool // a non-nil empty slice: the client's "matches nothing"
	}{
		{"numbers", scopeSet(3, 1, 2), `{"scope":[1,2,3]}`, false},
		{"large", scopeSet(1 << 40), `{"scope":[1099511627776]}`, false},
		{"empty", scopeSet(), `{}`, true},
		{"null", tftypes.NewValue(tftypes.Set{ElementType: tftypes.Number}, nil), `{}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, diags := readFilters(scopeFilters, map[string]tftypes.Value{"scope": c.scope, "names": nullStrs})
			if diags.HasError() {
				t.Fatal(diags)
			}
			body, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			if string(body) != c.body {
				t.Errorf("request body %s, want %s", body, c.body)
			}
			if got := f.Scope != nil && len(f.Scope) == 0; got != c.empty {
				t.Errorf("scope read as %#v: an empty set must read as a non-nil empty slice, null as nil", f.Scope)
			}
		})
	}

	t.Run("not a whole number", func(t *testing.T) {
		half := tftypes.NewValue(tftypes.Set{ElementType: tftypes.Number}, []tftypes.Value{tftypes.NewValue(tftypes.Number, 1.5)})
		_, diags := readFilters(scopeFilters, map[string]tftypes.Value{"scope": half, "names": nullStrs})
		if !diags.HasError() || !strings.Contains(diags[0].Detail(), "`scope`") || !strings.Contains(diags[0].Detail(), "1.5") {
			t.Errorf("1.5 in scope: %v, want an error naming `scope` and the value", diags)
		}
	})
}

// Each set filter checks its elements at plan time with validators of its
// element type.
func TestSetFilterValidatorsPerElementType(t *testing.T) {
	check := func(name string, elem attr.Type, elems []attr.Value) []string {
		var a schema.SetAttribute
		for _, f := range scopeFilters {
			if f.name == name {
				a = f.attr.(schema.SetAttribute)
			}
		}
		set := types.SetValueMust(elem, elems)
		var errs []string
		for _, v := range a.Validators {
			var resp validator.SetResponse
			v.ValidateSet(context.Background(), validator.SetRequest{Path: path.Root(name), ConfigValue: set}, &resp)
			for _, d := range resp.Diagnostics.Errors() {
				errs = append(errs, d.Detail())
			}
		}
		return errs
	}
	if errs := check("scope", types.Int64Type, []attr.Value{types.Int64Value(1), types.Int64Value(2)}); len(errs) != 0 {
		t.Errorf("scope [1, 2]: %v, want no error", errs)
	}
	if errs := check("scope", types.Int64Type, []attr.Value{types.Int64Value(0)}); len(errs) != 1 || !strings.Contains(errs[0], "at least 1") {
		t.Errorf("scope [0]: %v, want one error saying the bound", errs)
	}
	if errs := check("names", types.StringType, []attr.Value{types.StringValue("")}); len(errs) != 1 {
		t.Errorf(`names [""]: %v, want one error`, errs)
	}
	if errs := check("scope", types.Int64Type, []attr.Value{types.Int64Null()}); len(errs) != 1 || !strings.Contains(errs[0], "null element") {
		t.Errorf("scope [null]: %v, want the null-element error", errs)
	}

	// A validator of the wrong element type is a declaration error, caught
	// when the package loads.
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "validator.Int64") {
			t.Errorf("a string validator on a set of numbers: panic %v, want one naming validator.Int64", r)
		}
	}()
	setFilter("bad", "", func(f *scopeFilter) *[]int64 { return &f.Scope }, stringvalidator.LengthAtLeast(1))
}
