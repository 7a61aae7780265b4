package localapi

import (
	"slices"
	"strconv"
	"time"
)

// Incident is the server's model of a DevRev incident (`incident`). Empty
// strings and nil pointers or slices are absent and omitted, except title
// and owned_by.
type Incident struct {
	AcknowledgedDate string          `json:"acknowledged_date,omitempty"`
	ActualCloseDate  string          `json:"actual_close_date,omitempty"`
	AppliesToParts   []*PartSummary  `json:"applies_to_parts,omitempty"`
	Body             string          `json:"body,omitempty"`
	CreatedBy        *UserSummary    `json:"created_by,omitempty"`
	CreatedDate      string          `json:"created_date,omitempty"`
	DisplayID        string          `json:"display_id,omitempty"`
	ID               string          `json:"id"`
	IdentifiedDate   string          `json:"identified_date,omitempty"`
	Impact           *IncidentImpact `json:"impact,omitempty"`
	MitigatedDate    string          `json:"mitigated_date,omitempty"`
	ModifiedBy       *UserSummary    `json:"modified_by,omitempty"`
	ModifiedDate     string          `json:"modified_date,omitempty"`
	OwnedBy          []*UserSummary  `json:"owned_by"`
	ReportedBy       *EnumValue      `json:"reported_by,omitempty"`
	Severity         *EnumValue      `json:"severity,omitempty"`
	SLASummary       *SLASummary     `json:"sla_summary,omitempty"`
	Source           *EnumValue      `json:"source,omitempty"`
	Stage            *Stage          `json:"stage,omitempty"`
	Subtype          string          `json:"subtype,omitempty"`
	CustomFields     CustomFields    `json:"custom_fields,omitempty"`
	Tags             []TagWithValue  `json:"tags,omitempty"`
	TargetCloseDate  string          `json:"target_close_date,omitempty"`
	Title            string          `json:"title"`

	// PartLineage is the ids and display ids of the parts the incident
	// applies to and of every part above them: include_child_parts selects
	// on it; the incident schema has no such field.
	PartLineage []string `json:"-"`
}

// IncidentImpact is DevRev's impacted-customer-details.
type IncidentImpact struct {
	Count       *EnumValue    `json:"count,omitempty"`
	CustomerIDs []*OrgSummary `json:"customer_ids,omitempty"`
}

var incidents = object[Incident]{
	list: "/incidents.list", get: "/incidents.get", key: "incidents", one: "incident",
	id: func(i *Incident) string { return i.ID }, displayID: func(i *Incident) string { return i.DisplayID },
	columns: []column[Incident]{
		{"created_date", func(i *Incident) string { return i.CreatedDate }},
		{"acknowledged_date", func(i *Incident) string { return i.AcknowledgedDate }},
		{"actual_close_date", func(i *Incident) string { return i.ActualCloseDate }},
		{"identified_date", func(i *Incident) string { return i.IdentifiedDate }},
		{"mitigated_date", func(i *Incident) string { return i.MitigatedDate }},
		{"modified_date", func(i *Incident) string { return i.ModifiedDate }},
		{"target_close_date", func(i *Incident) string { return i.TargetCloseDate }},
		{"title", func(i *Incident) string { return i.Title }},
	},
	// Every date filter may be ignored (Options.IgnoreDateFilters), so
	// that tests can show the provider's own check of them.
	filters: []filter[Incident]{
		customFieldsFilter(func(i *Incident) CustomFields { return i.CustomFields }),
		ranges[Incident]("acknowledged_date").orIgnored(),
		ranges[Incident]("actual_close_date").orIgnored(),
		ranges[Incident]("created_date").orIgnored(),
		ranges[Incident]("identified_date").orIgnored(),
		ranges[Incident]("mitigated_date").orIgnored(),
		ranges[Incident]("modified_date").orIgnored(),
		ranges[Incident]("target_close_date").orIgnored(),
		custom(incidentParts, "applies_to_parts", "include_child_parts"),
		anyID("created_by", func(i *Incident) []string { return userIDs(i.CreatedBy) }),
		anyID("impacted_customers", func(i *Incident) []string {
			if i.Impact == nil {
				return nil
			}
			var ids []string
			for _, a := range i.Impact.CustomerIDs {
				ids = append(ids, orgIDs(a)...)
			}
			return ids
		}),
		anyID("owned_by", func(i *Incident) []string { return userIDs(i.OwnedBy...) }),
		ints("reported_by", func(i *Incident) []int64 { return enumID(i.ReportedBy) }),
		ints("severity", func(i *Incident) []int64 { return enumID(i.Severity) }),
		ints("source", func(i *Incident) []int64 { return enumID(i.Source) }),
		anyID("stage", func(i *Incident) []string {
			if i.Stage == nil || i.Stage.Stage == nil {
				return nil
			}
			return []string{i.Stage.Stage.ID}
		}),
		exact("subtype", func(i *Incident) []string { return one(i.Subtype) }),
		exact("title", func(i *Incident) []string { return one(i.Title) }),
	},
	clone: func(i Incident) Incident {
		i.AppliesToParts, i.Tags = slices.Clone(i.AppliesToParts), slices.Clone(i.Tags)
		i.OwnedBy = append([]*UserSummary{}, i.OwnedBy...)
		i.PartLineage = slices.Clone(i.PartLineage)
		return i
	},
	seed: func(sd *seeds, n int) []Incident {
		is := generateIncidents(sd.opts.Seed, n, of[Account](sd, "accounts"), of[DevUser](sd, "dev-users"),
			of[Part](sd, "parts"), of[Tag](sd, "tags"))
		addIncidentCustomFields(sd.opts.Seed, is)
		return is
	},
	defaultCount: func(*seeds) int { return 40 },
}

