package localapi

import (
	"slices"
	"strconv"
	"time"
)

// Conversation is the server's model of a DevRev support conversation
// (`conversation`). Empty strings and nil pointers or slices are absent and
// omitted, except members, which the spec requires.
type Conversation struct {
	Account                 *OrgSummary    `json:"account,omitempty"`
	ActualCloseDate         string         `json:"actual_close_date,omitempty"`
	AppliesToParts          []*PartSummary `json:"applies_to_parts,omitempty"`
	CreatedBy               *UserSummary   `json:"created_by,omitempty"`
	CreatedDate             string         `json:"created_date,omitempty"`
	Description             string         `json:"description,omitempty"`
	DisplayID               string         `json:"display_id,omitempty"`
	Group                   *GroupSummary  `json:"group,omitempty"`
	ID                      string         `json:"id"`
	IsFrozen                *bool          `json:"is_frozen,omitempty"`
	LastExternalMessageDate string         `json:"last_external_message_date,omitempty"`
	Members                 []*UserSummary `json:"members"`
	ModifiedBy              *UserSummary   `json:"modified_by,omitempty"`
	ModifiedDate            string         `json:"modified_date,omitempty"`
	OwnedBy                 []*UserSummary `json:"owned_by,omitempty"`
	Sentiment               *EnumValue     `json:"sentiment,omitempty"`
	SLASummary              *SLASummary    `json:"sla_summary,omitempty"`
	SourceChannel           string         `json:"source_channel,omitempty"`
	Stage                   *WorkStage     `json:"stage,omitempty"`
	Subtype                 string         `json:"subtype,omitempty"`
	CustomFields            CustomFields   `json:"custom_fields,omitempty"`
	Tags                    []TagWithValue `json:"tags,omitempty"`
	Title                   string         `json:"title,omitempty"`

	// RevOrg and IsSpam are what the rev_orgs and is_spam filters select
	// on: the conversation schema has no such fields.
	RevOrg *OrgSummary `json:"-"`
	IsSpam *bool       `json:"-"`
}

var conversations = object[Conversation]{
	list: "/conversations.list", get: "/conversations.get", key: "conversations", one: "conversation",
	id: func(c *Conversation) string { return c.ID }, displayID: func(c *Conversation) string { return c.DisplayID },
	// conversations.list has no sort_by: the columns are the ranged dates.
	columns: []column[Conversation]{
		{"created_date", func(c *Conversation) string { return c.CreatedDate }},
		{"modified_date", func(c *Conversation) string { return c.ModifiedDate }},
		{"actual_close_date", func(c *Conversation) string { return c.ActualCloseDate }},
		{"sla_summary.target_time", func(c *Conversation) string {
			if c.SLASummary == nil {
				return ""
			}
			return c.SLASummary.TargetTime
		}},
	},
	filters: []filter[Conversation]{
		customFieldsFilter(func(c *Conversation) CustomFields { return c.CustomFields }),
		anyID("account", func(c *Conversation) []string { return orgIDs(c.Account) }),
		ranges[Conversation]("actual_close_date"),
		anyID("applies_to_parts", func(c *Conversation) []string {
			var ids []string
			for _, p := range c.AppliesToParts {
				ids = append(ids, partIDs(p)...)
			}
			return ids
		}),
		anyID("group", func(c *Conversation) []string {
			if c.Group == nil {
				return nil
			}
			return []string{c.Group.ID, c.Group.DisplayID}
		}),
		flag("is_frozen", func(c *Conversation) *bool { return c.IsFrozen }),
		flag("is_spam", func(c *Conversation) *bool { return c.IsSpam }),
		anyID("members", func(c *Conversation) []string { return userIDs(c.Members...) }),
		dates[Conversation]("modified_date").orIgnored(),
		anyID("owned_by", func(c *Conversation) []string { return userIDs(c.OwnedBy...) }),
		anyID("rev_orgs", func(c *Conversation) []string { return orgIDs(c.RevOrg) }),
		enum("sla_summary.stage", func(c *Conversation) []string {
			if c.SLASummary == nil {
				return nil
			}
			return one(c.SLASummary.Stage)
		}),
		ranges[Conversation]("sla_summary.target_time"),
		exact("source_channel", func(c *Conversation) []string { return one(c.SourceChannel) }),
		exact("stage.name", func(c *Conversation) []string {
			if c.Stage == nil {
				return nil
			}
			return one(c.Stage.Name)
		}),
		exact("state", func(c *Conversation) []string {
			if c.Stage == nil || c.Stage.State == nil {
				return nil
			}
			return one(c.Stage.State.Name)
		}),
		exact("subtype", func(c *Conversation) []string { return one(c.Subtype) }),
		custom(conversationTags, "tags_v2"),
	},
	clone: func(c Conversation) Conversation {
		c.AppliesToParts, c.Members = slices.Clone(c.AppliesToParts), append([]*UserSummary{}, c.Members...)
		c.OwnedBy, c.Tags = slices.Clone(c.OwnedBy), slices.Clone(c.Tags)
		return c
	},
	seed: func(sd *seeds, n int) []Conversation {
		// With a seed date, conversations start where works do, so that
		// both are recent once every date moves.
		start := conversationsFixedStart
		if !sd.opts.SeedDate.IsZero() {
			start = worksBeforeEngagements
		}
		accounts := of[Account](sd, "accounts")
		cs := generateConversations(sd.opts.Seed, n, start, accounts, of[RevUser](sd, "rev-users"),
			of[DevUser](sd, "dev-users"), of[Part](sd, "parts"), of[Tag](sd, "tags"))
		addConversationCustomFields(sd.opts.Seed, cs, accounts)
		return cs
	},
	defaultCount: func(*seeds) int { return 40 },
}

