package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The objects an item names — users (created_by, members, owned_by, ...)
// and the account or opportunity it belongs to (parent) — are ids in the
// item, and each named object's summary is in a map of the data source,
// once: `users`, `parents`. DevRev repeats the full summaries of the same
// few dozen users, and of the same few accounts, in every item of a list.
// Kept as nested objects they were more than half of a default read's
// state, and the CLI encodes, writes and decodes all of it on every plan
// (tools/performance.md; the large-reads guide has the figures). A lookup
// is one index away: `data.devrev_engagements.all.users[e.created_by].email`.

// refKind is one kind of named object: the data source attribute that maps
// ids to summaries, and the summary's object.
type refKind struct {
	attribute string // users, parents
	what      string // the objects in prose: "users", "parents (accounts and opportunities)"
	attrs     map[string]schema.Attribute
	typ       tftypes.Map
	nullMap   tftypes.Value
}

func newRefKind[U any](attribute, what string, o *object[U]) *refKind {
	typ := tftypes.Map{ElementType: o.typ}
	return &refKind{attribute: attribute, what: what, attrs: o.attributes(), typ: typ, nullMap: tftypes.NewValue(typ, nil)}
}

var (
	userRefs   = newRefKind("users", "users", userSummary)
	parentRefs = newRefKind("parents", "parents (accounts and opportunities)", objectSummary)
	// refKinds in the order the data sources' attributes are documented.
	refKinds = []*refKind{parentRefs, userRefs}
)

// named is the summary of one object in a refIndex.
type named interface {
	fieldsSet() int
	value() tftypes.Value
}

// summaryOf is the named object u, whose summary is an object of o.
type summaryOf[U any] struct {
	o *object[U]
	u *U
}

func (s summaryOf[U]) value() tftypes.Value { return s.o.value(s.u) }

func (s summaryOf[U]) fieldsSet() int {
	n := 0
	var scratch [64]byte
	for i := range s.o.fields {
		if b := s.o.fields[i].msgpack(scratch[:0], s.u); b[0] != 0xc0 { // msgpack nil
			n++
		}
	}
	return n
}

// refField is the id of one object the object names (kind's map has its
// summary); null when DevRev left it out.
func refField[T, U any](kind *refKind, name, desc string, o *object[U], idOf func(*U) *string, get func(*T) *U) field[T] {
	f := stringField(name, desc+" Its id: `"+kind.attribute+"` has the summary. Null when DevRev does not say.",
		func(t *T) *string {
			if u := get(t); u != nil {
				return idOf(u)
			}
			return nil
		})
	f.ref = kind
	f.refs = func(t *T, x refIndex) bool {
		u := get(t)
		return u == nil || addRef(x, kind, o, u, idOf(u))
	}
	return f
}

// refsField is the ids of objects the object names, in DevRev's order;
// kind's map has their summaries.
func refsField[T, U any](kind *refKind, name, desc string, o *object[U], idOf func(*U) *string, get func(*T) []U) field[T] {
	f := listField(name, desc+" Their ids, in DevRev's order: `"+kind.attribute+"` has the summaries. Null when DevRev does not say.",
		get, idOf)
	f.ref = kind
	f.refs = func(t *T, x refIndex) bool {
		us := get(t)
		for i := range us {
			if !addRef(x, kind, o, &us[i], idOf(&us[i])) {
				return false
			}
		}
		return true
	}
	return f
}

// refIndex collects, per kind, the objects a read's items name.
type refIndex map[*refKind]map[string]indexed

type indexed struct {
	summary named
	fields  int
}

// addRef records u, an object of kind whose summary is an object of o, by
// its id; false when it has none. When the same object is named more than
// once with different summaries (a bare id in one place, the whole summary
// in another), the summary with the most fields wins, and of those the
// first DevRev sent: nothing DevRev said about the object is replaced by
// less. This runs for every user and parent of every item: an object seen
// before with every field costs a map lookup, and nothing is allocated
// but for an object seen first or named more fully.
func addRef[U any](x refIndex, kind *refKind, o *object[U], u *U, id *string) bool {
	if id == nil {
		return false
	}
	m := x[kind]
	if m == nil {
		m = map[string]indexed{}
		x[kind] = m
	}
	have, ok := m[*id]
	if ok && have.fields == len(kind.attrs) { // nothing to gain
		return true
	}
	s := summaryOf[U]{o, u}
	if f := s.fieldsSet(); !ok || f > have.fields {
		m[*id] = indexed{s, f}
	}
	return true
}

