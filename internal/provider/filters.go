package provider

import (
	"fmt"
	"math/big"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// A filter is one argument that narrows a list or a count, named as the API
// names it: its schema, and how its configured value goes into the API's
// filter type F. The list and count data sources over the same endpoint
// share one []filter[F].
type filter[F any] struct {
	name string
	attr schema.Attribute
	read func(v tftypes.Value, f *F) error
}

// emptySetRule is how every set filter reads, said once in each one's
// description.
const emptySetRule = " Unset (null) does not filter; an empty set matches nothing: the result is empty (a count is 0) and DevRev is not asked."

// setElement is an element type of the sets the spec's filters take:
// strings (ids, names, enums) and whole numbers (an article's `scope`).
type setElement interface{ string | int64 }

// setFilter is a set of E, the element type of the spec's array (the
// destination's element type, so the schema's element type follows it).
// Null is nil (no filter); an empty set is a non-nil empty slice, which the
// client reads as "matches nothing" (devrev's MatchesNothing). Elements are
// sorted so that the request body is the same on every plan. elems check
// each element at plan time: validator.String for a set of strings,
// validator.Int64 for a set of whole numbers.
func setFilter[F any, E setElement](name, desc string, dst func(*F) *[]E, elems ...validator.Describer) filter[F] {
	validators := []validator.Set{noNullElements{}}
	if len(elems) > 0 {
		validators = append(validators, elementValidator[E](name, elems))
	}
	return filter[F]{name: name,
		attr: schema.SetAttribute{Optional: true, ElementType: elementType[E](),
			MarkdownDescription: desc + emptySetRule, Validators: validators},
		read: func(v tftypes.Value, f *F) error {
			if v.IsNull() {
				return nil // dst may allocate (a nested filter): only when set
			}
			es, err := configElems[E](v)
			slices.Sort(es)
			*dst(f) = es
			return err
		}}
}

// elementType is the schema's element type for a set of E.
func elementType[E setElement]() attr.Type {
	var e E
	if _, ok := any(e).(int64); ok {
		return types.Int64Type
	}
	return types.StringType
}

// elementValidator checks every element of a set of E with elems, which
// must be validators of E's kind: a filter declared with the wrong kind
// panics when the package loads, so every test fails on it.
func elementValidator[E setElement](name string, elems []validator.Describer) validator.Set {
	var e E
	switch any(e).(type) {
	case int64:
		return setvalidator.ValueInt64sAre(validatorsOf[validator.Int64](name, "whole numbers", elems)...)
	default:
		return setvalidator.ValueStringsAre(validatorsOf[validator.String](name, "strings", elems)...)
	}
}

// validatorsOf returns elems as validators of type V, or panics naming
// the filter and the kind of its elements.
func validatorsOf[V validator.Describer](name, kind string, elems []validator.Describer) []V {
	vs := make([]V, len(elems))
	for i, v := range elems {
		tv, ok := v.(V)
		if !ok {
			panic(fmt.Sprintf("setFilter %s: a set of %s takes %s, not %T", name, kind, reflect.TypeFor[V](), v))
		}
		vs[i] = tv
	}
	return vs
}

// dateFilter is an object { after, before }, each an RFC 3339 timestamp,
// checked at plan time. Null, or neither bound set, does not filter.
func dateFilter[F any](name, desc string, dst func(*F) **devrev.DateTimeFilter) filter[F] {
	return filter[F]{name: name, attr: dateAttr(desc),
		read: func(v tftypes.Value, f *F) (err error) {
			*dst(f), err = readDateRange(v)
			return err
		}}
}

// rangeFilter is a dateFilter sent as a works `date-filter` (its `range`
// form, devrev.Range).
func rangeFilter[F any](name, desc string, dst func(*F) **devrev.DateFilter) filter[F] {
	return filter[F]{name: name, attr: dateAttr(desc),
		read: func(v tftypes.Value, f *F) error {
			d, err := readDateRange(v)
			*dst(f) = devrev.Range(d)
			return err
		}}
}

// The bounds of a date range, named once for its schema and its reader.
const (
	boundAfter  = "after"
	boundBefore = "before"
)

func dateAttr(desc string) schema.Attribute {
	bound := func(desc string) schema.Attribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{rfc3339Validator{}}}
	}
	return schema.SingleNestedAttribute{Optional: true,
		MarkdownDescription: desc + " Either bound or both; unset, or neither bound set, does not filter.",
		Attributes: map[string]schema.Attribute{
			boundAfter:  bound("Only objects from this moment on (inclusive), an RFC 3339 timestamp such as `2024-01-31T00:00:00Z`."),
			boundBefore: bound("Only objects up to this moment (inclusive), an RFC 3339 timestamp."),
		}}
}

