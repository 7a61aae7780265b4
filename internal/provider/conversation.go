package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Conversations (OpenAPI `conversation`, support conversations):
// devrev_conversations and devrev_conversation. Their stage, SLA summary,
// tags and sentiment have the shapes works' and articles' have.

var conversationObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:conversation/12`.", func(c *devrev.Conversation) *string { return c.ID }),
	stringField("display_id", "Human-readable id, such as `CONV-12`.", func(c *devrev.Conversation) *string { return c.DisplayID }),
	stringField("title", "Title of the conversation.", func(c *devrev.Conversation) *string { return c.Title }),
	textField("description", "Description of the conversation.", func(c *devrev.Conversation) *string { return c.Description }),
	stringField("subtype", "Subtype of the conversation (its custom type), if any.", func(c *devrev.Conversation) *string { return c.Subtype }),
	stringField("source_channel", "Channel the conversation came in through, such as `email`, `plug` or `slack`.", func(c *devrev.Conversation) *string { return c.SourceChannel }),
	stringField("created_date", "When the conversation was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(c *devrev.Conversation) *string { return c.CreatedDate }),
	stringField("modified_date", "When the conversation was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(c *devrev.Conversation) *string { return c.ModifiedDate }),
	stringField("actual_close_date", "When the conversation was closed; null while it is not.", func(c *devrev.Conversation) *string { return c.ActualCloseDate }),
	stringField("last_external_message_date", "When the customer's side last wrote in the conversation; null when DevRev does not say.", func(c *devrev.Conversation) *string { return c.LastExternalMessageDate }),
	refField(userRefs, "created_by_id", "The user who created the conversation.", func(c *devrev.Conversation) *devrev.UserSummary { return c.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the conversation.", func(c *devrev.Conversation) *devrev.UserSummary { return c.ModifiedBy }),
	refsField(userRefs, "owned_by_ids", "The users who own the conversation.", func(c *devrev.Conversation) []devrev.UserSummary { return c.OwnedBy }),
	refsField(userRefs, "member_ids", "The users in the conversation, customers and the organization's alike.", func(c *devrev.Conversation) []devrev.UserSummary { return c.Members }),
	refField(accountRefs, "account_id", "The account the conversation is with.", func(c *devrev.Conversation) *devrev.ObjectSummary { return c.Account }),
	refField(groupRefs, "group_id", "The group the conversation is assigned to.", func(c *devrev.Conversation) *devrev.GroupSummary { return c.Group }),
	refsField(partRefs, "applies_to_part_ids", "The parts the conversation is about.", func(c *devrev.Conversation) []devrev.PartSummary { return c.AppliesToParts }),
	objectField("stage", "The stage the conversation is in, and its state; null when DevRev does not say.", workStage, func(c *devrev.Conversation) *devrev.WorkStage { return c.Stage }),
	objectField("sla_summary", "Where the conversation stands against its SLA; null when no SLA applies.", slaSummary, func(c *devrev.Conversation) *devrev.SLASummary { return c.SLASummary }),
	objectField("sentiment", "Sentiment of the customer, a value of the organization's sentiment enum; null when DevRev does not say.", enumValue, func(c *devrev.Conversation) *devrev.EnumValue { return c.Sentiment }),
	boolField("is_frozen", "Whether the conversation is frozen (no longer takes messages).", func(c *devrev.Conversation) *bool { return c.IsFrozen }),
	customFieldsField(func(c *devrev.Conversation) devrev.CustomFields { return c.CustomFields }),
	objectListField("tags", "Tags on the conversation, each with its value if it has one; null when DevRev does not say.", tagWithValue, func(c *devrev.Conversation) []devrev.TagWithValue { return c.Tags }),
)

// slaSummaryFilter reaches the nested filter the SLA filters set, made
// when the first of them is set (filters.go calls dst only for a
// configured value), so that an unset one is left out of the request body.
func slaSummaryFilter(f *devrev.ConversationFilter) *devrev.SLASummaryFilter {
	if f.SLASummary == nil {
		f.SLASummary = &devrev.SLASummaryFilter{}
	}
	return f.SLASummary
}

// conversationDatesNote is how the date filters are made exact, said in
// each that DevRev has.
const conversationDatesNote = " DevRev does not apply this filter on conversations.list for every organization, so the provider also " +
	"checks each conversation's own date and leaves out those outside the range: the result is exact either way."

// conversationFilters are conversations.list's filters, each sent under
// the spec's name (`sla_summary.stage`, `sla_summary.target_time` and
// `stage.name` nest in the request body), but created_date, which the spec
// does not have.
var conversationFilters = []filter[devrev.ConversationFilter]{
	customFieldFilter("conversations", func(f *devrev.ConversationFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
	setFilter("state", "Only conversations in one of these states (`stage.state.name`): `open`, `in_progress` or `closed` in a default organization.",
		func(f *devrev.ConversationFilter) *[]string { return &f.State }),
	setFilter("stage_name", "Only conversations in one of these stages, by name (`stage.name`, such as `waiting_on_user`); sent as `stage.name`.",
		func(f *devrev.ConversationFilter) *[]string {
			if f.Stage == nil {
				f.Stage = &devrev.StageFilter{}
			}
			return &f.Stage.Name
		}),
	setFilter("account", "Only conversations with one of these accounts (ids such as `ACC-12`, or `devrev_accounts`' `ids`).",
		func(f *devrev.ConversationFilter) *[]string { return &f.Account }),
	setFilter("rev_org", "Only conversations with one of these Rev organizations (ids such as `REV-AbCdEfGh`); sent as `rev_orgs`.",
		func(f *devrev.ConversationFilter) *[]string { return &f.RevOrgs }),
	setFilter("group", "Only conversations assigned to one of these groups (group ids, or `devrev_groups`' `ids`).",
		func(f *devrev.ConversationFilter) *[]string { return &f.Group }),
	setFilter("applies_to_parts", "Only conversations about one of these parts (ids such as `PROD-12`).",
		func(f *devrev.ConversationFilter) *[]string { return &f.AppliesToParts }),
	setFilter("owned_by", "Only conversations owned by one of these users (ids such as `DEVU-12`).",
		func(f *devrev.ConversationFilter) *[]string { return &f.OwnedBy }),
	setFilter("members", "Only conversations one of these users takes part in (ids such as `DEVU-12` or `REVU-12`).",
		func(f *devrev.ConversationFilter) *[]string { return &f.Members }),
	setFilter("source_channel", "Only conversations that came in through one of these channels, such as `email`, `plug` or `slack`.",
		func(f *devrev.ConversationFilter) *[]string { return &f.SourceChannel }),
	setFilter("tags", "Only conversations with one of these tags (tag ids such as `TAG-12`), whatever their values; sent as `tags_v2` (`tags` is deprecated there).",
		func(f *devrev.ConversationFilter) *[]string { return (*[]string)(&f.TagsV2) }),
	setFilter("subtype", "Only conversations of one of these subtypes.",
		func(f *devrev.ConversationFilter) *[]string { return &f.Subtype }),
	setFilter("sla_summary_stage", "Only conversations whose SLA metric closest to breach is in one of these stages: `breached`, `completed`, `paused`, `running`, `warning`; sent as `sla_summary.stage`.",
		func(f *devrev.ConversationFilter) *[]string { return &slaSummaryFilter(f).Stage }, stringvalidator.OneOf(devrev.SLASummaryStages...)),
	rangeFilter("sla_summary_target_time", "Only conversations whose SLA metric closest to breach breaches in this range "+
		"(`sla_summary.target_time`; a conversation without one is left out); sent as `sla_summary.target_time`.",
		func(f *devrev.ConversationFilter) **devrev.DateFilter { return &slaSummaryFilter(f).TargetTime }),
	boolFilter("is_spam", "Only conversations that are spam (`true`) or are not (`false`).",
		func(f *devrev.ConversationFilter) **bool { return &f.IsSpam }),
	boolFilter("is_frozen", "Only conversations that are frozen (`true`) or are not (`false`).",
		func(f *devrev.ConversationFilter) **bool { return &f.IsFrozen }),
	dateFilter("created_date", "Only conversations created in this range. DevRev has no such filter on conversations.list, so none is "+
		"sent: the provider reads every conversation the other filters select and keeps those created in the range.",
		func(f *devrev.ConversationFilter) **devrev.DateTimeFilter { return &f.CreatedDate }),
	dateFilter("modified_date", "Only conversations last modified in this range."+conversationDatesNote,
		func(f *devrev.ConversationFilter) **devrev.DateTimeFilter { return &f.ModifiedDate }),
	rangeFilter("actual_close_date", "Only conversations closed in this range (an open conversation is left out)."+conversationDatesNote,
		func(f *devrev.ConversationFilter) **devrev.DateFilter { return &f.ActualCloseDate }),
}

var conversationsList = newListSpec(devrev.ConversationsAPI, &listSpec[devrev.ConversationFilter, devrev.ListConversationsRequest, devrev.Conversation]{
	description: "Lists DevRev's support conversations that match the filters, such as an account, a state or an SLA stage,",
	object:      conversationObject,
	filters:     conversationFilters,
	request: func(f devrev.ConversationFilter, p devrev.Paging) devrev.ListConversationsRequest {
		return devrev.ListConversationsRequest{ConversationFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListConversations,
})

var conversationGet = newGetSpec(devrev.ConversationsAPI, &getSpec[devrev.Conversation]{
	displayID: "CONV-12",
	don:       "don:core:dvrv-us-1:devo/0:conversation/12",
	object:    conversationObject,
	get:       (*devrev.Client).GetConversation,
})

var _ = serve(conversationsList, conversationGet)