// value is kind's map as the state's value: empty when the items name no
// object of the kind.
func (x refIndex) value(kind *refKind) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(x[kind]))
	for id, e := range x[kind] {
		elems[id] = e.summary.value()
	}
	return tftypes.NewValue(kind.typ, elems)
}

// collect indexes the objects that the fields sel selects name in t (a nil
// sel selects every field). An object named without an id cannot be
// referred to: that is an error naming the field, never an object silently
// dropped.
func (o *object[T]) collect(x refIndex, t *T, sel selection) error {
	for i := range o.fields {
		f := &o.fields[i]
		if f.refs != nil && sel.has(i) && !f.refs(t, x) {
			return fmt.Errorf("`%s` names an object without an id", f.name)
		}
	}
	return nil
}

// refKinds are the kinds of object o's fields name, in refKinds' order.
func (o *object[T]) refKinds() []*refKind {
	var kinds []*refKind
	for _, k := range refKinds {
		if slices.ContainsFunc(o.fields, func(f field[T]) bool { return f.ref == k }) {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// refFieldNames are the names of o's fields that name objects of kind.
func (o *object[T]) refFieldNames(kind *refKind) []string {
	var names []string
	for _, f := range o.fields {
		if f.ref == kind {
			names = append(names, f.name)
		}
	}
	return names
}

// names reports whether any field that sel selects names objects of kind:
// kind's map is null otherwise.
func (o *object[T]) names(kind *refKind, sel selection) bool {
	for i := range o.fields {
		if o.fields[i].ref == kind && sel.has(i) {
			return true
		}
	}
	return false
}

// refSchemas are the schemas of the maps of a data source of objects o;
// what says which of them (the engagements, the engagement's attributes),
// and null, when not "", when the map is null.
func (o *object[T]) refSchemas(what, null string) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for _, k := range o.refKinds() {
		desc := "The " + k.what + " " + what + " name (in `" + strings.Join(o.refFieldNames(k), "`, `") + "`), " +
			"by their id: each one's summary once, however many times it is named."
		if null != "" {
			desc += " " + null
		}
		attrs[k.attribute] = schema.MapNestedAttribute{
			Computed:            true,
			MarkdownDescription: desc,
			NestedObject:        schema.NestedAttributeObject{Attributes: maps.Clone(k.attrs)},
		}
	}
	return attrs
}

// refValues are the maps of a data source whose items are ts, as the
// state's values: each null when sel leaves out every field that names its
// kind. what names the items in an error (`engagements`).
func (o *object[T]) refValues(ts []T, sel selection, id func(*T) *string, what string) (map[string]tftypes.Value, error) {
	kinds := o.refKinds()
	if len(kinds) == 0 {
		return nil, nil
	}
	x := refIndex{}
	for i := range ts {
		if err := o.collect(x, &ts[i], sel); err != nil {
			name := "without an id"
			if p := id(&ts[i]); p != nil {
				name = fmt.Sprintf("%q", *p)
			}
			return nil, &unnamedRefError{fmt.Sprintf("%s[%d] (%s): %v", what, i, name, err)}
		}
	}
	vals := make(map[string]tftypes.Value, len(kinds))
	for _, k := range kinds {
		if o.names(k, sel) {
			vals[k.attribute] = x.value(k)
		} else {
			vals[k.attribute] = k.nullMap
		}
	}
	return vals, nil
}

// unnamedRefError is an answer whose user or object summary has no id,
// which the spec's summaries require. It reads as the other unusable
// answers do (clientError): an error, never fewer objects.
type unnamedRefError struct{ where string }

func (e *unnamedRefError) Error() string {
	return "DevRev's answer is not what its API describes: " + e.where + ". Nothing was read into state: " +
		"an answer that is not what DevRev's API describes is an error, never an object silently left out."
}

func (e *unnamedRefError) Summary() string { return "unusable answer" }