var _ = serve(&incidents)

// incidentParts selects the incidents that apply to one of
// applies_to_parts (a DON id or display id), or with include_child_parts
// to a part under one of them.
func incidentParts(b *built[Incident], r *request) (func(int) bool, *apiError) {
	ids, e := r.set("applies_to_parts", false)
	if e != nil {
		return nil, e
	}
	children, e := r.flag("include_child_parts")
	if e != nil || ids == nil {
		return nil, e
	}
	want := toSet(ids, normID)
	return func(i int) bool {
		if children != nil && *children {
			return want.hasAny(normAll(b.items[i].PartLineage))
		}
		for _, p := range b.items[i].AppliesToParts {
			if want.hasAny(normAll(partIDs(p))) {
				return true
			}
		}
		return false
	}, nil
}

func enumID(e *EnumValue) []int64 {
	if e == nil {
		return nil
	}
	return []int64{e.ID}
}

// The values of the organization's incident enums and stages that
// generated incidents use. Stages come in the order an incident moves
// through them; each date of an incident is set once it has reached the
// stage that sets it.
var (
	incidentSeverities = []EnumValue{{ID: 1, Label: "Sev0", Ordinal: 0}, {ID: 2, Label: "Sev1", Ordinal: 1},
		{ID: 3, Label: "Sev2", Ordinal: 2}, {ID: 4, Label: "Sev3", Ordinal: 3}}
	incidentReporters = []EnumValue{{ID: 1, Label: "Customer", Ordinal: 0}, {ID: 2, Label: "Internal", Ordinal: 1},
		{ID: 3, Label: "Monitoring", Ordinal: 2}}
	incidentSources = []EnumValue{{ID: 1, Label: "Manual", Ordinal: 0}, {ID: 2, Label: "PagerDuty", Ordinal: 1}}
	incidentImpacts = []EnumValue{{ID: 1, Label: "1-10", Ordinal: 0}, {ID: 2, Label: "11-100", Ordinal: 1},
		{ID: 3, Label: "More than 100", Ordinal: 2}}
	incidentStages = []Stage{
		{Stage: &CustomStage{ID: donPrefix + "custom_stage/101", Name: "identified"}, State: &WorkState{ID: donPrefix + "custom_state/1", Name: "open"}},
		{Stage: &CustomStage{ID: donPrefix + "custom_stage/102", Name: "acknowledged"}, State: &WorkState{ID: donPrefix + "custom_state/2", Name: "in_progress"}},
		{Stage: &CustomStage{ID: donPrefix + "custom_stage/103", Name: "mitigated"}, State: &WorkState{ID: donPrefix + "custom_state/2", Name: "in_progress"}},
		{Stage: &CustomStage{ID: donPrefix + "custom_stage/104", Name: "resolved"}, State: &WorkState{ID: donPrefix + "custom_state/3", Name: "closed", IsFinal: true}},
	}
	incidentTitles = []string{"Checkout errors", "Login latency", "Invoices not sent", "Push notifications delayed",
		"API returning 500s", "Search index stale"}
)

// incidentsStart is where generated incidents start: a few months before
// the engagements' first day, so that with a seed date the last quarter
// holds incidents, and some a quarter before it.
var incidentsStart = time.Date(2022, 7, 4, 6, 0, 0, 0, time.UTC)

