package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The token and endpoint come from the environment when the provider block
// leaves them out; the token is sent as a bearer token, with or without the
// "Bearer " prefix in the configuration, and the User-Agent names the
// provider and the CLI.
func TestAccProvider_environmentAndHeaders(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 3}})
	t.Setenv(EnvToken, testToken)
	t.Setenv(EnvEndpoint, api.URL)
	all := localapi.Items[localapi.Engagement](api.Server, "engagements")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config:            `data "devrev_engagements" "test" {}`,
				ConfigStateChecks: expectIDs(dsAddr, all),
			},
			{
				Config: `provider "devrev" {
  token = "Bearer ` + testToken + `"
}
data "devrev_engagements" "test" { limit = 1 }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("ids"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(all[0].ID)})),
				},
			},
		},
	})
	reqs := api.Requests()
	if len(reqs) == 0 {
		t.Fatal("no requests reached the API")
	}
	for _, r := range reqs {
		if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
			t.Fatalf("Authorization header %q", got)
		}
		ua := r.Header.Get("User-Agent")
		if !strings.HasPrefix(ua, "terraform-provider-devrev/test ") || !strings.Contains(ua, "Terraform/1.") {
			t.Fatalf("User-Agent %q", ua)
		}
	}
}

// Configuration mistakes name the attribute and say how to fix them, and
// none of them sends a request.
func TestAccProvider_configurationErrors(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 3}})
	t.Setenv(EnvToken, "")
	t.Setenv(EnvEndpoint, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config: `provider "devrev" {
  endpoint = "` + api.URL + `"
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("Missing DevRev API token", "Set `token` in the provider", "DEVREV_TOKEN"),
			},
			{
				Config: `resource "terraform_data" "token" { input = "later" }
provider "devrev" {
  endpoint = "` + api.URL + `"
  token    = terraform_data.token.output
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("Unknown DevRev provider token", "not known until apply", "DEVREV_TOKEN"),
			},
			{
				Config: `provider "devrev" {
  endpoint = "ftp://example.com"
  token    = "x"
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("Invalid DevRev endpoint", `endpoint "ftp://example.com" must be an absolute http:// or https:// URL`),
			},
			{
				Config: `provider "devrev" {
  token          = "x"
  max_retry_wait = "soon"
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("Invalid duration", `"soon" must be a positive duration`),
			},
			{
				Config: `provider "devrev" {
  token       = "x"
  max_retries = -1
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("max_retries value must be at least 0"),
			},
			{
				Config: `provider "devrev" {
  token           = "x"
  request_timeout = "0s"
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("Invalid duration", `"0s" must be a positive duration`),
			},
			{
				Config: `provider "devrev" {
  token           = "x"
  max_concurrency = 0
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("max_concurrency value must be between 1 and 64"),
			},
			{
				Config: `provider "devrev" {
  endpoint = "` + api.URL + `"
  token    = "abc\ndef"
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("Invalid DevRev API token", "line break at character 4"),
			},
			{
				// Only the prefix: no token, rather than "Bearer Bearer".
				Config: `provider "devrev" {
  endpoint = "` + api.URL + `"
  token    = "Bearer   "
}
data "devrev_engagements" "test" {}`,
				ExpectError: errorLike("Missing DevRev API token"),
			},
		},
	})
	if n := len(api.Requests()); n != 0 {
		t.Errorf("configuration errors must not reach the API; it saw %d requests", n)
	}
}

// An endpoint from the environment is checked like one in the provider
// block, and the error says where it came from.
func TestAccProvider_invalidEnvironmentEndpoint(t *testing.T) {
	t.Setenv(EnvToken, "x")
	t.Setenv(EnvEndpoint, "api.devrev.ai")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config:      `data "devrev_engagements" "test" {}`,
			ExpectError: errorLike("Invalid DevRev endpoint", "DEVREV_ENDPOINT environment variable"),
		}},
	})
}

// request_timeout bounds each attempt; a server that never answers fails the
// read after two timed-out attempts (whatever max_retries says), with an
// error that says it timed out and names the setting. The server holds each
// list request for an hour: only request_timeout ends them, or the test
// hangs until go test -timeout.
func TestAccProvider_requestTimeout(t *testing.T) {
	api := startAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.Slow, Path: "/engagements.list", Delay: time.Hour},
		},
		Counts: map[string]int{"engagements": 3},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config:      api.providerBlock(`request_timeout = "500ms"`) + `data "devrev_engagements" "test" {}`,
			ExpectError: errorLike("failed after 2 attempt(s)", "timed out", "request_timeout (500ms)", "raise the provider's request_timeout"),
		}},
	})
	if n := len(api.listRequests()); n != 2 {
		t.Errorf("%d list requests, want 2 (one timed-out attempt is retried)", n)
	}
}
