package devrev

// The wire types below follow the OpenAPI schemas `engagement`, `atom-base`,
// `user-summary` and `artifact-summary`. Every optional field is a pointer so
// that a field DevRev leaves out decodes to nil (null in Terraform) instead of
// a zero value that would look like data; unknown fields are ignored.
//
// Timestamps stay strings: DevRev mixes values with and without milliseconds,
// and state must hold exactly what the API sent.

// Engagement is one engagement record (meeting, call, email, ...).
type Engagement struct {
	ID             *string      `json:"id"`
	DisplayID      *string      `json:"display_id"`
	Title          *string      `json:"title"`
	Description    *string      `json:"description"`
	EngagementType *string      `json:"engagement_type"`
	CreatedDate    *string      `json:"created_date"`
	ModifiedDate   *string      `json:"modified_date"`
	ScheduledDate  *string      `json:"scheduled_date"`
	ExternalRef    *string      `json:"external_ref"`
	ExternalURL    *string      `json:"external_url"`
	CreatedBy      *UserSummary `json:"created_by"`
	ModifiedBy     *UserSummary `json:"modified_by"`
}

// UserSummary is DevRev's `user-summary`: a dev user, rev user, service
// account or system user, told apart by Type.
type UserSummary struct {
	ID             *string          `json:"id"`
	DisplayID      *string          `json:"display_id"`
	Type           *string          `json:"type"`
	DisplayName    *string          `json:"display_name"`
	FullName       *string          `json:"full_name"`
	Email          *string          `json:"email"`
	State          *string          `json:"state"`
	DisplayPicture *ArtifactSummary `json:"display_picture"`
}

// ArtifactSummary is DevRev's `artifact-summary` (a stored file).
type ArtifactSummary struct {
	ID        *string      `json:"id"`
	DisplayID *string      `json:"display_id"`
	File      *FileSummary `json:"file"`
}

// FileSummary is DevRev's `artifact-file-summary`.
type FileSummary struct {
	Type *string `json:"type"`
	Name *string `json:"name"`
	Size *int64  `json:"size"`
}

// EngagementTypes is the spec's `engagement-type` enum.
var EngagementTypes = []string{
	"call", "conversation", "custom", "default", "email",
	"linked_in", "meeting", "offline", "survey",
}

// List modes (the spec's `list-mode`).
const (
	ModeAfter  = "after"
	ModeBefore = "before"
)

// MaxPageSize is the largest `limit` one engagements.list request may ask
// for. The spec does not say; DevRev's other list endpoints cap at 100.
const MaxPageSize = 100

// EngagementFilter holds the filters that engagements.list and
// engagements.count share. An empty filter is left out of the request body.
type EngagementFilter struct {
	Type        []string `json:"type,omitempty"`
	ExternalRef []string `json:"external_ref,omitempty"`
	Members     []string `json:"members,omitempty"`
	Parent      []string `json:"parent,omitempty"`
}

// ListEngagementsRequest is the body of POST /engagements.list.
type ListEngagementsRequest struct {
	EngagementFilter
	SortBy []string `json:"sort_by,omitempty"`
	Mode   string   `json:"mode,omitempty"`
	Cursor string   `json:"cursor,omitempty"`
	Limit  int      `json:"limit,omitempty"`
}

// ListEngagementsResponse is one page of engagements.list.
type ListEngagementsResponse struct {
	Engagements []Engagement `json:"engagements"`
	NextCursor  *string      `json:"next_cursor"`
	PrevCursor  *string      `json:"prev_cursor"`
}

type getEngagementRequest struct {
	ID string `json:"id"`
}

type getEngagementResponse struct {
	Engagement *Engagement `json:"engagement"`
}

type countEngagementsResponse struct {
	Count *int64 `json:"count"`
}
