package provider

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// revOpts is the data the rev org and rev user tests read: 40 accounts,
// so 50 rev orgs (ten of them workspaces), and 120 rev users in them.
var revOpts = localapi.Options{Count: 10, AccountCount: 40, RevUserCount: 120, Seed: 11}

// revFilterCase is one filter of devrev_rev_orgs or devrev_rev_users: the
// argument, whose name is the spec's name in the request body, its value
// (a set, a flag or a date range, as workFilterCase holds them) and which
// of the served items it must select (decided from the local API's data).
type revFilterCase[T any] struct {
	attr string
	arg  workFilterCase
	keep func(*T) bool
}

// wantBody is what the request body holds under c.attr: a set sorted, a
// flag, or a `date-time-filter` (no `type`, unlike works' date-filter).
func (c revFilterCase[T]) wantBody() any {
	want := c.arg.wantBody()
	if m, ok := want.(map[string]any); ok {
		delete(m, "type")
	}
	return want
}

func revSet(vals ...string) workFilterCase { return workFilterCase{set: vals} }

func revRange(after, before string) workFilterCase {
	return workFilterCase{rng: [2]string{after, before}}
}

// runRevFilterCases reads typeName in-process once per case and checks
// that every request body names only fields of the spec's request schema,
// carries the filter under its name, and that the read selects exactly the
// items the case keeps, in order.
func runRevFilterCases[T any](t *testing.T, api *testAPI, typeName, path, schema string, items []T, id func(*T) string, cases []revFilterCase[T]) {
	t.Helper()
	p := newInProcess(t, api.URL)
	typ := p.configType(t, typeName)
	for _, c := range cases {
		t.Run(c.attr, func(t *testing.T) {
			var want []string
			for i := range items {
				if c.keep(&items[i]) {
					want = append(want, id(&items[i]))
				}
			}
			if len(want) == 0 || len(want) == len(items) {
				t.Fatalf("the case selects %d of %d items: it cannot tell a working filter from a lost one", len(want), len(items))
			}
			api.ResetRequests()
			state, diags := p.read(t, typeName, map[string]tftypes.Value{c.attr: c.arg.value(typ.AttributeTypes[c.attr])})
			if state == nil {
				t.Fatalf("read: %v", diags)
			}
			bodies := specBodies(t, api.requestsTo(path))
			if len(bodies) == 0 {
				t.Fatalf("no %s request", path)
			}
			for _, b := range bodies {
				for k, v := range b {
					if !slices.Contains(localapi.SpecFields(schema), k) {
						t.Errorf("request body field %q is not in the spec's %s", k, schema)
					}
					if m, ok := v.(map[string]any); ok {
						for nk := range m {
							if !slices.Contains(localapi.SpecFields("date-time-filter"), nk) {
								t.Errorf("request body field %s.%s is not in the spec's date-time-filter", k, nk)
							}
						}
					}
				}
				if got := b[c.attr]; !reflect.DeepEqual(got, c.wantBody()) {
					t.Errorf("request body at %s: %#v, want %#v", c.attr, got, c.wantBody())
				}
			}
			if got := stateIDs(t, state); !slices.Equal(got, want) {
				t.Errorf("selected %d items %v, want %d %v", len(got), got, len(want), want)
			}
		})
	}
}

func revTagged(tags []localapi.TagWithValue, id string) bool {
	return slices.ContainsFunc(tags, func(t localapi.TagWithValue) bool { return t.Tag != nil && t.Tag.DisplayID == id })
}

func revCreatedBy(u *localapi.UserSummary, id string) bool { return u != nil && u.DisplayID == id }

