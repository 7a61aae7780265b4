package localapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// idsOf returns the "id" of raw objects.
func idsOf(t *testing.T, objs []json.RawMessage) []string {
	t.Helper()
	out := make([]string, len(objs))
	for i, o := range objs {
		var v struct{ ID string }
		if err := json.Unmarshal(o, &v); err != nil {
			t.Fatal(err)
		}
		out[i] = v.ID
	}
	return out
}

func accountIDs(as []Account) []string { return idsBy(as, func(a *Account) string { return a.ID }) }
func devUserIDs(us []DevUser) []string { return idsBy(us, func(u *DevUser) string { return u.ID }) }

func where[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func hasUser(us []*UserSummary, id string) bool {
	return slices.ContainsFunc(us, func(u *UserSummary) bool { return u != nil && (u.ID == id || strings.EqualFold(u.DisplayID, id)) })
}

// Every filter of accounts.list, one at a time and combined: OR within a
// filter, AND across, each checked against an independent predicate, in
// both modes, through POST and GET.
func TestAccountFilters(t *testing.T) {
	s, base := start(t, Options{Seed: 7, Counts: map[string]int{"engagements": 50, "accounts": 200, "dev-users": 20}})
	all := Items[Account](s, "accounts")
	a0, a1 := all[3], all[150]
	mid := all[100].CreatedDate // an exact boundary: inclusive at both ends
	modMid := all[60].ModifiedDate
	cases := []struct {
		name  string
		body  map[string]any
		query string
		want  func(Account) bool
	}{
		{"display_name", map[string]any{"display_name": []string{"Acme Corp", a1.DisplayName}}, "display_name=Acme%20Corp&display_name=" + url.QueryEscape(a1.DisplayName),
			func(a Account) bool { return a.DisplayName == "Acme Corp" || a.DisplayName == a1.DisplayName }},
		{"domains without case", map[string]any{"domains": []string{strings.ToUpper(a0.Domains[0])}}, "domains=" + strings.ToUpper(a0.Domains[0]),
			func(a Account) bool { return slices.Contains(a.Domains, a0.Domains[0]) }},
		{"websites", map[string]any{"websites": []string{a1.Websites[0], "www.nowhere.example"}}, "websites=" + a1.Websites[0] + ",www.nowhere.example",
			func(a Account) bool { return slices.Contains(a.Websites, a1.Websites[0]) }},
		{"external_refs", map[string]any{"external_refs": []string{"crm-4", "crm-151", "billing-7"}}, "external_refs=crm-4,crm-151,billing-7",
			func(a Account) bool {
				return slices.ContainsFunc(a.ExternalRefs, func(r string) bool { return r == "crm-4" || r == "crm-151" || r == "billing-7" })
			}},
		{"owned_by display id", map[string]any{"owned_by": []string{"devu-2"}}, "owned_by=devu-2",
			func(a Account) bool { return hasUser(a.OwnedBy, "DEVU-2") }},
		{"owned_by DON id", map[string]any{"owned_by": []string{"don:identity:dvrv-us-1:devo/0:devu/3"}}, "owned_by=don:identity:dvrv-us-1:devo/0:devu/3",
			func(a Account) bool { return hasUser(a.OwnedBy, "don:identity:dvrv-us-1:devo/0:devu/3") }},
		{"created_by", map[string]any{"created_by": []string{"DEVU-1", "DEVU-4"}}, "created_by=DEVU-1,DEVU-4",
			func(a Account) bool {
				return hasUser([]*UserSummary{a.CreatedBy}, "DEVU-1") || hasUser([]*UserSummary{a.CreatedBy}, "DEVU-4")
			}},
		{"stage", map[string]any{"stage": []string{AccountStages[1]}}, "stage=" + AccountStages[1],
			func(a Account) bool { return a.Stage == AccountStages[1] }},
		{"subtype", map[string]any{"subtype": []string{"partner"}}, "subtype=partner",
			func(a Account) bool { return a.Subtype == "partner" }},
		{"tier", map[string]any{"tier": []string{"smb", "enterprise"}}, "tier=smb,enterprise",
			func(a Account) bool { return a.Tier == "smb" || a.Tier == "enterprise" }},
		{"created after, inclusive", map[string]any{"created_date": map[string]string{"after": mid}}, "created_date.after=" + mid,
			func(a Account) bool { return !instant(t, a.CreatedDate).Before(instant(t, mid)) }},
		{"created before, inclusive", map[string]any{"created_date": map[string]string{"before": mid}}, "created_date.before=" + mid,
			func(a Account) bool { return !instant(t, a.CreatedDate).After(instant(t, mid)) }},
		{"modified between, another notation", map[string]any{"modified_date": map[string]string{
			"after": instant(t, modMid).Add(-30 * 24 * time.Hour).Format(time.RFC3339), "before": instant(t, modMid).In(time.FixedZone("", 3600)).Format(time.RFC3339Nano)}}, "",
			func(a Account) bool {
				m := instant(t, a.ModifiedDate)
				return !m.Before(instant(t, modMid).Add(-30*24*time.Hour)) && !m.After(instant(t, modMid))
			}},
		{"and across filters", map[string]any{"tier": []string{"smb", "mid_market"}, "owned_by": []string{"DEVU-1", "DEVU-5"}, "created_date": map[string]string{"after": mid}},
			"tier=smb,mid_market&owned_by=DEVU-1,DEVU-5&created_date.after=" + mid,
			func(a Account) bool {
				return (a.Tier == "smb" || a.Tier == "mid_market") && (hasUser(a.OwnedBy, "DEVU-1") || hasUser(a.OwnedBy, "DEVU-5")) &&
					!instant(t, a.CreatedDate).Before(instant(t, mid))
			}},
		{"nothing matches", map[string]any{"display_name": []string{"acme corp"}}, "display_name=acme%20corp", func(Account) bool { return false }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := accountIDs(where(all, c.want))
			if c.name != "nothing matches" && (len(want) == 0 || len(want) == len(all)) {
				t.Fatalf("the filter selects %d of %d: not a useful case", len(want), len(all))
			}
			for _, before := range []bool{false, true} {
				if got := idsOf(t, readAll(t, base, "/accounts.list", "accounts", c.body, before)); !slices.Equal(got, want) {
					t.Errorf("before=%v: got %d accounts, want %d", before, len(got), len(want))
				}
			}
			if c.query != "" {
				var page struct{ Accounts []json.RawMessage }
				r := get(t, base, "/accounts.list?limit=100&"+c.query)
				if err := json.Unmarshal(r.body, &page); err != nil || r.status != 200 {
					t.Fatalf("GET: %d %s", r.status, r.body)
				}
				if got := idsOf(t, page.Accounts); !slices.Equal(got, want[:min(100, len(want))]) {
					t.Errorf("GET: got %d accounts, want %d", len(got), len(want))
				}
			}
		})
	}
}