var _ = serve(&conversations)

var (
	// conversationsFixedStart is where generated conversations start
	// without a seed date.
	conversationsFixedStart = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	// conversationStages are the stages of a conversation, with the state
	// (workStates) each is in.
	conversationStages = [][2]string{{"new", "open"}, {"waiting_on_user", "in_progress"}, {"needs_response", "in_progress"},
		{"resolved", "closed"}, {"archived", "closed"}}
	conversationChannels   = []string{"email", "plug", "slack"}
	conversationSentiments = []EnumValue{{ID: 1, Label: "Negative", Ordinal: 1}, {ID: 2, Label: "Neutral", Ordinal: 2}, {ID: 3, Label: "Positive", Ordinal: 3}}
	// conversationSubtypes are custom types an organization might define.
	conversationSubtypes = []string{"billing_question", "outage_report"}
	conversationTopics   = []string{"Cannot sign in", "Question about my invoice", "Export is slow", "Feature request", "Notifications missing"}
)

// generateConversations returns count conversations, CONV-1.., created one
// after another from start on, deterministic for a seed: each with an
// account and its rev org, members among that rev org's users and the dev
// users, owned by dev users, assigned to the groups tickets are
// (workGroups), about parts, tagged with the tags meant for works. The
// first ones are ACC-1's ("Acme Corp"), open, one in each SLA stage that
// is still running, so that a demo can report on them.
func generateConversations(seed uint64, count int, start time.Time, accounts []Account, revUsers []RevUser, users []DevUser, parts []Part, tags []Tag) []Conversation {
	if count <= 0 {
		return []Conversation{}
	}
	r := &rng{s: seed ^ 0x3c6ef372fe94f82b}
	someone := somebody(r, users)
	pool := tagsOn(tags, "work")
	acmeStages := []string{"running", "warning", "breached", "paused"}
	out := make([]Conversation, count)
	clock := start.UnixMilli()
	for i := range out {
		num := strconv.Itoa(i + 1)
		clock += int64(1 + r.intn(30*3600*1000))
		created, createdStr := stamp(r, clock)
		stage := pick(r, conversationStages)
		if i < len(acmeStages) {
			stage = conversationStages[0]
		}
		state := workStates[stage[1]]
		spam, frozen := r.pct(5), state.IsFinal && r.pct(50)
		c := Conversation{
			ID: donPrefix + "conversation/" + num, DisplayID: "CONV-" + num,
			Title: pick(r, conversationTopics), CreatedDate: createdStr, ModifiedDate: createdStr,
			SourceChannel: pick(r, conversationChannels), Stage: &WorkStage{Name: stage[0], State: &state},
			Members: []*UserSummary{}, IsSpam: &spam, IsFrozen: &frozen,
		}
		if r.pct(60) {
			_, c.ModifiedDate = stamp(r, created+int64(60_000+r.intn(20*24*3600*1000)))
		}
		if r.pct(50) {
			c.Description = "Started on " + c.SourceChannel + "."
		}
		if r.pct(70) {
			_, c.LastExternalMessageDate = stamp(r, created+int64(r.intn(3*24*3600*1000)))
		}
		if u := someone(); u != nil {
			c.OwnedBy = []*UserSummary{u}
			c.Members = append(c.Members, u)
			c.CreatedBy, c.ModifiedBy = u, u
		}
		if len(accounts) > 0 {
			a := &accounts[r.intn(len(accounts))]
			if i < len(acmeStages) {
				a = &accounts[0]
			}
			c.Account, c.RevOrg = accountSummary(a), revOrg(a)
			c.Members = append(c.Members, customersOf(r, revUsers, c.RevOrg.ID)...)
		}
		g := workGroups[r.intn(len(workGroups))]
		c.Group = &g
		if r.pct(60) && len(parts) > 0 {
			c.AppliesToParts = []*PartSummary{parts[r.intn(len(parts))].Summary()}
		}
		if r.pct(30) {
			c.Tags = tagFrom(r, pool)
		}
		if r.pct(60) {
			c.Sentiment = &conversationSentiments[r.intn(len(conversationSentiments))]
		}
		if r.pct(25) {
			c.Subtype = pick(r, conversationSubtypes)
		}
		switch {
		case i < len(acmeStages):
			c.SLASummary = &SLASummary{Stage: acmeStages[i]}
		case state.IsFinal:
			c.SLASummary = &SLASummary{Stage: "completed"}
			_, c.ActualCloseDate = stamp(r, created+int64(3600_000+r.intn(10*24*3600*1000)))
		case r.pct(80):
			c.SLASummary = &SLASummary{Stage: pick(r, acmeStages)}
		}
		if s := c.SLASummary; s != nil && s.Stage != "completed" && s.Stage != "paused" {
			_, s.TargetTime = stamp(r, created+int64(3600_000+r.intn(2*24*3600*1000)))
		}
		out[i] = c
	}
	return out
}

