package devrev

import "context"

// countAnswer is what every count endpoint answers (`engagements-count-
// response`, `works-count-response`): a count, and for some whether it was
// capped.
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
