package devrev

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Every read of one client counts against one byte budget: a read that
// would take the answers held past it fails and says that other reads
// held part of it; once they end (their state handed back), the same
// read succeeds, and every byte is given back, a failed read's too.
func TestReadsShareOneByteBudget(t *testing.T) {
	f := newFake(t, 50)
	c, _ := newTestClient(t, f.URL(), nil)
	req, opts := ListEngagementsRequest{}, ListOptions{PageSize: 10}

	ctx, alone := c.StartRead(context.Background())
	if _, err := c.ListEngagements(ctx, req, opts); err != nil {
		t.Fatal(err)
	}
	one := alone.Bytes()
	alone.End()
	if one == 0 {
		t.Fatal("a read held no bytes of its answers")
	}

	c.held = newHeldBytes(one * 3 / 2) // room for one read, not two
	first, read := c.StartRead(context.Background())
	if _, err := c.ListEngagements(first, req, opts); err != nil {
		t.Fatalf("the first read: %v", err)
	}
	_, err := c.ListEngagements(context.Background(), req, opts)
	var tooLarge *ReadTooLargeError
	if !errors.As(err, &tooLarge) || tooLarge.Others == 0 || tooLarge.What != "engagements" ||
		!strings.Contains(err.Error(), "its other reads held") || !strings.Contains(err.Error(), "-parallelism=1") {
		t.Fatalf("a second read while the first holds its answers: err = %v; want a *ReadTooLargeError naming the other reads", err)
	}
	if held := c.held.held.Load(); held != one {
		t.Errorf("after the failed read the client holds %d bytes, want the first read's %d", held, one)
	}
	read.End()
	if _, err := c.ListEngagements(context.Background(), req, opts); err != nil {
		t.Fatalf("the second read once the first ended: %v", err)
	}
	if held := c.held.held.Load(); held != 0 {
		t.Errorf("after every read ended the client holds %d bytes, want 0", held)
	}
}

// An answer counts as it arrives: a body larger than the budget stops
// being read there, instead of being read whole first.
func TestAnswerCountsAsItArrives(t *testing.T) {
	f := newFake(t, 50)
	c, _ := newTestClient(t, f.URL(), nil)
	c.held = newHeldBytes(1000)
	_, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	var tooLarge *ReadTooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("err = %v; want a *ReadTooLargeError", err)
	}
	if tooLarge.Items != 0 {
		t.Errorf("the read decoded %d engagements before it stopped; want none (the first answer alone passes the budget)", tooLarge.Items)
	}
	if held := c.held.held.Load(); held != 0 {
		t.Errorf("after the read failed the client holds %d bytes, want 0", held)
	}
}

// A count made by listing has no limit or cursor: past the item bound its
// advice is to count in narrower ranges.
func TestCountByListingAdvice(t *testing.T) {
	f := newFake(t, 3)
	c, _ := newTestClient(t, f.URL(), nil)
	bounded := func() context.Context { // a read bounded at 5 items
		return context.WithValue(context.Background(), tallyKey{}, &tally{maxItems: 5, held: c.held})
	}
	filter := WorkFilter{CreatedDate: Range(&DateTimeFilter{After: "2000-01-01T00:00:00Z"})}
	_, err := c.CountWorks(bounded(), filter)
	var tooLarge *ReadTooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("err = %v; want a *ReadTooLargeError", err)
	}
	if msg := err.Error(); strings.Contains(msg, "limit and cursor") || !strings.Contains(msg, "count in several narrower ranges") {
		t.Errorf("a count's advice: %s", msg)
	}
	// A list's advice stays the list's.
	_, err = c.ListWorks(bounded(), ListWorksRequest{WorkFilter: filter}, ListOptions{})
	if err == nil || !strings.Contains(err.Error(), "read in windows with limit and cursor") {
		t.Errorf("a list's advice: %v", err)
	}
}
