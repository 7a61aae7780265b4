package localapi

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// specFieldsJSON lists, for each OpenAPI schema this project reads or
// serves, the property names DevRev's OpenAPI description
// (shared/devrev-api/openapi-beta.yaml) gives it, with allOf, oneOf and $ref
// followed. It is extracted from the description by TestSpecFieldsMatchOpenAPI
// (go test -run TestSpecFieldsMatchOpenAPI -update-spec), which also checks
// it against the description whenever that file is present, so that tests
// on a fresh clone still check wire formats against the spec rather than
// against the code's own types.
//
//go:embed spec_fields.json
var specFieldsJSON []byte

// specSchemas are the schemas spec_fields.json covers.
var specSchemas = []string{
	"account", "account-summary", "accounts-get-request", "accounts-get-response", "accounts-list-request",
	"accounts-list-response", "artifact-summary", "date-time-filter", "dev-user", "dev-users-get-request",
	"dev-users-get-response", "dev-users-list-request", "dev-users-list-response", "engagement",
	"engagements-count-request", "engagements-count-response", "engagements-get-request",
	"engagements-get-response", "engagements-list-request", "engagements-list-response",
	"tag-summary", "tag-with-value", "user-summary",
	"work", "works-list-request", "works-list-response", "works-get-request", "works-get-response",
	"works-count-request", "works-count-response", "works-filter-ticket", "works-filter-issue", "stage-filter",
	"date-filter", "legacy-stage", "custom-state-summary", "part-summary", "group-summary", "org-summary",
	"archetype-sla-summary", "vista-group-item-summary", "money",
	"meeting", "meetings-list-request", "meetings-list-response", "meetings-get-request", "meetings-get-response",
	"meetings-count-request", "meetings-count-response", "atom-summary",
	"part", "parts-list-request", "parts-list-response", "parts-get-request", "parts-get-response", "parent-part-filter",
	"tag", "tags-list-request", "tags-list-response", "tags-get-request", "tags-get-response",
	"group", "groups-list-request", "groups-list-response", "groups-get-request", "groups-get-response",
	"group-members-list-request", "group-members-list-response", "group-members-list-response-member",
	"member-summary", "rev-org-summary", "group-members-count-request", "group-members-count-response",
	"rev-org", "rev-orgs-list-request", "rev-orgs-list-response", "rev-orgs-get-request", "rev-orgs-get-response",
	"rev-user", "rev-users-list-request", "rev-users-list-response", "rev-users-get-request", "rev-users-get-response",
}

var specFields = func() map[string][]string {
	var m map[string][]string
	if err := json.Unmarshal(specFieldsJSON, &m); err != nil {
		panic(err)
	}
	return m
}()

// SpecFields returns the property names the OpenAPI description gives
// schema (such as "accounts-list-request"), for tests that check a wire
// format against the spec. It panics for a schema it does not cover.
func SpecFields(schema string) []string {
	f, ok := specFields[schema]
	if !ok {
		panic(fmt.Sprintf("localapi.SpecFields: schema %q is not extracted; add it to specSchemas", schema))
	}
	return f
}
