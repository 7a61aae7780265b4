package localapi

import (
	"strconv"
	"time"
)

// Parts are generated like the other objects: deterministic for a seed, a
// smaller count a prefix of a larger one, names independent of the seed.
// They form a hierarchy (product → capability → feature): the first are
// the seed parts, then generated ones, each capability under an earlier
// product and each feature under an earlier capability. Works apply to
// these parts (generateWorks), and parts are owned by dev users and carry
// the tags meant for them.

// seedPart is one of the first parts: its kind, name and the index of its
// parent among the seed parts (-1 for a product).
type seedPart struct {
	typ, name, description string
	parent                 int
}

var seedParts = []seedPart{
	{"product", "Billing", "Invoices, payments and plans.", -1},
	{"product", "Mobile app", "The iOS and Android apps.", -1},
	{"capability", "Single sign-on", "Signing in with the customer's identity provider.", 1},
	{"capability", "Invoicing", "", 0},
	{"feature", "SAML login", "SAML 2.0 sign-in from the mobile app.", 2},
	{"feature", "PDF invoices", "", 3},
}

// partPrefixes are the display id prefixes of the kinds generated.
var partPrefixes = map[string]string{"product": "PROD", "capability": "CAPL", "feature": "FEAT"}

var partSubtypes = []string{"platform", "add_on"}

var partWords = []string{"Reporting", "Search", "Notifications", "Payments", "Onboarding", "Exports", "Audit", "Sync"}

// generateParts returns count parts, PROD-1.., owned and created by users
// and tagged with tags meant for parts.
func generateParts(seed uint64, count int, users []DevUser, tags []Tag) []Part {
	if count <= 0 {
		return []Part{}
	}
	r := &rng{s: seed ^ 0x1d8e4e27c47d124f}
	someone := somebody(r, users)
	pool := tagsOn(tags, "part")
	out := make([]Part, count)
	byType := map[string][]int{} // indexes of the parts of each kind so far
	// Parts were made from 2021 on, a few days apart.
	clock := time.Date(2021, 3, 1, 9, 0, 0, 0, time.UTC).UnixMilli()
	for i := range out {
		num := strconv.Itoa(i + 1)
		var typ, name, desc string
		parent := -1
		if i < len(seedParts) {
			sp := seedParts[i]
			typ, name, desc, parent = sp.typ, sp.name, sp.description, sp.parent
		} else {
			k := i - len(seedParts)
			typ = []string{"product", "capability", "feature", "feature"}[k%4]
			name = partWords[k%len(partWords)] + " " + num
			up := map[string]string{"capability": "product", "feature": "capability"}[typ]
			if cands := byType[up]; len(cands) > 0 {
				parent = pick(r, cands)
			}
			if r.pct(50) {
				desc = "The " + partWords[k%len(partWords)] + " " + typ + "."
			}
		}
		byType[typ] = append(byType[typ], i)
		p := Part{ID: donPrefix + typ + "/" + num, DisplayID: partPrefixes[typ] + "-" + num, Type: typ,
			Name: name, Description: desc, OwnedBy: []*UserSummary{}}
		if parent >= 0 {
			p.Parent = out[parent].ID
		}
		clock += int64(1 + r.intn(5*24*3600*1000))
		created, s := stamp(r, clock)
		p.CreatedDate, p.ModifiedDate = s, s
		if r.pct(60) {
			_, p.ModifiedDate = stamp(r, created+int64(60_000+r.intn(200*24*3600*1000)))
		}
		p.CreatedBy = someone()
		p.ModifiedBy = p.CreatedBy
		if r.pct(40) {
			p.ModifiedBy = someone()
		}
		if u := someone(); u != nil {
			p.OwnedBy = append(p.OwnedBy, u)
			if v := someone(); v != u && r.pct(30) {
				p.OwnedBy = append(p.OwnedBy, v)
			}
		}
		if r.pct(25) {
			p.Subtype = pick(r, partSubtypes)
		}
		if r.pct(35) && len(pool) > 0 {
			p.Tags = []TagWithValue{{Tag: pool[r.intn(len(pool))].Summary()}}
		}
		out[i] = p
	}
	return out
}