// Every filter of devrev_rev_orgs, in-process: under the spec's name in
// the body of rev-orgs.list, selecting exactly the rev orgs it should.
func TestRevOrgsFiltersReachTheSpecAndSelect(t *testing.T) {
	api := startAPI(t, revOpts)
	orgs := api.RevOrgs()
	var ref string
	for _, o := range orgs {
		if o.ExternalRef != "" {
			ref = o.ExternalRef
			break
		}
	}
	name, creator := orgs[5].DisplayName, orgs[2].CreatedBy.DisplayID
	from, to, since := orgs[10].CreatedDate, orgs[30].CreatedDate, orgs[25].ModifiedDate
	runRevFilterCases(t, api, "devrev_rev_orgs", "/rev-orgs.list", "rev-orgs-list-request", orgs,
		func(o *localapi.RevOrg) string { return o.ID }, []revFilterCase[localapi.RevOrg]{
			{"account", revSet("ACC-7", "ACC-1"), func(o *localapi.RevOrg) bool { return orgIs(o.Account, "ACC-1") || orgIs(o.Account, "ACC-7") }},
			{"display_name", revSet(name), func(o *localapi.RevOrg) bool { return o.DisplayName == name }},
			{"external_ref", revSet(ref), func(o *localapi.RevOrg) bool { return o.ExternalRef == ref }},
			{"created_by", revSet(creator), func(o *localapi.RevOrg) bool { return revCreatedBy(o.CreatedBy, creator) }},
			{"tags", revSet("TAG-1"), func(o *localapi.RevOrg) bool { return revTagged(o.Tags, "TAG-1") }},
			{"created_date", revRange(from, to), func(o *localapi.RevOrg) bool { return inRange(o.CreatedDate, from, to) }},
			{"modified_date", revRange(since, ""), func(o *localapi.RevOrg) bool { return inRange(o.ModifiedDate, since, "") }},
		})
}

// Every filter of devrev_rev_users, in-process: under the spec's name in
// the body of rev-users.list, selecting exactly the rev users it should.
func TestRevUsersFiltersReachTheSpecAndSelect(t *testing.T) {
	api := startAPI(t, revOpts)
	users := api.RevUsers()
	var ref, phone string
	for _, u := range users {
		if ref == "" && u.ExternalRef != "" {
			ref = u.ExternalRef
		}
		if phone == "" && len(u.PhoneNumbers) > 0 {
			phone = u.PhoneNumbers[0]
		}
	}
	email, creator := users[40].Email, users[3].CreatedBy.DisplayID
	from, to, since := users[20].CreatedDate, users[70].CreatedDate, users[60].ModifiedDate
	no := false
	runRevFilterCases(t, api, "devrev_rev_users", "/rev-users.list", "rev-users-list-request", users,
		func(u *localapi.RevUser) string { return u.ID }, []revFilterCase[localapi.RevUser]{
			{"rev_org", revSet("REV-1", "REV-2W2"), func(u *localapi.RevUser) bool { return orgIs(u.RevOrg, "REV-1") || orgIs(u.RevOrg, "REV-2W2") }},
			{"email", revSet(strings.ToUpper(email)), func(u *localapi.RevUser) bool { return strings.EqualFold(u.Email, email) }},
			{"external_ref", revSet(ref), func(u *localapi.RevUser) bool { return u.ExternalRef == ref }},
			{"phone_numbers", revSet(phone), func(u *localapi.RevUser) bool { return slices.Contains(u.PhoneNumbers, phone) }},
			{"created_by", revSet(creator), func(u *localapi.RevUser) bool { return revCreatedBy(u.CreatedBy, creator) }},
			{"tags", revSet("TAG-3"), func(u *localapi.RevUser) bool { return revTagged(u.Tags, "TAG-3") }},
			{"is_verified", workFilterCase{flag: &no}, func(u *localapi.RevUser) bool { return u.IsVerified != nil && !*u.IsVerified }},
			{"created_date", revRange(from, to), func(u *localapi.RevUser) bool { return inRange(u.CreatedDate, from, to) }},
			{"modified_date", revRange("", since), func(u *localapi.RevUser) bool { return inRange(u.ModifiedDate, "", since) }},
		})
}
