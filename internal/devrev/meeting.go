package devrev

import (
	"context"
)

// Meeting is one of DevRev's meetings (the spec's `meeting`, an
// `atom-base`): the fields a report reads. Its organizer and members are
// `user-summary`s and its parent an `atom-summary` (an account or an
// opportunity, say); like an engagement's, each also decodes from a bare id
// string (summary.go).
type Meeting struct {
	ID            *string        `json:"id"`
	DisplayID     *string        `json:"display_id"`
	Title         *string        `json:"title"`
	Description   *string        `json:"description"`
	Channel       *string        `json:"channel"`
	State         *string        `json:"state"`
	Direction     *string        `json:"direction"`
	ScheduledDate *string        `json:"scheduled_date"`
	EndedDate     *string        `json:"ended_date"`
	ExternalRef   *string        `json:"external_ref"`
	ExternalURL   *string        `json:"external_url"`
	RecordingURL  *string        `json:"recording_url"`
	CreatedDate   *string        `json:"created_date"`
	ModifiedDate  *string        `json:"modified_date"`
	CreatedBy     *UserSummary   `json:"created_by"`
	ModifiedBy    *UserSummary   `json:"modified_by"`
	Organizer     *UserSummary   `json:"organizer"`
	Members       []UserSummary  `json:"members"`
	Parent        *ObjectSummary `json:"parent"`
	Tags          []TagWithValue `json:"tags"`
	Subtype       *string        `json:"subtype"`
	CustomFields  CustomFields   `json:"custom_fields"`
}

// The spec's `meeting-channel`, `meeting-state` and `meeting-direction`
// enums.
var (
	MeetingChannels   = []string{"amazon_connect", "google_meet", "offline", "other", "teams", "zoom"}
	MeetingStates     = []string{"canceled", "completed", "no_show", "ongoing", "rejected", "rescheduled", "scheduled", "waiting"}
	MeetingDirections = []string{"incoming", "internal", "outgoing"}
)

// MeetingFilter holds the filters meetings.list and meetings.count share
// (`meetings-list-request`, `meetings-count-request`), under the spec's
// names. The dates are the spec's `date-filter`, as works' are. A nil
// filter is left out; an empty, non-nil set matches nothing.
type MeetingFilter struct {
	Channel       []string          `json:"channel,omitempty"`
	CreatedBy     []string          `json:"created_by,omitempty"`
	CreatedDate   *DateFilter       `json:"created_date,omitempty"`
	CustomFields  CustomFieldFilter `json:"custom_fields,omitempty"`
	Direction     []string          `json:"direction,omitempty"`
	EndedDate     *DateFilter       `json:"ended_date,omitempty"`
	ExternalRef   []string          `json:"external_ref,omitempty"`
	Members       []string          `json:"members,omitempty"`
	ModifiedDate  *DateFilter       `json:"modified_date,omitempty"`
	Organizer     []string          `json:"organizer,omitempty"`
	Parent        []string          `json:"parent,omitempty"`
	ScheduledDate *DateFilter       `json:"scheduled_date,omitempty"`
	State         []string          `json:"state,omitempty"`
	Subtype       []string          `json:"subtype,omitempty"`
	Tags          []string          `json:"tags,omitempty"`
}

// MatchesNothing reports whether a set of the filter is empty.
func (f MeetingFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListMeetingsRequest is the body of POST /meetings.list.
type ListMeetingsRequest struct {
	MeetingFilter
	Paging
}

// Meetings are split by channel: an enum of the spec that meetings.list
// filters on, fixed when a meeting is made, so a meeting cannot move from
// one part to another while the parts are read (its state can: a meeting
// scheduled when one part is read may be completed when another is).
var meetings = newEndpoint[ListMeetingsRequest]("/meetings.list", "/meetings.get", "meetings", "meeting",
	func(m *Meeting) (*string, *string) { return m.ID, m.DisplayID }).
	counted("/meetings.count", false).
	dated((*ListMeetingsRequest).dateRanges, nil).
	partitioned(partitioning[ListMeetingsRequest, Meeting]{
		filter: "channel", values: MeetingChannels,
		set:   func(r *ListMeetingsRequest) *[]string { return &r.Channel },
		value: func(m *Meeting) *string { return m.Channel },
		dates: sortDates[Meeting]{
			"created_date":  func(m *Meeting) *string { return m.CreatedDate },
			"modified_date": func(m *Meeting) *string { return m.ModifiedDate },
		},
	})

// MeetingsAPI declares meetings for the provider.
var MeetingsAPI = meetings.api()

// ListMeetings reads every page (up to opts.Limit) into one window: in
// parallel parts by channel when that gives exactly what one cursor chain
// gives (partition.go), otherwise as one chain. As for works, the date
// filters are also applied here, to each meeting's own dates, so that a
// meeting outside a range the user asked for never reaches the result,
// whether or not DevRev applied the filter; opts.Limit counts the meetings
// kept, and the cursors stay exact (pages).
func (c *Client) ListMeetings(ctx context.Context, req ListMeetingsRequest, opts ListOptions) (*Window[Meeting], error) {
	return meetings.read(ctx, c, req, opts)
}

// GetMeeting reads one meeting by its DON id or display id.
func (c *Client) GetMeeting(ctx context.Context, id string) (*Meeting, error) {
	return meetings.getOne(ctx, c, id)
}

// dateRanges pairs each date filter with the date of a meeting it selects
// on.
func (f *MeetingFilter) dateRanges(m *Meeting) []dateRange {
	return []dateRange{
		{"created_date", f.CreatedDate.bounds(), m.CreatedDate},
		{"modified_date", f.ModifiedDate.bounds(), m.ModifiedDate},
		{"scheduled_date", f.ScheduledDate.bounds(), m.ScheduledDate},
		{"ended_date", f.EndedDate.bounds(), m.EndedDate},
	}
}
