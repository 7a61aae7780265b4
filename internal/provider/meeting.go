package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Meetings (OpenAPI `meeting`): devrev_meetings, devrev_meeting and
// devrev_meetings_count.

var meetingObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:meeting/12`.", func(m *devrev.Meeting) *string { return m.ID }),
	stringField("display_id", "Human-readable id of the meeting.", func(m *devrev.Meeting) *string { return m.DisplayID }),
	stringField("title", "Title of the meeting.", func(m *devrev.Meeting) *string { return m.Title }),
	textField("description", "Description of the meeting.", func(m *devrev.Meeting) *string { return m.Description }),
	stringField("channel", "Where the meeting takes place: `amazon_connect`, `google_meet`, `offline`, `other`, `teams` or `zoom`.", func(m *devrev.Meeting) *string { return m.Channel }),
	stringField("state", "State or outcome of the meeting: `canceled`, `completed`, `no_show`, `ongoing`, `rejected`, `rescheduled`, `scheduled` or `waiting`.", func(m *devrev.Meeting) *string { return m.State }),
	stringField("direction", "`internal` for a meeting within the organization; `incoming` or `outgoing` for one with external customers, by who initiated it.", func(m *devrev.Meeting) *string { return m.Direction }),
	refField(userRefs, "organizer_id", "The user who organized the meeting.", func(m *devrev.Meeting) *devrev.UserSummary { return m.Organizer }),
	refsField(userRefs, "member_ids", "The users in the meeting.", func(m *devrev.Meeting) []devrev.UserSummary { return m.Members }),
	refField(parentRefs, "parent_id", "The object the meeting belongs to, such as an account.", func(m *devrev.Meeting) *devrev.ObjectSummary { return m.Parent }),
	stringField("scheduled_date", "When the meeting was scheduled to start, an RFC 3339 timestamp exactly as DevRev sent it; null when not scheduled.", func(m *devrev.Meeting) *string { return m.ScheduledDate }),
	stringField("ended_date", "When the meeting ended, an RFC 3339 timestamp exactly as DevRev sent it; null while it has not.", func(m *devrev.Meeting) *string { return m.EndedDate }),
	stringField("external_ref", "Id of the meeting in its channel or provider (a calendar event id, say).", func(m *devrev.Meeting) *string { return m.ExternalRef }),
	stringField("external_url", "URL of the meeting in an external system.", func(m *devrev.Meeting) *string { return m.ExternalURL }),
	stringField("recording_url", "URL of the meeting's recording; null when there is none.", func(m *devrev.Meeting) *string { return m.RecordingURL }),
	objectListField("tags", "Tags on the meeting, as DevRev returns them: each the whole tag, with its value if it has one; null when DevRev does not say.", tagWithValue, func(m *devrev.Meeting) []devrev.TagWithValue { return m.Tags }),
	stringField("created_date", "When the meeting was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(m *devrev.Meeting) *string { return m.CreatedDate }),
	stringField("modified_date", "When the meeting was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(m *devrev.Meeting) *string { return m.ModifiedDate }),
	refField(userRefs, "created_by_id", "The user who created the meeting.", func(m *devrev.Meeting) *devrev.UserSummary { return m.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the meeting.", func(m *devrev.Meeting) *devrev.UserSummary { return m.ModifiedBy }),
	stringField("subtype", "Subtype of the meeting (its custom type), if any.", func(m *devrev.Meeting) *string { return m.Subtype }),
	customFieldsField(func(m *devrev.Meeting) devrev.CustomFields { return m.CustomFields }),
)

// meetingDatesNote is how the date filters are made exact, said in each.
const meetingDatesNote = " The provider also checks each meeting's own date and leaves out those outside the range, " +
	"so the result is exact even where DevRev does not apply the filter."

// meetingFilters are the filters meetings.list and meetings.count share,
// each sent under the spec's name.
var meetingFilters = []filter[devrev.MeetingFilter]{
	setFilter("channel", "Only meetings on these channels: `amazon_connect`, `google_meet`, `offline`, `other`, `teams`, `zoom`.",
		func(f *devrev.MeetingFilter) *[]string { return &f.Channel }, stringvalidator.OneOf(devrev.MeetingChannels...)),
	setFilter("state", "Only meetings in these states: `canceled`, `completed`, `no_show`, `ongoing`, `rejected`, `rescheduled`, `scheduled`, `waiting`.",
		func(f *devrev.MeetingFilter) *[]string { return &f.State }, stringvalidator.OneOf(devrev.MeetingStates...)),
	setFilter("direction", "Only meetings of these directions: `incoming`, `internal`, `outgoing`.",
		func(f *devrev.MeetingFilter) *[]string { return &f.Direction }, stringvalidator.OneOf(devrev.MeetingDirections...)),
	setFilter("organizer", "Only meetings organized by one of these users (ids such as `DEVU-12`, or `devrev_dev_users`' `ids`).",
		func(f *devrev.MeetingFilter) *[]string { return &f.Organizer }),
	setFilter("members", "Only meetings with one of these members (user ids such as `DEVU-12`).",
		func(f *devrev.MeetingFilter) *[]string { return &f.Members }),
	setFilter("created_by", "Only meetings created by one of these users (ids such as `DEVU-12`).",
		func(f *devrev.MeetingFilter) *[]string { return &f.CreatedBy }),
	setFilter("parent", "Only meetings with one of these parents (ids such as `ACC-12`, or `devrev_accounts`' `ids`). DevRev's spec marks this filter deprecated.",
		func(f *devrev.MeetingFilter) *[]string { return &f.Parent }),
	setFilter("external_ref", "Only meetings with one of these external references.",
		func(f *devrev.MeetingFilter) *[]string { return &f.ExternalRef }),
	setFilter("tags", "Only meetings with one of these tags (tag ids such as `TAG-12`).",
		func(f *devrev.MeetingFilter) *[]string { return &f.Tags }),
	setFilter("subtype", "Only meetings of these subtypes.", func(f *devrev.MeetingFilter) *[]string { return &f.Subtype }),
	customFieldFilter("meetings", func(f *devrev.MeetingFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
	rangeFilter("scheduled_date", "Only meetings scheduled to start in this range (an unscheduled meeting is left out)."+meetingDatesNote,
		func(f *devrev.MeetingFilter) **devrev.DateFilter { return &f.ScheduledDate }),
	rangeFilter("ended_date", "Only meetings that ended in this range (one that has not ended is left out)."+meetingDatesNote,
		func(f *devrev.MeetingFilter) **devrev.DateFilter { return &f.EndedDate }),
	rangeFilter("created_date", "Only meetings created in this range."+meetingDatesNote,
		func(f *devrev.MeetingFilter) **devrev.DateFilter { return &f.CreatedDate }),
	rangeFilter("modified_date", "Only meetings last modified in this range."+meetingDatesNote,
		func(f *devrev.MeetingFilter) **devrev.DateFilter { return &f.ModifiedDate }),
}

var meetingsList = newListSpec(devrev.MeetingsAPI, &listSpec[devrev.MeetingFilter, devrev.ListMeetingsRequest, devrev.Meeting]{
	description: "Lists DevRev meetings that match the filters,",
	sortFields:  "fields such as `created_date`, `modified_date`, `scheduled_date` and `ended_date`",
	object:      meetingObject,
	filters:     meetingFilters,
	request: func(f devrev.MeetingFilter, p devrev.Paging) devrev.ListMeetingsRequest {
		return devrev.ListMeetingsRequest{MeetingFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListMeetings,
})

var meetingGet = newGetSpec(devrev.MeetingsAPI, &getSpec[devrev.Meeting]{
	displayID: "MEET-12",
	don:       "don:core:dvrv-us-1:devo/0:meeting/12",
	object:    meetingObject,
	get:       (*devrev.Client).GetMeeting,
})

var _ = serve(meetingsList, meetingGet)