func TestDevUserFilters(t *testing.T) {
	s, base := start(t, Options{Seed: 3, Counts: map[string]int{"engagements": 10, "dev-users": 120}})
	all := Items[DevUser](s, "dev-users")
	u := all[40+slices.IndexFunc(all[40:], func(u DevUser) bool { return u.State == "active" })]
	cases := []struct {
		name  string
		body  map[string]any
		query string
		want  func(DevUser) bool
	}{
		{"email without case", map[string]any{"email": []string{strings.ToUpper(u.Email), "priya.raman@example-devorg.com"}},
			"email=" + url.QueryEscape(strings.ToUpper(u.Email)) + ",priya.raman@example-devorg.com",
			func(d DevUser) bool { return d.Email == u.Email || d.DisplayID == "DEVU-1" }},
		{"state", map[string]any{"state": []string{"deactivated", "locked"}}, "state=deactivated&state=locked",
			func(d DevUser) bool { return d.State == "deactivated" || d.State == "locked" }},
		{"state and email", map[string]any{"state": []string{"active"}, "email": []string{u.Email, "li.wei@example-devorg.com"}},
			"state=active&email=" + url.QueryEscape(u.Email) + ",li.wei@example-devorg.com",
			func(d DevUser) bool {
				return d.State == "active" && (d.Email == u.Email || d.Email == "li.wei@example-devorg.com")
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := devUserIDs(where(all, c.want))
			if len(want) == 0 || len(want) == len(all) {
				t.Fatalf("the filter selects %d of %d: not a useful case", len(want), len(all))
			}
			for _, before := range []bool{false, true} {
				if got := idsOf(t, readAll(t, base, "/dev-users.list", "dev_users", c.body, before)); !slices.Equal(got, want) {
					t.Errorf("before=%v: got %v, want %v", before, got, want)
				}
			}
			var page struct {
				DevUsers []json.RawMessage `json:"dev_users"`
			}
			r := get(t, base, "/dev-users.list?"+c.query)
			if err := json.Unmarshal(r.body, &page); err != nil || r.status != 200 {
				t.Fatalf("GET: %d %s", r.status, r.body)
			}
			if got := idsOf(t, page.DevUsers); !slices.Equal(got, want) {
				t.Errorf("GET: got %v, want %v", got, want)
			}
		})
	}
}

