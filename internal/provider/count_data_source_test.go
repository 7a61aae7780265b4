package provider

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// Every count data source is derived from its list (countOf), and every
// list DevRev counts has one (the count is declared where the trimmed spec
// has one beside the list): named after it, its arguments are the list's filters (same names, types and
// descriptions), and it has has_more exactly where the client declares
// that DevRev's count says it was capped. Its description names the count
// endpoint and every date range the count reads by listing.
func TestCountsAreDerivedFromTheirLists(t *testing.T) {
	p := newInProcess(t, "http://127.0.0.1:1")
	type declared struct {
		path    string
		hasMore bool
		dates   []string
	}
	// The client's declaration of each list's count, read from the list
	// data sources' specs (newListSpec keeps the API it was made from).
	apis := map[string]declared{}
	paths, _ := openapi.Trimmed()["paths"].(map[string]any)
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		spec := reflect.ValueOf(newDataSource()).Elem().FieldByName("spec")
		if !spec.IsValid() || spec.Elem().FieldByName("api").Kind() != reflect.Struct {
			continue
		}
		api := spec.Elem().FieldByName("api")
		// DevRev's count of a list is beside it in the spec: declared
		// there, or it has no count data source.
		list, path := api.FieldByName("ListPath").String(), api.FieldByName("CountPath").String()
		if beside := strings.TrimSuffix(list, ".list") + ".count"; (paths[beside] != nil) != (path == beside) {
			t.Errorf("%s: the spec has %s: %v; the client declares the count %q", list, beside, paths[beside] != nil, path)
		}
		if path != "" {
			d := declared{path: path, hasMore: api.FieldByName("CountHasMore").Bool()}
			for dates, i := api.FieldByName("CountedByListing"), 0; i < dates.Len(); i++ {
				d.dates = append(d.dates, "`"+dates.Index(i).String()+"`")
			}
			apis[spec.Elem().FieldByName("typeName").String()] = d
		}
	}
	if len(apis) == 0 {
		t.Fatal("no list data source declares a count")
	}
	counts := 0
	for name, count := range p.schemas {
		listName, ok := strings.CutSuffix(name, "_count")
		if !ok {
			continue
		}
		counts++
		list, api := p.schemas[listName], apis[listName]
		if list == nil || api.path == "" {
			t.Errorf("%s: no list %s with a declared count", name, listName)
			continue
		}
		attrs := map[string]*tfprotov6.SchemaAttribute{}
		for _, a := range list.Block.Attributes {
			attrs[a.Name] = a
		}
		var names []string
		for _, a := range count.Block.Attributes {
			names = append(names, a.Name)
			if a.Name == attrTotal || a.Name == attrHasMore {
				continue
			}
			l := attrs[a.Name]
			if l == nil || !reflect.DeepEqual(l.Type, a.Type) || l.Description != a.Description || l.Required != a.Required {
				t.Errorf("%s.%s is not %s's filter of that name", name, a.Name, listName)
			}
		}
		if slices.Contains(names, attrHasMore) != api.hasMore || !slices.Contains(names, attrTotal) {
			t.Errorf("%s: attributes %v; has_more is declared %v", name, names, api.hasMore)
		}
		desc := count.Block.Description
		for _, want := range append([]string{"`POST " + api.path + "`", "`" + listName + "`"}, api.dates...) {
			if !strings.Contains(desc, want) {
				t.Errorf("%s: the description does not name %s: %s", name, want, desc)
			}
		}
	}
	if counts != len(apis) {
		t.Errorf("%d count data sources, %d lists with a count", counts, len(apis))
	}
}
