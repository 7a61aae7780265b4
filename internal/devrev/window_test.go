package devrev

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// A server that answers every list request with an empty page and a fresh
// cursor must not keep a read going: after MaxEmptyPages pages in a row the
// read fails, saying so, in both modes and with or without a limit.
func TestEndlessEmptyPagesAreBounded(t *testing.T) {
	for _, mode := range []string{ModeAfter, ModeBefore} {
		for _, limit := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/limit %d", mode, limit), func(t *testing.T) {
				f := newFake(t, 1000)
				f.faults(localapi.Fault{Kind: localapi.EmptyPages}) // every page empty, each with a fresh cursor
				c, _ := newTestClient(t, f.URL(), nil)
				_, err := c.ListEngagements(context.Background(), ListEngagementsRequest{Paging: Paging{Mode: mode}}, ListOptions{Limit: limit})
				var empty *EmptyPagesError
				if !errors.As(err, &empty) {
					t.Fatalf("err = %v, want *EmptyPagesError", err)
				}
				if f.count() != MaxEmptyPages {
					t.Errorf("requests = %d, want %d", f.count(), MaxEmptyPages)
				}
				want := fmt.Sprintf("DevRev returned %d empty pages of engagements in a row (pages 1 to %d)", MaxEmptyPages, MaxEmptyPages)
				if !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "narrow the filters") {
					t.Errorf("error %q does not start with %q and say what to do", err, want)
				}
			})
		}
	}
}

// Empty pages are counted in a row: a page with items starts the count
// again, so a read that meets fewer than MaxEmptyPages at a time finishes.
func TestEmptyPagesBelowTheBoundAreFollowed(t *testing.T) {
	f := newFake(t, 30)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) bool {
		// Requests 1..9 are empty, 10 holds ENG-0..9, 11..19 empty, 20
		// holds ENG-10..19, and so on: 9 empty pages before each full one.
		block := (n - 1) / MaxEmptyPages
		body := map[string]any{"engagements": []any{}}
		if n%MaxEmptyPages == 0 {
			items := []any{}
			for i := 10 * block; i < 10*block+10; i++ {
				items = append(items, fakeEngagement(i))
			}
			body["engagements"] = items
		}
		if n < 3*MaxEmptyPages {
			body["next_cursor"] = fmt.Sprintf("c-%d", n)
		}
		writeJSON(w, http.StatusOK, body)
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(0, 30); !slices.Equal(got, want) {
		t.Errorf("engagements: %s", firstDiff(got, want))
	}
	if w.Pages != 3*MaxEmptyPages {
		t.Errorf("Pages = %d, want %d", w.Pages, 3*MaxEmptyPages)
	}
}

// A cursor of "" cannot be followed: it ends the read and is stored as nil,
// so that `next_cursor == null` means "nothing further" as documented.
func TestEmptyStringCursorIsNil(t *testing.T) {
	for _, mode := range []string{ModeAfter, ModeBefore} {
		t.Run(mode, func(t *testing.T) {
			f := newFake(t, 0)
			f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
				writeJSON(w, http.StatusOK, map[string]any{
					"engagements": []any{fakeEngagement(0), fakeEngagement(1)},
					"next_cursor": "", "prev_cursor": "",
				})
				return true
			}
			c, _ := newTestClient(t, f.URL(), nil)
			w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{Paging: Paging{Mode: mode}}, ListOptions{})
			if err != nil {
				t.Fatalf("ListEngagements: %v", err)
			}
			if w.NextCursor != nil || w.PrevCursor != nil {
				t.Errorf("cursors next %q prev %q, want both nil", strOrNil(w.NextCursor), strOrNil(w.PrevCursor))
			}
			if f.count() != 1 || len(w.Items) != 2 {
				t.Errorf("requests %d items %d, want 1 2", f.count(), len(w.Items))
			}
		})
	}
}

