package localapi

import (
	"slices"
	"strconv"
)

// SLATracker is the server's model of a DevRev SLA tracker (`sla-tracker`):
// where one ticket or issue of the served works stands against its SLA.
// Empty strings and nil pointers are absent and omitted, except
// metric_target_summaries, which the spec requires.
type SLATracker struct {
	AppliesToID           string         `json:"applies_to_id,omitempty"`
	AppliesToType         string         `json:"applies_to_type,omitempty"`
	CreatedBy             *UserSummary   `json:"created_by,omitempty"`
	CreatedDate           string         `json:"created_date,omitempty"`
	DisplayID             string         `json:"display_id,omitempty"`
	ID                    string         `json:"id"`
	MetricTargetSummaries []MetricTarget `json:"metric_target_summaries"`
	ModifiedBy            *UserSummary   `json:"modified_by,omitempty"`
	ModifiedDate          string         `json:"modified_date,omitempty"`
	SLA                   *SLAOfTracker  `json:"sla,omitempty"`
	SLAPolicyID           string         `json:"sla_policy_id,omitempty"`
	Stage                 string         `json:"stage,omitempty"`
	Status                string         `json:"status,omitempty"`
}

// SLAOfTracker is DevRev's sla-summary.
type SLAOfTracker struct {
	DisplayID string `json:"display_id,omitempty"`
	ID        string `json:"id"`
	Name      string `json:"name"`
	SLAType   string `json:"sla_type,omitempty"`
	Status    string `json:"status"`
}

// MetricTarget is DevRev's archetype-metric-target.
type MetricTarget struct {
	// BreachTime and CompletedTime are breached_at and completed_at,
	// named so that Options.SeedDate moves them (isDateField).
	BreachTime         string            `json:"breached_at,omitempty"`
	CompletedTime      string            `json:"completed_at,omitempty"`
	CompletedIn        *int64            `json:"completed_in,omitempty"`
	CompletedInSeconds *int64            `json:"completed_in_seconds,omitempty"`
	InPolicy           *bool             `json:"in_policy,omitempty"`
	IsOutOfSchedule    *bool             `json:"is_out_of_schedule,omitempty"`
	MetricDefinition   *MetricDefinition `json:"metric_definition"`
	RemainingTime      *int64            `json:"remaining_time,omitempty"`
	Stage              string            `json:"stage"`
	Status             string            `json:"status,omitempty"`
	TargetTime         string            `json:"target_time,omitempty"`
	WarningTargetTime  string            `json:"warning_target_time,omitempty"`
}

// MetricDefinition is DevRev's metric-definition-summary.
type MetricDefinition struct {
	DisplayID string `json:"display_id,omitempty"`
	ID        string `json:"id"`
	Name      string `json:"name,omitempty"`
}

var slaTrackers = object[SLATracker]{
	list: "/sla-trackers.list", get: "/sla-trackers.get", key: "sla_trackers", one: "sla_tracker",
	// No display ids: nothing in DevRev's spec or answers gives their
	// prefix, and the provider names no prefix without a source.
	id: func(t *SLATracker) string { return t.ID }, displayID: func(*SLATracker) string { return "" },
	columns: []column[SLATracker]{
		{"created_date", func(t *SLATracker) string { return t.CreatedDate }},
		{"modified_date", func(t *SLATracker) string { return t.ModifiedDate }},
	},
	filters: []filter[SLATracker]{
		exact("stage", func(t *SLATracker) []string { return one(t.Stage) }),
		exact("status", func(t *SLATracker) []string { return one(t.Status) }),
		// Ignorable, as meetings' are, so that a test can show that the
		// provider's own check of the dates makes the result exact.
		dates[SLATracker]("created_date").orIgnored(),
		dates[SLATracker]("modified_date").orIgnored(),
	},
	clone: func(t SLATracker) SLATracker {
		t.MetricTargetSummaries = slices.Clone(t.MetricTargetSummaries)
		return t
	},
	seed: func(sd *seeds, n int) []SLATracker {
		return generateSLATrackers(sd.opts.Seed, n, of[Work](sd, "works"), of[DevUser](sd, "dev-users"))
	},
	defaultCount: func(*seeds) int { return 60 },
}

var _ = serve(&slaTrackers)

