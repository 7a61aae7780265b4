package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The kinds of named object declared beside their objects, in the order
// the data sources' maps are documented: by attribute name, each once; the
// kinds of today's objects among them (a kind added later joins by itself).
func TestRefKindsAreDeclaredInDocumentedOrder(t *testing.T) {
	var names []string
	for _, k := range refKinds {
		names = append(names, k.attribute)
	}
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("kinds %v: not each once, by name", names)
	}
	for _, want := range []string{"accounts", "groups", "parents", "parts", "rev_orgs", "users"} {
		if !slices.Contains(names, want) {
			t.Errorf("kinds %v lack %s", names, want)
		}
	}
}

// A kind of object no data source names yet (an article's parent is a
// directory) is one declaration with its object: it registers itself in
// its place among the kinds, and an object whose field names it gets the
// kind's map, in its schema and in its state, with nothing else to edit.
// (The test's kind has a name no real kind takes, `test_directories`.)
func TestNewRefKindRegistersItself(t *testing.T) {
	saved := slices.Clone(refKinds)
	t.Cleanup(func() { refKinds = saved })

	type directorySummary struct{ ID, Name *string }
	type article struct {
		ID     *string
		Parent *directorySummary
	}
	summary := newObject(
		stringField("id", "DevRev object id of the directory.", func(d *directorySummary) *string { return d.ID }),
		stringField("name", "Name of the directory.", func(d *directorySummary) *string { return d.Name }),
	)
	directories := newRefKind("test_directories", "directories", summary, func(d *directorySummary) *string { return d.ID })
	articles := newObject(
		stringField("id", "Id of the article.", func(a *article) *string { return a.ID }),
		refField(directories, "parent_id", "The directory the article is in.", func(a *article) *directorySummary { return a.Parent }),
	)

	i := slices.Index(refKinds, directories.refKind)
	if i < 0 || len(refKinds) != len(saved)+1 ||
		!slices.IsSortedFunc(refKinds, func(a, b *refKind) int { return strings.Compare(a.attribute, b.attribute) }) {
		t.Errorf("test_directories registered at %d of %d, not in its place by name", i, len(refKinds))
	}
	if kinds := articles.refKinds(); len(kinds) != 1 || kinds[0] != directories.refKind {
		t.Fatalf("the articles name %v, want the directories", kinds)
	}

	m, ok := articles.refSchemas("the articles", "")["test_directories"].(schema.MapNestedAttribute)
	if !ok || !strings.Contains(m.MarkdownDescription, "The directories the articles name (in `parent_id`)") {
		t.Fatalf("the articles' schema has no map of directories naming parent_id: %#v", m)
	}
	if _, ok := m.NestedObject.Attributes["name"]; !ok {
		t.Errorf("the directories' entries lack the summary's name: %v", m.NestedObject.Attributes)
	}

	s := func(v string) *string { return &v }
	dir := &directorySummary{ID: s("DIR-1"), Name: s("Guides")}
	items := []article{{ID: s("ART-1"), Parent: dir}, {ID: s("ART-2"), Parent: &directorySummary{ID: s("DIR-1")}}}
	vals, warnings, err := articles.refValues(items, nil, func(a *article) *string { return a.ID }, "articles")
	if err != nil || len(warnings) != 0 {
		t.Fatalf("refValues: %v, %v", warnings, err)
	}
	want := tftypes.NewValue(directories.typ, map[string]tftypes.Value{
		"DIR-1": tftypes.NewValue(summary.typ, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, "DIR-1"), "name": tftypes.NewValue(tftypes.String, "Guides"),
		}),
	})
	if got := vals["test_directories"]; !got.Equal(want) {
		t.Errorf("test_directories = %v, want %v", got, want)
	}

	defer func() {
		if r := recover(); r == nil {
			t.Error("a second kind mapped to `test_directories` was accepted")
		}
	}()
	newRefKind("test_directories", "directories", summary, func(d *directorySummary) *string { return d.ID })
}
