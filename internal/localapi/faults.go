package localapi

import (
	"fmt"
	"time"
)

// FaultKind selects what an injected fault does to a matching request.
type FaultKind int

const (
	// RateLimited answers 429 {"type":"too_many_requests",...} with the
	// Retry-After header from Fault.RetryAfter and the retry_after body field
	// from Fault.RetryAfterBody (each omitted when unset).
	RateLimited FaultKind = iota
	// InternalError answers 500 {"type":"internal_error",...,"reference_id":...}.
	InternalError
	// Unavailable answers 503 {"type":"service_unavailable",...}, with
	// Retry-After when Fault.RetryAfter is set.
	Unavailable
	// BadGatewayHTML answers 502 with an HTML body (Content-Type text/html),
	// as a reverse proxy would.
	BadGatewayHTML
	// Slow delays the otherwise normal response by Fault.Delay. If the
	// request context ends first, nothing is written.
	Slow
	// ShortPages makes list pages hold at most half the requested limit (at
	// least 1); cursors are computed from the short page as usual.
	ShortPages
	// EmptyPages makes list pages empty while next_cursor (mode after) or
	// prev_cursor (mode before) points at the unchanged position, present
	// whenever matching items remain in that direction. Each such cursor is
	// a new string (as from an API that scanned past filtered-out rows), so
	// a client's loop guard does not mistake it for a repeat; following it
	// progresses on the next unaffected request. With Times == 0 every
	// request is affected and a client without a cap never finishes.
	EmptyPages
	// RepeatingCursor makes every list response carry the same cursor: the
	// request's own cursor echoed back, or on a request without a cursor the
	// position just past the page. It is next_cursor in mode after and
	// prev_cursor in mode before, and is present even at the end of the
	// data, so a client must detect the loop.
	RepeatingCursor
	// OverDeliver makes list pages ignore the requested limit and hold up
	// to 100 items, with cursors computed from the page as sent: a server
	// that answers more than it was asked.
	OverDeliver
)

func (k FaultKind) String() string {
	switch k {
	case RateLimited:
		return "RateLimited"
	case InternalError:
		return "InternalError"
	case Unavailable:
		return "Unavailable"
	case BadGatewayHTML:
		return "BadGatewayHTML"
	case Slow:
		return "Slow"
	case ShortPages:
		return "ShortPages"
	case EmptyPages:
		return "EmptyPages"
	case RepeatingCursor:
		return "RepeatingCursor"
	case OverDeliver:
		return "OverDeliver"
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// Fault injects a failure into matching requests. Each fault counts the
// requests whose path matches Path (every request that reaches the faults,
// authenticated or not: not those Options.Intercept answered or
// Options.RateLimit refused); it affects requests number After+1 through
// After+Times of those (all from After+1 on when Times is 0).
//
// "The 3rd list request gets a 429 with Retry-After: 1, then everything is
// normal" is:
//
//	Fault{Kind: RateLimited, Path: "/engagements.list", After: 2, Times: 1, RetryAfter: "1"}
//
// Error faults (RateLimited, InternalError, Unavailable, BadGatewayHTML) are
// answered before routing and authentication, like a gateway would; when
// several affect one request the first in the list wins. Slow delays (which
// add up) come before that, and page faults (ShortPages, EmptyPages,
// RepeatingCursor, OverDeliver; the last affecting one wins) only change
// successful responses of list endpoints. Every fault counts the request even when
// another fault decides the response.
type Fault struct {
	Kind           FaultKind
	Path           string        // "" = any path, else an exact path such as "/engagements.list"
	After          int           // skip this many matching requests first
	Times          int           // how many matching requests it affects; 0 = all from then on
	RetryAfter     string        // Retry-After header for 429/503 ("2" or an HTTP date); "" = none
	RetryAfterBody int           // retry_after body field for 429; 0 = omitted
	Delay          time.Duration // for Slow
}

// faultState pairs a fault with its count of matching requests.
type faultState struct {
	Fault
	seen int
}

// effects is what the active faults do to one request.
type effects struct {
	fail  *Fault // first error fault, if any
	delay time.Duration
	page  pageFault
}

// SetFaults replaces the faults; the counters of the new faults start at
// zero. It is safe to call while requests are being served.
func (s *Server) SetFaults(f []Fault) {
	states := make([]faultState, len(f))
	for i := range f {
		states[i] = faultState{Fault: f[i]}
	}
	s.faultMu.Lock()
	s.faults = states
	s.faultMu.Unlock()
}

// applyFaults counts the request against every fault whose path matches and
// reports what the affected ones do.
func (s *Server) applyFaults(path string) effects {
	var eff effects
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for i := range s.faults {
		f := &s.faults[i]
		if f.Path != "" && f.Path != path {
			continue
		}
		f.seen++
		if f.seen <= f.After || (f.Times > 0 && f.seen > f.After+f.Times) {
			continue
		}
		switch f.Kind {
		case RateLimited, InternalError, Unavailable, BadGatewayHTML:
			if eff.fail == nil {
				cp := f.Fault
				eff.fail = &cp
			}
		case Slow:
			eff.delay += f.Delay
		case ShortPages:
			eff.page = pageShort
		case EmptyPages:
			eff.page = pageEmpty
		case RepeatingCursor:
			eff.page = pageRepeat
		case OverDeliver:
			eff.page = pageOver
		}
	}
	return eff
}
