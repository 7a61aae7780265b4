package localapi

import (
	"net/http"
	"slices"
)

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

// Enums of the spec the works filters check.
var (
	WorkTypes        = []string{"issue", "opportunity", "task", "ticket"}
	TicketSeverities = []string{"blocker", "high", "low", "medium"}
	IssuePriorities  = []string{"p0", "p1", "p2", "p3"}
)

// workTable is the works table with the values its filters read.
type workTable struct {
	*table
	items []Work
	// set-filter values per row, by the filter's path in the request
	sets map[string][][]string
	// ignoreDates serves works.list as some organizations do
	// (Options.IgnoreWorkDateFilters).
	ignoreDates bool
	countCap    int
}

// workSets are the set filters of works and the values of a work each
// matches: ids normalised (DON or display id, any case), the rest exact.
var workSets = []struct {
	path string
	norm func(string) string
	vals func(*Work) []string
}{
	{"type", nil, func(w *Work) []string { return one(w.Type) }},
	{"applies_to_part", normID, func(w *Work) []string {
		if w.AppliesToPart == nil {
			return nil
		}
		return normAll([]string{w.AppliesToPart.ID, w.AppliesToPart.DisplayID})
	}},
	{"created_by", normID, func(w *Work) []string { return userIDs(w.CreatedBy) }},
	{"owned_by", normID, func(w *Work) []string { return userIDs(w.OwnedBy...) }},
	{"reported_by", normID, func(w *Work) []string { return userIDs(w.ReportedBy...) }},
	{"state", nil, func(w *Work) []string {
		if w.Stage == nil || w.Stage.State == nil {
			return nil
		}
		return one(w.Stage.State.Name)
	}},
	{"stage.name", nil, func(w *Work) []string {
		if w.Stage == nil {
			return nil
		}
		return one(w.Stage.Name)
	}},
	{"tags", normID, func(w *Work) []string {
		var out []string
		for _, t := range w.Tags {
			if t.Tag != nil {
				out = append(out, normAll([]string{t.Tag.ID, t.Tag.DisplayID})...)
			}
		}
		return out
	}},
	{"ticket.severity", nil, func(w *Work) []string { return one(w.Severity) }},
	{"ticket.account", normID, func(w *Work) []string {
		if w.Type != "ticket" {
			return nil
		}
		return orgIDs(w.Account)
	}},
	{"ticket.rev_org", normID, func(w *Work) []string { return orgIDs(w.RevOrg) }},
	{"ticket.group", normID, func(w *Work) []string {
		if w.Group == nil {
			return nil
		}
		return normAll([]string{w.Group.ID, w.Group.DisplayID})
	}},
	{"issue.priority", nil, func(w *Work) []string { return one(w.Priority) }},
	{"issue.accounts", normID, func(w *Work) []string { return normAll(w.IssueAccounts) }},
	{"issue.rev_orgs", normID, func(w *Work) []string { return normAll(w.IssueRevOrgs) }},
}

func orgIDs(o *OrgSummary) []string {
	if o == nil {
		return nil
	}
	return normAll(slices.DeleteFunc([]string{o.ID, o.DisplayID}, func(s string) bool { return s == "" }))
}

func newWorkTable(in []Work, opts Options) *workTable {
	x := &workTable{sets: map[string][][]string{}, ignoreDates: opts.IgnoreWorkDateFilters, countCap: opts.WorkCountCap}
	x.table, x.items = newTable("/works.list", in, []column[Work]{
		{"created_date", func(w *Work) string { return w.CreatedDate }},
		{"actual_close_date", func(w *Work) string { return w.ActualCloseDate }},
		{"modified_date", func(w *Work) string { return w.ModifiedDate }},
		{"target_close_date", func(w *Work) string { return w.TargetCloseDate }},
		{"title", func(w *Work) string { return w.Title }},
	}, func(w *Work) string { return w.ID }, func(w *Work) string { return w.DisplayID }, cloneWork, renderEach)
	for _, s := range workSets {
		rows := make([][]string, len(x.items))
		for i := range x.items {
			rows[i] = s.vals(&x.items[i])
		}
		x.sets[s.path] = rows
	}
	return x
}

func cloneWork(w Work) Work {
	w.OwnedBy = append([]*UserSummary{}, w.OwnedBy...)
	w.ReportedBy = slices.Clone(w.ReportedBy)
	w.Tags, w.Channels = slices.Clone(w.Tags), slices.Clone(w.Channels)
	w.IssueAccounts, w.IssueRevOrgs = slices.Clone(w.IssueAccounts), slices.Clone(w.IssueRevOrgs)
	return w
}

// workDateFilter is the spec's date-filter: a `range` (a date-time-filter
// with "type": "range") or a `preset`, which the server does not implement.
type workDateFilter struct {
	Type *string `json:"type"`
	dateTimeFilter
}

