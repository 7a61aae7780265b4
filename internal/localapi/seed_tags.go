package localapi

import (
	"strconv"
	"time"
)

// Tags are generated like the other objects: deterministic for a seed, a
// smaller count a prefix of a larger one. The first are the seed tags,
// which generated accounts, works and parts carry (Tag.On): the tags table
// is where their tags come from, so every tag an object carries is one
// tags.list and tags.get serve.

// seedTags are the first tags, in order. Account tags take a value only
// from the tag's allowed values.
var seedTags = []Tag{
	{ID: donPrefix + "tag/1", DisplayID: "TAG-1", Name: "strategic", On: "account",
		Description: "Accounts that matter most to the business."},
	{ID: donPrefix + "tag/2", DisplayID: "TAG-2", Name: "at-risk", On: "account",
		Description: "Accounts that may not renew."},
	{ID: donPrefix + "tag/3", DisplayID: "TAG-3", Name: "region", On: "account",
		Description: "The sales region of the account.", AllowedValues: []string{"AMER", "APAC", "EMEA"}},
	{ID: donPrefix + "tag/11", DisplayID: "TAG-11", Name: "bug", On: "work"},
	{ID: donPrefix + "tag/12", DisplayID: "TAG-12", Name: "customer-reported", On: "work",
		Description: "Raised by a customer, not found internally."},
	{ID: donPrefix + "tag/13", DisplayID: "TAG-13", Name: "beta", On: "part",
		Description: "Parts not yet generally available."},
}

var tagWords = []string{"backlog", "docs", "security", "performance", "ux", "compliance", "infra", "growth"}

// generateTags returns count tags, the seed tags first, then generated
// ones (TAG-14..), created by users.
func generateTags(seed uint64, count int, users []DevUser) []Tag {
	if count <= 0 {
		return []Tag{}
	}
	r := &rng{s: seed ^ 0x7f4a7c159e3779b9}
	someone := somebody(r, users)
	out := make([]Tag, count)
	// Tags were made from mid-2021 on, a few hours to a few days apart.
	clock := time.Date(2021, 6, 1, 9, 0, 0, 0, time.UTC).UnixMilli()
	for i := range out {
		if i < len(seedTags) {
			out[i] = cloneTag(seedTags[i])
		} else {
			num := strconv.Itoa(i - len(seedTags) + 14)
			out[i] = Tag{ID: donPrefix + "tag/" + num, DisplayID: "TAG-" + num,
				Name: tagWords[(i-len(seedTags))%len(tagWords)] + "-" + num}
			if r.pct(50) {
				out[i].Description = "Label for " + tagWords[(i-len(seedTags))%len(tagWords)] + " work."
			}
		}
		clock += int64(1 + r.intn(4*24*3600*1000))
		created, s := stamp(r, clock)
		out[i].CreatedDate, out[i].ModifiedDate = s, s
		if r.pct(40) {
			_, out[i].ModifiedDate = stamp(r, created+int64(60_000+r.intn(100*24*3600*1000)))
		}
		out[i].CreatedBy = someone()
		out[i].ModifiedBy = out[i].CreatedBy
	}
	return out
}
