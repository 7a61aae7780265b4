package localapi

import (
	"strconv"
	"strings"
	"time"
)

// rng is splitmix64. We use our own generator rather than math/rand so the
// generated data set stays identical byte for byte across Go releases.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n); the modulo bias is irrelevant here.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// pct reports true with probability p percent.
func (r *rng) pct(p int) bool { return r.intn(100) < p }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

const donPrefix = "don:core:dvrv-us-1:devo/0:"

// seedUser describes one member of the fixed user pool.
type seedUser struct {
	kind, donType, displayID, displayName, fullName, email, state string
	picture                                                       int // artifact number; 0 = no display picture
}

// The pool covers every user type and every optional-field combination
// (no email, no full name, no picture, non-active states, quotes and
// non-ASCII in names).
var seedUsers = []seedUser{
	{"dev_user", "devu", "DEVU-1", "priya", "Priya Raman", "priya.raman@example-devorg.com", "active", 1001},
	{"dev_user", "devu", "DEVU-2", "jonas.mueller", "Jonas Müller", "jonas@example-devorg.com", "active", 1002},
	{"dev_user", "devu", "DEVU-3", "aiko", "田中 愛子 (Aiko Tanaka)", "aiko.tanaka@example-devorg.com", "active", 0},
	{"dev_user", "devu", "DEVU-4", "marcus", "Marcus O'Neil", "marcus.oneil@example-devorg.com", "active", 1004},
	{"dev_user", "devu", "DEVU-5", "sofia.h", "Sofía Hernández", "sofia@example-devorg.com", "deactivated", 0},
	{"dev_user", "devu", "DEVU-6", "liwei", "", "li.wei@example-devorg.com", "locked", 0},
	{"rev_user", "revu", "REVU-1", "Chloé Dubois", "Chloé Dubois", "chloe.dubois@acme.example", "active", 1011},
	{"rev_user", "revu", "REVU-2", "kwame", "Kwame Mensah", "kwame@globex.example", "active", 0},
	{"rev_user", "revu", "REVU-3", `José "Pepe" García`, `José "Pepe" García`, "", "active", 1013},
	{"rev_user", "revu", "REVU-4", "olga.p", "Olga Petrova", "olga@initech.example", "shadow", 0},
	{"rev_user", "revu", "REVU-5", "hannah", "", "", "unassigned", 0},
	{"service_account", "svcacc", "SVCACC-1", "calendar-sync", "Calendar Sync", "", "active", 1021},
	{"service_account", "svcacc", "SVCACC-2", "mail-importer", "", "", "deleted", 0},
	{"sys_user", "sysu", "SYSU-1", "devrev-bot", "DevRev Bot", "", "active", 0},
}

// seedAccounts name the first accounts; accountName names the rest.
var seedAccounts = []string{
	"Acme Corp", "Globex", "Initech", "Umbrella Health",
	"Stark Logistics", "Café Zürich AG", "株式会社サクラ", "Wayne & Sons",
}

var seedTopics = []string{
	"Q3 renewal", "onboarding kickoff", "SSO rollout", "pricing review",
	"API rate limits", "data migration", "quarterly business review",
	"bug triage", "feature request: dark mode", "security questionnaire",
	"expansion to the EU region", "invoice discrepancy", "résumé of open items",
}

var seedContacts = []string{"Chloé", "Kwame", "Olga", "Pepe", "Hannah", "Mr. Smith", "Dr. Sato"}

// Description fragments exercise escaping: Unicode, emoji, quotes,
// backslashes, newlines, tabs, HTML, and ${ / %{ sequences that template
// languages (HCL among them) would otherwise interpret.
var seedFragments = []string{
	`Discussed the rollout plan for the "Starter" tier; the customer wants SSO before go-live.`,
	"Agenda:\n1. Renewal terms\n2. Support SLAs\n3. Open questions",
	"Attendees from Café Zürich AG joined late — résumé of action items was sent afterwards, naïve estimates included.",
	"日本語のメモ: 次回の打ち合わせは来週です。担当者は田中さん。",
	"Customer shared a template snippet: ${var.region} and %{ if enabled }on%{ endif } — they asked whether it is escaped.",
	`Windows path from their logs: C:\Program Files\Acme\agent.exe (version 2.3.1), and a UNC share \\fs01\exports.`,
	"Great call 🎉👍 — follow up next week 🚀",
	`Quote from the customer: "We can't ship without audit logs." They repeated it twice.`,
	"Account health is stable: weekly active users grew 12% month over month, ticket volume is flat, and the open P1 from last sprint was closed within SLA. The champion is changing teams next quarter, so we need a second sponsor before the renewal conversation starts.",
	"Tab\tseparated\tvalues pasted from a spreadsheet:\nregion\tseats\nEU\t120\nUS\t340",
	`Regex from their config: ^[a-z0-9_\-]+$ and a JSON blob {"key": "value", "nested": {"n": 1}}.`,
	"HTML-looking content: <b>bold</b> & <i>italic</i> should stay literal.",
	"Next steps:\n- send updated pricing\n- schedule the QBR\n- loop in security for the questionnaire",
	"Mixed scripts: Ελληνικά, русский, العربية, עברית, 한국어 — and a zero-width joiner: 👩‍💻.",
	"Trailing whitespace and a blank line follow.  \n\nEnd of notes.",
	`Literal escapes typed by a human: \n is not a newline here, nor is \t a tab, and \u00e9 stays as text.`,
}

