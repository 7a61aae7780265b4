package localapi

import (
	"net/http"
	"slices"
	"strconv"
)

// Meeting is the server's model of a DevRev meeting (`meeting`), as the
// API returns it: organizer and members as user summaries, the parent as
// an account summary, tags as whole tag objects (like works'). Empty
// strings and nil pointers or slices are absent and omitted, except
// members, which the spec requires.
type Meeting struct {
	Channel       string         `json:"channel,omitempty"`
	CreatedBy     *UserSummary   `json:"created_by,omitempty"`
	CreatedDate   string         `json:"created_date,omitempty"`
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
	Tags          []TagWithValue `json:"tags,omitempty"`
	Title         string         `json:"title,omitempty"`
}

// The spec's meeting-channel, meeting-state and meeting-direction enums,
// which the filters check.
var (
	MeetingChannels   = []string{"amazon_connect", "google_meet", "offline", "other", "teams", "zoom"}
	MeetingStates     = []string{"canceled", "completed", "no_show", "ongoing", "rejected", "rescheduled", "scheduled", "waiting"}
	MeetingDirections = []string{"incoming", "internal", "outgoing"}
)

// meetingTable is the meetings table with the values its filters read.
type meetingTable struct {
	*table
	items []Meeting
	sets  map[string][][]string // set-filter values per row, by the filter's name
	// ignoreDates serves meetings.list without applying its date filters
	// (Options.IgnoreMeetingDateFilters).
	ignoreDates bool
}

// meetingSets are the set filters of meetings and the values of a meeting
// each matches: ids normalised (DON or display id, any case), the rest
// exact.
var meetingSets = []struct {
	name string
	norm func(string) string
	vals func(*Meeting) []string
}{
	{"channel", nil, func(m *Meeting) []string { return one(m.Channel) }},
	{"created_by", normID, func(m *Meeting) []string { return userIDs(m.CreatedBy) }},
	{"direction", nil, func(m *Meeting) []string { return one(m.Direction) }},
	{"external_ref", nil, func(m *Meeting) []string { return one(m.ExternalRef) }},
	{"members", normID, func(m *Meeting) []string { return userIDs(m.Members...) }},
	{"organizer", normID, func(m *Meeting) []string { return userIDs(m.Organizer) }},
	{"parent", normID, func(m *Meeting) []string { return orgIDs(m.Parent) }},
	{"state", nil, func(m *Meeting) []string { return one(m.State) }},
	{"tags", normID, func(m *Meeting) []string {
		var out []string
		for _, t := range m.Tags {
			if t.Tag != nil {
				out = append(out, normAll([]string{t.Tag.ID, t.Tag.DisplayID})...)
			}
		}
		return out
	}},
}

func newMeetingTable(in []Meeting, opts Options) *meetingTable {
	x := &meetingTable{sets: map[string][][]string{}, ignoreDates: opts.IgnoreMeetingDateFilters}
	x.table, x.items = newTable("/meetings.list", in, []column[Meeting]{
		{"created_date", func(m *Meeting) string { return m.CreatedDate }},
		{"ended_date", func(m *Meeting) string { return m.EndedDate }},
		{"modified_date", func(m *Meeting) string { return m.ModifiedDate }},
		{"scheduled_date", func(m *Meeting) string { return m.ScheduledDate }},
		{"title", func(m *Meeting) string { return m.Title }},
	}, func(m *Meeting) string { return m.ID }, func(m *Meeting) string { return m.DisplayID }, cloneMeeting, renderEach)
	for _, s := range meetingSets {
		rows := make([][]string, len(x.items))
		for i := range x.items {
			rows[i] = s.vals(&x.items[i])
		}
		x.sets[s.name] = rows
	}
	return x
}

func cloneMeeting(m Meeting) Meeting {
	m.Members = append([]*UserSummary{}, m.Members...)
	m.Tags = slices.Clone(m.Tags)
	return m
}

// meetingFilter is the part of meetings-list-request (and
// meetings-count-request) the server implements.
type meetingFilter struct {
	Channel       []string        `json:"channel"`
	CreatedBy     []string        `json:"created_by"`
	CreatedDate   *workDateFilter `json:"created_date"`
	Direction     []string        `json:"direction"`
	EndedDate     *workDateFilter `json:"ended_date"`
	ExternalRef   []string        `json:"external_ref"`
	Members       []string        `json:"members"`
	ModifiedDate  *workDateFilter `json:"modified_date"`
	Organizer     []string        `json:"organizer"`
	Parent        []string        `json:"parent"`
	ScheduledDate *workDateFilter `json:"scheduled_date"`
	State         []string        `json:"state"`
	Tags          []string        `json:"tags"`
}

func (x *meetingTable) compile(f *meetingFilter, dates bool) (func(int) bool, *apiError) {
	for _, e := range []struct {
		name            string
		vals, enumerals []string
	}{{"channel", f.Channel, MeetingChannels}, {"state", f.State, MeetingStates}, {"direction", f.Direction, MeetingDirections}} {
		if err := checkEnum(e.name, e.vals, e.enumerals); err != nil {
			return nil, err
		}
	}
	var ps predicates
	if e := ps.addRanges(x.keys, func(string) bool { return dates },
		ranged{"created_date", f.CreatedDate}, ranged{"ended_date", f.EndedDate},
		ranged{"modified_date", f.ModifiedDate}, ranged{"scheduled_date", f.ScheduledDate}); e != nil {
		return nil, e
	}
	sets := map[string][]string{
		"channel": f.Channel, "created_by": f.CreatedBy, "direction": f.Direction, "external_ref": f.ExternalRef,
		"members": f.Members, "organizer": f.Organizer, "parent": f.Parent, "state": f.State, "tags": f.Tags,
	}
	for _, s := range meetingSets {
		if vals := sets[s.name]; vals != nil {
			ps.addSet(toSet(vals, s.norm), x.sets[s.name])
		}
	}
	return ps.all(), nil
}

func (x *meetingTable) routes(add func(string, handler)) {
	add("/meetings.list", listHandler(x.table, "meetings", func(f *meetingFilter) (func(int) bool, *apiError) {
		return x.compile(f, !x.ignoreDates)
	}))
	add("/meetings.get", getHandler(x.table, "meeting", "meeting"))
	add("/meetings.count", func(r *http.Request, body []byte, _ pageFault) ([]byte, *apiError) {
		var f meetingFilter
		if e := readRequest(r, body, &f); e != nil {
			return nil, e
		}
		match, e := x.compile(&f, true)
		if e != nil {
			return nil, e
		}
		return []byte(`{"count":` + strconv.Itoa(x.count(match)) + `}`), nil
	})
}
