package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A list data source's `attributes` argument names the top-level
// attributes of its items to fill; the others are null. A read's cost after
// the provider's own work is the CLI's: it decodes the state, encodes it as
// JSON, writes it and decodes it again for the first expression that uses
// it, all in proportion to the state's size. A configuration that only
// needs ids, types and dates should not pay for every user summary of every
// item (the large-reads guide has the measured bytes and seconds).
//
// Left-out attributes are null, not absent: the schema, and so the state's
// type, stay the same whatever is selected, so changing the selection is
// never a type change for the expressions that use the list.
//
// Unset, it fills every attribute but the long texts (`description`, a
// work's `body`; textField): lists are for lookups and reports, which need
// ids, names, types, dates and users, and a long text is the largest part
// of an item that carries one (on 10,000 engagements of the local API, a
// third of the state and about 50 MiB of the CLI's peak memory; DevRev's
// own descriptions, such as an email's body, can be far longer). A
// singular data source always fills them.

// selectionArgument is the argument's name in every list data source.
const selectionArgument = "attributes"

// alwaysSelected is filled whatever the selection, in the objects that
// have it: it ties each item to `ids` and to the object's own data source.
// (A group member has no id of its own; `ids` holds its member's.)
const alwaysSelected = "id"

// hasAlwaysSelected reports whether o has the attribute alwaysSelected.
func (o *object[T]) hasAlwaysSelected() bool {
	_, ok := o.typ.AttributeTypes[alwaysSelected]
	return ok
}

// selection is which of an object's fields (by index in object.fields) a
// list fills; nil fills them all.
type selection []bool

func (s selection) has(i int) bool { return s == nil || s[i] }

// fieldNames are the object's attribute names, in its field order (by
// name).
func (o *object[T]) fieldNames() []string {
	names := make([]string, len(o.fields))
	for i, f := range o.fields {
		names[i] = f.name
	}
	return names
}

// selectionAttribute is the schema of the argument for a list whose items
// (named items in the schema) are objects of o.
func (o *object[T]) selectionAttribute(typeName, items string) schema.SetAttribute {
	names := o.fieldNames()
	always := "`ids` is always filled."
	if o.hasAlwaysSelected() {
		always = "`" + alwaysSelected + "`, and `ids`, are always filled."
	}
	for _, k := range o.refKinds() {
		always += " `" + k.attribute + "` holds the " + k.what + " that the filled attributes name."
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	unset := "Unset fills every attribute."
	if o.listDefault != nil {
		var texts []string
		for i, f := range o.fields {
			if !o.listDefault[i] {
				texts = append(texts, "`"+f.name+"`")
			}
		}
		unset = "Unset fills every attribute but the long text " + strings.Join(texts, ", ") +
			", which is filled only when named here."
	}
	return schema.SetAttribute{
		Optional:    true,
		ElementType: types.StringType,
		MarkdownDescription: "The attributes of each of `" + items + "` to fill: any of " + strings.Join(quoted, ", ") + ". " +
			"The others are null (the list's type stays the same). " + always + " " +
			unset + " An attribute left out is a null of a few bytes in the state instead of its value, " +
			"and the CLI encodes, writes and decodes the state on every plan: the large-reads guide measures what each choice costs.",
		Validators: []validator.Set{noNullElements{}, selectionValidator{typeName: typeName, items: items, names: names}},
	}
}

// selection reads the argument from the configuration: null selects the
// list's default, every field but the long texts. Validation has rejected
// unknown names already; one that gets here all the same is an error, not
// a silently empty attribute.
func (o *object[T]) selection(v tftypes.Value) (selection, error) {
	if v.IsNull() {
		return o.listDefault, nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, err
	}
	sel := make(selection, len(o.fields))
	if o.hasAlwaysSelected() {
		elems = append(elems, tftypes.NewValue(tftypes.String, alwaysSelected))
	}
	for _, e := range elems {
		var name string
		if err := e.As(&name); err != nil {
			return nil, err
		}
		i := slices.IndexFunc(o.fields, func(f field[T]) bool { return f.name == name })
		if i < 0 {
			return nil, fmt.Errorf("%s names %q, which is not an attribute", selectionArgument, name)
		}
		sel[i] = true
	}
	return sel, nil
}

// selectedValue is o.value(t) with the fields sel leaves out null; a nil
// sel selects every field.
func (o *object[T]) selectedValue(t *T, sel selection) tftypes.Value {
	if t == nil {
		return o.null
	}
	vals := make(map[string]tftypes.Value, len(o.fields))
	for i := range o.fields {
		f := &o.fields[i]
		if sel.has(i) {
			vals[f.name] = f.value(t)
		} else {
			vals[f.name] = tftypes.NewValue(o.typ.AttributeTypes[f.name], nil)
		}
	}
	return tftypes.NewValue(o.typ, vals)
}

// appendSelectedMsgPack is appendMsgPack with the fields sel leaves out
// written as msgpack nil, in their place among the keys: the bytes tftypes
// writes for selectedValue(t, sel). A nil sel selects every field.
func (o *object[T]) appendSelectedMsgPack(b []byte, t *T, sel selection) []byte {
	if t == nil {
		return appendNil(b)
	}
	b = appendMapHeader(b, len(o.fields))
	for i := range o.fields {
		f := &o.fields[i]
		b = appendString(b, f.name)
		if sel.has(i) {
			b = f.msgpack(b, t)
		} else {
			b = appendNil(b)
		}
	}
	return b
}

// selectionValidator rejects, at plan time, a name that is not an
// attribute of the items, naming it and the ones there are.
type selectionValidator struct {
	typeName, items string
	names           []string
}

func (v selectionValidator) Description(context.Context) string {
	return "each must be an attribute of " + v.items + ": " + strings.Join(v.names, ", ")
}

func (v selectionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v selectionValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() || slices.Contains(v.names, s.ValueString()) {
			continue
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Unknown attribute in "+selectionArgument,
			fmt.Sprintf("%s has no attribute %q in %s. Use any of: %s.",
				v.typeName, s.ValueString(), v.items, strings.Join(v.names, ", ")))
	}
}
