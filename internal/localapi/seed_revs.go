package localapi

import (
	"strconv"
	"strings"
	"time"
)

// Rev orgs and rev users are derived from the accounts, deterministic for a
// seed like the other data. Every account has its own rev org, REV-<n> for
// ACC-<n> (the one works refer to, revOrg), named like it; further rev orgs
// are workspaces of accounts in turn from ACC-1 (REV-<n>W2, "Acme Corp
// EMEA", ...), so ACC-1 ("Acme Corp") has two by default. Rev users belong
// to rev orgs: the seed pool's rev users (the engagements' customer members)
// first, then generated people, spread over the rev orgs in turn.

var (
	workspaceRegions = []string{"EMEA", "APAC", "AMER", "LATAM"}

	revFirstNames = []string{"Amara", "Bruno", "Chen", "Dagny", "Emeka", "Freya", "Goran", "Hiroshi",
		"Ines", "Jamal", "Katja", "Luca", "Mira", "Nikos", "Oksana", "Pedro"}
	revLastNames = []string{"Okafor", "Silva", "Wang", "Lund", "Eze", "Nilsson", "Petrovic", "Sato",
		"Costa", "Haddad", "Novak", "Romano", "Shah", "Papadakis", "Melnyk", "Alves"}

	// seedRevUserAccounts puts the seed pool's rev users in the own rev
	// org of an account, by the account's position; REVU-5 ("unassigned")
	// belongs to none.
	seedRevUserAccounts = map[string]int{"REVU-1": 0, "REVU-2": 1, "REVU-3": 0, "REVU-4": 2}
)

// Default sizes of the generated rev users; rev orgs default to one per
// account plus a workspace for every fourth account (defaultRevOrgs).
const defaultRevUsers = 20

func defaultRevOrgs(accounts int) int { return accounts + (accounts+3)/4 }

// revOrg is the summary of account a's own rev org: REV-<account number>.
func revOrg(a *Account) *OrgSummary {
	num := a.DisplayID[len("ACC-"):]
	return &OrgSummary{ID: donPrefix + "revo/" + num, DisplayID: "REV-" + num, DisplayName: a.DisplayName, Type: "rev_org"}
}

// workspaceName names the round-th workspace (2, 3, ...) of an account.
func workspaceName(account string, round int) string {
	if k := round - 2; k < len(workspaceRegions) {
		return account + " " + workspaceRegions[k]
	}
	return account + " workspace " + strconv.Itoa(round)
}

// generateRevOrgs returns count rev orgs over accounts: each account's own
// rev org first (up to count), then workspaces of the accounts in turn.
// Without accounts there are none.
func generateRevOrgs(seed uint64, count int, accounts []Account, users []DevUser, tags []Tag) []RevOrg {
	pool := tagsOn(tags, "account")
	if count <= 0 || len(accounts) == 0 {
		return []RevOrg{}
	}
	r := &rng{s: seed ^ 0x6a09e667f3bcc908}
	someone := somebody(r, users)
	out := make([]RevOrg, count)
	for i := range out {
		a := &accounts[i%len(accounts)]
		round := 1 + i/len(accounts)
		created, err := time.Parse(time.RFC3339Nano, a.CreatedDate)
		if err != nil {
			created = time.Date(2022, 1, 3, 9, 0, 0, 0, time.UTC)
		}
		own := revOrg(a)
		o := RevOrg{ID: own.ID, DisplayID: own.DisplayID, DisplayName: own.DisplayName,
			Account: accountSummary(a), CreatedDate: a.CreatedDate, CreatedBy: a.CreatedBy}
		var domain string
		if len(a.Domains) > 0 {
			domain = a.Domains[0]
		}
		if round > 1 { // a workspace, created later by someone
			suffix := "W" + strconv.Itoa(round)
			o.ID, o.DisplayID = own.ID+strings.ToLower(suffix), own.DisplayID+suffix
			o.DisplayName = workspaceName(a.DisplayName, round)
			_, o.CreatedDate = stamp(r, created.UnixMilli()+int64(24*3600*1000+r.intn(300*24*3600*1000)))
			o.CreatedBy = someone()
			if domain != "" {
				domain = strings.ToLower(workspaceRegions[(round-2)%len(workspaceRegions)]) + "." + domain
			}
		}
		o.ModifiedDate, o.ModifiedBy = o.CreatedDate, o.CreatedBy
		if at, err := time.Parse(time.RFC3339Nano, o.CreatedDate); err == nil && r.pct(60) {
			_, o.ModifiedDate = stamp(r, at.UnixMilli()+int64(60_000+r.intn(200*24*3600*1000)))
			o.ModifiedBy = someone()
		}
		if r.pct(80) {
			o.Domain = domain
		}
		if r.pct(70) {
			o.ExternalRef = "crm-org-" + strings.ToLower(o.DisplayID[len("REV-"):])
		}
		if r.pct(50) {
			o.Description = o.DisplayName + ": " + pick(r, seedFragments)
		}
		if r.pct(35) {
			o.Tags = tagFrom(r, pool)
		}
		out[i] = o
	}
	return out
}