// customersOf is one of the rev users of the rev org with id org, as a
// member of a conversation; none when the rev org has no users.
func customersOf(r *rng, users []RevUser, org string) []*UserSummary {
	var of []*RevUser
	for i := range users {
		if users[i].RevOrg != nil && users[i].RevOrg.ID == org {
			of = append(of, &users[i])
		}
	}
	if len(of) == 0 {
		return nil
	}
	u := pick(r, of)
	return []*UserSummary{{Type: "rev_user", ID: u.ID, DisplayID: u.DisplayID, DisplayName: u.DisplayName,
		Email: u.Email, FullName: u.FullName, State: u.State}}
}

// conversationTags is the tags_v2 filter: tags, each with a value or not
// (`tag-with-value-filter`); a conversation matches when it has one of the
// tags, with that value when one is given. A GET query carries one tag,
// as tags_v2.id and tags_v2.value.
func conversationTags(b *built[Conversation], r *request) (func(int) bool, *apiError) {
	type want struct{ id, value string }
	var wants []want
	if r.body == nil {
		id, value := queryOne(r.query, "tags_v2.id"), queryOne(r.query, "tags_v2.value")
		if id == nil {
			return nil, nil
		}
		wants = append(wants, want{normID(*id), ""})
		if value != nil {
			wants[0].value = *value
		}
	} else {
		v, e := r.lookup("tags_v2")
		if e != nil || v == nil {
			return nil, e
		}
		list, ok := v.([]any)
		if !ok {
			return nil, wrongType("tags_v2", v, "an array of objects")
		}
		for _, item := range list {
			m, ok := item.(map[string]any)
			if !ok {
				return nil, wrongType("tags_v2", item, "an object")
			}
			id, ok := m["id"].(string)
			if !ok {
				return nil, errMissingField("tags_v2.id")
			}
			value, _ := m["value"].(string)
			wants = append(wants, want{normID(id), value})
		}
	}
	return func(i int) bool {
		for _, t := range b.items[i].Tags {
			if t.Tag == nil {
				continue
			}
			for _, w := range wants {
				if (normID(t.Tag.ID) == w.id || normID(t.Tag.DisplayID) == w.id) && (w.value == "" || t.Value == w.value) {
					return true
				}
			}
		}
		return false
	}, nil
}
