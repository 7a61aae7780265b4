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
	Channel       []string    `json:"channel,omitempty"`
	CreatedBy     []string    `json:"created_by,omitempty"`
	CreatedDate   *DateFilter `json:"created_date,omitempty"`
	Direction     []string    `json:"direction,omitempty"`
	EndedDate     *DateFilter `json:"ended_date,omitempty"`
	ExternalRef   []string    `json:"external_ref,omitempty"`
	Members       []string    `json:"members,omitempty"`
	ModifiedDate  *DateFilter `json:"modified_date,omitempty"`
	Organizer     []string    `json:"organizer,omitempty"`
	Parent        []string    `json:"parent,omitempty"`
	ScheduledDate *DateFilter `json:"scheduled_date,omitempty"`
	State         []string    `json:"state,omitempty"`
	Tags          []string    `json:"tags,omitempty"`
}

// MatchesNothing reports whether a set of the filter is empty.
func (f MeetingFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListMeetingsRequest is the body of POST /meetings.list.
type ListMeetingsRequest struct {
	MeetingFilter
	Paging
}

var meetings = newEndpoint[ListMeetingsRequest]("/meetings.list", "/meetings.get", "meetings", "meeting",
	func(m *Meeting) (*string, *string) { return m.ID, m.DisplayID })

// MeetingsAPI declares meetings for the provider.
var MeetingsAPI = meetings.api()

// ListMeetings reads every page (up to opts.Limit) into one window. As
// for works, the date filters are also applied here, to each meeting's
// own dates, so that a meeting outside a range the user asked for never
// reaches the result, whether or not DevRev applied the filter; opts.Limit
// counts the meetings kept, and the cursors stay exact (pages).
func (c *Client) ListMeetings(ctx context.Context, req ListMeetingsRequest, opts ListOptions) (*Window[Meeting], error) {
	return listInDateRanges(ctx, c, meetings, req, opts, req.dateRanges, nil)
}

// GetMeeting reads one meeting by its DON id or display id.
func (c *Client) GetMeeting(ctx context.Context, id string) (*Meeting, error) {
	return meetings.getOne(ctx, c, id)
}

// CountMeetings counts the meetings that match filter, in one request
// (none when the filter matches nothing). With a date filter it counts by
// listing instead (one request per 100 meetings DevRev sends), so that the
// count is what devrev_meetings lists for the same filters.
func (c *Client) CountMeetings(ctx context.Context, filter MeetingFilter) (int64, error) {
	if filter.MatchesNothing() {
		return 0, nil
	}
	if filter.hasDateRange() {
		return countListed(ctx, c, func(ctx context.Context) (*Window[Meeting], error) {
			return c.ListMeetings(ctx, ListMeetingsRequest{MeetingFilter: filter}, ListOptions{})
		})
	}
	resp, err := c.count(ctx, "/meetings.count", filter)
	if err != nil {
		return 0, err
	}
	return resp.Count, nil
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

func (f *MeetingFilter) hasDateRange() bool { return anyDateRange(f.dateRanges(&Meeting{})) }
