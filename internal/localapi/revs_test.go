package localapi

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Rev orgs come from the accounts: each account has its own rev org
// (REV-<n>, the one its tickets name) whose account is that account, the
// default adds workspaces for every fourth account, and every rev user and
// every ticket names a served rev org. The engagements' customer members
// (the seed pool's rev users) are rev users with the same names.
func TestRevOrgsAndUsersDeriveFromTheAccounts(t *testing.T) {
	s := New(Options{Seed: 7})
	accounts, orgs, users := Items[Account](s, "accounts"), Items[RevOrg](s, "rev-orgs"), Items[RevUser](s, "rev-users")
	if want := len(accounts) + (len(accounts)+3)/4; len(orgs) != want || len(users) != defaultRevUsers {
		t.Fatalf("%d accounts: %d rev orgs (want %d), %d rev users (want %d)", len(accounts), len(orgs), want, len(users), defaultRevUsers)
	}
	byID := map[string]RevOrg{}
	perAccount := map[string]int{}
	for _, o := range orgs {
		byID[o.ID] = o
		if o.Account == nil || o.Account.Type != "account" {
			t.Fatalf("%s has no account: %+v", o.DisplayID, o.Account)
		}
		perAccount[o.Account.DisplayID]++
	}
	for _, a := range accounts {
		own, ok := byID[revOrg(&a).ID]
		if !ok || own.Account.ID != a.ID || own.DisplayName != a.DisplayName || own.CreatedDate != a.CreatedDate {
			t.Errorf("%s (%s): own rev org %+v", a.DisplayID, a.DisplayName, own)
		}
	}
	if perAccount["ACC-1"] != 2 || perAccount["ACC-3"] != 1 {
		t.Errorf("rev orgs per account: %v; want two for ACC-1 (a workspace), one for ACC-3", perAccount)
	}
	for _, w := range Items[Work](s, "works") {
		if w.RevOrg != nil {
			if o, ok := byID[w.RevOrg.ID]; !ok || *o.Summary() != *w.RevOrg {
				t.Errorf("%s names rev org %+v, served as %+v", w.DisplayID, w.RevOrg, o.Summary())
			}
		}
	}
	seen := map[string]bool{}
	for _, u := range users {
		if u.RevOrg == nil {
			if u.DisplayID != "REVU-5" {
				t.Errorf("%s belongs to no rev org", u.DisplayID)
			}
			continue
		}
		o, ok := byID[u.RevOrg.ID]
		if !ok || *o.Summary() != *u.RevOrg {
			t.Errorf("%s names rev org %+v, served as %+v", u.DisplayID, u.RevOrg, o.Summary())
		}
		if parseInstant(u.CreatedDate) < parseInstant(o.CreatedDate) {
			t.Errorf("%s created %s, before its rev org %s (%s)", u.DisplayID, u.CreatedDate, o.DisplayID, o.CreatedDate)
		}
		seen[o.ID] = true
	}
	if len(seen) != len(orgs) {
		t.Errorf("rev users in %d of %d rev orgs", len(seen), len(orgs))
	}
	for _, su := range seedUsers {
		if su.kind != "rev_user" {
			continue
		}
		want := makeUser(su)
		i := slices.IndexFunc(users, func(u RevUser) bool { return u.ID == want.ID })
		if i < 0 {
			t.Errorf("no rev user %s", want.DisplayID)
			continue
		}
		u := users[i]
		if u.DisplayID != want.DisplayID || u.DisplayName != want.DisplayName || u.Email != want.Email ||
			u.FullName != want.FullName || u.State != want.State || !reflect.DeepEqual(u.DisplayPicture, want.DisplayPicture) {
			t.Errorf("rev user %+v, engagements name %+v", u, want)
		}
	}
	if u := users[slices.IndexFunc(users, func(u RevUser) bool { return u.DisplayID == "REVU-1" })]; u.RevOrg.DisplayID != "REV-1" {
		t.Errorf("REVU-1 (chloe@acme) is in %+v, want Acme Corp's REV-1", u.RevOrg)
	}
}

// The same seed gives the same data; fewer rev orgs or rev users are a
// prefix (in generation order) of more; negative counts and no accounts
// give none.
func TestRevDataIsDeterministic(t *testing.T) {
	a, b := New(Options{Seed: 3}), New(Options{Seed: 3})
	if !reflect.DeepEqual(Items[RevOrg](a, "rev-orgs"), Items[RevOrg](b, "rev-orgs")) || !reflect.DeepEqual(Items[RevUser](a, "rev-users"), Items[RevUser](b, "rev-users")) {
		t.Error("the same seed gave different rev data")
	}
	if c := New(Options{Seed: 4}); reflect.DeepEqual(Items[RevUser](a, "rev-users"), Items[RevUser](c, "rev-users")) {
		t.Error("another seed gave the same rev users")
	}
	big, small := generateRevOrgs(3, 14, Items[Account](a, "accounts"), Items[DevUser](a, "dev-users"), Items[Tag](a, "tags")), generateRevOrgs(3, 9, Items[Account](a, "accounts"), Items[DevUser](a, "dev-users"), Items[Tag](a, "tags"))
	if !reflect.DeepEqual(big[:9], small) {
		t.Error("9 rev orgs are not a prefix of 14")
	}
	if got := big[12]; got.DisplayID != "REV-5W2" || got.DisplayName != "Stark Logistics EMEA" || got.Account.DisplayID != "ACC-5" {
		t.Errorf("the 13th of 14 rev orgs: %s %q of %s", got.DisplayID, got.DisplayName, got.Account.DisplayID)
	}
	if n := len(Items[RevOrg](New(Options{Counts: map[string]int{"rev-orgs": -1}}), "rev-orgs")); n != 0 {
		t.Errorf("RevOrgCount -1 gave %d rev orgs", n)
	}
	if n := len(Items[RevOrg](New(Options{Counts: map[string]int{"accounts": -1, "rev-orgs": 5}}), "rev-orgs")); n != 0 {
		t.Errorf("no accounts gave %d rev orgs", n)
	}
	none := New(Options{Counts: map[string]int{"accounts": -1}})
	for _, u := range Items[RevUser](none, "rev-users") {
		if u.RevOrg != nil {
			t.Errorf("without rev orgs %s is in %+v", u.DisplayID, u.RevOrg)
		}
	}
}

