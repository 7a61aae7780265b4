package devrev

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The order a partitioned read merges by. It must be the order one cursor
// chain returns, element for element, or the partitioned read is not used
// (exact, or an error: answer.go):
//
//   - Keys compare as instants, not strings: DevRev sends "…:43Z" and
//     "…:43.500Z" side by side, and "Z" sorts after "." as a string. Every
//     form of RFC 3339 compares as a time (ParseInstant, rfc3339.go): "Z"
//     or "z", any offset, fractional seconds of any length (compared to the
//     nanosecond), a leap second.
//   - An item whose sort key is absent, or not such a timestamp (no
//     zone, an offset without its colon, say), has no known place among the
//     other parts: where a server sorts it (first, last, as the string it
//     is) is not documented. Such an item sends the read to the single
//     chain.
//   - So does a tie on every sort key between items of two parts:
//     DevRev does not document how it orders ties, and only the chain knows.
//     Ties within one part are fine: the part is itself a stretch of the
//     API's order, kept as it came.
//   - Instants are what the spec's date-time means, but a server may as well
//     sort the strings it stores: "…:43.500Z" before "…:43Z". Where the two
//     orders disagree between items of two parts, the merge cannot
//     tell which the chain has, unless a part shows it: a part whose
//     strings are out of order was not sorted as strings. So when every
//     part is in string order too, the merged list must be as well (it then
//     is the chain's order whichever way the server sorts); an item
//     of one part that comes before one of another as an instant but after
//     it as a string sends the read to the single chain.
//   - A field named twice counts once (the second can never break a tie).

// sortField is one key of a sort order.
type sortField[T any] struct {
	name string
	date func(*T) *string
	desc bool
}

// sortOrder is a parsed sort_by, with what names an item in a message.
type sortOrder[T any] struct {
	fields []sortField[T]
	id     func(*T) *string
	noun   string // "engagement"
}

// sortDates are the dates of an object that a merge knows how to compare,
// by the name sort_by gives them: an endpoint's partitioning declares them.
type sortDates[T any] map[string]func(*T) *string

