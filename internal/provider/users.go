package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The users an object names (created_by, modified_by, owned_by, members,
// ...) are ids in the object, and each user's summary is in the data
// source's `users` map, once. DevRev repeats the full summaries of the same
// few dozen users in every item of a list; kept as nested objects they were
// more than half of a default read's state, and the CLI encodes, writes and
// decodes all of it on every plan (tools/performance.md: 2,935 bytes of
// state per engagement with the summaries inline, 1,557 with ids and
// `users`). A lookup is one index away:
// `data.devrev_engagements.all.users[e.created_by].email`.

// usersAttribute is the map of the users the items name, in every list and
// singular data source whose object names users.
const usersAttribute = "users"

var usersType = tftypes.Map{ElementType: userSummary.typ}

// usersSchema is the schema of usersAttribute in a data source of objects
// o; what says which of them (the engagements, the engagement's attributes).
func (o *object[T]) usersSchema(what string) schema.MapNestedAttribute {
	quoted := make([]string, 0, len(o.fields))
	for _, name := range o.userFieldNames() {
		quoted = append(quoted, "`"+name+"`")
	}
	return schema.MapNestedAttribute{
		Computed: true,
		MarkdownDescription: "The users " + what + " name (in " + strings.Join(quoted, ", ") + "), " +
			"by their id: each user's summary once, however many times it is named.",
		NestedObject: schema.NestedAttributeObject{Attributes: userSummary.attributes()},
	}
}

// userIndex collects the users a read's items name.
type userIndex map[string]*devrev.UserSummary

// add records u. When the same user is named more than once with different
// summaries (a bare id in one place, the whole summary in another), the
// summary with the most fields wins, and of those the first DevRev sent:
// nothing DevRev said about the user is replaced by less.
func (x userIndex) add(u *devrev.UserSummary) {
	id := *u.ID
	if have, ok := x[id]; !ok || fieldsSet(u) > fieldsSet(have) {
		x[id] = u
	}
}

func fieldsSet(u *devrev.UserSummary) int {
	n := 0
	for _, s := range []*string{u.ID, u.DisplayID, u.Type, u.DisplayName, u.FullName, u.Email, u.State} {
		if s != nil {
			n++
		}
	}
	return n
}

// value is the map as the state's value.
func (x userIndex) value() tftypes.Value {
	if x == nil {
		return tftypes.NewValue(usersType, nil)
	}
	elems := make(map[string]tftypes.Value, len(x))
	for id, u := range x {
		elems[id] = userSummary.value(u)
	}
	return tftypes.NewValue(usersType, elems)
}

// collectUsers indexes the users that the fields sel selects name in t
// (a nil sel selects every field). A user named without an id cannot be
// referred to: that is an error naming the field, never a user silently
// dropped.
func (o *object[T]) collectUsers(x userIndex, t *T, sel selection) error {
	for i := range o.fields {
		f := &o.fields[i]
		if f.users == nil || !sel.has(i) {
			continue
		}
		var missing bool
		f.users(t, func(u *devrev.UserSummary) {
			if u.ID == nil {
				missing = true
				return
			}
			x.add(u)
		})
		if missing {
			return fmt.Errorf("`%s` names a user without an id", f.name)
		}
	}
	return nil
}

// userFieldNames are the names of o's fields that name users.
func (o *object[T]) userFieldNames() []string {
	var names []string
	for _, f := range o.fields {
		if f.users != nil {
			names = append(names, f.name)
		}
	}
	return names
}

// namesUsers reports whether any field that sel selects names users: the
// data source's `users` is null otherwise.
func (o *object[T]) namesUsers(sel selection) bool {
	for i := range o.fields {
		if o.fields[i].users != nil && sel.has(i) {
			return true
		}
	}
	return false
}

// indexUsers is the `users` of a data source whose items are ts, as the
// state's value: null when the object names no users or sel leaves out
// every field that does. what names the items in an error (`engagements`).
func (o *object[T]) indexUsers(ts []T, sel selection, id func(*T) *string, what string) (tftypes.Value, error) {
	if !o.namesUsers(sel) {
		return tftypes.NewValue(usersType, nil), nil
	}
	x := userIndex{}
	for i := range ts {
		if err := o.collectUsers(x, &ts[i], sel); err != nil {
			name := "without an id"
			if p := id(&ts[i]); p != nil {
				name = fmt.Sprintf("%q", *p)
			}
			return tftypes.Value{}, &unnamedUserError{fmt.Sprintf("%s[%d] (%s): %v", what, i, name, err)}
		}
	}
	return x.value(), nil
}

// unnamedUserError is an answer whose user summary has no id, which the
// spec's `user-summary` requires. It reads as the other unusable answers
// do (clientError): an error, never fewer users.
type unnamedUserError struct{ where string }

func (e *unnamedUserError) Error() string {
	return "DevRev's answer is not what its API describes: " + e.where + ". Nothing was read into state: " +
		"an answer that is not what DevRev's API describes is an error, never a user silently left out."
}

func (e *unnamedUserError) Summary() string { return "unusable answer" }
