package devrev

import (
	"context"
	"strings"
)

// counting declares a list's count: the endpoint that counts what the
// list's filters select (the same request body without its paging), and
// whether its answer says it was capped (has_more).
type counting struct {
	path    string // "/works.count"
	hasMore bool
}

// name is the count's name in messages: "works.count".
func (k *counting) name() string { return strings.TrimPrefix(k.path, "/") }

// counted declares ep's count.
func (ep *endpoint[R, T]) counted(path string, hasMore bool) *endpoint[R, T] {
	ep.counting = &counting{path: path, hasMore: hasMore}
	return ep
}

// Count is what a count answers: how many objects match, and whether more
// do (HasMore: the count endpoint caps its count, and says so). HasMore is
// false for a count whose endpoint has no has_more, and for a count made
// by listing, which is exact.
type Count struct {
	Count   int64
	HasMore bool
}

// count counts the objects that req's filters select (its paging is not
// sent), by the one rule of every count: nothing, without a request, when
// the filter matches nothing; by listing, as ep.read reads the same
// filters, when req has a date range the client checks itself (the count
// endpoint has no such filter, or DevRev does not apply it for every
// organization: ../shared/devrev-api/SOURCES.md); else in one request,
// whose answer must hold a count that is not negative.
func (ep *endpoint[R, T]) count(ctx context.Context, c *Client, req R) (Count, error) {
	pg := ep.paging(&req)
	*pg.sortBy, *pg.mode, *pg.cursor, *pg.limit = nil, "", "", 0
	switch {
	case req.MatchesNothing():
		return Count{}, nil
	case ep.hasDateRange(&req):
		n, err := countListed(ctx, c, func(ctx context.Context) (*Window[T], error) {
			return ep.read(ctx, c, req, ListOptions{})
		})
		return Count{Count: n}, err
	}
	resp, err := c.count(ctx, ep.counting.path, &req)
	if err != nil {
		return Count{}, err
	}
	// has_more is required by the spec where it is declared; a server
	// that leaves it out has not said the count was capped.
	return Count{Count: resp.Count, HasMore: ep.counting.hasMore && resp.HasMore != nil && *resp.HasMore}, nil
}

// countAnswer is what every count endpoint answers (the spec's
// `*-count-response`): a count, and for some whether it was capped.
type countAnswer struct {
	Count   int64
	HasMore *bool
}

// count sends one count request and checks its answer: a count that is
// present and not negative.
func (c *Client) count(ctx context.Context, path string, filter any) (*countAnswer, error) {
	a, err := c.post(ctx, path, filter)
	if err != nil {
		return nil, err
	}
	var resp struct {
		Count   *int64 `json:"count"`
		HasMore *bool  `json:"has_more"`
	}
	if err := a.decode(&resp); err != nil {
		return nil, err
	}
	if resp.Count == nil {
		return nil, a.fail("without its \"count\"")
	}
	if *resp.Count < 0 {
		return nil, a.fail("with a negative count (%d), which cannot be right", *resp.Count)
	}
	return &countAnswer{Count: *resp.Count, HasMore: resp.HasMore}, nil
}

// countListed is a count made by listing (a count with a date range, which
// the provider checks itself): how many objects list keeps. Past a bound,
// its errors advise what fits a count, which has no limit or cursor to read
// in windows with.
func countListed[T any](ctx context.Context, c *Client, list func(context.Context) (*Window[T], error)) (int64, error) {
	ctx, read := c.StartRead(ctx)
	defer read.End()
	if t := tallyFrom(ctx); t != nil {
		t.counting = true // before the read starts: nothing else uses t yet
	}
	w, err := list(ctx)
	if err != nil {
		return 0, err
	}
	return int64(len(w.Items)), nil
}
