package devrev

import (
	"context"
	"encoding/json"
)

// Conversation is one of DevRev's support conversations (the spec's
// `conversation`, an `atom-base`): the fields a report reads. The spec
// gives it an account but no Rev organization, and no spam flag, though
// conversations.list filters by both.
type Conversation struct {
	ID                      *string        `json:"id"`
	DisplayID               *string        `json:"display_id"`
	Title                   *string        `json:"title"`
	Description             *string        `json:"description"`
	Subtype                 *string        `json:"subtype"`
	CustomFields            CustomFields   `json:"custom_fields"`
	SourceChannel           *string        `json:"source_channel"`
	CreatedDate             *string        `json:"created_date"`
	ModifiedDate            *string        `json:"modified_date"`
	ActualCloseDate         *string        `json:"actual_close_date"`
	LastExternalMessageDate *string        `json:"last_external_message_date"`
	CreatedBy               *UserSummary   `json:"created_by"`
	ModifiedBy              *UserSummary   `json:"modified_by"`
	OwnedBy                 []UserSummary  `json:"owned_by"`
	Members                 []UserSummary  `json:"members"`
	Account                 *ObjectSummary `json:"account"`
	Group                   *GroupSummary  `json:"group"`
	AppliesToParts          []PartSummary  `json:"applies_to_parts"`
	Stage                   *WorkStage     `json:"stage"`
	SLASummary              *SLASummary    `json:"sla_summary"`
	Sentiment               *EnumValue     `json:"sentiment"`
	IsFrozen                *bool          `json:"is_frozen"`
	Tags                    []TagWithValue `json:"tags"`
}

// SLASummaryStages is the spec's `sla-summary-stage` enum.
var SLASummaryStages = []string{"breached", "completed", "paused", "running", "warning"}

// ConversationFilter holds the filters of conversations.list
// (`conversations-list-request`) under the spec's names: the SLA stage and
// target time and the stage name nest as `sla_summary.stage`,
// `sla_summary.target_time` and `stage.name`. The spec has no created_date
// filter: CreatedDate is the provider's own range, not sent, checked
// against each conversation's date (dateRanges). A nil set is left out; an
// empty, non-nil one matches nothing.
type ConversationFilter struct {
	Account         []string          `json:"account,omitempty"`
	ActualCloseDate *DateFilter       `json:"actual_close_date,omitempty"`
	AppliesToParts  []string          `json:"applies_to_parts,omitempty"`
	Group           []string          `json:"group,omitempty"`
	IsFrozen        *bool             `json:"is_frozen,omitempty"`
	IsSpam          *bool             `json:"is_spam,omitempty"`
	Members         []string          `json:"members,omitempty"`
	ModifiedDate    *DateTimeFilter   `json:"modified_date,omitempty"`
	OwnedBy         []string          `json:"owned_by,omitempty"`
	RevOrgs         []string          `json:"rev_orgs,omitempty"`
	SLASummary      *SLASummaryFilter `json:"sla_summary,omitempty"`
	SourceChannel   []string          `json:"source_channel,omitempty"`
	Stage           *StageFilter      `json:"stage,omitempty"`
	State           []string          `json:"state,omitempty"`
	Subtype         []string          `json:"subtype,omitempty"`
	CustomFields    CustomFieldFilter `json:"custom_fields,omitempty"`
	TagsV2          TagIDs            `json:"tags_v2,omitempty"`
	CreatedDate     *DateTimeFilter   `json:"-"`
}

// TagIDs are tag ids sent as the spec's `tag-with-value-filter`s, each
// {"id": ...} without a value, so that the tag matches whatever its value:
// conversations.list's `tags` (plain ids) is deprecated for `tags_v2`.
type TagIDs []string

// MarshalJSON writes each id as a `tag-with-value-filter`.
func (t TagIDs) MarshalJSON() ([]byte, error) {
	out := make([]struct {
		ID string `json:"id"`
	}, len(t))
	for i, id := range t {
		out[i].ID = id
	}
	return json.Marshal(out)
}

// SLASummaryFilter is the spec's `sla-summary-filter`: the stage of the
// SLA metric closest to breach, and when it breaches.
type SLASummaryFilter struct {
	Stage      []string    `json:"stage,omitempty"`
	TargetTime *DateFilter `json:"target_time,omitempty"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f ConversationFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListConversationsRequest is the body of POST /conversations.list.
type ListConversationsRequest struct {
	ConversationFilter
	Paging
}

// conversations.list has no sort_by in the spec, so a read with a date range
// has no order to stop at: it reads the whole list and keeps what lies in
// the ranges.
var conversations = newEndpoint[ListConversationsRequest]("/conversations.list", "/conversations.get", "conversations", "conversation",
	func(c *Conversation) (*string, *string) { return c.ID, c.DisplayID }).
	dated((*ListConversationsRequest).dateRanges, nil)

// ConversationsAPI declares conversations for the provider.
var ConversationsAPI = conversations.api()

// ListConversations reads every page (up to opts.Limit) into one window.
// The date ranges are also checked here, against each conversation's own
// dates: DevRev does not honour conversations.list's date filters for
// every organization (../shared/devrev-api/SOURCES.md), and a conversation
// outside a range the user asked for must not reach the result; opts.Limit
// then counts the conversations kept.
func (c *Client) ListConversations(ctx context.Context, req ListConversationsRequest, opts ListOptions) (*Window[Conversation], error) {
	return conversations.read(ctx, c, req, opts)
}

// GetConversation reads one conversation by its DON id or display id
// (CONV-12).
func (c *Client) GetConversation(ctx context.Context, id string) (*Conversation, error) {
	return conversations.getOne(ctx, c, id)
}

// dateRanges pairs each date range with the date of a conversation it
// selects on.
func (f *ConversationFilter) dateRanges(c *Conversation) []dateRange {
	return []dateRange{
		{"created_date", f.CreatedDate, c.CreatedDate},
		{"modified_date", f.ModifiedDate, c.ModifiedDate},
		{"actual_close_date", f.ActualCloseDate.bounds(), c.ActualCloseDate},
	}
}
