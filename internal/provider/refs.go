package provider

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The objects an item names that have data sources of their own (each kind
// declared with newRefKind, beside its object) are ids in the item, named for what they hold: a
// single reference `<name>_id`, a list of them `<name>_ids`. Each named
// object's summary is in one map of the data source per kind, keyed by id,
// once. DevRev repeats the full summaries of the same few users, and of the
// same few accounts, in every item of a list. Kept as nested objects they
// were most of a default read's state, and the CLI encodes, writes and
// decodes all of it on every plan (the large-reads guide, "Carry only what
// you use", has the figures). A lookup is one index away:
// `data.devrev_engagements.all.users[e.created_by_id].email`. Tags stay
// nested (tagWithValue): a singular data source's top level holds the
// object's `tags` already, so a `tags` map could not sit beside it.

// refKind is one kind of named object: the data source attribute that maps
// ids to summaries, and the summary's object.
type refKind struct {
	attribute string // users, parents, accounts, ...
	what      string // the objects in prose: "users", "parents (accounts and opportunities)"
	attrs     map[string]schema.Attribute
	typ       tftypes.Map
}

// refKindOf is a kind with its summary's wire type U: the summary's object
// and how to get a summary's id, which the fields naming the kind
// (refField, refsField) and their summaries (addRef) share.
type refKindOf[U comparable] struct {
	*refKind
	o    *object[U]
	idOf func(*U) *string
}

// refKinds are every declared kind, in the order the data sources' maps
// are documented: by attribute name. newRefKind adds to it when the
// package loads (a variable without an initializer is ready before any
// that has one).
var refKinds []*refKind

// newRefKind declares a kind of named object, beside the object's own
// declaration: attribute is the data sources' map of its summaries, what
// the objects in prose, o the summary (declared once, so a map of a kind
// has the same shape in every data source) and idOf its id.
func newRefKind[U comparable](attribute, what string, o *object[U], idOf func(*U) *string) *refKindOf[U] {
	typ := tftypes.Map{ElementType: o.typ}
	k := &refKind{attribute: attribute, what: what, attrs: o.attributes(), typ: typ}
	i, dup := slices.BinarySearchFunc(refKinds, attribute, func(k *refKind, a string) int { return strings.Compare(k.attribute, a) })
	if dup {
		panic("two kinds of named object map to `" + attribute + "`")
	}
	refKinds = slices.Insert(refKinds, i, k)
	return &refKindOf[U]{refKind: k, o: o, idOf: idOf}
}

// named is what a refIndex holds of one object: every summary of it the
// read's items hold, merged (addRef).
type named interface {
	// appendMsgPack appends the merged summary as msgpack.
	appendMsgPack(b []byte) []byte
	// differ names the fields on which two summaries disagree, in name
	// order; nil when none do.
	differ() []string
}

// summaries are the summaries of one object of a read, merged field by
// field: each field holds the first non-null value the read's items gave
// it, in their order, and a field given two different non-null values is
// noted. A summary that only lacks fields (a bare id) is no disagreement.
type summaries[U comparable] struct {
	o *object[U]
	// last is the summary merged last: a page's identical summaries decode
	// to equal structs (devrev/page_decoding.go), so most objects named
	// again cost a comparison.
	last U
	// first holds each field's first non-null value as msgpack, to compare
	// and to write (nil while the field is null).
	first   [][]byte
	differs []bool
}

func (s *summaries[U]) merge(u *U) {
	if *u == s.last {
		return
	}
	s.last = *u
	var scratch [64]byte
	for i := range s.o.fields {
		f := &s.o.fields[i]
		b := f.msgpack(scratch[:0], u)
		switch {
		case b[0] == 0xc0: // msgpack nil: nothing said
		case s.first[i] == nil:
			s.first[i] = slices.Clone(b)
		case !bytes.Equal(s.first[i], b):
			s.differs[i] = true
		}
	}
}

func (s *summaries[U]) appendMsgPack(b []byte) []byte {
	b = appendMapHeader(b, len(s.o.fields))
	for i := range s.o.fields {
		b = appendString(b, s.o.fields[i].name)
		if s.first[i] == nil {
			b = appendNil(b)
		} else {
			b = append(b, s.first[i]...)
		}
	}
	return b
}

func (s *summaries[U]) differ() []string {
	var names []string
	for i, d := range s.differs {
		if d {
			names = append(names, s.o.fields[i].name)
		}
	}
	return names
}

// refField is the id of one object the object names (kind's map has its
// summary); null when DevRev left it out. Its name ends in `_id`.
func refField[T any, U comparable](kind *refKindOf[U], name, desc string, get func(*T) *U) field[T] {
	if !strings.HasSuffix(name, "_id") {
		panic("refField " + name + ": a reference's name ends in _id")
	}
	f := stringField(name, desc+" Its id; `"+kind.attribute+"["+name+"]` is its summary. Null when DevRev does not say.",
		func(t *T) *string {
			if u := get(t); u != nil {
				return kind.idOf(u)
			}
			return nil
		})
	f.kinds = []*refKind{kind.refKind}
	f.refs = func(t *T, x refIndex, shown bool) bool {
		u := get(t)
		return u == nil || addRef(x, kind, u, shown)
	}
	return f
}

// refsField is the ids of objects the object names, in DevRev's order;
// kind's map has their summaries. Its name ends in `_ids`.
func refsField[T any, U comparable](kind *refKindOf[U], name, desc string, get func(*T) []U) field[T] {
	if !strings.HasSuffix(name, "_ids") {
		panic("refsField " + name + ": a list of references' name ends in _ids")
	}
	f := listField(name, desc+" Their ids, in DevRev's order; `"+kind.attribute+"[id]` is each one's summary. Null when DevRev does not say.",
		get, kind.idOf)
	f.kinds = []*refKind{kind.refKind}
	f.refs = func(t *T, x refIndex, shown bool) bool {
		us := get(t)
		for i := range us {
			if !addRef(x, kind, &us[i], shown) {
				return false
			}
		}
		return true
	}
	return f
}

// refIndex collects, per kind, the objects a read's items name.
type refIndex map[*refKind]map[string]*indexed

type indexed struct {
	summary named
	// shown: a field the read's `attributes` selects names the object, so
	// the map holds it.
	shown bool
}

// addRef merges u, a summary of an object of kind, into x under its id;
// false when it has none, or an empty one. shown says that
// the field naming it is selected: the map holds only such objects, but
// every summary of them is merged, whatever the selection, so that what
// the map says of an object never depends on `attributes`. This runs for
// every object every item names: an object named again with the
// same summary costs a map lookup and a comparison, and nothing is
// allocated but for an object seen first.
func addRef[U comparable](x refIndex, kind *refKindOf[U], u *U, shown bool) bool {
	id := kind.idOf(u)
	if id == nil || *id == "" {
		return false
	}
	m := x[kind.refKind]
	if m == nil {
		m = map[string]*indexed{}
		x[kind.refKind] = m
	}
	e := m[*id]
	if e == nil {
		n := len(kind.o.fields)
		e = &indexed{summary: &summaries[U]{o: kind.o, first: make([][]byte, n), differs: make([]bool, n)}}
		m[*id] = e
	}
	e.shown = e.shown || shown
	// One kind has one summary type (refKindOf[U]), so the assertion holds.
	e.summary.(*summaries[U]).merge(u) //nolint:forcetypeassert // see above
	return true
}

// appendMap appends kind's map as msgpack, its entries in id order (so
// the state is the same on every read of the same answer): empty when the
// items name no object of the kind in a selected field.
func (x refIndex) appendMap(b []byte, kind *refKind) []byte {
	ids := make([]string, 0, len(x[kind]))
	for id, e := range x[kind] {
		if e.shown {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	b = appendMapHeader(b, len(ids))
	for _, id := range ids {
		b = x[kind][id].summary.appendMsgPack(appendString(b, id))
	}
	return b
}

// maxDisagreements is how many objects a warning about disagreeing
// summaries names; it says how many more there are.
const maxDisagreements = 10

// check reports the objects whose summaries disagree: a different `type`
// (a dev user in one item, a rev user in another under the same id) is an
// error, since the map cannot say which object the id is; other fields
// are a warning per kind, which names the objects and the fields, in id
// order, and says that each field holds the first value DevRev sent.
func (x refIndex) check() (warnings []string, err error) {
	for _, kind := range refKinds {
		var ids []string // those whose summaries differ: few, or none
		for id, e := range x[kind] {
			if e.summary.differ() != nil {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			continue
		}
		slices.Sort(ids)
		lines := make([]string, 0, min(len(ids), maxDisagreements+1))
		for _, id := range ids {
			fields := x[kind][id].summary.differ()
			if slices.Contains(fields, "type") {
				return nil, &unnamedRefError{fmt.Sprintf("`%s` has two objects of different types under the id %q "+
					"(its summaries disagree on `%s`)", kind.attribute, id, strings.Join(fields, "`, `"))}
			}
			if len(lines) < maxDisagreements {
				lines = append(lines, fmt.Sprintf("%q: `%s`", id, strings.Join(fields, "`, `")))
			}
		}
		if len(ids) > maxDisagreements {
			lines = append(lines, fmt.Sprintf("(and %d more)", len(ids)-maxDisagreements))
		}
		warnings = append(warnings, fmt.Sprintf("DevRev's answer summarizes %d of the %s differently in different places "+
			"(an object renamed while the read paged through, for instance). For each field, `%s` holds the first "+
			"non-null value DevRev sent (items in order; within an item, its attributes by name). "+
			"The %s whose summaries differ, and the fields:\n%s",
			len(ids), kind.what, kind.attribute, kind.what, strings.Join(lines, "\n")))
	}
	return warnings, nil
}

// collect merges into x the objects that t's fields name, every field
// whatever sel selects; an object is shown when a field that sel selects
// names it (a nil sel selects every field). An object named without an id
// cannot be referred to: that is an error naming the field, never an
// object silently dropped.
func (o *object[T]) collect(x refIndex, t *T, sel selection) error {
	for i := range o.fields {
		f := &o.fields[i]
		if f.refs != nil && !f.refs(t, x, sel.has(i)) {
			return fmt.Errorf("`%s` names an object without an id (or with an empty one)", f.name)
		}
	}
	return nil
}

// refKinds are the kinds of object o's fields name, in refKinds' order.
func (o *object[T]) refKinds() []*refKind {
	var kinds []*refKind
	for _, k := range refKinds {
		if slices.ContainsFunc(o.fields, func(f field[T]) bool { return slices.Contains(f.kinds, k) }) {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// refFieldNames are the names of o's fields that name objects of kind.
func (o *object[T]) refFieldNames(kind *refKind) []string {
	var names []string
	for _, f := range o.fields {
		if slices.Contains(f.kinds, kind) {
			names = append(names, f.name)
		}
	}
	return names
}

// names reports whether any field that sel selects names objects of kind:
// kind's map is null otherwise.
func (o *object[T]) names(kind *refKind, sel selection) bool {
	for i := range o.fields {
		if slices.Contains(o.fields[i].kinds, kind) && sel.has(i) {
			return true
		}
	}
	return false
}

// mergeRule is how a map's entry is made of the summaries of one object,
// in the words of the schema's descriptions (check says the same in its
// warning).
const mergeRule = "When DevRev's summaries of one object differ, each field holds the first non-null value " +
	"DevRev sent (items in order; within an item, its attributes by name), whatever `" + selectionArgument + "` selects, " +
	"and the read warns, naming the objects and the fields; the same id as two kinds of object is an error."

// refSchemas are the schemas of the maps of a data source of objects o;
// what says which of them (the engagements, the engagement's attributes),
// and null, when not "", when the map is null.
func (o *object[T]) refSchemas(what, null string) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for _, k := range o.refKinds() {
		desc := "The " + k.what + " " + what + " name (in `" + strings.Join(o.refFieldNames(k), "`, `") + "`), " +
			"by their id: each one's summary once, however many times it is named. " + mergeRule
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

// refState writes the maps of a data source whose items are ts: one
// writer per map, by attribute name, each writing null when sel leaves out
// every field that names its kind. what names the items in an error
// (`engagements`). The warnings are about summaries that disagree (check).
func (o *object[T]) refState(ts []T, sel selection, id func(*T) *string, what string) (map[string]func([]byte) []byte, []string, error) {
	if len(o.refKinds()) == 0 {
		return nil, nil, nil
	}
	x := refIndex{}
	for i := range ts {
		if err := o.collect(x, &ts[i], sel); err != nil {
			name := "without an id"
			if p := id(&ts[i]); p != nil {
				name = fmt.Sprintf("%q", *p)
			}
			return nil, nil, &unnamedRefError{fmt.Sprintf("%s[%d] (%s): %v", what, i, name, err)}
		}
	}
	return o.refWriters(x, sel)
}

// refWriters are the writers of refState for the objects collected in x,
// and the warnings about their summaries.
func (o *object[T]) refWriters(x refIndex, sel selection) (map[string]func([]byte) []byte, []string, error) {
	warnings, err := x.check()
	if err != nil {
		return nil, nil, err
	}
	kinds := o.refKinds()
	writers := make(map[string]func([]byte) []byte, len(kinds)+len(o.fields))
	for _, k := range kinds {
		if o.names(k, sel) {
			writers[k.attribute] = func(b []byte) []byte { return x.appendMap(b, k) }
		} else {
			writers[k.attribute] = appendNil
		}
	}
	return writers, warnings, nil
}

// unnamedRefError is an answer whose user or object summary has no id,
// which the spec's summaries require, or whose summaries of one id are of
// different types. It reads as the other unusable
// answers do (clientError): an error, never fewer objects.
type unnamedRefError struct{ where string }

func (e *unnamedRefError) Error() string {
	return "DevRev's answer is not what its API describes: " + e.where + ". Nothing was read into state: " +
		"an answer that is not what DevRev's API describes is an error, never an object silently left out."
}

func (e *unnamedRefError) Summary() string { return "unusable answer" }

// addRefWarnings adds the warnings of refValues to diags, for the data
// source typeName.
func addRefWarnings(diags *diag.Diagnostics, typeName string, warnings []string) {
	for _, w := range warnings {
		diags.AddWarning("DevRev's answer to "+typeName+" summarizes an object in two ways", w)
	}
}
