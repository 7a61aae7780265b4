package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// configuredClient is embedded by every data source: it receives the client
// that the provider's Configure made.
type configuredClient struct {
	client *devrev.Client
}

// Configure implements datasource.DataSourceWithConfigure. Nil
// ProviderData is normal: Terraform configures data sources before the
// provider during validation.
func (c *configuredClient) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	client, ok := req.ProviderData.(*devrev.Client)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *devrev.Client, got %T. This is a bug in the provider; please report it.", req.ProviderData))
	}
	c.client = client
}

// readyClient returns the client, or adds an error when there is none.
func readyClient(client *devrev.Client, diags *diag.Diagnostics) (*devrev.Client, bool) {
	if client == nil {
		diags.AddError("DevRev provider not configured",
			"The data source was read before the devrev provider was configured. This is a bug in the provider; please report it.")
	}
	return client, client != nil
}

// clientError turns an error of the API client into a diagnostic that says
// what went wrong and what to do about it. The token never appears: the
// client's errors do not carry it, and protocolServer.ReadDataSource
// redacts every diagnostic of a read, which may quote what a server sent.
func clientError(summary string, err error) diag.Diagnostic {
	detail := err.Error()
	var (
		apiErr  *devrev.APIError
		tooLong *devrev.RetryAfterTooLongError
		answer  *devrev.AnswerError
		// An error that names its own failure says what to do in its
		// message (devrev/hints.go): its detail needs no hint added.
		complete interface{ Summary() string }
	)
	switch {
	case errors.Is(err, devrev.ErrNoToken):
		return diag.NewAttributeErrorDiagnostic(path.Root("token"), "Missing DevRev API token",
			"No DevRev API token is configured. Set `token` in the provider \"devrev\" block (from a variable "+
				"marked sensitive) or the DEVREV_TOKEN environment variable.")
	case errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic(summary+": cancelled", "The read was cancelled before it finished ("+detail+").")
	case errors.As(err, &tooLong):
		return diag.NewErrorDiagnostic(summary+": rate limited", detail)
	case errors.As(err, &answer):
		// The client's message says what was wrong; what it means for the
		// user's state is the provider's to say.
		return diag.NewErrorDiagnostic(summary+": unusable answer", detail+"\n\n"+
			"Nothing was read into state: an answer that is not what DevRev's API describes is an error, never \"nothing matches\" "+
			"(which would plan to destroy whatever the data drives). Try again; if it persists, check that `endpoint` points at "+
			"DevRev's API (a proxy or gateway may be answering), and report the x-request-id to DevRev.")
	case errors.As(err, &complete):
		return diag.NewErrorDiagnostic(summary+": "+complete.Summary(), detail)
	case errors.As(err, &apiErr):
		return diag.NewErrorDiagnostic(fmt.Sprintf("%s: HTTP %d", summary, apiErr.StatusCode), detail+"\n\n"+statusHint(apiErr))
	default:
		return diag.NewErrorDiagnostic(summary, detail+"\n\nCheck the provider's endpoint (or DEVREV_ENDPOINT) and that this machine can reach it.")
	}
}

// statusHint says what a user can do about an HTTP error.
func statusHint(e *devrev.APIError) string {
	switch s := e.StatusCode; {
	case s == http.StatusUnauthorized:
		return "DevRev did not accept the token. Check that `token` (or DEVREV_TOKEN) holds a valid, unexpired DevRev token for this endpoint."
	case s == http.StatusForbidden:
		return "The token is valid but may not read this data. Use a token of a user or service account with access to it."
	case s == http.StatusNotFound:
		return "DevRev does not know this object or route. Check the id, and that `endpoint` is DevRev's API base URL."
	case s == http.StatusBadRequest:
		return "DevRev rejected the request. Check the data source's arguments" + fieldHint(e.FieldName) + "."
	case s == http.StatusTooManyRequests:
		return "DevRev kept rate limiting the read. Try again later, or raise the provider's max_retries or max_retry_wait."
	case s >= 500:
		return "DevRev failed on its side. Try again later; if it persists, report the reference_id or x-request-id above to DevRev."
	default:
		return "Check the provider configuration and the data source's arguments."
	}
}

func fieldHint(field string) string {
	switch field {
	case "":
		return ""
	case "limit":
		return " (DevRev's `limit` is the data source's `page_size`)"
	default:
		return fmt.Sprintf(" (`%s`)", field)
	}
}