// sort_by on accounts and dev users: each order, both directions, both
// modes, paged with cursors, against an independent sort.
func TestOrgSorts(t *testing.T) {
	s, base := start(t, Options{Seed: 5, Counts: map[string]int{"engagements": 10, "accounts": 90, "dev-users": 60}})
	type row struct{ id, created, modified, name string }
	var accounts, users []row
	for _, a := range Items[Account](s, "accounts") {
		accounts = append(accounts, row{a.ID, a.CreatedDate, a.ModifiedDate, a.DisplayName})
	}
	for _, u := range Items[DevUser](s, "dev-users") {
		users = append(users, row{u.ID, u.CreatedDate, u.ModifiedDate, u.DisplayName})
	}
	value := func(r row, field string) string {
		return map[string]string{"created_date": r.created, "modified_date": r.modified, "display_name": r.name}[field]
	}
	for _, list := range []struct {
		path, key string
		rows      []row
	}{{"/accounts.list", "accounts", accounts}, {"/dev-users.list", "dev_users", users}} {
		for _, sortBy := range [][]string{nil, {"created_date:desc"}, {"modified_date"}, {"display_name:desc"}, {"display_name", "created_date:desc"}} {
			want := idsBy(sortedBy(t, list.rows, func(r row) string { return r.id }, value, sortBy...), func(r *row) string { return r.id })
			for _, before := range []bool{false, true} {
				req := map[string]any{}
				if sortBy != nil {
					req["sort_by"] = sortBy
				}
				if got := idsOf(t, readAll(t, base, list.path, list.key, req, before)); !slices.Equal(got, want) {
					t.Errorf("%s sort_by %v before=%v: order differs", list.path, sortBy, before)
				}
			}
		}
	}
}

// Validation answers 400 with DevRev's error bodies, and unknown ids 404.
func TestOrgValidation(t *testing.T) {
	s, base := start(t, Options{Counts: map[string]int{"engagements": 5, "accounts": 5}})
	engCursor := s.table("engagements").encodeCursor(defaultSort, 1)
	for _, c := range []struct {
		name       string
		r          response
		typ, name2 string
	}{
		{"bad state", post(t, base, "/dev-users.list", map[string]any{"state": []string{"active", "retired"}}), "invalid_enum_value", "state"},
		{"bad state by GET", get(t, base, "/dev-users.list?state=Active"), "invalid_enum_value", "state"},
		{"bad timestamp", post(t, base, "/accounts.list", map[string]any{"created_date": map[string]string{"after": "2024-13-01"}}), "invalid_field", "created_date.after"},
		{"date without zone", post(t, base, "/accounts.list", map[string]any{"modified_date": map[string]string{"before": "2024-01-01T00:00:00"}}), "invalid_field", "modified_date.before"},
		{"bad timestamp by GET", get(t, base, "/accounts.list?created_date.before=yesterday"), "invalid_field", "created_date.before"},
		{"bad sort field", post(t, base, "/accounts.list", map[string]any{"sort_by": []string{"tier"}}), "invalid_field", "sort_by"},
		{"bad sort direction", post(t, base, "/dev-users.list", map[string]any{"sort_by": []string{"display_name:up"}}), "invalid_field", "sort_by"},
		{"bad mode", post(t, base, "/accounts.list", map[string]any{"mode": "sideways"}), "invalid_enum_value", "mode"},
		{"limit 0", post(t, base, "/dev-users.list", map[string]any{"limit": 0}), "invalid_field", "limit"},
		{"limit 101", post(t, base, "/accounts.list", map[string]any{"limit": 101}), "invalid_field", "limit"},
		{"another list's cursor", post(t, base, "/accounts.list", map[string]any{"cursor": engCursor}), "invalid_field", "cursor"},
		{"garbage cursor", post(t, base, "/dev-users.list", map[string]any{"cursor": "nope"}), "invalid_field", "cursor"},
		{"wrong JSON type", post(t, base, "/accounts.list", map[string]any{"tier": "gold"}), "parse_error", ""},
		{"get without id", post(t, base, "/accounts.get", map[string]any{}), "missing_required_field", "id"},
		{"get dev user without id", get(t, base, "/dev-users.get"), "missing_required_field", "id"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := decodeErr(t, c.r, http.StatusBadRequest, c.typ)
			if e.FieldName != c.name2 {
				t.Errorf("field_name = %q, want %q", e.FieldName, c.name2)
			}
			if c.typ == "invalid_enum_value" && (e.Value == nil || len(e.AllowedValues) == 0) {
				t.Errorf("enum error without value or allowed values: %+v", e)
			}
		})
	}
	bad := decodeErr(t, post(t, base, "/dev-users.list", map[string]any{"state": []string{"retired"}}), 400, "invalid_enum_value")
	if !slices.Equal(bad.AllowedValues, userStates()) || *bad.Value != "retired" {
		t.Errorf("state error = %+v, want the user-state enum and the value", bad)
	}
	for path, id := range map[string]string{"/accounts.get": "ACC-6", "/dev-users.get": "DEVU-999"} {
		e := decodeErr(t, post(t, base, path, map[string]string{"id": id}), http.StatusNotFound, "not_found")
		if !strings.Contains(e.Message, id) {
			t.Errorf("%s 404 message %q does not name %s", path, e.Message, id)
		}
	}
}

