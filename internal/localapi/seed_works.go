package localapi

import (
	"strconv"
	"time"
)

// Works are generated like the other objects: deterministic for a seed,
// and consistent with them: a ticket's account and an issue's accounts
// are the server's accounts, owners, reporters and creators its dev users,
// the parts works apply to its parts and their tags its tags meant for
// works (Tag.On).
// ACC-1 ("Acme Corp") always has open tickets of every severity, so a demo
// can report on it.

var (
	// workGroups are the groups tickets are assigned to: the first two
	// groups (seed_groups.go).
	workGroups = []GroupSummary{seedGroupSummary(0), seedGroupSummary(1)}
	workStates = map[string]WorkState{
		"open":        {ID: donPrefix + "custom_state/1", Name: "open"},
		"in_progress": {ID: donPrefix + "custom_state/2", Name: "in_progress"},
		"closed":      {ID: donPrefix + "custom_state/3", Name: "closed", IsFinal: true},
	}
	// workStages are the stages of each kind, with the state each is in.
	workStages = map[string][][2]string{
		"ticket":      {{"queued", "open"}, {"work_in_progress", "in_progress"}, {"awaiting_customer_response", "in_progress"}, {"resolved", "closed"}},
		"issue":       {{"triage", "open"}, {"prioritized", "open"}, {"in_development", "in_progress"}, {"completed", "closed"}},
		"task":        {{"open", "open"}, {"in_progress", "in_progress"}, {"completed", "closed"}},
		"opportunity": {{"qualification", "open"}, {"negotiation", "in_progress"}, {"closed_won", "closed"}},
	}
	workPrefixes = map[string]string{"ticket": "TKT", "issue": "ISS", "task": "TASK", "opportunity": "OPP"}
	workTitles   = []string{"Login fails after password reset", "Invoice totals off by one cent", "Export times out",
		"Push notifications arrive twice", "SSO redirect loop", "Dashboard slow for large accounts", "Renewal", "Expansion"}
	ticketChannels = []string{"email", "plug", "slack"}
)

// generateWorks makes count works over the given accounts, dev users,
// parts and tags, created one after another from start on.
func generateWorks(seed uint64, count int, start time.Time, accounts []Account, users []DevUser, parts []Part, tags []Tag) []Work {
	if count <= 0 {
		return []Work{}
	}
	r := &rng{s: seed ^ 0x9e3779b97f4a7c15}
	someone := somebody(r, users)
	workTags := tagsOn(tags, "work")
	out := make([]Work, count)
	clock := start.UnixMilli()
	numbers := map[string]int{}
	for i := range out {
		typ := pick(r, []string{"ticket", "ticket", "ticket", "issue", "issue", "task", "opportunity"})
		severity := ""
		if i < len(ticketSeverities()) { // ACC-1's open tickets of every severity
			typ, severity = "ticket", ticketSeverities()[i]
		}
		numbers[typ]++
		num := strconv.Itoa(numbers[typ])
		clock += int64(1 + r.intn(20*3600*1000))
		created, createdStr := stamp(r, clock)
		stages := workStages[typ]
		stage := pick(r, stages)
		if i < len(ticketSeverities()) {
			stage = stages[0]
		}
		state := workStates[stage[1]]
		w := Work{
			ID: donPrefix + typ + "/" + num, DisplayID: workPrefixes[typ] + "-" + num, Type: typ,
			Title: pick(r, workTitles), CreatedDate: createdStr, ModifiedDate: createdStr,
			Stage: &WorkStage{Name: stage[0], State: &state}, OwnedBy: []*UserSummary{},
		}
		if r.pct(60) {
			_, w.ModifiedDate = stamp(r, created+int64(60_000+r.intn(30*24*3600*1000)))
		}
		if r.pct(50) {
			w.Body = "Reported through " + pick(r, ticketChannels) + "."
		}
		if u := someone(); u != nil {
			w.OwnedBy = append(w.OwnedBy, u)
			w.CreatedBy = someone()
			w.ModifiedBy = w.CreatedBy
		}
		if r.pct(60) {
			if u := someone(); u != nil {
				w.ReportedBy = []*UserSummary{u}
			}
		}
		if r.pct(70) && len(parts) > 0 {
			w.AppliesToPart = parts[r.intn(len(parts))].Summary()
		}
		if r.pct(40) && len(workTags) > 0 {
			w.Tags = []TagWithValue{{Tag: workTags[r.intn(len(workTags))].Summary()}}
		}
		if r.pct(50) {
			_, w.TargetCloseDate = stamp(r, created+int64(r.intn(60*24*3600*1000)))
		}
		if state.IsFinal {
			_, w.ActualCloseDate = stamp(r, created+int64(3600_000+r.intn(20*24*3600*1000)))
		}
		var account *Account
		if len(accounts) > 0 {
			account = &accounts[r.intn(len(accounts))]
			if i < len(ticketSeverities()) {
				account = &accounts[0]
			}
		}
		switch typ {
		case "ticket":
			if severity == "" {
				severity = pick(r, ticketSeverities())
			}
			w.Severity = severity
			w.Channels = []string{pick(r, ticketChannels)}
			g := workGroups[r.intn(len(workGroups))]
			w.Group = &g
			needs, spam := r.pct(40), r.pct(5)
			w.NeedsResponse, w.IsSpam = &needs, &spam
			w.SLASummary = &SLASummary{Stage: pick(r, []string{"running", "warning", "breached", "paused"})}
			if account != nil {
				w.Account = accountSummary(account)
				w.RevOrg = revOrg(account)
			}
		case "issue":
			w.Priority = pick(r, issuePriorities())
			if r.pct(50) {
				w.Sprint = &SprintSummary{ID: donPrefix + "vista_group_item/" + strconv.Itoa(1+r.intn(3)), Name: "Sprint " + strconv.Itoa(1+r.intn(3)), Type: "sprint"}
			}
			if account != nil {
				w.IssueAccounts = []string{account.ID, account.DisplayID}
				w.IssueRevOrgs = []string{revOrg(account).ID, revOrg(account).DisplayID}
			}
		case "opportunity":
			if account != nil {
				w.Account = accountSummary(account)
			}
			w.Value = &Money{Amount: strconv.Itoa(1000 * (1 + r.intn(90))), Currency: "USD"}
		}
		out[i] = w
	}
	return out
}

func accountSummary(a *Account) *OrgSummary {
	return &OrgSummary{ID: a.ID, DisplayID: a.DisplayID, DisplayName: a.DisplayName, Type: "account"}
}
