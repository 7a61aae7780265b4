package localapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// Every filter each object declares is in the spec's request of its list
// and of its count, at its dotted path, of the type its kind reads; an
// enum filter allows the spec's values in both requests (the server reads
// them from the list's), and a string filter on a spec enum is declared an
// enum, so that the server refuses what DevRev refuses.
func TestDeclarationsMatchTheSpec(t *testing.T) {
	spec := openapi.Trimmed()
	checked := 0
	for _, o := range objects {
		list, count := o.endpoints()
		for _, path := range []string{list, count} {
			if path == "" {
				continue
			}
			schema, ok := spec.RequestSchema(path)
			if !ok {
				t.Errorf("%s: the spec has no request for it", path)
				continue
			}
			for _, f := range o.specFilters() {
				checked++
				node, err := spec.Property(schema, f.path)
				if err != nil {
					t.Errorf("%s: %v", path, err)
					continue
				}
				var want string
				var ends []string
				switch f.kind {
				case kindNames[kindDates]:
					ends = []string{"after", "before"}
				case kindNames[kindRanges]:
					ends = []string{"type", "after", "before"}
				case kindNames[kindFlag]:
					want = "boolean"
				case kindNames[kindInts]:
					want = "integer"
				case "custom":
				default:
					want = "string"
				}
				for _, end := range ends {
					if _, err := spec.Property(schema, f.path+"."+end); err != nil {
						t.Errorf("%s: %s is declared a date filter: %v", path, f.path, err)
					}
				}
				if want != "" && node["type"] != want {
					t.Errorf("%s: %s is declared %s, of %ss; the spec's is of type %v", path, f.path, f.kind, want, node["type"])
				}
				values, notEnum := spec.Enum(schema, f.path)
				switch {
				case f.enum && notEnum != nil:
					t.Errorf("%s: %s is declared an enum: %v", path, f.path, notEnum)
				case f.enum && !slices.Equal(values, specEnum(list, f.path)):
					t.Errorf("%s: %s allows %v; the server checks %v", path, f.path, values, specEnum(list, f.path))
				case !f.enum && notEnum == nil && f.kind != "custom":
					t.Errorf("%s: %s is an enum in the spec (%v) but declared %s", path, f.path, values, f.kind)
				}
			}
		}
	}
	if checked < 80 {
		t.Errorf("only %d filters checked", checked)
	}
}