// Engagements, accounts and dev users are one consistent data set: each
// engagement's parent is an account and each member a dev user (as served
// by their own endpoints, found by either id), account owners and creators
// are dev users, and the summaries say what the objects say.
func TestDataIsConsistent(t *testing.T) {
	s, base := start(t, Options{Seed: 9, Counts: map[string]int{"engagements": 120, "accounts": 30, "dev-users": 25}})
	get1 := func(path, id, key string) map[string]any {
		t.Helper()
		r := post(t, base, path, map[string]string{"id": id})
		if r.status != http.StatusOK {
			t.Fatalf("%s %s: %d %s", path, id, r.status, r.body)
		}
		var m map[string]map[string]any
		_ = json.Unmarshal(r.body, &m)
		return m[key]
	}
	for _, raw := range readAll(t, base, "/engagements.list", "engagements", nil, false) {
		var e struct {
			DisplayID string
			Parent    map[string]string
			Members   []map[string]any
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		if e.Parent == nil || len(e.Members) == 0 {
			t.Fatalf("%s has no parent or members: %s", e.DisplayID, raw)
		}
		acct := get1("/accounts.get", e.Parent["display_id"], "account")
		if acct["id"] != e.Parent["id"] || acct["display_name"] != e.Parent["display_name"] || e.Parent["type"] != "account" {
			t.Errorf("%s: parent %v is not account %v", e.DisplayID, e.Parent, acct)
		}
		for _, m := range e.Members {
			id, _ := m["id"].(string)
			u := get1("/dev-users.get", id, "dev_user")
			if u["display_id"] != m["display_id"] || u["email"] != m["email"] || m["type"] != "dev_user" {
				t.Errorf("%s: member %v is not dev user %v", e.DisplayID, m, u)
			}
		}
	}
	users := devUserIDs(Items[DevUser](s, "dev-users"))
	for _, a := range Items[Account](s, "accounts") {
		for _, u := range append(slices.Clone(a.OwnedBy), a.CreatedBy, a.ModifiedBy) {
			if !slices.Contains(users, u.ID) {
				t.Errorf("%s refers to %s, who is not a dev user", a.DisplayID, u.ID)
			}
		}
	}
	// Stable, readable names: the demo looks ACC-1 up as "Acme Corp".
	if a := Items[Account](s, "accounts"); a[0].DisplayID != "ACC-1" || a[0].DisplayName != "Acme Corp" || a[8].DisplayName == "" {
		t.Errorf("first accounts: %+v / %+v", a[0], a[8])
	}
}

// With BareReferences an engagement's parent and members are DON id
// strings; otherwise summary objects. Both carry the same objects.
func TestReferencesBothForms(t *testing.T) {
	for _, bare := range []bool{false, true} {
		t.Run(fmt.Sprint("bare=", bare), func(t *testing.T) {
			s, base := start(t, Options{Seed: 2, BareReferences: bare, Counts: map[string]int{"engagements": 40}})
			got := readAll(t, base, "/engagements.list", "engagements", nil, false)
			for i, e := range Items[Engagement](s, "engagements") {
				if want := wantEngagement(t, s, e, bare); !sameJSON(t, got[i], want) {
					t.Fatalf("engagement %d:\n got %s\nwant %s", i, got[i], mustJSON(t, want))
				}
			}
		})
	}
}

// Accounts and dev users as served carry only fields the OpenAPI
// description gives `account`, `dev-user` and the summaries inside them.
func TestOrgWireFormatFollowsTheSpec(t *testing.T) {
	_, base := start(t, Options{Seed: 4, Counts: map[string]int{"engagements": 5, "accounts": 60, "dev-users": 40}})
	check := func(schema string, obj json.RawMessage, seen map[string]bool) {
		t.Helper()
		var m map[string]json.RawMessage
		if err := json.Unmarshal(obj, &m); err != nil {
			t.Fatal(err)
		}
		for k := range m {
			seen[schema+"."+k] = true
			if !slices.Contains(SpecFields(schema), k) {
				t.Errorf("%s has field %q, which the spec's %s does not name", obj, k, schema)
			}
		}
	}
	seen := map[string]bool{}
	for _, a := range readAll(t, base, "/accounts.list", "accounts", nil, false) {
		check("account", a, seen)
		var a2 struct {
			CreatedBy json.RawMessage   `json:"created_by"`
			OwnedBy   []json.RawMessage `json:"owned_by"`
			Tags      []json.RawMessage `json:"tags"`
		}
		_ = json.Unmarshal(a, &a2)
		check("user-summary", a2.CreatedBy, seen)
		for _, o := range a2.OwnedBy {
			check("user-summary", o, seen)
		}
		for _, tg := range a2.Tags {
			check("tag-with-value", tg, seen)
			var tv struct{ Tag json.RawMessage }
			_ = json.Unmarshal(tg, &tv)
			check("tag-summary", tv.Tag, seen)
		}
	}
	for _, u := range readAll(t, base, "/dev-users.list", "dev_users", nil, false) {
		check("dev-user", u, seen)
	}
	// Every field the provider shows is served somewhere.
	for _, f := range []string{"account.description", "account.domains", "account.websites", "account.external_refs", "account.tier",
		"account.subtype", "account.tags", "account.owned_by", "account.modified_by", "dev-user.display_picture", "dev-user.full_name",
		"dev-user.state", "dev-user.email", "tag-with-value.value", "tag-summary.name"} {
		if !seen[f] {
			t.Errorf("no object carries %s", f)
		}
	}
}

// Page faults shape every list, not only engagements.
func TestPageFaultsOnEveryList(t *testing.T) {
	for _, list := range []struct{ path, key string }{{"/accounts.list", "accounts"}, {"/dev-users.list", "dev_users"}} {
		for _, kind := range []FaultKind{ShortPages, EmptyPages, OverDeliver, RepeatingCursor} {
			t.Run(list.key+"/"+kind.String(), func(t *testing.T) {
				_, base := start(t, Options{Faults: []Fault{{Kind: kind, Path: list.path, Times: 2}}, Counts: map[string]int{"engagements": 5, "accounts": 150, "dev-users": 150}})
				r := post(t, base, list.path, map[string]any{"limit": 10})
				var page map[string]json.RawMessage
				_ = json.Unmarshal(r.body, &page)
				var items []json.RawMessage
				_ = json.Unmarshal(page[list.key], &items)
				var next string
				_ = json.Unmarshal(page["next_cursor"], &next)
				want := map[FaultKind]int{ShortPages: 5, EmptyPages: 0, OverDeliver: 100, RepeatingCursor: 10}[kind]
				if r.status != 200 || len(items) != want || next == "" {
					t.Fatalf("%d items (want %d), next %q: %d %s", len(items), want, next, r.status, r.body)
				}
				if kind == RepeatingCursor {
					// Following the cursor hands the same one back.
					var again struct {
						Next string `json:"next_cursor"`
					}
					_ = json.Unmarshal(post(t, base, list.path, map[string]any{"limit": 10, "cursor": next}).body, &again)
					if again.Next != next {
						t.Errorf("next_cursor %q after following %q", again.Next, next)
					}
				}
			})
		}
	}
}