// A server that sends more than the limit asked for: the window keeps the
// items nearest the starting point, drops the far cursor (it points past
// items that were dropped) and says so in a warning.
func TestOverDeliveryIsCutWithAWarning(t *testing.T) {
	f := newFake(t, 1000)
	f.faults(localapi.Fault{Kind: localapi.OverDeliver}) // pages of 100, whatever the limit
	c, _ := newTestClient(t, f.URL(), nil)
	ctx := context.Background()

	w, err := c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Cursor: f.cursor("c100")}}, ListOptions{Limit: 30})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(100, 130); !slices.Equal(got, want) {
		t.Errorf("after: %s", firstDiff(got, want))
	}
	if w.NextCursor != nil || f.name(w.PrevCursor) != "c100" {
		t.Errorf("after: next %s prev %s, want <nil> c100", f.name(w.NextCursor), f.name(w.PrevCursor))
	}
	want := "DevRev returned 100 engagements where this read asked for at most 30 (its limit): the 30 nearest the starting point are kept " +
		"and the other 70 dropped, and so is next_cursor, which pointed past them"
	if len(w.Warnings) != 1 || !strings.HasPrefix(w.Warnings[0], want) {
		t.Errorf("warnings = %q, want one starting %q", w.Warnings, want)
	}

	w, err = c.ListEngagements(ctx, ListEngagementsRequest{Paging: Paging{Mode: ModeBefore, Cursor: f.cursor("c500")}}, ListOptions{Limit: 30})
	if err != nil {
		t.Fatalf("ListEngagements before: %v", err)
	}
	if got, want := displayIDs(w.Items), idRange(470, 500); !slices.Equal(got, want) {
		t.Errorf("before: %s", firstDiff(got, want))
	}
	if w.PrevCursor != nil || f.name(w.NextCursor) != "c500" {
		t.Errorf("before: next %s prev %s, want c500 <nil>", f.name(w.NextCursor), f.name(w.PrevCursor))
	}
	if len(w.Warnings) != 1 || !strings.Contains(w.Warnings[0], "so is prev_cursor") {
		t.Errorf("before: warnings = %q, want one naming prev_cursor", w.Warnings)
	}

	if got := f.limits(); !slices.Equal(got, []int{30, 30}) {
		t.Errorf("limits = %v, want [30 30]", got)
	}

	// Exactly the limit is no finding.
	f.faults()
	if w, err = c.ListEngagements(ctx, ListEngagementsRequest{}, ListOptions{Limit: 30}); err != nil || len(w.Warnings) != 0 {
		t.Errorf("a read of exactly its limit: err %v warnings %q", err, w.Warnings)
	}
}

// The same id on two pages is listed once, where it first appears in sort
// order, and reported as a warning naming the id and both pages.
func TestRepeatedIDsAreDroppedWithAWarning(t *testing.T) {
	for _, mode := range []string{ModeAfter, ModeBefore} {
		t.Run(mode, func(t *testing.T) {
			f := newFake(t, 0)
			// Three pages (in sort order): ENG-0..4, ENG-3..7, ENG-7..9.
			sorted := [][2]int{{0, 5}, {3, 8}, {7, 10}}
			f.intercept = func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) bool {
				k := n - 1
				if mode == ModeBefore {
					k = len(sorted) - n
				}
				items := []any{}
				for i := sorted[k][0]; i < sorted[k][1]; i++ {
					items = append(items, fakeEngagement(i))
				}
				body := map[string]any{"engagements": items}
				if n < len(sorted) {
					body["next_cursor"], body["prev_cursor"] = fmt.Sprintf("c-%d", n), fmt.Sprintf("c-%d", n)
				}
				writeJSON(w, http.StatusOK, body)
				return true
			}
			c, _ := newTestClient(t, f.URL(), nil)
			w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{Paging: Paging{Mode: mode}}, ListOptions{})
			if err != nil {
				t.Fatalf("ListEngagements: %v", err)
			}
			if got, want := displayIDs(w.Items), idRange(0, 10); !slices.Equal(got, want) {
				t.Errorf("engagements: %s", firstDiff(got, want))
			}
			if len(w.Warnings) != 1 {
				t.Fatalf("warnings = %q, want one", w.Warnings)
			}
			pages := [3]int{1, 2, 3} // request numbers of the pages in sort order
			if mode == ModeBefore {
				pages = [3]int{3, 2, 1}
			}
			for _, want := range []string{
				"DevRev returned 3 of these engagements more than once in one read",
				fmt.Sprintf(`"don:core:dvrv-us-1:devo/0:engagement/3" (pages %d and %d)`, min(pages[0], pages[1]), max(pages[0], pages[1])),
				fmt.Sprintf(`"don:core:dvrv-us-1:devo/0:engagement/7" (pages %d and %d)`, min(pages[1], pages[2]), max(pages[1], pages[2])),
				"read again",
			} {
				if !strings.Contains(w.Warnings[0], want) {
					t.Errorf("warning %q does not contain %q", w.Warnings[0], want)
				}
			}
		})
	}
}

