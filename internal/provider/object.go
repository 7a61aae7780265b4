package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every DevRev object the provider shows (an engagement, an account, a user
// summary, ...) is declared once, as an object[T] over its wire type T: a
// list of fields, each a name, a description and how to get the value from
// T. The schema's attributes and the state values both come from that list,
// so they cannot disagree, and adding a field is the wire type's field plus
// one line here (objects_test.go walks every data source to prove it).
//
// Each field kind is written once, as msgpack appended straight to the
// state (state_msgpack.go says why): the schema's attribute says what type
// those bytes have, so a tftypes value, where one is needed, is the bytes
// decoded with that type (decodeMsgPack). Nothing goes through the
// framework's attr.Value types and reflection: a read of tens of thousands
// of engagements pays this per engagement on every plan (see
// tools/performance.md). Every attribute is computed: these objects are
// what DevRev answered, never configuration.

// object is the Terraform form of the wire type T.
type object[T any] struct {
	fields []field[T]
	typ    tftypes.Object // derived from the fields' schema attributes
	// listDefault is what a list fills when `attributes` is unset: every
	// field but the long texts (nil when there are none: every field).
	listDefault selection
	// custom declares the object's custom fields (customFieldsField); nil
	// for an object without. They are no field of the items: a dynamic
	// value cannot be in a list's element type (custom_fields.go), so a
	// data source shows them beside its items, and a selection has one
	// more place for them, after the fields' (customIndex).
	custom *customFields[T]
}

// field is one attribute of an object: its schema, and its value appended
// to b as msgpack of the schema's type.
type field[T any] struct {
	name    string
	attr    schema.Attribute
	msgpack func(b []byte, t *T) []byte
	// kinds are the kinds of object the field names by id (one, but for a
	// group's member: a user or a group), and refs visits those objects,
	// for the data source's maps of their summaries (refs.go); nil for a
	// field that names none.
	kinds []*refKind
	refs  func(t *T, x refIndex, shown bool) bool // adds them to x; false for one without an id
	// longText is left out of a list's default selection (selection.go).
	longText bool
	// custom is set on the one field customFieldsField makes, which
	// newObject takes out of the fields into object.custom.
	custom *customFields[T]
}

func newObject[T any](fields ...field[T]) *object[T] {
	var custom *customFields[T]
	fields = slices.DeleteFunc(slices.Clone(fields), func(f field[T]) bool {
		if f.custom != nil {
			custom = f.custom
		}
		return f.custom != nil
	})
	// By name: the order msgpack objects are written in (appendMsgPack).
	fields = slices.SortedFunc(slices.Values(fields), func(a, b field[T]) int { return strings.Compare(a.name, b.name) })
	o := &object[T]{fields: fields, custom: custom}
	attrTypes := make(map[string]tftypes.Type, len(fields))
	for _, f := range fields {
		attrTypes[f.name] = f.attr.GetType().TerraformType(context.Background())
	}
	o.typ = tftypes.Object{AttributeTypes: attrTypes}
	if slices.ContainsFunc(fields, func(f field[T]) bool { return f.longText }) {
		o.listDefault = make(selection, o.selectionLen())
		for i, f := range fields {
			o.listDefault[i] = !f.longText
		}
		if custom != nil {
			// Custom fields are in the default: they are short values
			// (scalars, short lists) and what an organization's own
			// reports group by; only the long texts are the largest part
			// of an item.
			o.listDefault[o.customIndex()] = true
		}
	}
	return o
}

// attributes returns the object's schema attributes, a new map each time
// (callers such as the singular data sources change some of them).
func (o *object[T]) attributes() map[string]schema.Attribute {
	attrs := make(map[string]schema.Attribute, len(o.fields))
	for _, f := range o.fields {
		attrs[f.name] = f.attr
	}
	return attrs
}

// appendMsgPack appends t encoded as msgpack, as a value of o.typ; nil is
// null.
func (o *object[T]) appendMsgPack(b []byte, t *T) []byte { return o.appendSelectedMsgPack(b, t, nil) }

// appendListMsgPack appends ts encoded as msgpack, as a list of o.typ; nil
// (DevRev did not say) is null.
func (o *object[T]) appendListMsgPack(b []byte, ts []T) []byte {
	if ts == nil {
		return appendNil(b)
	}
	b = appendArrayHeader(b, len(ts))
	for i := range ts {
		b = o.appendMsgPack(b, &ts[i])
	}
	return b
}

// The field kinds. Each takes the attribute's description and a getter on
// the wire type.

func appendStringPtr(b []byte, s *string) []byte {
	if s == nil {
		return appendNil(b)
	}
	return appendString(b, *s)
}

// stringField is a string, null when DevRev left it out.
func stringField[T any](name, desc string, get func(*T) *string) field[T] {
	return field[T]{name: name,
		attr:    schema.StringAttribute{Computed: true, MarkdownDescription: desc},
		msgpack: func(b []byte, t *T) []byte { return appendStringPtr(b, get(t)) }}
}

// textField is a long text, such as a description: a string that a list
// fills only when its selection names it (selection.go says why); a
// singular data source always fills it.
func textField[T any](name, desc string, get func(*T) *string) field[T] {
	f := stringField(name, desc+" In a list, filled only when `"+selectionArgument+"` or `"+extraSelectionArgument+"` names it.", get)
	f.longText = true
	return f
}

// int64Field is a whole number, null when DevRev left it out.
func int64Field[T any](name, desc string, get func(*T) *int64) field[T] {
	return field[T]{name: name,
		attr: schema.Int64Attribute{Computed: true, MarkdownDescription: desc},
		msgpack: func(b []byte, t *T) []byte {
			if n := get(t); n != nil {
				return appendInt(b, *n)
			}
			return appendNil(b)
		}}
}

// stringsField is a list of strings, null when DevRev left it out.
func stringsField[T any](name, desc string, get func(*T) []string) field[T] {
	return listField(name, desc, get, func(s *string) *string { return s })
}

// listField is a list of strings, each taken from an element of a slice
// of E; null when DevRev left the slice out.
func listField[T, E any](name, desc string, get func(*T) []E, str func(*E) *string) field[T] {
	return field[T]{name: name,
		attr: schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc},
		msgpack: func(b []byte, t *T) []byte {
			es := get(t)
			if es == nil {
				return appendNil(b)
			}
			b = appendArrayHeader(b, len(es))
			for i := range es {
				b = appendStringPtr(b, str(&es[i]))
			}
			return b
		}}
}

// objectField is a nested object, null when DevRev left it out.
func objectField[T, U any](name, desc string, o *object[U], get func(*T) *U) field[T] {
	return field[T]{name: name,
		attr:    schema.SingleNestedAttribute{Computed: true, MarkdownDescription: desc, Attributes: o.attributes()},
		msgpack: func(b []byte, t *T) []byte { return o.appendMsgPack(b, get(t)) }}
}

// objectListField is a list of nested objects, null when DevRev left it
// out.
func objectListField[T, U any](name, desc string, o *object[U], get func(*T) []U) field[T] {
	return field[T]{name: name,
		attr: schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc,
			NestedObject: schema.NestedAttributeObject{Attributes: o.attributes()}},
		msgpack: func(b []byte, t *T) []byte { return o.appendListMsgPack(b, get(t)) }}
}

// boolField is true or false, null when DevRev left it out.
func boolField[T any](name, desc string, get func(*T) *bool) field[T] {
	return field[T]{name: name,
		attr:    schema.BoolAttribute{Computed: true, MarkdownDescription: desc},
		msgpack: func(b []byte, t *T) []byte { return appendBoolPtr(b, get(t)) }}
}
