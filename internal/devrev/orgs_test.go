package devrev

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// checkBodyFields fails unless every request body s received for path
// holds only fields the spec's schema names, and nested date-time filters
// only theirs; it returns the fields seen.
func checkBodyFields(t *testing.T, s *localapi.Server, path, schema string) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	n := 0
	for _, r := range s.Requests() {
		if r.Path != path {
			continue
		}
		n++
		var body map[string]json.RawMessage
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("%s body %s: %v", path, r.Body, err)
		}
		for k, v := range body {
			seen[k] = true
			if !slices.Contains(localapi.SpecFields(schema), k) {
				t.Errorf("%s sent %q, which the spec's %s does not name: %s", path, k, schema, r.Body)
			}
			if k == "created_date" || k == "modified_date" {
				var dt map[string]any
				_ = json.Unmarshal(v, &dt)
				for dk := range dt {
					if !slices.Contains(localapi.SpecFields("date-time-filter"), dk) {
						t.Errorf("%s.%s has %q, which date-time-filter does not name", path, k, dk)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatalf("no request to %s", path)
	}
	return seen
}

// Every field of the account request types goes out under the name the
// spec gives it, and the filters select what the local API says they do.
func TestListAccountsRequestFollowsTheSpec(t *testing.T) {
	s, c := startLocalAPI(t, localapi.Options{Seed: 3, Counts: map[string]int{"engagements": 5, "accounts": 40, "dev-users": 10}})
	all := localapi.Items[localapi.Account](s, "accounts")
	full := ListAccountsRequest{
		AccountFilter: AccountFilter{
			CreatedBy: []string{"DEVU-1"}, DisplayName: []string{all[2].DisplayName}, Domains: []string{all[2].Domains[0]},
			ExternalRefs: []string{"crm-3"}, OwnedBy: []string{"DEVU-2"}, Stage: []string{localapi.AccountStages[0]},
			Subtype: []string{"partner"}, Tier: []string{"smb"}, Websites: []string{all[2].Websites[0]},
			CreatedDate:  &DateTimeFilter{After: "2020-01-01T00:00:00Z", Before: "2030-01-01T00:00:00.000Z"},
			ModifiedDate: &DateTimeFilter{After: "2020-01-01T00:00:00Z"},
		},
		Paging: Paging{SortBy: []string{"display_name:desc"}, Mode: ModeAfter},
	}
	if _, err := c.ListAccounts(context.Background(), full, ListOptions{PageSize: 5}); err != nil {
		t.Fatalf("ListAccounts: %v", err)
	}
	seen := checkBodyFields(t, s, "/accounts.list", "accounts-list-request")
	for _, f := range []string{"created_by", "display_name", "domains", "external_refs", "owned_by", "stage", "subtype", "tier",
		"websites", "created_date", "modified_date", "sort_by", "mode", "limit"} {
		if !seen[f] {
			t.Errorf("no request carried %s", f)
		}
	}
	var date map[string]string
	for _, r := range s.Requests() {
		var body struct {
			ModifiedDate map[string]string `json:"modified_date"`
		}
		_ = json.Unmarshal(r.Body, &body)
		date = body.ModifiedDate
	}
	if len(date) != 1 || date["after"] != "2020-01-01T00:00:00Z" {
		t.Errorf("modified_date sent as %v, want only after", date)
	}
}

func TestListDevUsersRequestFollowsTheSpec(t *testing.T) {
	s, c := startLocalAPI(t, localapi.Options{Counts: map[string]int{"engagements": 5, "dev-users": 30}})
	req := ListDevUsersRequest{
		DevUserFilter: DevUserFilter{Email: []string{"priya.raman@example-devorg.com"}, State: []string{"active", "locked"}},
		Paging:        Paging{SortBy: []string{"created_date:desc"}, Mode: ModeBefore, Cursor: ""},
	}
	w, err := c.ListDevUsers(context.Background(), req, ListOptions{})
	if err != nil {
		t.Fatalf("ListDevUsers: %v", err)
	}
	if len(w.Items) != 1 || strOrNil(w.Items[0].DisplayID) != "DEVU-1" {
		t.Errorf("dev users = %v", devUserDisplayIDs(w.Items))
	}
	seen := checkBodyFields(t, s, "/dev-users.list", "dev-users-list-request")
	for _, f := range []string{"email", "state", "sort_by", "mode", "limit"} {
		if !seen[f] {
			t.Errorf("no request carried %s", f)
		}
	}
	if _, err := c.GetDevUser(context.Background(), "devu-3"); err != nil {
		t.Fatalf("GetDevUser: %v", err)
	}
	if _, err := c.GetAccount(context.Background(), "acc-1"); err != nil {
		t.Fatalf("GetAccount: %v", err)
	}
	checkBodyFields(t, s, "/dev-users.get", "dev-users-get-request")
	checkBodyFields(t, s, "/accounts.get", "accounts-get-request")
}

func devUserDisplayIDs(us []DevUser) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = strOrNil(u.DisplayID)
	}
	return out
}

