package localapi

import "slices"

// Work is the server's model of a DevRev work (`work`: a ticket, issue,
// task or opportunity by Type), as the live API returns it: tags as whole
// tag objects (../shared/devrev-api/SOURCES.md). Empty strings and nil
// pointers or slices are absent and omitted, except owned_by and title,
// which the spec requires.
type Work struct {
	Account         *OrgSummary    `json:"account,omitempty"`
	ActualCloseDate string         `json:"actual_close_date,omitempty"`
	AppliesToPart   *PartSummary   `json:"applies_to_part,omitempty"`
	Body            string         `json:"body,omitempty"`
	Channels        []string       `json:"channels,omitempty"`
	CreatedBy       *UserSummary   `json:"created_by,omitempty"`
	CreatedDate     string         `json:"created_date,omitempty"`
	CustomFields    CustomFields   `json:"custom_fields,omitempty"`
	DisplayID       string         `json:"display_id,omitempty"`
	Group           *GroupSummary  `json:"group,omitempty"`
	ID              string         `json:"id"`
	IsSpam          *bool          `json:"is_spam,omitempty"`
	ModifiedBy      *UserSummary   `json:"modified_by,omitempty"`
	ModifiedDate    string         `json:"modified_date,omitempty"`
	NeedsResponse   *bool          `json:"needs_response,omitempty"`
	OwnedBy         []*UserSummary `json:"owned_by"`
	Priority        string         `json:"priority,omitempty"`
	ReportedBy      []*UserSummary `json:"reported_by,omitempty"`
	RevOrg          *OrgSummary    `json:"rev_org,omitempty"`
	Severity        string         `json:"severity,omitempty"`
	SLASummary      *SLASummary    `json:"sla_summary,omitempty"`
	Sprint          *SprintSummary `json:"sprint,omitempty"`
	Stage           *WorkStage     `json:"stage,omitempty"`
	Subtype         string         `json:"subtype,omitempty"`
	Tags            []TagWithValue `json:"tags,omitempty"`
	TargetCloseDate string         `json:"target_close_date,omitempty"`
	Title           string         `json:"title"`
	Type            string         `json:"type"`
	Value           *Money         `json:"value,omitempty"`

	// IssueAccounts and IssueRevOrgs are the ids of the accounts and rev
	// orgs an issue is for: the issue.accounts and issue.rev_orgs filters
	// select on them; the issue schema has no such fields.
	IssueAccounts []string `json:"-"`
	IssueRevOrgs  []string `json:"-"`
}

// OrgSummary is DevRev's org-summary (an account or a rev org, by Type).
type OrgSummary struct {
	DisplayID   string `json:"display_id,omitempty"`
	DisplayName string `json:"display_name,omitempty"`
	ID          string `json:"id"`
	Type        string `json:"type"`
}

// PartSummary is DevRev's part-summary (Part.Summary).
type PartSummary struct {
	DisplayID string         `json:"display_id,omitempty"`
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	OwnedBy   []*UserSummary `json:"owned_by,omitempty"`
	Type      string         `json:"type"`
}

// GroupSummary is DevRev's group-summary.
type GroupSummary struct {
	DisplayID string `json:"display_id,omitempty"`
	ID        string `json:"id"`
	Name      string `json:"name,omitempty"`
}

// WorkStage is DevRev's legacy-stage, with its custom-state-summary.
type WorkStage struct {
	Name  string     `json:"name"`
	State *WorkState `json:"state,omitempty"`
}

// Stage is DevRev's stage (incidents, custom objects): a
// custom-stage-summary and the custom-state-summary of its state. A work's
// stage is the older legacy-stage (WorkStage).
type Stage struct {
	Stage *CustomStage `json:"stage,omitempty"`
	State *WorkState   `json:"state,omitempty"`
}

// CustomStage is DevRev's custom-stage-summary.
type CustomStage struct {
	DisplayID string `json:"display_id,omitempty"`
	ID        string `json:"id"`
	Name      string `json:"name,omitempty"`
}

// WorkState is DevRev's custom-state-summary.
type WorkState struct {
	ID      string `json:"id"`
	IsFinal bool   `json:"is_final"`
	Name    string `json:"name"`
}

// SLASummary is the part of DevRev's archetype-sla-summary served.
type SLASummary struct {
	Stage      string `json:"stage,omitempty"`
	TargetTime string `json:"target_time,omitempty"`
}

// SprintSummary is DevRev's vista-group-item-summary.
type SprintSummary struct {
	EndDate   string `json:"end_date,omitempty"`
	ID        string `json:"id"`
	Name      string `json:"name"`
	StartDate string `json:"start_date,omitempty"`
	Type      string `json:"type"`
}

// Money is DevRev's money (the amount a string).
type Money struct {
	Amount   string `json:"amount,omitempty"`
	Currency string `json:"currency,omitempty"`
}