// generateRevUsers returns count rev users, REVU-1..: the seed pool's rev
// users first, then generated people, each in one of orgs (none without
// rev orgs).
func generateRevUsers(seed uint64, count int, orgs []RevOrg, users []DevUser, tags []Tag) []RevUser {
	tagPool := tagsOn(tags, "account")
	if count <= 0 {
		return []RevUser{}
	}
	r := &rng{s: seed ^ 0x3c6ef372fe94f82b}
	someone := somebody(r, users)
	var pool []RevUser
	for _, su := range seedUsers {
		if su.kind != "rev_user" {
			continue
		}
		u := makeUser(su)
		ru := RevUser{ID: u.ID, DisplayID: u.DisplayID, DisplayName: u.DisplayName, FullName: u.FullName,
			Email: u.Email, State: u.State, DisplayPicture: u.DisplayPicture}
		if k, ok := seedRevUserAccounts[u.DisplayID]; ok && len(orgs) > 0 {
			ru.RevOrg = orgs[k%len(orgs)].Summary()
		}
		pool = append(pool, ru)
	}
	orgCreated := map[string]int64{}
	for i := range orgs {
		if t, err := time.Parse(time.RFC3339Nano, orgs[i].CreatedDate); err == nil {
			orgCreated[orgs[i].ID] = t.UnixMilli()
		}
	}
	out := make([]RevUser, count)
	// Customers' users signed up from mid-2022 on, each after their rev
	// org was created.
	clock := time.Date(2022, 6, 1, 9, 0, 0, 0, time.UTC).UnixMilli()
	for i := range out {
		if i < len(pool) {
			out[i] = pool[i]
		} else {
			out[i] = generatedRevUser(r, i, i-len(pool), orgs)
		}
		u := &out[i]
		clock += int64(1 + r.intn(4*24*3600*1000))
		at := clock
		if u.RevOrg != nil && orgCreated[u.RevOrg.ID] >= at {
			at = orgCreated[u.RevOrg.ID] + int64(3600_000+r.intn(30*24*3600*1000))
		}
		created, s := stamp(r, at)
		u.CreatedDate, u.ModifiedDate = s, s
		u.CreatedBy = someone()
		u.ModifiedBy = u.CreatedBy
		if r.pct(50) {
			_, u.ModifiedDate = stamp(r, created+int64(60_000+r.intn(100*24*3600*1000)))
			u.ModifiedBy = someone()
		}
		if r.pct(90) {
			verified := r.pct(70)
			u.IsVerified = &verified
		}
		if r.pct(30) {
			u.Tags = tagFrom(r, tagPool)
		}
	}
	return out
}

// generatedRevUser is rev user i (0-based), the k-th after the seed pool,
// in the rev orgs in turn.
func generatedRevUser(r *rng, i, k int, orgs []RevOrg) RevUser {
	nf := len(revFirstNames)
	first, last := revFirstNames[k%nf], revLastNames[(k+k/nf)%len(revLastNames)]
	handle := strings.ToLower(first + "." + last)
	if round := k / (nf * len(revLastNames)); round > 0 {
		handle += strconv.Itoa(round + 1)
	}
	num := strconv.Itoa(i + 1)
	u := RevUser{
		ID: "don:identity:dvrv-us-1:devo/0:revu/" + num, DisplayID: "REVU-" + num,
		DisplayName: handle, FullName: first + " " + last, State: "active",
	}
	domain := "example"
	if len(orgs) > 0 {
		o := &orgs[k%len(orgs)]
		u.RevOrg = o.Summary()
		domain = slug(o.Account.DisplayName, 0) + ".example"
	}
	u.Email = handle + "@" + domain
	if r.pct(10) {
		u.State = pick(r, userStates())
	}
	if r.pct(60) {
		u.ExternalRef = "contact-" + num
	}
	if r.pct(45) {
		u.PhoneNumbers = []string{"+1415555" + strconv.Itoa(1000+i%9000)}
		if r.pct(20) {
			u.PhoneNumbers = append(u.PhoneNumbers, "+4930555"+strconv.Itoa(1000+i%9000))
		}
	}
	if r.pct(30) {
		u.Description = first + " works with us on " + pick(r, seedTopics) + "."
	}
	if r.pct(30) {
		pic := strconv.Itoa(3000 + i)
		u.DisplayPicture = &ArtifactSummary{ID: donPrefix + "artifact/" + pic, DisplayID: "ARTIFACT-" + pic,
			File: &ArtifactFileSummary{Type: "image/png", Name: handle + ".png", Size: int64(10_000 + r.intn(90_000))}}
	}
	return u
}