// A filter given as an empty set matches nothing: the client returns an
// empty window (or a count of 0) and sends no request at all.
func TestEmptySetSendsNoRequest(t *testing.T) {
	f := newFake(t, 10)
	c, _ := newTestClient(t, f.URL(), nil)
	ctx := context.Background()
	empty := []string{}

	for name, filter := range map[string]EngagementFilter{
		"type": {Type: empty}, "external_ref": {ExternalRef: empty}, "members": {Members: empty},
		"parent": {Parent: empty, Type: []string{"call"}},
	} {
		w, err := c.ListEngagements(ctx, ListEngagementsRequest{EngagementFilter: filter}, ListOptions{})
		if err != nil || w.Items == nil || len(w.Items) != 0 || w.Pages != 0 || w.NextCursor != nil || w.PrevCursor != nil {
			t.Errorf("engagements, empty %s: window %+v, err %v; want an empty window of 0 pages", name, w, err)
		}
		if n, err := c.CountEngagements(ctx, filter); err != nil || n != 0 {
			t.Errorf("count, empty %s: %d, %v", name, n, err)
		}
	}
	for name, filter := range map[string]AccountFilter{
		"created_by": {CreatedBy: empty}, "display_name": {DisplayName: empty}, "domains": {Domains: empty},
		"external_refs": {ExternalRefs: empty}, "owned_by": {OwnedBy: empty}, "stage": {Stage: empty},
		"subtype": {Subtype: empty}, "tier": {Tier: empty}, "websites": {Websites: empty},
	} {
		w, err := c.ListAccounts(ctx, ListAccountsRequest{AccountFilter: filter}, ListOptions{})
		if err != nil || w.Items == nil || len(w.Items) != 0 || w.Pages != 0 {
			t.Errorf("accounts, empty %s: window %+v, err %v", name, w, err)
		}
	}
	for name, filter := range map[string]DevUserFilter{"email": {Email: empty}, "state": {State: empty}} {
		w, err := c.ListDevUsers(ctx, ListDevUsersRequest{DevUserFilter: filter}, ListOptions{})
		if err != nil || w.Items == nil || len(w.Items) != 0 || w.Pages != 0 {
			t.Errorf("dev users, empty %s: window %+v, err %v", name, w, err)
		}
	}
	if f.count() != 0 {
		t.Errorf("%d requests were sent: %q", f.count(), f.bodies())
	}

	// Nil is "not filtered", and date filters are not sets.
	if (AccountFilter{CreatedDate: &DateTimeFilter{}}).MatchesNothing() || (EngagementFilter{}).MatchesNothing() ||
		(DevUserFilter{}).MatchesNothing() || (AccountFilter{}).MatchesNothing() {
		t.Error("a filter without empty sets matches nothing")
	}
}

// A negative count cannot be right.
func TestCountEngagementsRejectsNegative(t *testing.T) {
	f := newFake(t, 0)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		writeJSON(w, http.StatusOK, map[string]any{"count": -1})
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	n, err := c.CountEngagements(context.Background(), EngagementFilter{})
	want := "DevRev answered POST /engagements.count with HTTP 200 but with a negative count (-1)"
	if err == nil || !strings.HasPrefix(err.Error(), want) || n != 0 {
		t.Errorf("CountEngagements = %d, %v; want 0 and an error starting %q", n, err, want)
	}
}

// Every Get* must answer with the object asked for: its id, or its display
// id in any case. Another object is an error that says which came back.
func TestGetRejectsAnotherObject(t *testing.T) {
	type getter func(c *Client, id string) error
	kinds := []struct {
		name, key string
		get       getter
	}{
		{"engagement", "engagement", func(c *Client, id string) error { _, err := c.GetEngagement(context.Background(), id); return err }},
		{"account", "account", func(c *Client, id string) error { _, err := c.GetAccount(context.Background(), id); return err }},
		{"dev user", "dev_user", func(c *Client, id string) error { _, err := c.GetDevUser(context.Background(), id); return err }},
	}
	answer := map[string]any{"id": "don:core:dvrv-us-1:devo/0:thing/7", "display_id": "THING-7"}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			f := newFake(t, 0)
			f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
				writeJSON(w, http.StatusOK, map[string]any{k.key: answer})
				return true
			}
			c, _ := newTestClient(t, f.URL(), nil)
			for _, id := range []string{"THING-7", "thing-7", " THING-7 ", "don:core:dvrv-us-1:devo/0:thing/7"} {
				if err := k.get(c, id); err != nil {
					t.Errorf("Get(%q) of the object asked for: %v", id, err)
				}
			}
			err := k.get(c, "THING-8")
			path := "/" + strings.ReplaceAll(k.key, "_", "-") + "s.get"
			want := fmt.Sprintf(`DevRev answered POST %s for "THING-8" with another %s (id "don:core:dvrv-us-1:devo/0:thing/7", display id "THING-7")`, path, k.name)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error = %v\nwant one starting %s", err, want)
			}
			// A DON id is case-sensitive.
			if err := k.get(c, "DON:core:dvrv-us-1:devo/0:thing/7"); err == nil {
				t.Error("a DON id in another case was accepted")
			}
			// An answer without any id cannot be checked.
			f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
				writeJSON(w, http.StatusOK, map[string]any{k.key: map[string]any{"display_name": "x"}})
				return true
			}
			if err := k.get(c, "THING-7"); err == nil || !strings.Contains(err.Error(), `for "THING-7" that has no id`) {
				t.Errorf("an answer without ids: %v", err)
			}
		})
	}
}
