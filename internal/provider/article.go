package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Articles (OpenAPI `article`, the knowledge base): devrev_articles,
// devrev_article and devrev_articles_count. An article is filed in a
// directory, which the data sources' `directories` map summarizes.

var directorySummary = newObject(
	stringField("id", "DevRev object id of the directory.", func(d *devrev.DirectorySummary) *string { return d.ID }),
	stringField("display_id", "Human-readable id of the directory.", func(d *devrev.DirectorySummary) *string { return d.DisplayID }),
	stringField("title", "Title of the directory.", func(d *devrev.DirectorySummary) *string { return d.Title }),
)

var directoryRefs = newRefKind("directories", "directories of the knowledge base", directorySummary,
	func(d *devrev.DirectorySummary) *string { return d.ID })

// enumValue is an organization's enum value (an article's scope, a
// conversation's sentiment), one shape wherever DevRev sends one.
var enumValue = newObject(
	int64Field("id", "Id of the value, what the filter of the same name (such as `scope` or `severity`) takes.", func(e *devrev.EnumValue) *int64 { return e.ID }),
	stringField("label", "Label of the value, as DevRev shows it.", func(e *devrev.EnumValue) *string { return e.Label }),
	int64Field("ordinal", "Position of the value among the others.", func(e *devrev.EnumValue) *int64 { return e.Ordinal }),
)

var articleResource = newObject(
	stringField("url", "Address of the content.", func(r *devrev.ArticleResource) *string { return r.URL }),
)

var articleObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:article/12`.", func(a *devrev.Article) *string { return a.ID }),
	stringField("display_id", "Human-readable id, such as `ART-12`.", func(a *devrev.Article) *string { return a.DisplayID }),
	stringField("title", "Title of the article.", func(a *devrev.Article) *string { return a.Title }),
	textField("description", "Description of the article.", func(a *devrev.Article) *string { return a.Description }),
	stringField("article_type", "Kind of article: `article`, `content_block` or `page`.", func(a *devrev.Article) *string { return a.ArticleType }),
	stringField("status", "Status of the article: `archived`, `draft`, `published` or `review_needed`.", func(a *devrev.Article) *string { return a.Status }),
	stringField("rank", "Rank of the article among its directory's, as DevRev sent it.", func(a *devrev.Article) *string { return a.Rank }),
	int64Field("num_upvotes", "How many upvotes the article has.", func(a *devrev.Article) *int64 { return a.NumUpvotes }),
	int64Field("num_downvotes", "How many downvotes the article has.", func(a *devrev.Article) *int64 { return a.NumDownvotes }),
	stringField("created_date", "When the article was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(a *devrev.Article) *string { return a.CreatedDate }),
	stringField("modified_date", "When the article was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(a *devrev.Article) *string { return a.ModifiedDate }),
	refField(userRefs, "created_by_id", "The user who created the article.", func(a *devrev.Article) *devrev.UserSummary { return a.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the article.", func(a *devrev.Article) *devrev.UserSummary { return a.ModifiedBy }),
	refsField(userRefs, "authored_by_ids", "The users who wrote the article.", func(a *devrev.Article) []devrev.UserSummary { return a.AuthoredBy }),
	refsField(userRefs, "owned_by_ids", "The users who own the article.", func(a *devrev.Article) []devrev.UserSummary { return a.OwnedBy }),
	refsField(partRefs, "applies_to_part_ids", "The parts the article is about.", func(a *devrev.Article) []devrev.PartSummary { return a.AppliesToParts }),
	refField(directoryRefs, "parent_id", "The directory the article is filed in.", func(a *devrev.Article) *devrev.DirectorySummary { return a.Parent }),
	objectField("scope", "Scope of the article, a value of the organization's scope enum; null when DevRev does not say.", enumValue, func(a *devrev.Article) *devrev.EnumValue { return a.Scope }),
	objectField("resource", "Where the article's content is, for an article that links to it; null otherwise.", articleResource, func(a *devrev.Article) *devrev.ArticleResource { return a.Resource }),
	objectListField("tags", "Tags on the article, each with its value if it has one; null when DevRev does not say.", tagWithValue, func(a *devrev.Article) []devrev.TagWithValue { return a.Tags }),
)

var articleFilters = []filter[devrev.ArticleFilter]{
	setFilter("article_type", "Only articles of these kinds: `article`, `content_block`, `page`. Unset, DevRev leaves out content blocks.",
		func(f *devrev.ArticleFilter) *[]string { return &f.ArticleType }, stringvalidator.OneOf(devrev.ArticleTypes...)),
	setFilter("status", "Only articles in one of these states: `archived`, `draft`, `published`, `review_needed`.",
		func(f *devrev.ArticleFilter) *[]string { return &f.Status }, stringvalidator.OneOf(devrev.ArticleStatuses...)),
	setFilter("parent", "Only articles filed in one of these directories (directory ids, the keys of `directories`).", func(f *devrev.ArticleFilter) *[]string { return &f.Parent }),
	setFilter("applies_to_parts", "Only articles about one of these parts (ids such as `PROD-12`).", func(f *devrev.ArticleFilter) *[]string { return &f.AppliesToParts }),
	setFilter("authored_by", "Only articles written by one of these users (ids such as `DEVU-12`).", func(f *devrev.ArticleFilter) *[]string { return &f.AuthoredBy }),
	setFilter("owned_by", "Only articles owned by one of these users (ids such as `DEVU-12`).", func(f *devrev.ArticleFilter) *[]string { return &f.OwnedBy }),
	setFilter("created_by", "Only articles created by one of these users (ids such as `DEVU-12`).", func(f *devrev.ArticleFilter) *[]string { return &f.CreatedBy }),
	setFilter("modified_by", "Only articles last modified by one of these users (ids such as `DEVU-12`).", func(f *devrev.ArticleFilter) *[]string { return &f.ModifiedBy }),
	setFilter("scope", "Only articles of one of these scopes, by the id of the scope's value (`scope.id`).", func(f *devrev.ArticleFilter) *[]int64 { return &f.Scope }),
	setFilter("tags", "Only articles with one of these tags (tag ids such as `TAG-12`).", func(f *devrev.ArticleFilter) *[]string { return &f.Tags }),
}

var articlesList = newListSpec(devrev.ArticlesAPI, &listSpec[devrev.ArticleFilter, devrev.ListArticlesRequest, devrev.Article]{
	description: "Lists the articles of DevRev's knowledge base that match the filters, such as a status or a directory,",
	object:      articleObject,
	filters:     articleFilters,
	request: func(f devrev.ArticleFilter, p devrev.Paging) devrev.ListArticlesRequest {
		return devrev.ListArticlesRequest{ArticleFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListArticles,
})

var articleGet = newGetSpec(devrev.ArticlesAPI, &getSpec[devrev.Article]{
	displayID: "ART-12",
	don:       "don:core:dvrv-us-1:devo/0:article/12",
	object:    articleObject,
	get:       (*devrev.Client).GetArticle,
})

var _ = serve(articlesList, articleGet)
