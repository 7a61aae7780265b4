package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// revOpts is the data the rev org and rev user tests read: 40 accounts,
// so 50 rev orgs (ten of them workspaces), and 120 rev users in them.
var revOpts = localapi.Options{Seed: 11, Counts: map[string]int{"engagements": 10, "accounts": 40, "rev-users": 120}}

func revTagged(tags []localapi.TagWithValue, id string) bool {
	return slices.ContainsFunc(tags, func(t localapi.TagWithValue) bool { return t.Tag != nil && t.Tag.DisplayID == id })
}

func revCreatedBy(u *localapi.UserSummary, id string) bool { return u != nil && u.DisplayID == id }

// revSchemas is the spec's schema of each object in a request body of
// rev-orgs.list or rev-users.list, request the spec's name of the request.
func revSchemas(request string) map[string]string {
	return map[string]string{"": request, "created_date": "date-time-filter", "modified_date": "date-time-filter"}
}

// revOrgFilterCases are every filter case of devrev_rev_orgs, over the data
// api serves.
func revOrgFilterCases(api *testAPI) filterList[localapi.RevOrg] {
	orgs := localapi.Items[localapi.RevOrg](api.Server, "rev-orgs")
	var ref string
	for _, o := range orgs {
		if o.ExternalRef != "" {
			ref = o.ExternalRef
			break
		}
	}
	name, creator := orgs[5].DisplayName, orgs[2].CreatedBy.DisplayID
	from, to, since := orgs[10].CreatedDate, orgs[30].CreatedDate, orgs[25].ModifiedDate
	f := oneFilter[localapi.RevOrg]
	return filterList[localapi.RevOrg]{
		typeName: "devrev_rev_orgs", path: "/rev-orgs.list", schemas: revSchemas("rev-orgs-list-request"),
		items: orgs, id: func(o *localapi.RevOrg) string { return o.ID },
		cases: []listFilterCase[localapi.RevOrg]{
			f("account", []string{"ACC-7", "ACC-1"}, func(o *localapi.RevOrg) bool { return orgIs(o.Account, "ACC-1") || orgIs(o.Account, "ACC-7") }),
			f("display_name", []string{name}, func(o *localapi.RevOrg) bool { return o.DisplayName == name }),
			f("external_ref", []string{ref}, func(o *localapi.RevOrg) bool { return o.ExternalRef == ref }),
			f("created_by", []string{creator}, func(o *localapi.RevOrg) bool { return revCreatedBy(o.CreatedBy, creator) }),
			f("tags", []string{"TAG-1"}, func(o *localapi.RevOrg) bool { return revTagged(o.Tags, "TAG-1") }),
			f("created_date", dateRangeArg{from, to}, func(o *localapi.RevOrg) bool { return inRange(o.CreatedDate, from, to) }),
			f("modified_date", dateRangeArg{since, ""}, func(o *localapi.RevOrg) bool { return inRange(o.ModifiedDate, since, "") }),
		},
	}
}

// revUserFilterCases are every filter case of devrev_rev_users, over the data
// api serves.
func revUserFilterCases(api *testAPI) filterList[localapi.RevUser] {
	users := localapi.Items[localapi.RevUser](api.Server, "rev-users")
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
	f := oneFilter[localapi.RevUser]
	return filterList[localapi.RevUser]{
		typeName: "devrev_rev_users", path: "/rev-users.list", schemas: revSchemas("rev-users-list-request"),
		items: users, id: func(u *localapi.RevUser) string { return u.ID },
		cases: []listFilterCase[localapi.RevUser]{
			f("rev_org", []string{"REV-1", "REV-2W2"}, func(u *localapi.RevUser) bool { return orgIs(u.RevOrg, "REV-1") || orgIs(u.RevOrg, "REV-2W2") }),
			f("email", []string{strings.ToUpper(email)}, func(u *localapi.RevUser) bool { return strings.EqualFold(u.Email, email) }),
			f("external_ref", []string{ref}, func(u *localapi.RevUser) bool { return u.ExternalRef == ref }),
			f("phone_numbers", []string{phone}, func(u *localapi.RevUser) bool { return slices.Contains(u.PhoneNumbers, phone) }),
			f("created_by", []string{creator}, func(u *localapi.RevUser) bool { return revCreatedBy(u.CreatedBy, creator) }),
			f("tags", []string{"TAG-3"}, func(u *localapi.RevUser) bool { return revTagged(u.Tags, "TAG-3") }),
			f("is_verified", false, func(u *localapi.RevUser) bool { return u.IsVerified != nil && !*u.IsVerified }),
			f("created_date", dateRangeArg{from, to}, func(u *localapi.RevUser) bool { return inRange(u.CreatedDate, from, to) }),
			f("modified_date", dateRangeArg{"", since}, func(u *localapi.RevUser) bool { return inRange(u.ModifiedDate, "", since) }),
		},
	}
}

// Every filter of devrev_rev_orgs, in-process: under the spec's name in
// the body of rev-orgs.list, selecting exactly the rev orgs it should.
func TestRevOrgsFiltersReachTheSpecAndSelect(t *testing.T) {
	api := startAPI(t, revOpts)
	revOrgFilterCases(api).runInProcess(t, api)
}

// Every filter of devrev_rev_users, in-process: under the spec's name in
// the body of rev-users.list, selecting exactly the rev users it should.
func TestRevUsersFiltersReachTheSpecAndSelect(t *testing.T) {
	api := startAPI(t, revOpts)
	revUserFilterCases(api).runInProcess(t, api)
}

// Every filter of devrev_rev_orgs and devrev_rev_users through the CLI:
// one data block per case of the in-process tests above, each selecting
// exactly the items the local API's data says, and the request bodies the
// CLI's run sent checked against the spec.
func TestAccRevs_everyFilter(t *testing.T) {
	api := startAPI(t, revOpts)
	runCLIFilters(t, api, revOrgFilterCases(api), revUserFilterCases(api))
}
