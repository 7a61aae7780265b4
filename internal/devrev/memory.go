package devrev

import (
	"context"
	"fmt"
	"sync/atomic"
)

// The bounds of a read, and of everything the provider holds at once. A
// read gathers every page before the state is written, and the CLI holds
// that state several times over (it encodes it as JSON, and decodes it
// again for the first expression that uses it): the CLI's peak memory is
// many times the size of DevRev's answers (tools/performance.md, "Other
// measurements"). The provider itself holds, for every
// byte of an answer, the answer while it decodes, the decoded objects and
// the state encoded from them; and the CLIs read up to ten data sources at
// once. A broken or hostile server could otherwise make one plan exhaust
// the machine, with a page of millions of tiny items, with pages that never
// end, or with ten reads of large pages side by side. So a read stops with
// an error once what it has gathered, across all its pages (and all the
// parts of a partitioned read), passes MaxReadItems, or once the answers
// every read of the provider holds together would pass MaxReadBytes.
const (
	// MaxReadItems is the most objects one read gathers: twice the
	// largest read the benchmarks make (50,000 engagements).
	MaxReadItems = 100_000
	// MaxReadBytes is the most bytes of DevRev's answers the provider
	// holds at once, across every data source it is reading: an answer's
	// bytes count from the moment they arrive until the read that asked
	// for them has failed or handed its state to the CLI. One read may use
	// all of it.
	MaxReadBytes = 256 << 20
	// MemoryLimit is the provider's soft memory limit (main.go hands it to
	// the Go runtime unless GOMEMLIMIT is set), and the bound on its memory
	// the docs state: the provider holds each byte of an answer at most
	// twice (the decoded objects, then the state written from them, whose
	// items are cleared as they are encoded), and the garbage collector
	// works harder to stay within it instead of letting the heap double.
	MemoryLimit = 2 * MaxReadBytes
)

// ReadTooLargeError says a read passed MaxReadItems, or that the answers
// the provider holds would have passed MaxReadBytes.
type ReadTooLargeError struct {
	What  string // "engagements"
	Items int64  // gathered so far by this read
	Bytes int64  // of answers gathered so far by this read
	// MaxItems is the item bound the read passed; 0 when it was the byte
	// bound.
	MaxItems int64
	// Others is what the provider's other reads held at that moment.
	Others int64
	// Counting is set when the read was a count's (countListed): a count
	// has no limit or cursor to read in windows with.
	Counting bool
}

func (e *ReadTooLargeError) Error() string {
	what := e.What
	if what == "" {
		what = "objects"
	}
	advice := "narrow the filters, or read in windows with limit and cursor"
	if e.Counting {
		advice = "narrow the filters, or count in several narrower ranges (of dates, for instance) and add the totals"
	}
	if e.MaxItems > 0 {
		return fmt.Sprintf("the read stopped after gathering %d %s, past the provider's bound of %d objects for one read: "+
			"its state would put the CLI's memory at risk; %s", e.Items, what, e.MaxItems, advice)
	}
	others := ""
	if e.Others > 0 {
		others = fmt.Sprintf(" (its other reads held %d MiB)", e.Others>>20)
		advice += "; or read fewer large data sources at once (-parallelism=1)"
	}
	return fmt.Sprintf("the read stopped after gathering %d %s in %d MiB of answers: the provider holds at most %d MiB of "+
		"answers at once, across all the data sources it reads%s, so that its memory and the CLI's stay bounded; %s",
		e.Items, what, e.Bytes>>20, MaxReadBytes>>20, others, advice)
}

// heldBytes counts the bytes of answers every read of one Client holds:
// the provider's one byte budget, shared by all its data sources as the
// rate budget is (budget.go).
type heldBytes struct {
	max  int64
	held atomic.Int64
}

func newHeldBytes(limit int64) *heldBytes { return &heldBytes{max: limit} }

// reserve counts n more bytes, unless that would pass the bound; then it
// counts nothing and says how much was held.
func (h *heldBytes) reserve(n int64) (held int64, ok bool) {
	for {
		old := h.held.Load()
		if old+n > h.max {
			return old, false
		}
		if h.held.CompareAndSwap(old, old+n) {
			return old + n, true
		}
	}
}

func (h *heldBytes) release(n int64) { h.held.Add(-n) }

// tally counts what one read has gathered. The read puts one in its
// context (Client.StartRead), so that every chain of a partitioned read,
// and every answer read into memory for it, counts against the same bounds.
// Its bytes are reserved in the client's heldBytes as they arrive, and
// given back when the read ends.
type tally struct {
	items, bytes atomic.Int64
	maxItems     int64
	held         *heldBytes // the client's; nil counts this read's bytes against a bound of its own
	counting     bool       // the read is a count's (count.go)
}

type tallyKey struct{}

func newTally(held *heldBytes) *tally {
	if held == nil {
		held = newHeldBytes(MaxReadBytes)
	}
	return &tally{maxItems: MaxReadItems, held: held}
}

func tallyFrom(ctx context.Context) *tally {
	t, _ := ctx.Value(tallyKey{}).(*tally)
	return t
}

// addItems counts one page's items and fails once the read is past
// MaxReadItems.
func (t *tally) addItems(items int) error {
	if n := t.items.Add(int64(items)); n > t.maxItems {
		return &ReadTooLargeError{Items: n, Bytes: t.bytes.Load(), MaxItems: t.maxItems, Counting: t.counting}
	}
	return nil
}

// addBytes reserves n bytes of an answer as they arrive, and fails when
// the provider's reads would hold more than their bound.
func (t *tally) addBytes(n int) error {
	if n <= 0 {
		return nil
	}
	held, ok := t.held.reserve(int64(n))
	if !ok {
		mine := t.bytes.Load()
		return &ReadTooLargeError{Items: t.items.Load(), Bytes: mine + int64(n), Others: max(held-mine, 0), Counting: t.counting}
	}
	t.bytes.Add(int64(n))
	return nil
}

// release gives back every byte this read holds.
func (t *tally) release() { t.held.release(t.bytes.Swap(0)) }

// adopt makes what sub gathered this read's: its bytes stay held until
// this read ends.
func (t *tally) adopt(sub *tally) {
	t.items.Add(sub.items.Swap(0))
	t.bytes.Add(sub.bytes.Swap(0))
}

// sub is a tally for a part of this read that may be set aside (partition.go):
// it reserves in the same budget, and is released or adopted.
func (t *tally) sub() *tally { return &tally{maxItems: t.maxItems, held: t.held, counting: t.counting} }

// Read is one read of the provider: what it holds of DevRev's answers
// stays counted against MaxReadBytes until End.
type Read struct{ t *tally }

// StartRead begins a read: the client's calls with the context it returns
// count what they gather against the read's bounds, and hold it until
// End. Within a read already started, it returns ctx and a Read whose End
// does nothing (the outer read ends it).
func (c *Client) StartRead(ctx context.Context) (context.Context, *Read) {
	if c == nil || tallyFrom(ctx) != nil { // no client: its calls fail before they read anything
		return ctx, &Read{}
	}
	t := newTally(c.held)
	return context.WithValue(ctx, tallyKey{}, t), &Read{t: t}
}

// Bytes is how many bytes of answers the read holds.
func (r *Read) Bytes() int64 {
	if r.t == nil {
		return 0
	}
	return r.t.bytes.Load()
}

// End gives back what the read holds: call it once its result has been
// handed on.
func (r *Read) End() {
	if r.t != nil {
		r.t.release()
	}
}