// workFilter is the part of works-list-request (and works-count-request)
// the server implements.
type workFilter struct {
	Type            []string        `json:"type"`
	ActualCloseDate *workDateFilter `json:"actual_close_date"`
	AppliesToPart   []string        `json:"applies_to_part"`
	CreatedBy       []string        `json:"created_by"`
	CreatedDate     *workDateFilter `json:"created_date"`
	ModifiedDate    *workDateFilter `json:"modified_date"`
	OwnedBy         []string        `json:"owned_by"`
	ReportedBy      []string        `json:"reported_by"`
	State           []string        `json:"state"`
	Tags            []string        `json:"tags"`
	TargetCloseDate *workDateFilter `json:"target_close_date"`
	Stage           *struct {
		Name []string `json:"name"`
	} `json:"stage"`
	Ticket *struct {
		Account       []string `json:"account"`
		Group         []string `json:"group"`
		IsSpam        *bool    `json:"is_spam"`
		NeedsResponse *bool    `json:"needs_response"`
		RevOrg        []string `json:"rev_org"`
		Severity      []string `json:"severity"`
	} `json:"ticket"`
	Issue *struct {
		Accounts []string `json:"accounts"`
		Priority []string `json:"priority"`
		RevOrgs  []string `json:"rev_orgs"`
	} `json:"issue"`
}

// setValues are the filter's sets by path, nil where not given.
func (f *workFilter) setValues() map[string][]string {
	m := map[string][]string{
		"type": f.Type, "applies_to_part": f.AppliesToPart, "created_by": f.CreatedBy,
		"owned_by": f.OwnedBy, "reported_by": f.ReportedBy, "state": f.State, "tags": f.Tags,
	}
	if f.Stage != nil {
		m["stage.name"] = f.Stage.Name
	}
	if t := f.Ticket; t != nil {
		m["ticket.severity"], m["ticket.rev_org"], m["ticket.group"], m["ticket.account"] = t.Severity, t.RevOrg, t.Group, t.Account
	}
	if i := f.Issue; i != nil {
		m["issue.priority"], m["issue.accounts"], m["issue.rev_orgs"] = i.Priority, i.Accounts, i.RevOrgs
	}
	return m
}

func (x *workTable) compile(f *workFilter, dates bool) (func(int) bool, *apiError) {
	if e := checkEnum("type", f.Type, WorkTypes); e != nil {
		return nil, e
	}
	if f.Ticket != nil {
		if e := checkEnum("ticket.severity", f.Ticket.Severity, TicketSeverities); e != nil {
			return nil, e
		}
	}
	if f.Issue != nil {
		if e := checkEnum("issue.priority", f.Issue.Priority, IssuePriorities); e != nil {
			return nil, e
		}
	}
	var ps predicates
	// Some organizations' works.list validates created_date and
	// modified_date but does not apply them (Options.IgnoreWorkDateFilters).
	applied := func(name string) bool { return dates || (name != "created_date" && name != "modified_date") }
	if e := ps.addRanges(x.keys, applied,
		ranged{"actual_close_date", f.ActualCloseDate}, ranged{"created_date", f.CreatedDate},
		ranged{"modified_date", f.ModifiedDate}, ranged{"target_close_date", f.TargetCloseDate}); e != nil {
		return nil, e
	}
	sets := f.setValues()
	for _, s := range workSets {
		if vals := sets[s.path]; vals != nil {
			ps.addSet(toSet(vals, s.norm), x.sets[s.path])
		}
	}
	if t := f.Ticket; t != nil {
		addBool(&ps, t.IsSpam, x.items, func(w *Work) *bool { return w.IsSpam })
		addBool(&ps, t.NeedsResponse, x.items, func(w *Work) *bool { return w.NeedsResponse })
	}
	return ps.all(), nil
}

// addBool adds "the work's flag is want" unless want is nil; a work
// without the flag (not a ticket) matches neither true nor false.
func addBool(ps *predicates, want *bool, items []Work, get func(*Work) *bool) {
	if want == nil {
		return
	}
	ps.add(func(i int) bool {
		v := get(&items[i])
		return v != nil && *v == *want
	})
}

func (x *workTable) routes(add func(string, handler)) {
	add("/works.list", listHandler(x.table, "works", func(f *workFilter) (func(int) bool, *apiError) {
		return x.compile(f, !x.ignoreDates)
	}))
	add("/works.get", getHandler(x.table, "work", "work"))
	add("/works.count", func(r *http.Request, body []byte, _ pageFault) ([]byte, *apiError) {
		var f workFilter
		if e := readRequest(r, body, &f); e != nil {
			return nil, e
		}
		match, e := x.compile(&f, true)
		if e != nil {
			return nil, e
		}
		return cappedCount(x.count(match), x.countCap), nil
	})
}
