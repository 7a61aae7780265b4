package devrev

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// CustomFields is an object's `custom_fields` (the spec's `object` without
// properties): the organization's own fields, `tnt__<name>` for a tenant
// field and `ctype__<name>` for a subtype's, each value as DevRev sent it.
//
// Decoding is lenient: any JSON value a server may send is kept with its
// JSON type, so that the provider can type it as DevRev did (a number stays
// a number, exactly: json.Number, never a float64 that rounds it). The
// values are string, json.Number, bool, []any and map[string]any of those;
// a null is kept as nil (the provider leaves a null field out, as absent).
// Only a `custom_fields` that is not a JSON object is refused: it has no
// field names, so it cannot be shown as fields.
type CustomFields map[string]any

// UnmarshalJSON decodes an object of any values, numbers as json.Number.
// JSON null leaves the map nil: the object has no custom fields.
func (c *CustomFields) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		*c = nil
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return fmt.Errorf("custom_fields is not an object of fields: %s", excerpt(data))
	}
	*c = m
	return nil
}

// Names are the fields' names, sorted.
func (c CustomFields) Names() []string {
	names := make([]string, 0, len(c))
	for name := range c {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// CustomFieldFilter is the `custom_fields` filter of works.list,
// works.count, accounts.list and rev-orgs.list (an `object`, "Filters for
// custom fields"): for each custom field, by its full name (`tnt__region`),
// the values any of which an object's field may have. A value is a string,
// a json.Number or a bool, sent with its JSON type. A field with an empty,
// non-nil list matches nothing (MatchesNothing), like an empty set in any
// other filter.
type CustomFieldFilter map[string][]any
