package localapi

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Accounts and dev users are generated like engagements: deterministic for
// a seed, and a smaller count is a prefix of a larger one. Names depend only
// on the position, not on the seed, so "Acme Corp" is always ACC-1 and a demo
// can look an account up by name.

var (
	accountWords1 = []string{"Blue", "Northwind", "Summit", "Harbor", "Pioneer", "Silver", "Crescent", "Evergreen",
		"Atlas", "Redwood", "Lumen", "Orchid", "Granite", "Vertex", "Maple", "Polar"}
	accountWords2 = []string{"Analytics", "Foods", "Robotics", "Media", "Energy", "Labs", "Logistics", "Health",
		"Systems", "Capital", "Studios", "Networks", "Motors", "Textiles", "Pharma", "Outfitters"}
	accountWords3 = []string{"Inc", "LLC", "GmbH", "Ltd", "Group", "Co", "SA", "BV"}

	accountTiers    = []string{"enterprise", "mid_market", "smb"}
	accountSubtypes = []string{"customer", "partner", "reseller"}
	// tagValues are the values an account's tag may take: one the tag
	// allows (seed_tags.go), or none.
	tagValues = []string{"", "EMEA", "APAC", "AMER"}

	devFirstNames = []string{"Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
		"Frances", "Edsger", "Radia", "Tim", "Hedy", "Donald", "Shafi", "Niklaus"}
	devLastNames = []string{"Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson",
		"Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "Knuth", "Goldwasser", "Wirth"}
)

// AccountStages are the ids of the stages accounts are in (the `stage`
// filter's values).
var AccountStages = []string{
	donPrefix + "custom_stage/1", donPrefix + "custom_stage/2", donPrefix + "custom_stage/3",
	donPrefix + "custom_stage/4", donPrefix + "custom_stage/5",
}

// accountName is the display name of account i (0-based): the seed names
// first, then combinations of words, unique for any count.
func accountName(i int) string {
	if i < len(seedAccounts) {
		return seedAccounts[i]
	}
	k := i - len(seedAccounts)
	n1, n2, n3 := len(accountWords1), len(accountWords2), len(accountWords3)
	// The second word shifts with the first's round, so neighbours differ
	// in both words; (k%n1, k/n1) still determines the name.
	name := accountWords1[k%n1] + " " + accountWords2[(k+k/n1)%n2] + " " + accountWords3[(k/(n1*n2))%n3]
	if round := k / (n1 * n2 * n3); round > 0 {
		name += " " + strconv.Itoa(round+1)
	}
	return name
}

// slug makes a domain label of a name ("Wayne & Sons" → "wayne-sons"); names
// without ASCII letters or digits get "account-<n>".
func slug(name string, n int) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return "account-" + strconv.Itoa(n)
	}
	return s
}

// generateDevUsers returns count dev users, DEVU-1..: the seed pool's dev
// users first (so engagement creators and members resolve), then generated
// people.
func generateDevUsers(seed uint64, count int) []DevUser {
	if count <= 0 {
		return []DevUser{}
	}
	r := &rng{s: seed ^ 0x5deece66d}
	var pool []DevUser
	for _, su := range seedUsers {
		if su.kind == "dev_user" {
			u := makeUser(su)
			pool = append(pool, DevUser{
				ID: u.ID, DisplayID: u.DisplayID, DisplayName: u.DisplayName, FullName: u.FullName,
				Email: u.Email, State: u.State, DisplayPicture: u.DisplayPicture,
			})
		}
	}
	out := make([]DevUser, count)
	// Dev users joined from 2021 on, a few hours to a few days apart.
	clock := time.Date(2021, 1, 4, 9, 0, 0, 0, time.UTC).UnixMilli()
	for i := range out {
		if i < len(pool) {
			out[i] = pool[i]
		} else {
			out[i] = generatedDevUser(r, i, i-len(pool))
		}
		clock += int64(1 + r.intn(3*24*3600*1000))
		created, s := stamp(r, clock)
		out[i].CreatedDate, out[i].ModifiedDate = s, s
		if r.pct(50) {
			_, out[i].ModifiedDate = stamp(r, created+int64(60_000+r.intn(300*24*3600*1000)))
		}
	}
	return out
}

