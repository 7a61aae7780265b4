package devrev

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// The order a partitioned read merges by. It must be the order one cursor
// chain returns, element for element, or a partitioned read would not be a
// faithful replacement for the chain:
//
//   - Keys compare as instants, not strings: DevRev sends "…:43Z" and
//     "…:43.500Z" side by side, and "Z" sorts after "." as a string.
//   - An absent or unparsable timestamp sorts before every real one, as if
//     it were the earliest instant (and equal to the other absent ones).
//   - Engagements equal on every key are ordered by id, byte-wise, in the
//     direction of the first key, so that a :desc order is the exact reverse
//     of the :asc one. DevRev does not document a tie order; this is the one
//     the local DevRev API (internal/localapi) implements, and the merge
//     only ever uses it between engagements of different parts: within a
//     part the API's own order is kept.
//   - A field named twice counts once (the second can never break a tie).

// sortField is one key of a sort order.
type sortField struct {
	date func(*Engagement) *string
	desc bool
}

// sortOrder is a parsed sort_by.
type sortOrder []sortField

// sortDates are the fields the merge knows how to compare.
var sortDates = map[string]func(*Engagement) *string{
	"created_date":  func(e *Engagement) *string { return e.CreatedDate },
	"modified_date": func(e *Engagement) *string { return e.ModifiedDate },
}

// parseSortOrder parses sort_by entries such as "created_date:desc" or
// "modified_date" (ascending). It refuses an empty sort_by (the API's
// default order is not documented, so there is nothing to merge by) and any
// field or direction it cannot compare.
func parseSortOrder(sortBy []string) (sortOrder, error) {
	if len(sortBy) == 0 {
		return nil, fmt.Errorf("no sort_by: the order is DevRev's default, which is not documented")
	}
	var order sortOrder
	seen := map[string]bool{}
	for _, entry := range sortBy {
		name, dir, hasDir := strings.Cut(strings.TrimSpace(entry), ":")
		date, ok := sortDates[name]
		if !ok {
			return nil, fmt.Errorf("sort_by %q: only created_date and modified_date can be merged", entry)
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
		order = append(order, sortField{date: date, desc: desc})
	}
	return order, nil
}

// instant is a parsed timestamp; ok is false when it was absent or not
// RFC 3339.
type instant struct {
	t  time.Time
	ok bool
}

func parseSortInstant(s *string) instant {
	if s == nil {
		return instant{}
	}
	t, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		return instant{}
	}
	return instant{t: t, ok: true}
}

func (a instant) compare(b instant) int {
	switch {
	case !a.ok || !b.ok:
		return cmp.Compare(okRank(a.ok), okRank(b.ok))
	default:
		return a.t.Compare(b.t)
	}
}

func okRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sortKeys are one engagement's keys, parsed once.
type sortKeys struct {
	dates []instant
	id    string
}

func (o sortOrder) keys(e *Engagement) sortKeys {
	k := sortKeys{dates: make([]instant, len(o))}
	for i, f := range o {
		k.dates[i] = parseSortInstant(f.date(e))
	}
	if e.ID != nil {
		k.id = *e.ID
	}
	return k
}

// compareDates compares the sort keys alone: 0 means a tie.
func (o sortOrder) compareDates(a, b sortKeys) int {
	for i, f := range o {
		c := a.dates[i].compare(b.dates[i])
		if f.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// compare is the whole order: the keys, then the id.
func (o sortOrder) compare(a, b sortKeys) int {
	if c := o.compareDates(a, b); c != 0 {
		return c
	}
	c := strings.Compare(a.id, b.id)
	if len(o) > 0 && o[0].desc {
		c = -c
	}
	return c
}

// mergeSorted merges parts, each in sort order, into one list in sort order.
// It fails when a part is not in order by the sort keys: the API then sorts
// differently from what this merge assumes, and the caller reads one chain
// instead.
func (o sortOrder) mergeSorted(parts [][]Engagement) ([]Engagement, error) {
	total := 0
	keys := make([][]sortKeys, len(parts))
	for p, items := range parts {
		total += len(items)
		keys[p] = make([]sortKeys, len(items))
		for i := range items {
			keys[p][i] = o.keys(&items[i])
			if i > 0 && o.compareDates(keys[p][i-1], keys[p][i]) > 0 {
				return nil, fmt.Errorf("part %d is not in sort_by order at position %d (id %q after %q)",
					p, i, keys[p][i].id, keys[p][i-1].id)
			}
		}
	}
	out := make([]Engagement, 0, total)
	next := make([]int, len(parts)) // the head of each part
	for len(out) < total {
		best := -1
		for p := range parts {
			if next[p] == len(parts[p]) {
				continue
			}
			if best < 0 || o.compare(keys[p][next[p]], keys[best][next[best]]) < 0 {
				best = p
			}
		}
		out = append(out, parts[best][next[best]])
		next[best]++
	}
	return out, nil
}
