package devrev

import (
	"slices"
	"strings"
	"testing"
)

func TestParseSortOrder(t *testing.T) {
	for _, tc := range []struct {
		sortBy []string
		want   string // fields and directions, or the start of the error
	}{
		{[]string{"created_date:desc"}, "created_date:desc"},
		{[]string{"created_date"}, "created_date:asc"},
		{[]string{" modified_date:asc ", "created_date:desc"}, "modified_date:asc,created_date:desc"},
		{[]string{"created_date:asc", "created_date:desc", "modified_date:desc"}, "created_date:asc,modified_date:desc"},
		{nil, "error: no sort_by"},
		{[]string{}, "error: no sort_by"},
		{[]string{"title:asc"}, `error: sort_by "title:asc"`},
		{[]string{"created_date:up"}, `error: sort_by "created_date:up"`},
		{[]string{"created_date:desc", "stage:asc"}, `error: sort_by "stage:asc"`},
	} {
		o, err := parseSortOrder(tc.sortBy)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		} else {
			var parts []string
			for _, f := range o {
				name := "modified_date"
				if f.date(&Engagement{CreatedDate: new(string)}) != nil {
					name = "created_date"
				}
				dir := ":asc"
				if f.desc {
					dir = ":desc"
				}
				parts = append(parts, name+dir)
			}
			got = strings.Join(parts, ",")
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("parseSortOrder(%q) = %s, want %s", tc.sortBy, got, tc.want)
		}
	}
}

// partEng builds an engagement; "" leaves a field absent.
func partEng(id, created, modified string) Engagement {
	e := Engagement{ID: &id}
	if created != "" {
		e.CreatedDate = &created
	}
	if modified != "" {
		e.ModifiedDate = &modified
	}
	return e
}

func partIDs(engs []Engagement) []string {
	out := make([]string, len(engs))
	for i, e := range engs {
		if e.ID != nil {
			out[i] = *e.ID
		}
	}
	return out
}

// Timestamps with and without milliseconds, other offsets, equal instants
// spelled differently, absent and unparsable ones: the merge orders them as
// instants, and ties by id in the direction of the first key.
func TestMergeComparesInstantsNotStrings(t *testing.T) {
	all := []Engagement{
		partEng("a", "2024-05-01T10:00:43.500Z", ""),
		partEng("b", "2024-05-01T10:00:43Z", ""),           // before a, although "Z" > "." as a string
		partEng("c", "2024-05-01T12:00:43+02:00", ""),      // the same instant as b
		partEng("d", "2024-05-01T10:00:43.000Z", ""),       // the same instant as b
		partEng("e", "2024-05-01T10:00:42.999999999Z", ""), // just before b
		partEng("f", "", ""),                               // absent: before everything
		partEng("g", "yesterday", ""),                      // unparsable: like absent
		partEng("h", "2024-05-01T10:00:43.05Z", ""),        // 50 ms: between b and a
		partEng("i", "2024-05-01T10:00:43.5Z", ""),         // the same instant as a
		partEng("j", "2024-04-30T23:59:59-23:00", ""),      // 2024-05-01T22:59:59Z: last
		partEng("k", "2024-05-01 10:00:43Z", "bad"),        // no "T": unparsable
	}
	wantAsc := []string{"f", "g", "k", "e", "b", "c", "d", "h", "a", "i", "j"}
	wantDesc := slices.Clone(wantAsc)
	slices.Reverse(wantDesc)

	// Three parts, each in the order the API would send it.
	byID := map[string]Engagement{}
	for _, e := range all {
		byID[*e.ID] = e
	}
	split := func(order []string) [][]Engagement {
		parts := make([][]Engagement, 3)
		for i, id := range order {
			parts[i%3] = append(parts[i%3], byID[id])
		}
		return parts
	}
	for _, tc := range []struct {
		sortBy []string
		want   []string
	}{
		{[]string{"created_date:asc"}, wantAsc},
		{[]string{"created_date:desc"}, wantDesc},
		{[]string{"created_date"}, wantAsc},
	} {
		o, err := parseSortOrder(tc.sortBy)
		if err != nil {
			t.Fatal(err)
		}
		got, err := o.mergeSorted(split(tc.want))
		if err != nil {
			t.Fatalf("%v: %v", tc.sortBy, err)
		}
		if !slices.Equal(partIDs(got), tc.want) {
			t.Errorf("%v: merged %v, want %v", tc.sortBy, partIDs(got), tc.want)
		}
	}

	// The same data compared as strings would come out otherwise: the test
	// would catch a merge that compared strings.
	strs := slices.Clone(all)
	slices.SortFunc(strs, func(a, b Engagement) int {
		if c := strings.Compare(partDeref(a.CreatedDate), partDeref(b.CreatedDate)); c != 0 {
			return c
		}
		return strings.Compare(*a.ID, *b.ID)
	})
	if slices.Equal(partIDs(strs), wantAsc) {
		t.Fatal("string order equals instant order; the data is not adversarial")
	}
}

