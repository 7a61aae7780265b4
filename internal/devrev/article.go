package devrev

import "context"

// Article is one of DevRev's knowledge-base articles (the spec's `article`,
// an `atom-base`): the fields a report reads. Its parent is the directory
// it is filed in (a `directory-summary`), its scope an `enum-value`.
type Article struct {
	ID             *string           `json:"id"`
	DisplayID      *string           `json:"display_id"`
	Title          *string           `json:"title"`
	Description    *string           `json:"description"`
	ArticleType    *string           `json:"article_type"`
	Status         *string           `json:"status"`
	Rank           *string           `json:"rank"`
	NumUpvotes     *int64            `json:"num_upvotes"`
	NumDownvotes   *int64            `json:"num_downvotes"`
	CreatedDate    *string           `json:"created_date"`
	ModifiedDate   *string           `json:"modified_date"`
	CreatedBy      *UserSummary      `json:"created_by"`
	ModifiedBy     *UserSummary      `json:"modified_by"`
	AuthoredBy     []UserSummary     `json:"authored_by"`
	OwnedBy        []UserSummary     `json:"owned_by"`
	AppliesToParts []PartSummary     `json:"applies_to_parts"`
	Parent         *DirectorySummary `json:"parent"`
	Scope          *EnumValue        `json:"scope"`
	Resource       *ArticleResource  `json:"resource"`
	Tags           []TagWithValue    `json:"tags"`
}

// DirectorySummary is the spec's `directory-summary`: a folder of the
// knowledge base.
type DirectorySummary struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Title     *string `json:"title"`
}

// EnumValue is the spec's `enum-value`, without its free-form `value`.
type EnumValue struct {
	ID      *int64  `json:"id"`
	Label   *string `json:"label"`
	Ordinal *int64  `json:"ordinal"`
}

// ArticleResource is the part of the spec's `resource` a report reads:
// where an article's content lives when it is a link.
type ArticleResource struct {
	URL *string `json:"url"`
}

// The spec's `article-type` and `article-status` enums.
var (
	ArticleTypes    = []string{"article", "content_block", "page"}
	ArticleStatuses = []string{"archived", "draft", "published", "review_needed"}
)

// ArticleFilter holds the filters articles.list and articles.count share
// (`articles-list-request`, `articles-count-request`), under the spec's
// names; scope is a set of integers. A nil set is left out; an empty,
// non-nil one matches nothing.
type ArticleFilter struct {
	AppliesToParts []string `json:"applies_to_parts,omitempty"`
	ArticleType    []string `json:"article_type,omitempty"`
	AuthoredBy     []string `json:"authored_by,omitempty"`
	CreatedBy      []string `json:"created_by,omitempty"`
	ModifiedBy     []string `json:"modified_by,omitempty"`
	OwnedBy        []string `json:"owned_by,omitempty"`
	Parent         []string `json:"parent,omitempty"`
	Scope          []int64  `json:"scope,omitempty"`
	Status         []string `json:"status,omitempty"`
	Tags           []string `json:"tags,omitempty"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f ArticleFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListArticlesRequest is the body of POST /articles.list.
type ListArticlesRequest struct {
	ArticleFilter
	Paging
}

var articles = newEndpoint[ListArticlesRequest]("/articles.list", "/articles.get", "articles", "article",
	func(a *Article) (*string, *string) { return a.ID, a.DisplayID }).
	counted("/articles.count", false)

// ArticlesAPI declares articles for the provider.
var ArticlesAPI = articles.api()

// ListArticles reads every page (up to opts.Limit) into one window.
func (c *Client) ListArticles(ctx context.Context, req ListArticlesRequest, opts ListOptions) (*Window[Article], error) {
	return listWindow(ctx, c, articles, req, opts)
}

// GetArticle reads one article by its DON id or display id (ART-12).
func (c *Client) GetArticle(ctx context.Context, id string) (*Article, error) {
	return articles.getOne(ctx, c, id)
}