// readDateRange reads a configured { after, before }: nil when null or
// when neither bound is set.
func readDateRange(v tftypes.Value) (*devrev.DateTimeFilter, error) {
	if v.IsNull() {
		return nil, nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return nil, err
	}
	var after, before *string
	if err := attrs[boundAfter].As(&after); err != nil {
		return nil, err
	}
	if err := attrs[boundBefore].As(&before); err != nil {
		return nil, err
	}
	if after == nil && before == nil {
		return nil, nil
	}
	d := &devrev.DateTimeFilter{}
	if after != nil {
		d.After = devrev.WireBound(*after, true)
	}
	if before != nil {
		d.Before = devrev.WireBound(*before, false)
	}
	return d, nil
}

// boolFilter is a flag: null does not filter; true or false selects the
// objects whose flag is that.
func boolFilter[F any](name, desc string, dst func(*F) **bool) filter[F] {
	return filter[F]{name: name,
		attr: schema.BoolAttribute{Optional: true, MarkdownDescription: desc + " Unset does not filter."},
		read: func(v tftypes.Value, f *F) error {
			if v.IsNull() {
				return nil // dst may allocate (a nested filter): only when set
			}
			var b bool
			if err := v.As(&b); err != nil {
				return err
			}
			*dst(f) = &b
			return nil
		}}
}

// intFilter is a whole number: null is left out of the request (desc says
// what that means). validators bound it at plan time (and may require
// another argument beside it).
func intFilter[F any](name, desc string, dst func(*F) **int, validators ...validator.Int64) filter[F] {
	return filter[F]{name: name,
		attr: schema.Int64Attribute{Optional: true, MarkdownDescription: desc, Validators: validators},
		read: func(v tftypes.Value, f *F) error {
			if v.IsNull() {
				return nil // dst may allocate (a nested filter): only when set
			}
			n, err := configInt(v)
			*dst(f) = &n
			return err
		}}
}

// requiredFilter is one string the API requires (such as the `group`
// whose members groups.members.list lists): the argument is required, and
// an empty string is refused at plan time.
func requiredFilter[F any](name, desc string, dst func(*F) *string) filter[F] {
	return filter[F]{name: name,
		attr: schema.StringAttribute{Required: true, MarkdownDescription: desc,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		read: func(v tftypes.Value, f *F) error { return v.As(dst(f)) }}
}

// configElems reads a configured set or list of E: nil when null, a
// non-nil slice otherwise (empty for an empty set). A null element is an
// error, and so is a number that is not a whole int64; validation rejects
// a null element at plan time already.
func configElems[E setElement](v tftypes.Value) ([]E, error) {
	if v.IsNull() {
		return nil, nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, err
	}
	out := make([]E, len(elems))
	for i, e := range elems {
		if e.IsNull() {
			return nil, fmt.Errorf("a null element cannot be sent to DevRev")
		}
		if err := configElem(e, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// configElem reads one element into dst.
func configElem[E setElement](v tftypes.Value, dst *E) error {
	switch p := any(dst).(type) {
	case *int64:
		var f big.Float
		if err := v.As(&f); err != nil {
			return err
		}
		n, acc := f.Int64()
		if acc != big.Exact {
			return fmt.Errorf("%s is not a whole number DevRev takes", f.String())
		}
		*p = n
		return nil
	case *string:
		return v.As(p)
	}
	panic(fmt.Sprintf("configElem: no reader for %T", dst)) // setElement lists only the types above
}

// filterAttributes are the schema attributes of filters.
func filterAttributes[F any](filters []filter[F]) map[string]schema.Attribute {
	attrs := make(map[string]schema.Attribute, len(filters))
	for _, f := range filters {
		attrs[f.name] = f.attr
	}
	return attrs
}

// readFilters reads the configured filters (attrs are the configuration's
// attributes) into one F.
func readFilters[F any](filters []filter[F], attrs map[string]tftypes.Value) (F, diag.Diagnostics) {
	var (
		out   F
		diags diag.Diagnostics
	)
	for _, f := range filters {
		if err := f.read(attrs[f.name], &out); err != nil {
			diags.AddAttributeError(path.Root(f.name), "Invalid "+f.name, fmt.Sprintf("Could not read `%s`: %v.", f.name, err))
		}
	}
	return out, diags
}