// generateIncidents returns count incidents, INC-1.., owned and created by
// users, applying to parts (every third to the first seed part, Billing,
// so that a demo finds a product's incidents), hitting accounts, tagged
// with tags meant for works; deterministic for a seed, a smaller count a
// prefix of a larger one. Identified, acknowledged, mitigated and closed
// dates follow one another, so that a report can compute time to mitigate.
func generateIncidents(seed uint64, count int, accounts []Account, users []DevUser, parts []Part, tags []Tag) []Incident {
	r := &rng{s: seed ^ 0x510e527fade682d1}
	someone := somebody(r, users)
	pool := tagsOn(tags, "work")
	out := make([]Incident, 0, max(count, 0))
	clock := incidentsStart.UnixMilli()
	const minute, hour, day = 60_000, 3600_000, 24 * 3600_000
	for i := range max(count, 0) {
		num := strconv.Itoa(i + 1)
		clock += int64(day + r.intn(6*day))
		identified, identifiedStr := stamp(r, clock)
		created, createdStr := stamp(r, identified+int64(r.intn(30*minute)))
		stage := &incidentStages[min(r.intn(len(incidentStages)+3), len(incidentStages)-1)] // mostly resolved
		sev := incidentSeverities[r.intn(len(incidentSeverities))]
		in := Incident{ID: donPrefix + "incident/" + num, DisplayID: "INC-" + num, Title: pick(r, incidentTitles),
			CreatedDate: createdStr, ModifiedDate: createdStr, IdentifiedDate: identifiedStr, OwnedBy: []*UserSummary{},
			Severity: &sev, Stage: stage}
		_, in.TargetCloseDate = stamp(r, identified+int64(day+r.intn(6*day)))
		at := created
		if stage != &incidentStages[0] {
			at, in.AcknowledgedDate = stamp(r, created+int64(2*minute+r.intn(58*minute)))
		}
		if stage == &incidentStages[2] || stage == &incidentStages[3] {
			at, in.MitigatedDate = stamp(r, at+int64(10*minute+r.intn(12*hour)))
		}
		if stage == &incidentStages[3] {
			at, in.ActualCloseDate = stamp(r, at+int64(hour+r.intn(3*day)))
		}
		in.ModifiedDate = stampAt(at)
		if u := someone(); u != nil {
			in.OwnedBy = append(in.OwnedBy, u)
			in.CreatedBy, in.ModifiedBy = someone(), someone()
		}
		if len(parts) > 0 {
			p := parts[r.intn(len(parts))]
			if i%3 == 0 {
				p = parts[0]
			}
			in.AppliesToParts = []*PartSummary{p.Summary()}
			in.PartLineage = partLineage(parts, p)
		}
		if r.pct(80) {
			rep, src := incidentReporters[r.intn(len(incidentReporters))], incidentSources[r.intn(len(incidentSources))]
			in.ReportedBy, in.Source = &rep, &src
		}
		if r.pct(50) && len(accounts) > 0 {
			n := incidentImpacts[r.intn(len(incidentImpacts))]
			in.Impact = &IncidentImpact{Count: &n, CustomerIDs: []*OrgSummary{accountSummary(&accounts[r.intn(len(accounts))])}}
		}
		if r.pct(50) {
			in.Body = "Started after the " + pick(r, []string{"deploy", "database failover", "certificate renewal"}) + "."
		}
		if r.pct(40) {
			in.SLASummary = &SLASummary{Stage: pick(r, []string{"completed", "breached", "running"})}
		}
		if r.pct(20) {
			in.Subtype = "security"
		}
		if r.pct(30) {
			in.Tags = tagFrom(r, pool)
		}
		out = append(out, in)
	}
	return out
}

// partLineage is the ids and display ids of p and of every part above it
// among parts.
func partLineage(parts []Part, p Part) []string {
	out := []string{p.ID, p.DisplayID}
	for up := p.Parent; up != ""; {
		k := slices.IndexFunc(parts, func(q Part) bool { return q.ID == up })
		if k < 0 {
			break
		}
		out, up = append(out, parts[k].ID, parts[k].DisplayID), parts[k].Parent
	}
	return out
}

// stampAt renders a millisecond instant as stamp rendered it.
func stampAt(ms int64) string {
	t := time.UnixMilli(ms).UTC()
	if t.Equal(t.Truncate(time.Second)) {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000Z")
}