// generatedDevUser is dev user i (0-based), the k-th after the seed pool.
func generatedDevUser(r *rng, i, k int) DevUser {
	nf := len(devFirstNames)
	first, last := devFirstNames[k%nf], devLastNames[(k+k/nf)%len(devLastNames)]
	handle := strings.ToLower(first + "." + last)
	if round := k / (nf * len(devLastNames)); round > 0 {
		handle += strconv.Itoa(round + 1)
	}
	num := strconv.Itoa(i + 1)
	u := DevUser{
		ID: "don:identity:dvrv-us-1:devo/0:devu/" + num, DisplayID: "DEVU-" + num,
		DisplayName: handle, FullName: first + " " + last, Email: handle + "@example-devorg.com", State: "active",
	}
	if r.pct(15) {
		u.State = pick(r, userStates())
	}
	if r.pct(40) {
		pic := strconv.Itoa(2000 + i)
		u.DisplayPicture = &ArtifactSummary{ID: donPrefix + "artifact/" + pic, DisplayID: "ARTIFACT-" + pic,
			File: &ArtifactFileSummary{Type: "image/png", Name: handle + ".png", Size: int64(10_000 + r.intn(90_000))}}
	}
	return u
}

// somebody returns a picker of random users' summaries (nil when there are
// no users), for the generators that make users own and create things.
func somebody(r *rng, users []DevUser) func() *UserSummary {
	summaries := make([]*UserSummary, len(users))
	for i := range users {
		summaries[i] = users[i].Summary()
	}
	return func() *UserSummary {
		if len(summaries) == 0 {
			return nil
		}
		return pick(r, summaries)
	}
}

// generateAccounts returns count accounts, ACC-1.., owned and created by
// users and tagged with the tags meant for accounts.
func generateAccounts(seed uint64, count int, users []DevUser, tags []Tag) []Account {
	if count <= 0 {
		return []Account{}
	}
	r := &rng{s: seed ^ 0x2545f4914f6cdd1d}
	someone := somebody(r, users)
	pool := tagsOn(tags, "account")
	out := make([]Account, count)
	// Accounts were created over 2022, before the engagements (2023 on).
	clock := time.Date(2022, 1, 3, 9, 0, 0, 0, time.UTC).UnixMilli()
	for i := range out {
		num := strconv.Itoa(i + 1)
		name := accountName(i)
		domain := slug(name, i+1) + ".example"
		clock += int64(1 + r.intn(40*60*1000))
		created, createdStr := stamp(r, clock)
		a := Account{
			ID: donPrefix + "account/" + num, DisplayID: "ACC-" + num, DisplayName: name,
			CreatedDate: createdStr, ModifiedDate: createdStr,
			Domains: []string{domain}, Websites: []string{"www." + domain},
			Stage: pick(r, AccountStages), OwnedBy: []*UserSummary{},
		}
		if r.pct(70) {
			_, a.ModifiedDate = stamp(r, created+int64(60_000+r.intn(200*24*3600*1000)))
		}
		if r.pct(70) {
			a.Description = name + ": " + pick(r, seedFragments)
		}
		if r.pct(85) {
			a.Tier = pick(r, accountTiers)
		}
		if r.pct(30) {
			a.Subtype = pick(r, accountSubtypes)
		}
		if r.pct(60) {
			a.ExternalRefs = []string{"crm-" + num}
			if r.pct(20) {
				a.ExternalRefs = append(a.ExternalRefs, "billing-"+num)
			}
		}
		if r.pct(10) {
			a.Domains = append(a.Domains, "mail."+domain)
		}
		a.CreatedBy = someone()
		a.ModifiedBy = a.CreatedBy
		if r.pct(40) {
			a.ModifiedBy = someone()
		}
		if u := someone(); u != nil && r.pct(95) {
			a.OwnedBy = append(a.OwnedBy, u)
			if v := someone(); v != u && r.pct(25) {
				a.OwnedBy = append(a.OwnedBy, v)
			}
		}
		if r.pct(30) {
			a.Tags = tagFrom(r, pool)
		}
		out[i] = a
	}
	return out
}

// tagFrom is one tag of pool, with a value only when the tag allows it;
// nil when pool is empty.
func tagFrom(r *rng, pool []*Tag) []TagWithValue {
	if len(pool) == 0 {
		return nil
	}
	t := pool[r.intn(len(pool))]
	tv := TagWithValue{Tag: t.Summary(), Value: pick(r, tagValues)}
	if !slices.Contains(t.AllowedValues, tv.Value) {
		tv.Value = ""
	}
	return []TagWithValue{tv}
}