// Accounts read through the engine in both modes and small pages come back
// whole, in order, and decode every field the local API serves.
func TestListAccountsReadsEverything(t *testing.T) {
	s, c := startLocalAPI(t, localapi.Options{Seed: 8, Counts: map[string]int{"engagements": 5, "accounts": 57, "dev-users": 10}})
	want := localapi.Items[localapi.Account](s, "accounts")
	for _, mode := range []string{ModeAfter, ModeBefore} {
		w, err := c.ListAccounts(context.Background(), ListAccountsRequest{Paging: Paging{Mode: mode}}, ListOptions{PageSize: 10})
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if len(w.Items) != len(want) || w.Pages != 6 || w.NextCursor != nil || w.PrevCursor != nil || len(w.Warnings) != 0 {
			t.Fatalf("%s: %d accounts in %d pages, cursors %s %s, warnings %q", mode, len(w.Items), w.Pages,
				strOrNil(w.NextCursor), strOrNil(w.PrevCursor), w.Warnings)
		}
		for i, a := range w.Items {
			if got, exp := accountAsServed(t, a), mustMarshal(t, withoutPictures(want[i])); !jsonEqual(t, got, exp) {
				t.Fatalf("%s: account %d decoded as\n%s\nwant\n%s", mode, i, got, exp)
			}
		}
	}
	// Limit and cursors: a window of 15 from ACC-20 on, and back again.
	w, err := c.ListAccounts(context.Background(), ListAccountsRequest{}, ListOptions{Limit: 19})
	if err != nil || w.NextCursor == nil {
		t.Fatalf("first window: %v", err)
	}
	next, err := c.ListAccounts(context.Background(), ListAccountsRequest{Paging: Paging{Cursor: *w.NextCursor}}, ListOptions{Limit: 15, PageSize: 4})
	if err != nil || len(next.Items) != 15 || strOrNil(next.Items[0].DisplayID) != want[19].DisplayID || next.Pages != 4 {
		t.Fatalf("next window: %v, %d items from %v", err, len(next.Items), next.Items[0].DisplayID)
	}
	back, err := c.ListAccounts(context.Background(), ListAccountsRequest{Paging: Paging{Mode: ModeBefore, Cursor: *next.PrevCursor}}, ListOptions{Limit: 19})
	if err != nil || len(back.Items) != 19 || strOrNil(back.Items[0].DisplayID) != "ACC-1" || back.PrevCursor != nil {
		t.Fatalf("back again: %v, %d items", err, len(back.Items))
	}

	// The names from the demo's lookup.
	acme, err := c.ListAccounts(context.Background(), ListAccountsRequest{AccountFilter: AccountFilter{DisplayName: []string{"Acme Corp"}}}, ListOptions{})
	if err != nil || len(acme.Items) != 1 || strOrNil(acme.Items[0].DisplayID) != "ACC-1" {
		t.Fatalf("Acme Corp: %v %+v", err, acme)
	}
}

// accountAsServed re-encodes a decoded account in the local API's wire
// shape (fields it omits when empty left out), for comparing with what it
// serves.
func accountAsServed(t *testing.T, a Account) []byte {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	dropNulls(m)
	if _, ok := m["owned_by"]; !ok {
		m["owned_by"] = []any{}
	}
	return mustMarshal(t, m)
}

// dropNulls removes null members from JSON objects, recursively.
func dropNulls(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x == nil {
				delete(v, k)
			} else {
				dropNulls(x)
			}
		}
	case []any:
		for _, x := range v {
			dropNulls(x)
		}
	}
}