// seedTitle builds a title shaped like the engagement's type.
func seedTitle(typ, acct, topic, contact string) string {
	switch typ {
	case "call":
		return "Call with " + acct + ": " + topic
	case "conversation":
		return "Conversation with " + acct + " about " + topic
	case "custom":
		return acct + " — " + topic + " (custom)"
	case "email":
		return "Re: " + topic + " [" + acct + "]"
	case "linked_in":
		return "LinkedIn message to " + contact + " at " + acct
	case "meeting":
		return topic + " meeting — " + acct
	case "offline":
		return "On-site visit at " + acct + ": " + topic
	case "survey":
		return "CSAT survey response from " + acct
	}
	return topic + " follow-up for " + acct
}

// Default sizes of the generated accounts and dev users.
const (
	defaultAccounts = 8
	defaultDevUsers = 12
	defaultWorks    = 120
	defaultTags     = 10
	defaultGroups   = 6
)

// Generate returns count deterministic engagements for seed, numbered
// ENGM-1.. in generation order, where created_date never decreases (a few
// share an instant; the server orders those by id). Generating count n
// yields a prefix of generating any count > n. Their parents are among the
// default accounts and their members among the default dev users.
func Generate(seed uint64, count int) []Engagement {
	return generateEngagements(seed, count, defaultAccounts, defaultDevUsers)
}