var works = object[Work]{
	list: "/works.list", get: "/works.get", count: "/works.count", key: "works", one: "work", cappedCount: true,
	id: func(w *Work) string { return w.ID }, displayID: func(w *Work) string { return w.DisplayID },
	columns: []column[Work]{
		{"created_date", func(w *Work) string { return w.CreatedDate }},
		{"actual_close_date", func(w *Work) string { return w.ActualCloseDate }},
		{"modified_date", func(w *Work) string { return w.ModifiedDate }},
		{"target_close_date", func(w *Work) string { return w.TargetCloseDate }},
		{"title", func(w *Work) string { return w.Title }},
	},
	filters: []filter[Work]{
		enum("type", func(w *Work) []string { return one(w.Type) }),
		ranges[Work]("actual_close_date"),
		ranges[Work]("created_date").orIgnored(),
		ranges[Work]("modified_date").orIgnored(),
		ranges[Work]("target_close_date"),
		anyID("applies_to_part", func(w *Work) []string { return partIDs(w.AppliesToPart) }),
		anyID("created_by", func(w *Work) []string { return userIDs(w.CreatedBy) }),
		anyID("owned_by", func(w *Work) []string { return userIDs(w.OwnedBy...) }),
		anyID("reported_by", func(w *Work) []string { return userIDs(w.ReportedBy...) }),
		exact("state", func(w *Work) []string {
			if w.Stage == nil || w.Stage.State == nil {
				return nil
			}
			return one(w.Stage.State.Name)
		}),
		exact("stage.name", func(w *Work) []string {
			if w.Stage == nil {
				return nil
			}
			return one(w.Stage.Name)
		}),
		anyID("tags", func(w *Work) []string { return tagIDs(w.Tags) }),
		enum("ticket.severity", func(w *Work) []string { return one(w.Severity) }),
		anyID("ticket.account", func(w *Work) []string {
			if w.Type != "ticket" {
				return nil
			}
			return orgIDs(w.Account)
		}),
		anyID("ticket.rev_org", func(w *Work) []string { return orgIDs(w.RevOrg) }),
		anyID("ticket.group", func(w *Work) []string {
			if w.Group == nil {
				return nil
			}
			return []string{w.Group.ID, w.Group.DisplayID}
		}),
		flag("ticket.is_spam", func(w *Work) *bool { return w.IsSpam }),
		flag("ticket.needs_response", func(w *Work) *bool { return w.NeedsResponse }),
		enum("issue.priority", func(w *Work) []string { return one(w.Priority) }),
		anyID("issue.accounts", func(w *Work) []string { return w.IssueAccounts }),
		anyID("issue.rev_orgs", func(w *Work) []string { return w.IssueRevOrgs }),
		exact("ticket.subtype", func(w *Work) []string { return subtypeOf(w, "ticket") }),
		exact("issue.subtype", func(w *Work) []string { return subtypeOf(w, "issue") }),
		exact("opportunity.subtype", func(w *Work) []string { return subtypeOf(w, "opportunity") }),
		customFieldsFilter(func(w *Work) CustomFields { return w.CustomFields }),
	},
	clone: cloneWork,
	seed: func(sd *seeds, n int) []Work {
		start := worksFixedStart
		if !sd.opts.SeedDate.IsZero() {
			start = worksBeforeEngagements
		}
		accounts := of[Account](sd, "accounts")
		ws := generateWorks(sd.opts.Seed, n, start, accounts, of[DevUser](sd, "dev-users"),
			of[Part](sd, "parts"), of[Tag](sd, "tags"))
		addWorkCustomFields(sd.opts.Seed, ws, accounts)
		return ws
	},
	defaultCount: func(*seeds) int { return defaultWorks },
}

var _ = serve(&works)

// subtypeOf is w's subtype when w is of the kind typ: `ticket.subtype`
// selects tickets only.
func subtypeOf(w *Work, typ string) []string {
	if w.Type != typ {
		return nil
	}
	return one(w.Subtype)
}

func partIDs(p *PartSummary) []string {
	if p == nil {
		return nil
	}
	return []string{p.ID, p.DisplayID}
}

func orgIDs(o *OrgSummary) []string {
	if o == nil {
		return nil
	}
	return normAll(slices.DeleteFunc([]string{o.ID, o.DisplayID}, func(s string) bool { return s == "" }))
}

func cloneWork(w Work) Work {
	w.OwnedBy = append([]*UserSummary{}, w.OwnedBy...)
	w.ReportedBy = slices.Clone(w.ReportedBy)
	w.Tags, w.Channels = slices.Clone(w.Tags), slices.Clone(w.Channels)
	w.IssueAccounts, w.IssueRevOrgs = slices.Clone(w.IssueAccounts), slices.Clone(w.IssueRevOrgs)
	return w
}