// Rev orgs and rev users as served carry only fields the OpenAPI
// description gives them and the objects inside them, and every field the
// provider shows is served somewhere; each list's filters select on the
// served values, and get answers by DON id or display id.
func TestRevWireFormatFiltersAndGet(t *testing.T) {
	_, base := start(t, Options{Seed: 4, Counts: map[string]int{"engagements": 5, "accounts": 30, "rev-users": 80}})
	nested := map[string]string{"account": "org-summary", "rev_org": "org-summary", "created_by": "user-summary",
		"modified_by": "user-summary", "display_picture": "artifact-summary"}
	seen := map[string]bool{}
	check := func(schema string, items []json.RawMessage) []map[string]any {
		var out []map[string]any
		for _, raw := range items {
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			out = append(out, m)
			for k, v := range m {
				seen[schema+"."+k] = true
				if !slices.Contains(SpecFields(schema), k) {
					t.Errorf("%v has %q, which the spec's %s lacks", m["display_id"], k, schema)
				}
				if ns, ok := nested[k]; ok {
					for nk := range v.(map[string]any) {
						if !slices.Contains(SpecFields(ns), nk) {
							t.Errorf("%v.%s has %q, which the spec's %s lacks", m["display_id"], k, nk, ns)
						}
					}
				}
			}
		}
		return out
	}
	orgs := check("rev-org", readAll(t, base, "/rev-orgs.list", "rev_orgs", nil, false))
	users := check("rev-user", readAll(t, base, "/rev-users.list", "rev_users", nil, false))
	for _, f := range []string{"rev-org.account", "rev-org.description", "rev-org.domain", "rev-org.external_ref", "rev-org.tags",
		"rev-org.modified_by", "rev-user.rev_org", "rev-user.phone_numbers", "rev-user.is_verified", "rev-user.external_ref",
		"rev-user.description", "rev-user.display_picture", "rev-user.tags", "rev-user.full_name", "rev-user.email"} {
		if !seen[f] {
			t.Errorf("no object carries %s", f)
		}
	}

	ids := func(path, key string, req map[string]any) []string {
		var out []string
		for _, raw := range readAll(t, base, path, key, req, false) {
			var m struct{ ID string }
			_ = json.Unmarshal(raw, &m)
			out = append(out, m.ID)
		}
		return out
	}
	want := func(items []map[string]any, keep func(map[string]any) bool) []string {
		var out []string
		for _, m := range items {
			if keep(m) {
				out = append(out, m["id"].(string))
			}
		}
		return out
	}
	sub := func(m map[string]any, k, f string) any {
		o, _ := m[k].(map[string]any)
		return o[f]
	}
	verified := true
	for _, c := range []struct {
		path, key string
		req       map[string]any
		want      []string
	}{
		{"/rev-orgs.list", "rev_orgs", map[string]any{"account": []string{"acc-1", "ACC-7"}},
			want(orgs, func(m map[string]any) bool {
				return sub(m, "account", "display_id") == "ACC-1" || sub(m, "account", "display_id") == "ACC-7"
			})},
		{"/rev-orgs.list", "rev_orgs", map[string]any{"display_name": []string{"Acme Corp EMEA"}},
			want(orgs, func(m map[string]any) bool { return m["display_name"] == "Acme Corp EMEA" })},
		{"/rev-orgs.list", "rev_orgs", map[string]any{"tags": []string{"TAG-2"}},
			want(orgs, func(m map[string]any) bool { return strings.Contains(string(mustJSON(t, m["tags"])), `"TAG-2"`) })},
		{"/rev-users.list", "rev_users", map[string]any{"rev_org": []string{"REV-1"}},
			want(users, func(m map[string]any) bool { return sub(m, "rev_org", "display_id") == "REV-1" })},
		{"/rev-users.list", "rev_users", map[string]any{"is_verified": verified},
			want(users, func(m map[string]any) bool { return m["is_verified"] == true })},
		{"/rev-users.list", "rev_users", map[string]any{"email": []string{"CHLOE.DUBOIS@acme.example"}},
			want(users, func(m map[string]any) bool { return m["email"] == "chloe.dubois@acme.example" })},
	} {
		got := ids(c.path, c.key, c.req)
		if len(c.want) == 0 || len(c.want) == len(orgs) || len(c.want) == len(users) || !slices.Equal(got, c.want) {
			t.Errorf("%s %v: %v, want %v", c.path, c.req, got, c.want)
		}
	}
	if r := get(t, base, "/rev-users.list?is_verified=maybe"); r.status != 400 || !strings.Contains(string(r.body), "is_verified") {
		t.Errorf("is_verified=maybe: %d %s", r.status, r.body)
	}
	for _, id := range []string{"rev-1w2", orgs[3]["id"].(string)} {
		if r := post(t, base, "/rev-orgs.get", map[string]any{"id": id}); r.status != 200 || !strings.Contains(string(r.body), `"rev_org":{`) {
			t.Errorf("rev-orgs.get %s: %d %s", id, r.status, r.body)
		}
	}
	decodeErr(t, post(t, base, "/rev-users.get", map[string]any{"id": "REVU-999"}), 404, "not_found")
}
