package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Accounts (OpenAPI `account`): devrev_accounts and devrev_account.

var accountObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:account/12`.", func(a *devrev.Account) *string { return a.ID }),
	stringField("display_id", "Human-readable id unique to the Dev organization, such as `ACC-12`.", func(a *devrev.Account) *string { return a.DisplayID }),
	stringField("display_name", "Name of the account.", func(a *devrev.Account) *string { return a.DisplayName }),
	textField("description", "Description of the account.", func(a *devrev.Account) *string { return a.Description }),
	stringsField("domains", "Company domains of the account, such as `example.com`.", func(a *devrev.Account) []string { return a.Domains }),
	stringsField("websites", "Websites of the account.", func(a *devrev.Account) []string { return a.Websites }),
	stringsField("external_refs", "References of the account in external systems.", func(a *devrev.Account) []string { return a.ExternalRefs }),
	stringField("tier", "Tier of the account.", func(a *devrev.Account) *string { return a.Tier }),
	stringField("subtype", "Subtype of the account.", func(a *devrev.Account) *string { return a.Subtype }),
	refsField(userRefs, "owned_by_ids", "The users who own the account.", func(a *devrev.Account) []devrev.UserSummary { return a.OwnedBy }),
	refField(userRefs, "created_by_id", "The user who created the account.", func(a *devrev.Account) *devrev.UserSummary { return a.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the account.", func(a *devrev.Account) *devrev.UserSummary { return a.ModifiedBy }),
	stringField("created_date", "When the account was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(a *devrev.Account) *string { return a.CreatedDate }),
	stringField("modified_date", "When the account was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(a *devrev.Account) *string { return a.ModifiedDate }),
	objectListField("tags", "Tags on the account, each with its value if it has one; null when DevRev does not say.", tagWithValue, func(a *devrev.Account) []devrev.TagWithValue { return a.Tags }),
	customFieldsField(func(a *devrev.Account) devrev.CustomFields { return a.CustomFields }),
)

var accountFilters = []filter[devrev.AccountFilter]{
	setFilter("display_name", "Only accounts with one of these names (exact).", func(f *devrev.AccountFilter) *[]string { return &f.DisplayName }),
	setFilter("domains", "Only accounts with one of these domains.", func(f *devrev.AccountFilter) *[]string { return &f.Domains }),
	setFilter("external_refs", "Only accounts with one of these external references.", func(f *devrev.AccountFilter) *[]string { return &f.ExternalRefs }),
	setFilter("owned_by", "Only accounts owned by one of these users (ids such as `DEVU-12`).", func(f *devrev.AccountFilter) *[]string { return &f.OwnedBy }),
	setFilter("created_by", "Only accounts created by one of these users (ids such as `DEVU-12`).", func(f *devrev.AccountFilter) *[]string { return &f.CreatedBy }),
	setFilter("tier", "Only accounts of these tiers.", func(f *devrev.AccountFilter) *[]string { return &f.Tier }),
	setFilter("websites", "Only accounts with one of these websites.", func(f *devrev.AccountFilter) *[]string { return &f.Websites }),
	setFilter("stage", "Only accounts in one of these stages (stage ids).", func(f *devrev.AccountFilter) *[]string { return &f.Stage }),
	setFilter("subtype", "Only accounts of these subtypes.", func(f *devrev.AccountFilter) *[]string { return &f.Subtype }),
	customFieldFilter("accounts", func(f *devrev.AccountFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
	dateFilter("created_date", "Only accounts created in this range.", func(f *devrev.AccountFilter) **devrev.DateTimeFilter { return &f.CreatedDate }),
	dateFilter("modified_date", "Only accounts last modified in this range.", func(f *devrev.AccountFilter) **devrev.DateTimeFilter { return &f.ModifiedDate }),
}

var accountsList = newListSpec(devrev.AccountsAPI, &listSpec[devrev.AccountFilter, devrev.ListAccountsRequest, devrev.Account]{
	description: "Lists DevRev accounts (the companies a Dev organization works with) that match the filters, such as a name,",
	sortFields:  "fields such as `display_name`, `created_date` and `modified_date`",
	object:      accountObject,
	filters:     accountFilters,
	request: func(f devrev.AccountFilter, p devrev.Paging) devrev.ListAccountsRequest {
		return devrev.ListAccountsRequest{AccountFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListAccounts,
})

var accountGet = newGetSpec(devrev.AccountsAPI, &getSpec[devrev.Account]{
	displayID: "ACC-12",
	don:       "don:core:dvrv-us-1:devo/0:account/12",
	object:    accountObject,
	get:       (*devrev.Client).GetAccount,
})

// accountSummary reads the same wire summary as objectSummary, without its
// `type`: every entry of `accounts` is an account.
var accountSummary = summaryOfOneKind("account", "ACC-12")

var accountRefs = newRefKind("accounts", "accounts", accountSummary, objectID)

// parentRefs are the objects an engagement or a meeting belongs to, an
// account or an opportunity (a work): told apart by their `type`.
var parentRefs = newRefKind("parents", "parents (accounts and opportunities)", objectSummary, objectID)

var _ = serve(accountsList, accountGet)
