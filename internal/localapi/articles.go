package localapi

import (
	"slices"
	"strconv"
	"time"
)

// Article is the server's model of a DevRev knowledge-base article
// (`article`). Empty strings and nil pointers or slices are absent and
// omitted, except owned_by, which the spec requires.
type Article struct {
	AppliesToParts []*PartSummary    `json:"applies_to_parts,omitempty"`
	ArticleType    string            `json:"article_type,omitempty"`
	AuthoredBy     []*UserSummary    `json:"authored_by,omitempty"`
	CreatedBy      *UserSummary      `json:"created_by,omitempty"`
	CreatedDate    string            `json:"created_date,omitempty"`
	Description    string            `json:"description,omitempty"`
	DisplayID      string            `json:"display_id,omitempty"`
	ID             string            `json:"id"`
	ModifiedBy     *UserSummary      `json:"modified_by,omitempty"`
	ModifiedDate   string            `json:"modified_date,omitempty"`
	NumDownvotes   *int              `json:"num_downvotes,omitempty"`
	NumUpvotes     *int              `json:"num_upvotes,omitempty"`
	OwnedBy        []*UserSummary    `json:"owned_by"`
	Parent         *DirectorySummary `json:"parent,omitempty"`
	Rank           string            `json:"rank,omitempty"`
	Resource       *ArticleResource  `json:"resource,omitempty"`
	Scope          *EnumValue        `json:"scope,omitempty"`
	Status         string            `json:"status,omitempty"`
	Tags           []TagWithValue    `json:"tags,omitempty"`
	Title          string            `json:"title,omitempty"`
}

// DirectorySummary is DevRev's directory-summary: a folder of the
// knowledge base. The server serves no directories of their own.
type DirectorySummary struct {
	DisplayID string `json:"display_id,omitempty"`
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
}

// EnumValue is DevRev's enum-value (an article's scope).
type EnumValue struct {
	ID      int64  `json:"id"`
	Label   string `json:"label"`
	Ordinal int64  `json:"ordinal"`
}

// ArticleResource is DevRev's resource: where a linked article lives.
type ArticleResource struct {
	URL string `json:"url,omitempty"`
}

var articles = object[Article]{
	list: "/articles.list", get: "/articles.get", count: "/articles.count", key: "articles", one: "article",
	id: func(a *Article) string { return a.ID }, displayID: func(a *Article) string { return a.DisplayID },
	// articles.list has no sort_by: the default order only.
	columns: []column[Article]{{"created_date", func(a *Article) string { return a.CreatedDate }}},
	filters: []filter[Article]{
		enum("article_type", func(a *Article) []string { return one(a.ArticleType) }),
		enum("status", func(a *Article) []string { return one(a.Status) }),
		anyID("applies_to_parts", func(a *Article) []string {
			var ids []string
			for _, p := range a.AppliesToParts {
				ids = append(ids, partIDs(p)...)
			}
			return ids
		}),
		anyID("authored_by", func(a *Article) []string { return userIDs(a.AuthoredBy...) }),
		anyID("created_by", func(a *Article) []string { return userIDs(a.CreatedBy) }),
		anyID("modified_by", func(a *Article) []string { return userIDs(a.ModifiedBy) }),
		anyID("owned_by", func(a *Article) []string { return userIDs(a.OwnedBy...) }),
		anyID("parent", func(a *Article) []string {
			if a.Parent == nil {
				return nil
			}
			return []string{a.Parent.ID, a.Parent.DisplayID}
		}),
		ints("scope", func(a *Article) []int64 {
			if a.Scope == nil {
				return nil
			}
			return []int64{a.Scope.ID}
		}),
		anyID("tags", func(a *Article) []string { return tagIDs(a.Tags) }),
	},
	clone: func(a Article) Article {
		a.AppliesToParts, a.AuthoredBy = slices.Clone(a.AppliesToParts), slices.Clone(a.AuthoredBy)
		a.OwnedBy, a.Tags = append([]*UserSummary{}, a.OwnedBy...), slices.Clone(a.Tags)
		return a
	},
	seed: func(sd *seeds, n int) []Article {
		return generateArticles(sd.opts.Seed, n, of[DevUser](sd, "dev-users"), of[Part](sd, "parts"), of[Tag](sd, "tags"))
	},
	defaultCount: func(*seeds) int { return 24 },
}