// generateEngagements is Generate for nAccounts accounts (ACC-1..) and
// nUsers dev users (DEVU-1..), each at least 1.
func generateEngagements(seed uint64, count, nAccounts, nUsers int) []Engagement {
	if count <= 0 {
		return []Engagement{}
	}
	nAccounts, nUsers = max(nAccounts, 1), max(nUsers, 1)
	r := &rng{s: seed}
	users := make([]*UserSummary, len(seedUsers))
	for i, u := range seedUsers {
		users[i] = makeUser(u)
	}

	out := make([]Engagement, count)
	// Whole-millisecond clock; successive engagements are 0-50 minutes
	// apart, with some exact ties (which the sort breaks by id) between
	// engagements of one type.
	clock := time.Date(2023, 1, 2, 8, 0, 0, 0, time.UTC).UnixMilli()
	var buf []byte               // reused for descriptions
	typeAt := map[int64]string{} // the type of the engagements created at each instant
	for i := range out {
		n := i + 1
		if i > 0 && !r.pct(3) {
			clock += int64(1 + r.intn(50*60*1000))
		}
		created, createdStr := stamp(r, clock)
		clock = created // keep ties exact when the next gap is zero

		typ := engagementTypes()[i%len(engagementTypes())]
		if i >= len(engagementTypes()) {
			typ = pick(r, engagementTypes())
		}
		if t, tie := typeAt[created]; tie {
			// A tie on created_date keeps the type of the engagements it
			// ties with: as a batch import of one kind would. A tie between
			// types leaves a partitioned read unable to know DevRev's order
			// (internal/devrev/partition_order.go), which would send every
			// sorted read of generated data to one chain.
			typ = t
		}
		typeAt[created] = typ
		acct := r.intn(nAccounts)
		acctName := accountName(acct)
		num := strconv.Itoa(n)
		e := Engagement{
			ID:             donPrefix + "engagement/" + num,
			DisplayID:      "ENGM-" + num,
			EngagementType: typ,
			CreatedDate:    createdStr,
		}

		topic, contact := pick(r, seedTopics), pick(r, seedContacts)
		e.Title = seedTitle(typ, acctName, topic, contact)

		// Roughly one in ten has no description.
		if !r.pct(10) {
			buf = buf[:0]
			parts := 2 + r.intn(4)
			for j := range parts {
				if j > 0 {
					if r.pct(50) {
						buf = append(buf, "\n\n"...)
					} else {
						buf = append(buf, ' ')
					}
				}
				buf = append(buf, pick(r, seedFragments)...)
			}
			buf = append(buf, "\n\nRef: ENGM-"...)
			buf = append(buf, num...)
			buf = append(buf, " / account "...)
			buf = append(buf, acctName...)
			e.Description = string(buf)
		}

		if r.pct(20) {
			e.ModifiedDate = createdStr // never modified since creation
		} else {
			_, e.ModifiedDate = stamp(r, created+int64(60_000+r.intn(120*24*3600*1000)))
		}

		scheduledPct := 30
		switch typ {
		case "meeting", "call", "offline", "survey":
			scheduledPct = 85
		}
		if r.pct(scheduledPct) {
			// On a quarter hour, 1-30 days after creation.
			quarter := int64(15 * 60 * 1000)
			when := (created/quarter + int64(4*24*(1+r.intn(30))) + int64(r.intn(96))) * quarter
			_, e.ScheduledDate = stamp(r, when)
		}

		setExternal(r, &e, num)

		creator := users[r.intn(len(users))]
		if i < len(seedUsers) { // guarantee every user (and type) creates something
			creator = users[i]
		}
		e.CreatedBy = creator
		if r.pct(60) {
			e.ModifiedBy = creator
		} else {
			e.ModifiedBy = users[r.intn(len(users))]
		}

		nm := 1 + r.intn(4)
		e.Members = make([]string, 0, nm)
		for range nm {
			m := "DEVU-" + strconv.Itoa(1+r.intn(nUsers))
			if !contains(e.Members, m) {
				e.Members = append(e.Members, m)
			}
		}
		// One parent: the one a response shows is the one the parent filter
		// matches. The draws that once picked a second parent stay, so that
		// the rest of the data is what it was.
		e.Parents = []string{"ACC-" + strconv.Itoa(acct+1)}
		if r.pct(15) {
			_ = r.intn(nAccounts)
		}
		out[i] = e
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// stamp renders a millisecond instant either with milliseconds
// ("2024-03-05T10:11:12.345Z") or without ("2024-03-05T10:11:12Z", the
// instant then truncated to the second). It returns the instant actually
// represented by the string.
func stamp(r *rng, ms int64) (int64, string) {
	t := time.UnixMilli(ms).UTC()
	if r.pct(40) {
		t = t.Truncate(time.Second)
		return t.UnixMilli(), t.Format("2006-01-02T15:04:05Z")
	}
	return ms, t.Format("2006-01-02T15:04:05.000Z")
}

// setExternal gives some engagements an external_ref, usually with an
// external_url, shaped like the system they would come from.
func setExternal(r *rng, e *Engagement, num string) {
	var ref, url string
	switch e.EngagementType {
	case "meeting":
		if r.pct(80) {
			ref, url = "calendar-event-"+num, "https://calendar.example.com/event/calendar-event-"+num
		}
	case "email":
		if r.pct(70) {
			ref, url = "email-thread-"+num, "https://mail.example.com/thread/"+num+"?view=full&lang=en"
		}
	case "call":
		if r.pct(60) {
			ref, url = "call-recording-"+num, "https://dialer.example.com/recordings/"+num
		}
	case "linked_in":
		if r.pct(60) {
			ref, url = "linkedin-msg-"+num, "https://www.linkedin.com/messaging/thread/"+num+"/"
		}
	case "survey":
		if r.pct(50) {
			ref = "survey-response-" + num
		}
	default:
		if r.pct(10) {
			ref = "ext-" + num
		}
	}
	if ref != "" && url != "" && r.pct(15) {
		url = "" // a reference without a URL
	}
	e.ExternalRef, e.ExternalURL = ref, url
}

func makeUser(u seedUser) *UserSummary {
	num := u.displayID[strings.IndexByte(u.displayID, '-')+1:]
	us := &UserSummary{
		Type:        u.kind,
		ID:          "don:identity:dvrv-us-1:devo/0:" + u.donType + "/" + num,
		DisplayID:   u.displayID,
		DisplayName: u.displayName,
		FullName:    u.fullName,
		Email:       u.email,
		State:       u.state,
	}
	if u.picture != 0 {
		pic := strconv.Itoa(u.picture)
		name := strings.ToLower(strings.ReplaceAll(u.displayName, ".", "-")) + ".png"
		us.DisplayPicture = &ArtifactSummary{
			ID:        donPrefix + "artifact/" + pic,
			DisplayID: "ARTIFACT-" + pic,
			File:      &ArtifactFileSummary{Type: "image/png", Name: name, Size: int64(20_000 + u.picture*37)},
		}
	}
	return us
}