// A set filter takes the element type its declaration names: integers too,
// as articles.list's scope is, in a POST body and a GET query alike; a
// value of another type is refused with the field's name.
func TestIntegerSetFilter(t *testing.T) {
	type thing struct {
		ID, Created string
		Scope       []int64
	}
	things := object[thing]{
		list: "/things.list", key: "things",
		id: func(x *thing) string { return x.ID }, displayID: func(*thing) string { return "" },
		columns: []column[thing]{{"created_date", func(x *thing) string { return x.Created }}},
		filters: []filter[thing]{ints("scope", func(x *thing) []int64 { return x.Scope })},
		seed:    func(*seeds, int) []thing { return nil },
	}
	data := []thing{
		{ID: "a", Created: "2024-01-01T00:00:00Z", Scope: []int64{1}},
		{ID: "b", Created: "2024-01-02T00:00:00Z", Scope: []int64{2, 3}},
		{ID: "c", Created: "2024-01-03T00:00:00Z"},
	}
	s := newServer(Options{Token: testToken, Data: map[string]any{"things": data}}, []declared{&things})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	base := ts.URL
	for _, c := range []struct {
		name string
		r    response
		want []string
	}{
		{"POST", post(t, base, "/things.list", map[string]any{"scope": []int{3, 1}}), []string{"a", "b"}},
		{"POST, none", post(t, base, "/things.list", map[string]any{"scope": []int{4}}), []string{}},
		{"GET", get(t, base, "/things.list?scope=2"), []string{"b"}},
		{"GET, repeated", get(t, base, "/things.list?scope=1&scope=3"), []string{"a", "b"}},
	} {
		if c.r.status != http.StatusOK {
			t.Errorf("%s: %d %s", c.name, c.r.status, c.r.body)
			continue
		}
		var page struct{ Things []thing }
		if err := json.Unmarshal(c.r.body, &page); err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, x := range page.Things {
			got = append(got, x.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if e := decodeErr(t, post(t, base, "/things.list", map[string]any{"scope": []string{"1"}}), http.StatusBadRequest, "parse_error"); e.Message != "field scope: cannot use a string as an array of integers" {
		t.Errorf("a string in an integer set: %q", e.Message)
	}
	if e := decodeErr(t, get(t, base, "/things.list?scope=x"), http.StatusBadRequest, "invalid_field"); e.FieldName != "scope" {
		t.Errorf("a GET integer set of x: %+v", e)
	}
}

// A kind's seed asks for the kinds it names, whatever their place in the
// list: each is generated once, before the kind that asked, and Counts
// reaches each by its list's name.
func TestSeedsAskForTheKindsTheyName(t *testing.T) {
	type item struct{ ID, Created, Of string }
	calls := map[string]int{}
	kind := func(list string, seed func(sd *seeds, n int) []item) *object[item] {
		return &object[item]{
			list: list, key: "items",
			id: func(x *item) string { return x.ID }, displayID: func(*item) string { return "" },
			columns:      []column[item]{{"created_date", func(x *item) string { return x.Created }}},
			defaultCount: func(*seeds) int { return 2 },
			seed: func(sd *seeds, n int) []item {
				calls[list]++
				return seed(sd, n)
			},
		}
	}
	newItems := func(prefix string, n int, of string) []item {
		out := []item{}
		for i := range n {
			out = append(out, item{ID: prefix + strconv.Itoa(i), Created: "2024-01-01T00:00:00Z", Of: of})
		}
		return out
	}
	things := kind("/things.list", func(sd *seeds, n int) []item {
		return newItems("thing-", n, of[item](sd, "parts")[0].ID) // a part generated first
	})
	parts := kind("/parts.list", func(_ *seeds, n int) []item { return newItems("part-", n, "") })
	s := newServer(Options{Counts: map[string]int{"things": 3}}, []declared{things, parts})
	got := Items[item](s, "things")
	if len(got) != 3 || got[0].Of != "part-0" || len(Items[item](s, "parts")) != 2 {
		t.Errorf("things %v, parts %v", got, Items[item](s, "parts"))
	}
	if calls["/things.list"] != 1 || calls["/parts.list"] != 1 {
		t.Errorf("seeds called %v times; once each", calls)
	}
}

// Options.Data of another type than the list's items, or any option for a
// list the server does not serve, is a programming error New names.
func TestDataOfAnotherTypePanics(t *testing.T) {
	for _, c := range []struct {
		data map[string]any
		want string
	}{
		{map[string]any{"works": []Account{}}, `localapi: Options.Data["works"] is a []localapi.Account, not a []Work`},
		{map[string]any{"work": []Work{}}, "localapi: Options.Data names no list work"},
	} {
		func() {
			defer func() {
				if r := recover(); r != c.want {
					t.Errorf("New with Data %v: panic %v, want %q", c.data, r, c.want)
				}
			}()
			New(Options{Data: c.data})
		}()
	}
	for _, opts := range []Options{
		{Counts: map[string]int{"work": 3}},
		{CountCaps: map[string]int{"work": 3}},
		{IgnoreDateFilters: []string{"work"}},
	} {
		func() {
			defer func() {
				if r, ok := recover().(string); !ok || !strings.HasSuffix(r, " names no list work") {
					t.Errorf("New(%+v): panic %v, want one naming the list", opts, r)
				}
			}()
			New(opts)
		}()
	}
}