// The SLAs and metrics of the generated trackers: tickets are tracked
// against the external SLAs, issues against the internal one.
var (
	trackerSLAs = []SLAOfTracker{
		{ID: donPrefix + "sla/1", Name: "Standard support", SLAType: "external", Status: "published"},
		{ID: donPrefix + "sla/2", Name: "Priority support", SLAType: "external", Status: "published"},
		{ID: donPrefix + "sla/3", Name: "Engineering response", SLAType: "internal", Status: "published"},
	}
	firstResponse = MetricDefinition{ID: donPrefix + "metric_definition/1", Name: "First response time"}
	resolution    = MetricDefinition{ID: donPrefix + "metric_definition/2", Name: "Resolution time"}
)

// generateSLATrackers returns a tracker for each of the first count tickets
// and issues of works (fewer when works has fewer), created with it: the
// stage is the ticket's SLA summary's, or completed for a closed work;
// the last metric is in the tracker's stage, a ticket's first response
// completed before it. Deterministic for a seed.
func generateSLATrackers(seed uint64, count int, works []Work, users []DevUser) []SLATracker {
	r := &rng{s: seed ^ 0x3c6ef372fe94f82b}
	someone := somebody(r, users)
	out := make([]SLATracker, 0, max(count, 0))
	for i := range works {
		if len(out) >= count {
			break
		}
		w := &works[i]
		if w.Type != "ticket" && w.Type != "issue" {
			continue
		}
		created := parseInstant(w.CreatedDate)
		if created == absent {
			continue
		}
		createdMS := created / 1e6
		num := strconv.Itoa(len(out) + 1)
		t := SLATracker{ID: donPrefix + "sla_tracker/" + num, AppliesToID: w.ID, AppliesToType: w.Type,
			CreatedDate: w.CreatedDate, CreatedBy: someone(), MetricTargetSummaries: []MetricTarget{}}
		sla := &trackerSLAs[2]
		if w.Type == "ticket" {
			sla = &trackerSLAs[r.intn(2)]
		}
		t.SLA, t.SLAPolicyID = sla, sla.ID+":sla_policy/1"
		switch {
		case w.Stage != nil && w.Stage.State != nil && w.Stage.State.IsFinal:
			t.Stage = "completed"
		case w.SLASummary != nil && w.SLASummary.Stage != "":
			t.Stage = w.SLASummary.Stage
		default:
			t.Stage = pick(r, []string{"running", "warning", "breached"})
		}
		yes, no := true, false
		hours := int64(4+r.intn(44)) * 3600_000
		if w.Type == "ticket" {
			took := int64(5 + r.intn(55))
			secs := took * 60
			_, at := stamp(r, createdMS+took*60_000)
			t.MetricTargetSummaries = append(t.MetricTargetSummaries, MetricTarget{MetricDefinition: &firstResponse,
				Stage: "completed", Status: "completed", CompletedTime: at, CompletedIn: &took, CompletedInSeconds: &secs, InPolicy: &yes})
		}
		m := MetricTarget{MetricDefinition: &resolution, Stage: t.Stage, InPolicy: &yes}
		_, target := stamp(r, createdMS+hours)
		last := createdMS
		switch t.Stage {
		case "running", "warning":
			m.Status, m.TargetTime, m.IsOutOfSchedule = "in_progress", target, &no
			_, m.WarningTargetTime = stamp(r, createdMS+hours-3600_000)
		case "paused":
			left := int64(30 + r.intn(600))
			m.Status, m.RemainingTime, m.IsOutOfSchedule = "in_progress", &left, &no
		case "breached":
			m.Status, m.TargetTime, m.BreachTime = "breached", target, target
			last = createdMS + hours
		case "completed":
			took := int64(60 + r.intn(72*60))
			secs := took * 60
			m.Status, m.CompletedIn, m.CompletedInSeconds = "completed", &took, &secs
			last = createdMS + took*60_000
			_, m.CompletedTime = stamp(r, last)
			if took*60_000 > hours {
				m.Status, m.BreachTime = "breached", target
			}
		}
		t.Status = m.Status
		t.MetricTargetSummaries = append(t.MetricTargetSummaries, m)
		_, t.ModifiedDate = stamp(r, last+1000+int64(r.intn(3600_000)))
		t.ModifiedBy = t.CreatedBy
		out = append(out, t)
	}
	return out
}