// parseSortOrder parses sort_by entries such as "created_date:desc" or
// "modified_date" (ascending). It refuses an empty sort_by (the API's
// default order is not documented, so there is nothing to merge by) and any
// field or direction it cannot compare: a field not in dates.
func parseSortOrder[T any](sortBy []string, dates sortDates[T]) ([]sortField[T], error) {
	if len(sortBy) == 0 {
		return nil, fmt.Errorf("no sort_by: the order is DevRev's default, which is not documented")
	}
	var order []sortField[T]
	seen := map[string]bool{}
	for _, entry := range sortBy {
		name, dir, hasDir := strings.Cut(strings.TrimSpace(entry), ":")
		date, ok := dates[name]
		if !ok {
			return nil, fmt.Errorf("sort_by %q: only %s can be merged", entry, strings.Join(slices.Sorted(maps.Keys(dates)), " and "))
		}
		desc := false
		switch {
		case !hasDir || dir == "asc":
		case dir == "desc":
			desc = true
		default:
			return nil, fmt.Errorf("sort_by %q: the direction is neither asc nor desc", entry)
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		order = append(order, sortField[T]{name: name, date: date, desc: desc})
	}
	return order, nil
}

// sortKeys are one item's keys, parsed once.
type sortKeys []Instant

// keys parses e's keys; it fails when one is absent or not a timestamp.
func (o *sortOrder[T]) keys(e *T) (sortKeys, error) {
	k := make(sortKeys, len(o.fields))
	for i, f := range o.fields {
		v := f.date(e)
		if v == nil {
			return nil, fmt.Errorf("%s %s has no %s, and where DevRev sorts it among the other parts is not known", o.noun, quoteOrNone(o.id(e)), f.name)
		}
		t, err := ParseInstant(*v)
		if err != nil {
			return nil, fmt.Errorf("%s %s has a %s (%q) that is not an RFC 3339 timestamp (%v)", o.noun, quoteOrNone(o.id(e)), f.name, *v, err)
		}
		k[i] = t
	}
	return k, nil
}

// compareStrings compares two items' keys (present in both) as the
// strings DevRev sent: the order of a server that sorts them as strings.
func (o *sortOrder[T]) compareStrings(a, b *T) int {
	for _, f := range o.fields {
		c := strings.Compare(*f.date(a), *f.date(b))
		if f.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// compare compares two items' keys: 0 is a tie.
func (o *sortOrder[T]) compare(a, b sortKeys) int {
	for i, f := range o.fields {
		c := a[i].Compare(b[i])
		if f.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// mergeSorted merges parts, each in sort order, into one list in sort order.
// It fails, and the caller reads one chain instead, when the merge cannot
// know the chain's order: a key absent or not a timestamp, a part not in
// sort order (the API sorts differently from what the merge assumes), a
// tie between two parts, or items of two parts in one order as
// instants and in the other as strings when no part shows which one the
// server sorts by.
func (o *sortOrder[T]) mergeSorted(parts [][]T) ([]T, error) {
	total := 0
	keys := make([][]sortKeys, len(parts))
	stringsSorted := true // no part shows that the server does not sort strings
	for p, items := range parts {
		total += len(items)
		keys[p] = make([]sortKeys, len(items))
		for i := range items {
			k, err := o.keys(&items[i])
			if err != nil {
				return nil, err
			}
			keys[p][i] = k
			if i > 0 && o.compare(keys[p][i-1], k) > 0 {
				return nil, fmt.Errorf("part %d is not in sort_by order at position %d (id %s after %s)",
					p, i, quoteOrNone(o.id(&items[i])), quoteOrNone(o.id(&items[i-1])))
			}
			if i > 0 && stringsSorted && o.compareStrings(&items[i-1], &items[i]) > 0 {
				stringsSorted = false
			}
		}
	}
	out := make([]T, 0, total)
	next := make([]int, len(parts)) // the head of each part
	for len(out) < total {
		best := -1
		for p := range parts {
			if next[p] == len(parts[p]) {
				continue
			}
			if best < 0 {
				best = p
				continue
			}
			switch c := o.compare(keys[p][next[p]], keys[best][next[best]]); {
			case c < 0:
				best = p
			case c == 0:
				// The first of two tied items of different parts to
				// be emitted meets the other (or an earlier tie of its
				// part) as a head here, so every such tie is seen.
				return nil, fmt.Errorf("%ss %s and %s of two parts tie on every sort_by key, and DevRev does not document "+
					"how it orders ties", o.noun, quoteOrNone(o.id(&parts[best][next[best]])), quoteOrNone(o.id(&parts[p][next[p]])))
			}
		}
		out = append(out, parts[best][next[best]])
		next[best]++
	}
	if stringsSorted {
		// Adjacent items of one part are in string order, so a pair
		// out of string order is of two parts; none means the whole list is
		// in string order.
		for i := 1; i < len(out); i++ {
			if o.compareStrings(&out[i-1], &out[i]) > 0 {
				return nil, fmt.Errorf("%ss %s and %s of two parts are in sort_by order as instants but not as strings "+
					"(%s), and no part shows whether DevRev sorts by one or the other",
					o.noun, quoteOrNone(o.id(&out[i-1])), quoteOrNone(o.id(&out[i])), o.describeKeys(&out[i-1], &out[i]))
			}
		}
	}
	return out, nil
}

// describeKeys quotes the keys of two items, for a message.
func (o *sortOrder[T]) describeKeys(a, b *T) string {
	var parts []string
	for _, f := range o.fields {
		parts = append(parts, fmt.Sprintf("%s %q and %q", f.name, *f.date(a), *f.date(b)))
	}
	return strings.Join(parts, ", ")
}
