package provider

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// readObject is an object a data source returned, wherever it sat: an
// item, a summary nested in one, or a summary in a map.
type readObject struct {
	source, id, displayID string
}

// readEveryDataSource reads every data source of the provider in-process
// against the local API with its generated data, and returns every object
// with a display_id it found in what they returned, but for custom objects
// (orgPrefixed). A data source with required arguments is read first with
// the arguments the shared tests give it (listsRequired), if any, then
// once for each kind of object the reads found, with that object's id in
// each required argument, until one read succeeds; so a new data source
// is read without a change here.
func readEveryDataSource(t *testing.T) []readObject {
	t.Helper()
	api := startAPI(t, localapi.Options{})
	p := newInProcess(t, api.URL)

	var found []readObject
	// One DON id of each object type the reads found, with a display id
	// or without (an SLA tracker has none), typed by the DON.
	idOfType := map[string]string{}
	collect := func(source string, state map[string]tftypes.Value) {
		for _, v := range state {
			walkObjects(v, func(attrs map[string]tftypes.Value) {
				var id, display string
				if v, ok := attrs["display_id"]; ok && v.IsKnown() && !v.IsNull() {
					_ = v.As(&display)
				}
				if v, ok := attrs["id"]; ok && v.IsKnown() && !v.IsNull() && v.Type().Is(tftypes.String) {
					_ = v.As(&id)
				}
				d, err := parseDON(id)
				if err == nil && idOfType[objectTypeOfDON(d.Object.Type)] == "" {
					idOfType[objectTypeOfDON(d.Object.Type)] = id
				}
				if display != "" && !orgPrefixed(id) {
					found = append(found, readObject{source: source, id: id, displayID: display})
				}
			})
		}
	}

	var needArgs []string
	for _, name := range slices.Sorted(maps.Keys(p.schemas)) {
		if len(requiredArgs(p.schemas[name])) > 0 {
			needArgs = append(needArgs, name)
			continue
		}
		state, diags := p.read(t, name, nil)
		if state == nil || hasError(diags) {
			t.Fatalf("%s: %v", name, diags)
		}
		collect(name, state)
	}
	// Those with listsRequired first: the ids of their items are what
	// the singular data sources of the same objects read.
	slices.SortStableFunc(needArgs, func(a, b string) int {
		_, aListed := listsRequired[a]
		_, bListed := listsRequired[b]
		switch {
		case aListed && !bListed:
			return -1
		case bListed && !aListed:
			return 1
		}
		return 0
	})
	for _, name := range needArgs {
		var tries []map[string]tftypes.Value
		if req, ok := listsRequired[name]; ok {
			set := map[string]tftypes.Value{}
			for k, v := range req.body {
				set[k] = tftypes.NewValue(tftypes.String, v)
			}
			tries = append(tries, set)
		}
		for _, typ := range slices.Sorted(maps.Keys(idOfType)) {
			set := map[string]tftypes.Value{}
			for _, arg := range requiredArgs(p.schemas[name]) {
				set[arg] = tftypes.NewValue(tftypes.String, idOfType[typ])
			}
			tries = append(tries, set)
		}
		read := false
		for _, set := range tries {
			if state, diags := p.read(t, name, set); state != nil && !hasError(diags) {
				collect(name, state)
				read = true
				break
			}
		}
		if !read {
			t.Errorf("%s: no read succeeded with the arguments of listsRequired or the id of any of %v", name, slices.Sorted(maps.Keys(idOfType)))
		}
	}
	return found
}

// orgPrefixed reports whether id is a custom object's, whose display id
// has the prefix the organization chose for its leaf type (the spec's
// tenant fragment `id_prefix`): display_id_type cannot know it.
func orgPrefixed(id string) bool {
	d, err := parseDON(id)
	return err == nil && d.Object.Type == "custom_object"
}

// requiredArgs are the names of a schema's required string attributes.
func requiredArgs(s *tfprotov6.Schema) []string {
	var out []string
	for _, a := range s.Block.Attributes {
		if a.Required {
			out = append(out, a.Name)
		}
	}
	return out
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	return slices.ContainsFunc(diags, func(d *tfprotov6.Diagnostic) bool { return d.Severity == tfprotov6.DiagnosticSeverityError })
}

