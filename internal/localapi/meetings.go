package localapi

import "slices"

// Meeting is the server's model of a DevRev meeting (`meeting`), as the
// API returns it: organizer and members as user summaries, the parent as
// an account summary, tags as whole tag objects (like works'). Empty
// strings and nil pointers or slices are absent and omitted, except
// members, which the spec requires.
type Meeting struct {
	Channel       string         `json:"channel,omitempty"`
	CreatedBy     *UserSummary   `json:"created_by,omitempty"`
	CreatedDate   string         `json:"created_date,omitempty"`
	CustomFields  CustomFields   `json:"custom_fields,omitempty"`
	Description   string         `json:"description,omitempty"`
	Direction     string         `json:"direction,omitempty"`
	DisplayID     string         `json:"display_id,omitempty"`
	EndedDate     string         `json:"ended_date,omitempty"`
	ExternalRef   string         `json:"external_ref,omitempty"`
	ExternalURL   string         `json:"external_url,omitempty"`
	ID            string         `json:"id"`
	Members       []*UserSummary `json:"members"`
	ModifiedBy    *UserSummary   `json:"modified_by,omitempty"`
	ModifiedDate  string         `json:"modified_date,omitempty"`
	Organizer     *UserSummary   `json:"organizer,omitempty"`
	Parent        *OrgSummary    `json:"parent,omitempty"`
	RecordingURL  string         `json:"recording_url,omitempty"`
	ScheduledDate string         `json:"scheduled_date,omitempty"`
	State         string         `json:"state,omitempty"`
	Subtype       string         `json:"subtype,omitempty"`
	Tags          []TagWithValue `json:"tags,omitempty"`
	Title         string         `json:"title,omitempty"`
}

// meetings' date filters are all ones some organizations check but do
// not apply (Options.IgnoreDateFilters).
var meetings = object[Meeting]{
	list: "/meetings.list", get: "/meetings.get", count: "/meetings.count", key: "meetings", one: "meeting",
	id: func(m *Meeting) string { return m.ID }, displayID: func(m *Meeting) string { return m.DisplayID },
	columns: []column[Meeting]{
		{"created_date", func(m *Meeting) string { return m.CreatedDate }},
		{"ended_date", func(m *Meeting) string { return m.EndedDate }},
		{"modified_date", func(m *Meeting) string { return m.ModifiedDate }},
		{"scheduled_date", func(m *Meeting) string { return m.ScheduledDate }},
		{"title", func(m *Meeting) string { return m.Title }},
	},
	filters: []filter[Meeting]{
		enum("channel", func(m *Meeting) []string { return one(m.Channel) }),
		enum("state", func(m *Meeting) []string { return one(m.State) }),
		enum("direction", func(m *Meeting) []string { return one(m.Direction) }),
		ranges[Meeting]("created_date").orIgnored(),
		ranges[Meeting]("ended_date").orIgnored(),
		ranges[Meeting]("modified_date").orIgnored(),
		ranges[Meeting]("scheduled_date").orIgnored(),
		anyID("created_by", func(m *Meeting) []string { return userIDs(m.CreatedBy) }),
		exact("external_ref", func(m *Meeting) []string { return one(m.ExternalRef) }),
		anyID("members", func(m *Meeting) []string { return userIDs(m.Members...) }),
		anyID("organizer", func(m *Meeting) []string { return userIDs(m.Organizer) }),
		anyID("parent", func(m *Meeting) []string { return orgIDs(m.Parent) }),
		anyID("tags", func(m *Meeting) []string { return tagIDs(m.Tags) }),
		exact("subtype", func(m *Meeting) []string { return one(m.Subtype) }),
		customFieldsFilter(func(m *Meeting) CustomFields { return m.CustomFields }),
	},
	clone: cloneMeeting,
	// Meetings are made from the engagements of type meeting, so they
	// move with them.
	derived: true,
	seed: func(sd *seeds, _ int) []Meeting {
		return deriveMeetings(sd.opts.Seed, of[Engagement](sd, "engagements"), of[Account](sd, "accounts"), of[DevUser](sd, "dev-users"))
	},
}

var _ = serve(&meetings)

func cloneMeeting(m Meeting) Meeting {
	m.Members = append([]*UserSummary{}, m.Members...)
	m.Tags = slices.Clone(m.Tags)
	return m
}