var _ = serve(&articles)

// The knowledge base's directories and scopes that generated articles use.
var (
	articleDirectories = []DirectorySummary{
		{ID: donPrefix + "directory/1", Title: "Getting started"}, {ID: donPrefix + "directory/2", Title: "Billing"},
		{ID: donPrefix + "directory/3", Title: "Mobile app"}, {ID: donPrefix + "directory/4", Title: "Troubleshooting"},
	}
	articleScopes = []EnumValue{{ID: 1, Label: "Internal", Ordinal: 1}, {ID: 2, Label: "External", Ordinal: 2}}
	// seedArticles are the first articles, so that a demo can find a
	// product's: a title, a status, the index of a seed part (seedParts)
	// and of a directory.
	seedArticles = []struct {
		title, status string
		part, dir     int
	}{
		{"Getting started with Billing", "published", 0, 0}, {"Paying an invoice", "published", 0, 1},
		{"Setting up single sign-on", "published", 2, 0}, {"Why is my invoice late?", "draft", 3, 3},
		{"Signing in on the mobile app", "review_needed", 1, 2}, {"Billing plans compared", "draft", 0, 1},
	}
)

// generateArticles returns count articles, ART-1.., written and owned by
// users, about parts, filed in the directories above, deterministic for a
// seed (a smaller count a prefix of a larger one).
func generateArticles(seed uint64, count int, users []DevUser, parts []Part, tags []Tag) []Article {
	r := &rng{s: seed ^ 0x6a09e667f3bcc909}
	someone := somebody(r, users)
	// No content blocks: articles.list leaves them out unless asked, and
	// every generated article is listed by default.
	types, statuses := []string{"article", "page"}, specEnum("/articles.list", "status")
	pool := tagsOn(tags, "part")
	out := make([]Article, 0, max(count, 0))
	clock := time.Date(2022, 2, 1, 10, 0, 0, 0, time.UTC).UnixMilli()
	for i := range max(count, 0) {
		num := strconv.Itoa(i + 1)
		a := Article{ID: donPrefix + "article/" + num, DisplayID: "ART-" + num, Title: pick(r, partWords) + ": questions and answers",
			ArticleType: types[r.intn(len(types))], Status: statuses[r.intn(len(statuses))], OwnedBy: []*UserSummary{},
			Parent: &articleDirectories[r.intn(len(articleDirectories))], Rank: "a" + num}
		if i < len(seedArticles) && seedArticles[i].part < len(parts) {
			sa := seedArticles[i]
			a.Title, a.Status, a.Parent = sa.title, sa.status, &articleDirectories[sa.dir]
			a.AppliesToParts = []*PartSummary{parts[sa.part].Summary()}
		}
		clock += int64(1 + r.intn(4*24*3600*1000))
		created, s := stamp(r, clock)
		a.CreatedDate, a.ModifiedDate = s, s
		if r.pct(50) {
			_, a.ModifiedDate = stamp(r, created+int64(60_000+r.intn(90*24*3600*1000)))
		}
		a.CreatedBy, a.ModifiedBy = someone(), someone()
		if u := someone(); u != nil {
			a.OwnedBy, a.AuthoredBy = append(a.OwnedBy, u), []*UserSummary{u}
		}
		if a.AppliesToParts == nil && r.pct(60) && len(parts) > 0 {
			a.AppliesToParts = []*PartSummary{parts[r.intn(len(parts))].Summary()}
		}
		if r.pct(70) {
			a.Scope = &articleScopes[r.intn(len(articleScopes))]
			up, down := r.intn(40), r.intn(5)
			a.NumUpvotes, a.NumDownvotes = &up, &down
		}
		if r.pct(50) {
			a.Description = "What to know about " + a.Title + "."
		} else {
			a.Resource = &ArticleResource{URL: "https://help.example.com/articles/" + num}
		}
		if r.pct(30) {
			a.Tags = tagFrom(r, pool)
		}
		out = append(out, a)
	}
	return out
}