func partDeref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Several keys: the second breaks ties of the first, each in its own
// direction; the id breaks the rest in the direction of the first key.
func TestMergeSeveralKeys(t *testing.T) {
	const t1, t2 = "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.001Z"
	all := map[string]Engagement{
		"p": partEng("p", t1, t2),
		"q": partEng("q", t1, t1),
		"r": partEng("r", t2, t1),
		"s": partEng("s", t2, "2024-01-01T00:00:00.000Z"), // modified equal to r's
		"u": partEng("u", t1, ""),
	}
	for _, tc := range []struct {
		sortBy []string
		want   []string
	}{
		{[]string{"modified_date:desc", "created_date:asc"}, []string{"p", "q", "s", "r", "u"}},
		{[]string{"modified_date:asc", "created_date:desc"}, []string{"u", "r", "s", "q", "p"}},
		{[]string{"created_date:desc", "modified_date:desc"}, []string{"s", "r", "p", "q", "u"}},
		{[]string{"created_date:asc", "modified_date:asc"}, []string{"u", "q", "p", "r", "s"}},
	} {
		o, err := parseSortOrder(tc.sortBy)
		if err != nil {
			t.Fatal(err)
		}
		// Each engagement its own part: the merge alone decides the order.
		var parts [][]Engagement
		for _, id := range []string{"u", "s", "r", "q", "p"} {
			parts = append(parts, []Engagement{all[id]})
		}
		got, err := o.mergeSorted(parts)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(partIDs(got), tc.want) {
			t.Errorf("%v: merged %v, want %v", tc.sortBy, partIDs(got), tc.want)
		}
	}
}

// A part out of sort_by order means the API sorts otherwise: the merge
// refuses rather than guess. Ties within a part keep the part's order.
func TestMergeChecksEachPart(t *testing.T) {
	o, _ := parseSortOrder([]string{"created_date:asc"})
	_, err := o.mergeSorted([][]Engagement{
		{partEng("a", "2024-01-01T00:00:01Z", "")},
		{partEng("b", "2024-01-01T00:00:02Z", ""), partEng("c", "2024-01-01T00:00:01.5Z", "")},
	})
	if err == nil || !strings.Contains(err.Error(), `part 1 is not in sort_by order at position 1 (id "c" after "b")`) {
		t.Fatalf("err = %v", err)
	}
	got, err := o.mergeSorted([][]Engagement{
		{partEng("z", "2024-01-01T00:00:01Z", ""), partEng("y", "2024-01-01T00:00:01.000Z", "")},
		{},
		{partEng("m", "2024-01-01T00:00:01Z", "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"m", "z", "y"}; !slices.Equal(partIDs(got), want) {
		t.Fatalf("merged %v, want %v", partIDs(got), want)
	}
	if got, err := o.mergeSorted(nil); err != nil || len(got) != 0 {
		t.Fatalf("no parts: %v, %v", got, err)
	}
}
