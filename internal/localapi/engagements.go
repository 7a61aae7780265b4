package localapi

import (
	"runtime"
	"slices"
	"sync"
)

// Engagement is the server's model of a DevRev engagement. JSON tags follow
// DevRev's wire format; an empty string or nil pointer means "absent" and is
// omitted from responses, as DevRev omits unset optional fields. Dates are
// kept as the exact strings to serve (RFC 3339, with or without fractional
// seconds); they are parsed only to sort.
type Engagement struct {
	CreatedBy      *UserSummary `json:"created_by,omitempty"`
	CreatedDate    string       `json:"created_date,omitempty"`
	Description    string       `json:"description,omitempty"`
	DisplayID      string       `json:"display_id,omitempty"`
	EngagementType string       `json:"engagement_type,omitempty"`
	ExternalRef    string       `json:"external_ref,omitempty"`
	ExternalURL    string       `json:"external_url,omitempty"`
	ID             string       `json:"id"`
	ModifiedBy     *UserSummary `json:"modified_by,omitempty"`
	ModifiedDate   string       `json:"modified_date,omitempty"`
	ScheduledDate  string       `json:"scheduled_date,omitempty"`
	Title          string       `json:"title,omitempty"`

	// Members and Parents are ids (such as "DEVU-1", "ACC-3"; display ids
	// match case-insensitively) of the engagement's users and accounts.
	// Responses carry them as `members` (user summaries) and `parent` (an
	// account summary), or as bare ids with Options.BareReferences; see
	// references. The engagement schema has one `parent`, so only the first
	// of Parents is the parent: the one shown and the one the parent filter
	// matches (generated engagements have exactly one). Later ones, as the
	// create request's `parents` would add, are neither.
	Members []string `json:"-"`
	Parents []string `json:"-"`
}

// UserSummary is DevRev's user-summary (discriminated by Type: dev_user,
// rev_user, service_account, sys_user).
type UserSummary struct {
	Type           string           `json:"type"`
	DisplayID      string           `json:"display_id,omitempty"`
	DisplayName    string           `json:"display_name,omitempty"`
	DisplayPicture *ArtifactSummary `json:"display_picture,omitempty"`
	Email          string           `json:"email,omitempty"`
	FullName       string           `json:"full_name,omitempty"`
	ID             string           `json:"id"`
	State          string           `json:"state,omitempty"`
}

// ArtifactSummary is DevRev's artifact-summary.
type ArtifactSummary struct {
	DisplayID string               `json:"display_id,omitempty"`
	File      *ArtifactFileSummary `json:"file,omitempty"`
	ID        string               `json:"id"`
}

// ArtifactFileSummary is DevRev's artifact-file-summary.
type ArtifactFileSummary struct {
	Name string `json:"name,omitempty"`
	Size int64  `json:"size,omitempty"`
	Type string `json:"type,omitempty"`
}

// engagements have no date filter: DevRev's engagements have none, and a
// created_date in a body is ignored like any unknown field. The parent
// filter matches the first of Parents only (see Engagement).
var engagements = object[Engagement]{
	list: "/engagements.list", get: "/engagements.get", count: "/engagements.count", key: "engagements", one: "engagement",
	id: func(e *Engagement) string { return e.ID }, displayID: func(e *Engagement) string { return e.DisplayID },
	columns: []column[Engagement]{
		{"created_date", func(e *Engagement) string { return e.CreatedDate }},
		{"modified_date", func(e *Engagement) string { return e.ModifiedDate }},
	},
	filters: []filter[Engagement]{
		enum("type", func(e *Engagement) []string { return one(e.EngagementType) }),
		exact("external_ref", func(e *Engagement) []string { return one(e.ExternalRef) }),
		refs("members", func(e *Engagement) []string { return e.Members }),
		refs("parent", func(e *Engagement) []string { return e.Parents[:min(1, len(e.Parents))] }),
	},
	clone:  cloneEngagement,
	render: func(rows []Engagement, sd *seeds) [][]byte { return renderEngagements(rows, sd.references()) },
	seed: func(sd *seeds, n int) []Engagement {
		return generateEngagements(sd.opts.Seed, n, len(of[Account](sd, "accounts")), len(of[DevUser](sd, "dev-users")))
	},
	defaultCount: func(*seeds) int { return 300 },
}

var _ = serve(&engagements)

// one is a single-valued field as a filter reads it: absent is no value.
func one(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}
}

// renderEngagements pre-renders every engagement once so pages are built
// by concatenating bytes. Each worker renders a contiguous range into one
// arena, which keeps allocation (and GC work) low for large stores.
func renderEngagements(items []Engagement, refs *references) [][]byte {
	n := len(items)
	out := make([][]byte, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/5000))
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*chunk, min(n, (w+1)*chunk)
		if lo >= hi {
			continue
		}
		wg.Go(func() {
			users := make(map[*UserSummary][]byte)
			arena := make([]byte, 0, (hi-lo)*1600)
			ends := make([]int, hi-lo)
			for i := lo; i < hi; i++ {
				arena = appendEngagement(arena, &items[i], users, refs)
				ends[i-lo] = len(arena)
			}
			prev := 0
			for i := lo; i < hi; i++ {
				end := ends[i-lo]
				out[i] = arena[prev:end:end]
				prev = end
			}
		})
	}
	wg.Wait()
	return out
}

// cloneEngagement copies e's slices, so that the copy can be changed
// without changing e (the user summaries are shared).
func cloneEngagement(e Engagement) Engagement {
	e.Members, e.Parents = slices.Clone(e.Members), slices.Clone(e.Parents)
	return e
}
