// Package devrev is a small client for the parts of DevRev's REST API that the
// provider reads. It knows nothing of Terraform: it speaks the contract in
// DevRev's OpenAPI description (shared/devrev-api/openapi-beta.yaml), retries
// rate-limited and failed requests, and pages through list endpoints.
//
// Every wire type in this package (one file per object, named after it)
// follows its OpenAPI schema. Every optional field is a pointer or a nil
// slice, so that a field DevRev leaves out decodes to nil (null in
// Terraform) instead of a zero value that would look like data; unknown
// fields are ignored. Timestamps stay strings: DevRev mixes values with and
// without milliseconds, and state must hold exactly what the API sent.
//
// Exact, or an error (answer.go): an answer is used only when it holds what
// the API describes, under keys spelled exactly as the spec spells them;
// anything else is an *AnswerError, never an empty result.
package devrev