// withoutPictures is an account as served, less the user summaries'
// display_picture, which UserSummary does not decode.
func withoutPictures(a localapi.Account) localapi.Account {
	strip := func(u *localapi.UserSummary) *localapi.UserSummary {
		if u == nil {
			return nil
		}
		c := *u
		c.DisplayPicture = nil
		return &c
	}
	a.CreatedBy, a.ModifiedBy = strip(a.CreatedBy), strip(a.ModifiedBy)
	owners := make([]*localapi.UserSummary, len(a.OwnedBy))
	for i, u := range a.OwnedBy {
		owners[i] = strip(u)
	}
	if a.OwnedBy != nil {
		a.OwnedBy = owners
	}
	return a
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		t.Fatalf("not JSON: %s / %s", a, b)
	}
	return string(mustMarshal(t, x)) == string(mustMarshal(t, y))
}

// Dev users decode every field, and Get* find objects by either id and
// report an unknown one as the 404 it is.
func TestDevUsersAndGets(t *testing.T) {
	s, c := startLocalAPI(t, localapi.Options{Seed: 2, Counts: map[string]int{"engagements": 5, "accounts": 5, "dev-users": 25}})
	w, err := c.ListDevUsers(context.Background(), ListDevUsersRequest{}, ListOptions{PageSize: 7})
	if err != nil {
		t.Fatalf("ListDevUsers: %v", err)
	}
	want := localapi.Items[localapi.DevUser](s, "dev-users")
	if len(w.Items) != len(want) || w.Pages != 4 {
		t.Fatalf("%d dev users in %d pages", len(w.Items), w.Pages)
	}
	for i, u := range w.Items {
		got := mustMarshal(t, u)
		var m map[string]any
		_ = json.Unmarshal(got, &m)
		dropNulls(m)
		if !jsonEqual(t, mustMarshal(t, m), mustMarshal(t, want[i])) {
			t.Fatalf("dev user %d decoded as %s, want %s", i, mustMarshal(t, m), mustMarshal(t, want[i]))
		}
	}
	ctx := context.Background()
	u, err := c.GetDevUser(ctx, want[4].ID)
	if err != nil || strOrNil(u.Email) != want[4].Email {
		t.Errorf("GetDevUser(DON id) = %+v, %v", u, err)
	}
	a, err := c.GetAccount(ctx, "acc-2")
	if err != nil || strOrNil(a.DisplayName) != "Globex" || len(a.OwnedBy) == 0 {
		t.Errorf("GetAccount(acc-2) = %+v, %v", a, err)
	}
	for name, get := range map[string]func() error{
		"account":  func() error { _, err := c.GetAccount(ctx, "ACC-99"); return err },
		"dev user": func() error { _, err := c.GetDevUser(ctx, "DEVU-99"); return err },
	} {
		var apiErr *APIError
		if err := get(); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || !strings.Contains(err.Error(), "99") {
			t.Errorf("%s not found: %v", name, err)
		}
	}
}

// Engagement parent and members from the local API in both forms it
// serves them: summaries, and bare ids.
func TestEngagementReferencesFromTheLocalAPI(t *testing.T) {
	for _, bare := range []bool{false, true} {
		s, c := startLocalAPI(t, localapi.Options{Seed: 6, BareReferences: bare, Counts: map[string]int{"engagements": 30}})
		w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
		if err != nil {
			t.Fatalf("bare=%v: %v", bare, err)
		}
		accounts, users := localapi.Items[localapi.Account](s, "accounts"), localapi.Items[localapi.DevUser](s, "dev-users")
		for i, e := range localapi.Items[localapi.Engagement](s, "engagements") {
			got := w.Items[i]
			ai := slices.IndexFunc(accounts, func(a localapi.Account) bool { return a.DisplayID == e.Parents[0] })
			p := got.Parent
			if p == nil || strOrNil(p.ID) != accounts[ai].ID {
				t.Fatalf("bare=%v %s: parent %+v, want %s", bare, e.DisplayID, p, accounts[ai].ID)
			}
			if bare != (p.DisplayName == nil && p.Type == nil) || !bare && strOrNil(p.DisplayName) != accounts[ai].DisplayName {
				t.Errorf("bare=%v %s: parent %+v", bare, e.DisplayID, p)
			}
			if len(got.Members) != len(e.Members) {
				t.Fatalf("bare=%v %s: %d members, want %d", bare, e.DisplayID, len(got.Members), len(e.Members))
			}
			for j, m := range got.Members {
				ui := slices.IndexFunc(users, func(u localapi.DevUser) bool { return u.DisplayID == e.Members[j] })
				if strOrNil(m.ID) != users[ui].ID || bare != (m.Email == nil && m.Type == nil) {
					t.Errorf("bare=%v %s: member %d = %+v, want %s", bare, e.DisplayID, j, m, users[ui].ID)
				}
			}
		}
	}
}
