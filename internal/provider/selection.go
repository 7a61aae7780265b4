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
// item (the large-reads guide, "Carry only what you use", has the figures).
//
// Left-out attributes are null, not absent: the schema, and so the state's
// type, stay the same whatever is selected, so changing the selection is
// never a type change for the expressions that use the list.
//
// Unset, it fills every attribute but the long texts (`description`, a
// work's `body`; textField): lists are for lookups and reports, which need
// ids, names, types, dates and users, and a long text is the largest part
// of an item that carries one (the large-reads guide has the local API's
// figures; DevRev's own descriptions, such as an email's body, can be far
// longer). A singular data source always fills them.
//
// `extra_attributes` adds names to the selection, `attributes` or the
// default: a user who wants the default and the descriptions names one
// attribute instead of listing every other one (and keeping that list in
// step with the provider's).

// selectionArgument and extraSelectionArgument are the arguments' names in
// every list data source.
const (
	selectionArgument      = "attributes"
	extraSelectionArgument = "extra_attributes"
)

// selectionArguments are the set arguments of a list that shape its state
// rather than its request: no filter, so outside the empty-set rule.
var selectionArguments = []string{selectionArgument, extraSelectionArgument}

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

// selectionLen is how many places a selection of o has: one per field,
// and one more, last, for custom fields when o has them.
func (o *object[T]) selectionLen() int {
	if o.custom != nil {
		return len(o.fields) + 1
	}
	return len(o.fields)
}

// customIndex is the place of custom fields in a selection of o.
func (o *object[T]) customIndex() int { return len(o.fields) }

// customSelected reports whether sel fills o's custom fields.
func (o *object[T]) customSelected(sel selection) bool {
	return o.custom != nil && sel.has(o.customIndex())
}

// selectableNames are the names `attributes` takes: the fields', and
// `custom_fields` when o has them.
func (o *object[T]) selectableNames() []string {
	names := o.fieldNames()
	if o.custom != nil {
		names = append(names, customFieldsAttribute)
	}
	return names
}

// fieldNames are the object's attribute names, in its field order (by
// name).
func (o *object[T]) fieldNames() []string {
	names := make([]string, len(o.fields))
	for i, f := range o.fields {
		names[i] = f.name
	}
	return names
}

// selectionAttributes are the schemas of the arguments for a list whose
// items (named items in the schema) are objects of o.
func (o *object[T]) selectionAttributes(typeName, items string) map[string]schema.Attribute {
	names := o.selectableNames()
	always := "`ids` is always filled."
	if o.hasAlwaysSelected() {
		always = "`" + alwaysSelected + "`, and `ids`, are always filled."
	}
	for _, k := range o.refKinds() {
		always += " `" + k.attribute + "` holds the " + k.what + " that the filled attributes name."
	}
	if o.custom != nil {
		always += " `" + customFieldsAttribute + "` fills the list's own `" + customFieldsAttribute + "` (the items' custom fields, by id)."
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	extra := "`" + extraSelectionArgument + "`"
	unset := "Unset fills every attribute."
	extraDesc := "Attributes of each of `" + items + "` to fill in addition to `" + selectionArgument + "` " +
		"(with `" + selectionArgument + "` unset, every attribute is filled already)."
	if o.listDefault != nil {
		var texts []string
		for i, f := range o.fields {
			if !o.listDefault[i] {
				texts = append(texts, f.name)
			}
		}
		list := "`" + strings.Join(texts, "`, `") + "`"
		unset = "Unset fills every attribute but the long text " + list +
			", which is filled only when named, here or in " + extra + " (which adds to this default instead of replacing it)."
		extraDesc = "Attributes of each of `" + items + "` to fill in addition to `" + selectionArgument + "`, " +
			"or, when `" + selectionArgument + "` is unset, to the default (every attribute but " + list + "): " +
			"`" + extraSelectionArgument + " = [\"" + texts[0] + "\"]` reads the default and `" + texts[0] + "`."
	}
	validators := []validator.Set{noNullElements{}, selectionValidator{typeName: typeName, items: items, names: names}}
	return map[string]schema.Attribute{
		selectionArgument: schema.SetAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "The attributes of each of `" + items + "` to fill: any of " + strings.Join(quoted, ", ") + ". " +
				"The others are null (the list's type stays the same). " + always + " " +
				unset + " " +
				"An attribute left out is a null of a few bytes in the state instead of its value, " +
				"and the CLI encodes, writes and decodes the state on every plan: the large-reads guide measures what each choice costs.",
			Validators: validators,
		},
		extraSelectionArgument: schema.SetAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: extraDesc + " Any of the names `" + selectionArgument + "` takes; " +
				"one already filled, or an empty set, adds nothing.",
			Validators: validators,
		},
	}
}

// selection reads the arguments from the configuration: `attributes`, or
// the list's default (every field but the long texts) when it is null,
// plus `extra_attributes`. Validation has rejected unknown names already;
// one that gets here all the same is an error, not a silently empty
// attribute.
func (o *object[T]) selection(named, extra tftypes.Value) (selection, error) {
	sel := o.listDefault
	if !named.IsNull() {
		sel = make(selection, o.selectionLen())
		if o.hasAlwaysSelected() {
			sel[slices.IndexFunc(o.fields, func(f field[T]) bool { return f.name == alwaysSelected })] = true
		}
		if err := o.selectNamed(sel, selectionArgument, named); err != nil {
			return nil, err
		}
	}
	if extra.IsNull() {
		return sel, nil
	}
	if sel == nil {
		// Every field already: the names are only checked.
		return nil, o.selectNamed(make(selection, o.selectionLen()), extraSelectionArgument, extra)
	}
	// A copy: sel may be the object's default, shared by every read.
	sel = slices.Clone(sel)
	if err := o.selectNamed(sel, extraSelectionArgument, extra); err != nil {
		return nil, err
	}
	return sel, nil
}

// selectNamed selects in sel the fields that v, the set argument arg,
// names.
func (o *object[T]) selectNamed(sel selection, arg string, v tftypes.Value) error {
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return err
	}
	for _, e := range elems {
		var name string
		if err := e.As(&name); err != nil {
			return err
		}
		i := slices.IndexFunc(o.fields, func(f field[T]) bool { return f.name == name })
		if o.custom != nil && name == customFieldsAttribute {
			i = o.customIndex()
		}
		if i < 0 {
			return fmt.Errorf("%s names %q, which is not an attribute", arg, name)
		}
		sel[i] = true
	}
	return nil
}

// appendSelectedMsgPack is appendMsgPack with the fields sel leaves out
// written as msgpack nil (null), in their place among the keys: the type
// stays o.typ whatever is selected. A nil sel selects every field.
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
		resp.Diagnostics.AddAttributeError(req.Path, "Unknown attribute in "+req.Path.String(),
			fmt.Sprintf("%s has no attribute %q in %s. Use any of: %s.",
				v.typeName, s.ValueString(), v.items, strings.Join(v.names, ", ")))
	}
}
