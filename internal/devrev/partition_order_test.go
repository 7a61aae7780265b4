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
		o, err := engagementOrder(tc.sortBy)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		} else {
			var parts []string
			for _, f := range o.fields {
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

// Every form of RFC 3339 timestamp compares as the instant it names: "Z"
// and "z", offsets, fractional seconds of any length, a leap second. Distinct instants merge in time order, which is
// not the order of the strings.
func TestMergeComparesInstantsNotStrings(t *testing.T) {
	all := []Engagement{
		partEng("a", "2024-05-01T10:00:43.500Z", ""),
		partEng("b", "2024-05-01T10:00:43Z", ""),               // before a, although "Z" > "." as a string
		partEng("c", "2024-05-01T12:00:43.2+02:00", ""),        // 43.2 s UTC: between b and a
		partEng("d", "2024-05-01T12:00:43.3+02:00", ""),        // 43.3 s
		partEng("e", "2024-05-01T10:00:42.999999999Z", ""),     // just before b
		partEng("f", "2024-05-01t10:00:43.4z", ""),             // lower-case t and z: 43.4 s
		partEng("g", "2024-05-01T10:00:43.0500000000001Z", ""), // more than nine digits: 43.05 s
		partEng("h", "2024-05-01T10:00:43.6-00:00", ""),        // -00:00 is UTC too: 43.6 s
		partEng("j", "2024-04-30T23:59:59-23:00", ""),          // 2024-05-01T22:59:59Z: last
		partEng("k", "2024-04-30T23:59:59.5+23:00", ""),        // 2024-04-30T00:59:59.5Z: first
		partEng("l", "2024-04-30T23:59:60.25Z", ""),            // a leap second: after k
		partEng("m", "2024-05-01T00:00:00.1Z", ""),             // after the leap second
	}
	wantAsc := []string{"k", "l", "m", "e", "b", "g", "c", "d", "f", "a", "h", "j"}
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
		o, err := engagementOrder(tc.sortBy)
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
	slices.SortFunc(strs, func(a, b Engagement) int { return strings.Compare(*a.CreatedDate, *b.CreatedDate) })
	if slices.Equal(partIDs(strs), wantAsc) {
		t.Fatal("string order equals instant order; the data is not adversarial")
	}
}

// Where the merge cannot know the chain's order it refuses, naming the
// engagement, and the read goes to one chain: a sort key absent or not a
// timestamp (no zone, a space for "T", prose), and a tie between parts, even
// between equal instants spelled differently.
func TestMergeRefusesAnUnknownOrder(t *testing.T) {
	o, _ := engagementOrder([]string{"created_date:asc"})
	for _, tc := range []struct {
		name  string
		parts [][]Engagement
		want  string
	}{
		{"absent", [][]Engagement{{partEng("a", "2024-01-01T00:00:01Z", "")}, {partEng("b", "", "")}},
			`engagement "b" has no created_date`},
		{"no zone", [][]Engagement{{partEng("a", "2024-01-01T00:00:01", "")}, {partEng("b", "2024-01-01T00:00:02Z", "")}},
			`engagement "a" has a created_date ("2024-01-01T00:00:01") that is not an RFC 3339 timestamp`},
		{"offset without its colon", [][]Engagement{{partEng("a", "2024-01-01T02:00:01+0200", "")}, {partEng("b", "2024-01-01T00:00:02Z", "")}},
			`engagement "a" has a created_date ("2024-01-01T02:00:01+0200") that is not an RFC 3339 timestamp`},
		{"space for T", [][]Engagement{{partEng("a", "2024-01-01 00:00:01Z", "")}, {partEng("b", "2024-01-01T00:00:02Z", "")}},
			`engagement "a" has a created_date ("2024-01-01 00:00:01Z")`},
		{"prose", [][]Engagement{{partEng("a", "yesterday", "")}, {}},
			`engagement "a" has a created_date ("yesterday")`},
		{"tie between parts", [][]Engagement{
			{partEng("a", "2024-01-01T00:00:00Z", ""), partEng("b", "2024-01-01T00:00:01Z", "")},
			{partEng("c", "2024-01-01T02:00:01+02:00", "")}},
			`engagements "b" and "c" of two parts tie on every sort_by key`},
		{"tie by ids that sort differently as bytes", [][]Engagement{
			{partEng("eng/9", "2024-01-01T00:00:01.000Z", "")},
			{partEng("eng/15", "2024-01-01T00:00:01Z", "")}},
			`engagements "eng/9" and "eng/15" of two parts tie`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := o.mergeSorted(tc.parts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("merged %v, err %v; want an error saying %s", partIDs(got), err, tc.want)
			}
		})
	}
}

// Several keys: the second breaks ties of the first, each in its own
// direction.
func TestMergeSeveralKeys(t *testing.T) {
	// Distinct instants whose strings sort the same way: nothing here
	// depends on how the server compares them.
	const t1, t2 = "2024-01-01T00:00:00Z", "2024-01-01T00:00:01Z"
	all := map[string]Engagement{
		"p": partEng("p", t1, t2),
		"q": partEng("q", t1, t1),
		"r": partEng("r", t2, t1),
		"s": partEng("s", t2, "2024-01-01T00:00:02Z"),
	}
	for _, tc := range []struct {
		sortBy []string
		want   []string
	}{
		{[]string{"modified_date:desc", "created_date:asc"}, []string{"s", "p", "q", "r"}},
		{[]string{"modified_date:asc", "created_date:desc"}, []string{"r", "q", "p", "s"}},
		{[]string{"created_date:desc", "modified_date:desc"}, []string{"s", "r", "p", "q"}},
		{[]string{"created_date:asc", "modified_date:asc"}, []string{"q", "p", "r", "s"}},
	} {
		o, err := engagementOrder(tc.sortBy)
		if err != nil {
			t.Fatal(err)
		}
		// Each engagement its own part: the merge alone decides the order.
		var parts [][]Engagement
		for _, id := range []string{"s", "r", "q", "p"} {
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
	o, _ := engagementOrder([]string{"created_date:asc"})
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
		{partEng("m", "2024-01-01T00:00:00.5Z", "")},
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

// A server may sort the date strings rather than the instants: "…:43.500Z"
// before "…:43Z". When the two orders disagree between parts and no part
// shows which one the server uses, the merge refuses (the read goes to the
// chain); a part out of string order shows that the server sorts instants,
// and the merge goes on.
func TestMergeRefusesWhenStringAndInstantOrderDisagree(t *testing.T) {
	for _, sortBy := range []string{"created_date:asc", "created_date:desc"} {
		o, _ := engagementOrder([]string{sortBy})
		order := func(parts [][]Engagement) [][]Engagement {
			if o.fields[0].desc {
				for _, p := range parts {
					slices.Reverse(p)
				}
			}
			return parts
		}
		got, err := o.mergeSorted(order([][]Engagement{
			{partEng("a", "2024-05-01T05:00:42Z", ""), partEng("b", "2024-05-01T05:00:43.500Z", "")},
			{partEng("c", "2024-05-01T05:00:43Z", "")},
		}))
		if err == nil || !strings.Contains(err.Error(), "are in sort_by order as instants but not as strings") ||
			!strings.Contains(err.Error(), `"2024-05-01T05:00:43.500Z"`) {
			t.Fatalf("%s: merged %v, err %v; want a refusal", sortBy, partIDs(got), err)
		}

		// "…:42Z" before "…:42.500Z" in one part: that server sorts instants.
		got, err = o.mergeSorted(order([][]Engagement{
			{partEng("a", "2024-05-01T05:00:42Z", ""), partEng("x", "2024-05-01T05:00:42.500Z", ""), partEng("b", "2024-05-01T05:00:43.500Z", "")},
			{partEng("c", "2024-05-01T05:00:43Z", "")},
		}))
		want := []string{"a", "x", "c", "b"}
		if o.fields[0].desc {
			slices.Reverse(want)
		}
		if err != nil || !slices.Equal(partIDs(got), want) {
			t.Fatalf("%s: merged %v, err %v; want %v", sortBy, partIDs(got), err, want)
		}
	}
}

// engagementOrder is the merge order of engagements sorted by sortBy.
func engagementOrder(sortBy []string) (*sortOrder[Engagement], error) {
	fields, err := parseSortOrder(sortBy, engagementDates)
	if err != nil {
		return nil, err
	}
	return &sortOrder[Engagement]{fields: fields, noun: "engagement", id: func(e *Engagement) *string { return e.ID }}, nil
}
