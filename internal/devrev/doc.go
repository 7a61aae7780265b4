// Package devrev is a small client for the parts of DevRev's REST API that the
// provider reads. It knows nothing of Terraform: it speaks the contract in
// DevRev's OpenAPI description (shared/devrev-api/openapi-beta.yaml), retries
// rate-limited and failed requests, and pages through list endpoints.
package devrev
