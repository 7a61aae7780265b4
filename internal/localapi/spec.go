package localapi

import (
	"fmt"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// SpecFields returns the property names DevRev's OpenAPI description gives
// schema (such as "accounts-list-request"), with allOf, oneOf and $ref
// followed, for tests that check a wire format against the spec rather
// than against the code's own types. It reads the trimmed copy of the
// description in the repository (internal/openapi), so those tests run on
// every clone. It panics for a schema the copy lacks: a schema the client's
// requests do not reach is not one the project reads or serves.
func SpecFields(schema string) []string {
	f, err := openapi.Trimmed().Fields(schema)
	if err != nil {
		panic(fmt.Sprintf("localapi.SpecFields: %v (the copy holds what the client's requests reach; see make spec)", err))
	}
	return f
}
