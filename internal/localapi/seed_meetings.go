package localapi

import (
	"strconv"
	"strings"
)

// Meetings are not generated on their own: each is the meeting record of
// one engagement of type "meeting" (one source of truth), so that an
// account's meetings are the same whether read through engagements.list
// (type meeting, parent the account) or meetings.list. A meeting takes its
// engagement's title, description, dates, creator, external reference and
// parent (the first, an account), and its members (dev users, the first
// the organizer); its channel, state, direction, end, recording and tags
// are drawn for it, deterministic for a seed.

var (
	meetingTags = []TagSummary{
		{ID: donPrefix + "tag/21", DisplayID: "TAG-21", Name: "demo"},
		{ID: donPrefix + "tag/22", DisplayID: "TAG-22", Name: "follow-up"},
	}
	meetingChannelDraw   = []string{"google_meet", "zoom", "zoom", "teams", "teams", "offline", "other", "amazon_connect"}
	meetingDirectionDraw = []string{"outgoing", "outgoing", "incoming", "internal"}
	// The outcome of a scheduled meeting, mostly completed; a meeting
	// without a scheduled date is waiting or ongoing.
	meetingOutcomeDraw = []string{"completed", "completed", "completed", "completed", "completed",
		"scheduled", "scheduled", "canceled", "no_show", "rescheduled", "rejected"}
)

// deriveMeetings makes the meetings of the engagements of type meeting, in
// the engagements' order: MEET-1, MEET-2, ... Members are resolved among
// users (the dev users) and the parent among accounts; an id neither knows
// is served as {"id": ...}.
func deriveMeetings(seed uint64, engagements []Engagement, accounts []Account, users []DevUser) []Meeting {
	r := &rng{s: seed ^ 0x6d656574696e6773}
	userByID := map[string]*UserSummary{}
	for i := range users {
		u := users[i].Summary()
		for _, id := range userIDs(u) {
			userByID[id] = u
		}
	}
	accountByID := map[string]*OrgSummary{}
	for i := range accounts {
		s := accountSummary(&accounts[i])
		for _, id := range orgIDs(s) {
			accountByID[id] = s
		}
	}
	out := []Meeting{}
	for i := range engagements {
		e := &engagements[i]
		if e.EngagementType != "meeting" {
			continue
		}
		num := strconv.Itoa(len(out) + 1)
		m := Meeting{
			ID: donPrefix + "meeting/" + num, DisplayID: "MEET-" + num,
			Title: e.Title, Description: e.Description,
			CreatedDate: e.CreatedDate, ModifiedDate: e.ModifiedDate, ScheduledDate: e.ScheduledDate,
			CreatedBy: e.CreatedBy, ModifiedBy: e.ModifiedBy,
			ExternalRef: e.ExternalRef, ExternalURL: e.ExternalURL,
			Members:   []*UserSummary{},
			Channel:   pick(r, meetingChannelDraw),
			Direction: pick(r, meetingDirectionDraw),
		}
		for _, id := range e.Members {
			u, ok := userByID[normID(id)]
			if !ok {
				u = &UserSummary{Type: "dev_user", ID: id}
			}
			m.Members = append(m.Members, u)
		}
		if len(m.Members) > 0 {
			m.Organizer = m.Members[0]
		}
		if len(e.Parents) > 0 {
			p, ok := accountByID[normID(e.Parents[0])]
			if !ok {
				p = &OrgSummary{ID: e.Parents[0], Type: "account"}
			}
			m.Parent = p
		}
		if m.ScheduledDate == "" {
			m.State = pick(r, []string{"waiting", "ongoing"})
		} else {
			m.State = pick(r, meetingOutcomeDraw)
		}
		if m.State == "completed" {
			start := parseInstant(m.ScheduledDate) / 1e6 // ms
			_, m.EndedDate = stamp(r, start+int64(15+r.intn(76))*60_000)
			if m.Channel != "offline" && r.pct(60) {
				m.RecordingURL = "https://recordings.example.com/meetings/" + strings.ToLower(m.DisplayID)
			}
		}
		if r.pct(35) {
			t := meetingTags[r.intn(len(meetingTags))]
			m.Tags = []TagWithValue{{Tag: &t}}
		}
		out = append(out, m)
	}
	return out
}
