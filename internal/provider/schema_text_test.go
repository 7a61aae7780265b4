package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// eachAttribute calls f with every attribute of every data source's
// schema, nested ones included, by its path (dots between names).
func eachAttribute(f func(typeName string, top map[string]schema.Attribute, path string, a schema.Attribute)) {
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		ds := newDataSource()
		var md datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		var sr datasource.SchemaResponse
		ds.Schema(context.Background(), datasource.SchemaRequest{}, &sr)
		var walk func(path string, attrs map[string]schema.Attribute)
		walk = func(path string, attrs map[string]schema.Attribute) {
			for n, a := range attrs {
				p := strings.TrimPrefix(path+"."+n, ".")
				f(md.TypeName, sr.Schema.Attributes, p, a)
				switch a := a.(type) {
				case schema.SingleNestedAttribute:
					walk(p, a.Attributes)
				case schema.ListNestedAttribute:
					walk(p, a.NestedObject.Attributes)
				case schema.MapNestedAttribute:
					walk(p, a.NestedObject.Attributes)
				}
			}
		}
		walk("", sr.Schema.Attributes)
	}
}

// The schema's words are true of the data source they describe: no
// argument speaks of a `sort_by` the data source lacks (devrev_group_members
// has none); a Rev organization's display id is not an account's (`ACC-`);
// a user summary's `full_name` and `email` say they may be null, as DevRev
// may leave them out.
func TestSchemaTextIsTrueOfItsDataSource(t *testing.T) {
	eachAttribute(func(typeName string, top map[string]schema.Attribute, path string, a schema.Attribute) {
		desc := a.GetMarkdownDescription()
		if _, has := top["sort_by"]; !has && strings.Contains(desc, "`sort_by`") {
			t.Errorf("%s.%s speaks of `sort_by`, which %s lacks: %q", typeName, path, typeName, desc)
		}
		if segs := strings.Split(path, "."); len(segs) > 1 && strings.Contains(segs[len(segs)-2], "rev_org") && strings.Contains(desc, "ACC-") {
			t.Errorf("%s.%s gives an account's display id as a Rev organization's: %q", typeName, path, desc)
		}
		if strings.HasPrefix(path, "users.") && (strings.HasSuffix(path, ".full_name") || strings.HasSuffix(path, ".email")) &&
			!strings.Contains(desc, "null") {
			t.Errorf("%s.%s does not say it may be null: %q", typeName, path, desc)
		}
	})
}