// walkObjects calls f on every object in v, v included, through lists,
// sets, maps, tuples and objects.
func walkObjects(v tftypes.Value, f func(map[string]tftypes.Value)) {
	if !v.IsKnown() || v.IsNull() {
		return
	}
	switch {
	case v.Type().Is(tftypes.Object{}):
		var attrs map[string]tftypes.Value
		if v.As(&attrs) == nil {
			f(attrs)
			for _, a := range attrs {
				walkObjects(a, f)
			}
		}
	case v.Type().Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		if v.As(&m) == nil {
			for _, e := range m {
				walkObjects(e, f)
			}
		}
	case v.Type().Is(tftypes.List{}), v.Type().Is(tftypes.Set{}), v.Type().Is(tftypes.Tuple{}):
		var xs []tftypes.Value
		if v.As(&xs) == nil {
			for _, e := range xs {
				walkObjects(e, f)
			}
		}
	}
}

// display_id_type knows every display id prefix any data source returns:
// the data sources are read, not listed, so a new one (or a new kind of
// object in an old one) is checked without a change here.
func TestDisplayIDTypeKnowsWhatTheDataSourcesReturn(t *testing.T) {
	found := readEveryDataSource(t)
	prefixes := map[string]string{} // prefix → a data source that returned it
	for _, o := range found {
		prefix, _, _ := strings.Cut(o.displayID, "-")
		if _, seen := prefixes[prefix]; seen {
			continue // one error for each prefix, not for each object
		}
		prefixes[prefix] = o.source
		if _, err := displayIDType(o.displayID); err != nil {
			t.Errorf("%s returned display id %q: %v", o.source, o.displayID, err)
		}
	}
	// The reads must have reached the objects the issue names.
	for _, want := range []string{"ACC", "DEVU", "ENGM", "GRP", "MEET", "REV", "REVU", "TAG", "TASK", "TKT", "PROD"} {
		if _, ok := prefixes[want]; !ok {
			t.Errorf("no data source returned a %s- display id; read: %v", want, slices.Sorted(maps.Keys(prefixes)))
		}
	}
}

// Both functions name an object's type the same way: for every object a
// data source returns with a DON id and a display id, parse_id's type of
// the one is display_id_type of the other, each called as the CLI calls
// it (through the protocol server).
func TestFunctionsNameTypesAlike(t *testing.T) {
	ctx := context.Background()
	s := newProtocolServer(&DevRevProvider{version: "test"})
	fns, err := s.GetFunctions(ctx, &tfprotov6.GetFunctionsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	call := func(name, arg string) (tftypes.Value, error) {
		v, ferr := callFunction(ctx, t, s, fns, name, arg)
		if ferr != nil {
			return tftypes.Value{}, errors.New(ferr.Text)
		}
		return v, nil
	}
	pairs := 0
	seen := map[string]bool{}
	for _, o := range readEveryDataSource(t) {
		if !strings.HasPrefix(o.id, "don:") || seen[o.id] {
			continue
		}
		seen[o.id] = true
		pairs++
		byDisplay, err := call("display_id_type", o.displayID)
		if err != nil {
			t.Errorf("%s: display_id_type(%q): %v", o.source, o.displayID, err)
			continue
		}
		parsed, err := call("parse_id", o.id)
		if err != nil {
			t.Errorf("%s: parse_id(%q): %v", o.source, o.id, err)
			continue
		}
		var attrs map[string]tftypes.Value
		if err := parsed.As(&attrs); err != nil {
			t.Fatal(err)
		}
		if !attrs["type"].Equal(byDisplay) {
			t.Errorf("%s: parse_id(%q).type = %v, display_id_type(%q) = %v", o.source, o.id, attrs["type"], o.displayID, byDisplay)
		}
	}
	if pairs < 100 {
		t.Errorf("only %d objects with a DON and a display id were read", pairs)
	}
}
