// Package provider is the Terraform side of the DevRev provider: the
// provider configuration and the data sources, on top of the API client in
// internal/devrev.
package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Environment variables the provider falls back to.
const (
	EnvToken    = "DEVREV_TOKEN"
	EnvEndpoint = "DEVREV_ENDPOINT"
)

var (
	_ provider.Provider              = (*DevRevProvider)(nil)
	_ provider.ProviderWithFunctions = (*DevRevProvider)(nil)
)

// DevRevProvider is the `devrev` provider.
type DevRevProvider struct {
	version string

	// client is set by Configure. The protocol-level read path
	// (protocol_server.go) takes it from here; the framework's data sources
	// get it through DataSourceData.
	client atomic.Pointer[devrev.Client]

	// clientOptions lets tests adjust the client (short retry waits).
	clientOptions func(*devrev.Options)
}

type providerModel struct {
	Token          types.String `tfsdk:"token"`
	Endpoint       types.String `tfsdk:"endpoint"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	MaxRetryWait   types.String `tfsdk:"max_retry_wait"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxConcurrency types.Int64  `tfsdk:"max_concurrency"`
}

func (p *DevRevProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "devrev"
	resp.Version = p.version
}

func (p *DevRevProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads data from [DevRev](https://devrev.ai) through its REST API, " +
			"at plan time: what a company does with its customers (engagements, works, meetings, conversations, incidents, SLA trackers) " +
			"and the objects those name (accounts, users, groups, parts, tags, articles, the organization's custom objects).",
		Attributes: map[string]schema.Attribute{
			"token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "DevRev personal access token or service account token. " +
					"Falls back to the `DEVREV_TOKEN` environment variable, which is the better choice in automation: " +
					"a value given through a root module variable is stored in saved plan files. Sent as " +
					"`Authorization: Bearer <token>` (a value that already starts with `Bearer ` is sent as is), only to " +
					"the endpoint's own scheme, host and port; a redirect anywhere else is not followed. " +
					"Never written by the provider to logs, errors or state; text a server sends back that the provider prints has it replaced by `***`.",
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the DevRev API. Falls back to the `DEVREV_ENDPOINT` " +
					"environment variable, then `" + devrev.DefaultEndpoint + "`. Must be an absolute `http://` or `https://` URL " +
					"without credentials, query or fragment. A plain `http://` endpoint that is not on this machine (loopback) gets " +
					"a warning: the token would cross the network unencrypted.",
				Validators: []validator.String{endpointValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times one request is retried after HTTP 429, "+
					"a 5xx other than 501, or a connection error (so `2` means at most 3 attempts). Default `%d`; `0` disables retries.",
					devrev.DefaultMaxRetries),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"max_retry_wait": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The longest single wait between two attempts, as a duration such as `\"60s\"` or `\"2m\"`. " +
					"Default `\"60s\"`. Waits grow exponentially (with jitter) up to this; a `Retry-After` sent " +
					"by DevRev is honoured, and a 429 or 503 that asks for a longer wait fails the read at once, " +
					"saying how long DevRev asked to wait.",
				Validators: []validator.String{durationValidator{}},
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How long one attempt of one request may take, from sending it to the end of "+
					"the answer, as a duration such as `\"30s\"`. Default `\"%s\"`. A timed-out attempt counts against "+
					"`max_retries`, and only one timed-out attempt of a request is retried: with the defaults a server "+
					"that never answers fails the read after about a minute, with an error that says it timed out. "+
					"Waiting for DevRev's rate limit does not count against it.", devrev.DefaultRequestTimeout),
				Validators: []validator.String{durationValidator{}},
			},
			"max_concurrency": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("The most requests this provider has in flight at once, shared by every "+
					"data source it reads (Terraform reads up to 10 at a time). Default `%d`. All of them also share one rate "+
					"budget: after DevRev answers with `Retry-After`, or with `X-Ratelimit-Remaining: 0`, no request goes out "+
					"before the moment it names (waiting at most `max_retry_wait`), so parallel reads do not run into DevRev's "+
					"per-token rate limit one after another.", devrev.DefaultMaxConcurrency),
				Validators: []validator.Int64{int64validator.Between(1, 64)},
			},
		},
	}
}

func (p *DevRevProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A value only known after apply cannot configure a read during plan.
	unknown := func(v interface{ IsUnknown() bool }, attr, env string) {
		if v.IsUnknown() {
			hint := "Set it to a value known at plan time"
			if env != "" {
				hint += ", or leave it unset and use the " + env + " environment variable"
			}
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Unknown DevRev provider "+attr,
				"The provider's "+attr+" depends on a value that is not known until apply, "+
					"but data sources are read during plan. "+hint+".")
		}
	}
	unknown(cfg.Token, "token", EnvToken)
	unknown(cfg.Endpoint, "endpoint", EnvEndpoint)
	unknown(cfg.MaxRetries, "max_retries", "")
	unknown(cfg.MaxRetryWait, "max_retry_wait", "")
	unknown(cfg.RequestTimeout, "request_timeout", "")
	unknown(cfg.MaxConcurrency, "max_concurrency", "")
	if resp.Diagnostics.HasError() {
		return
	}

	opts := devrev.Options{
		Token:    os.Getenv(EnvToken),
		Endpoint: os.Getenv(EnvEndpoint),
		UserAgent: fmt.Sprintf("terraform-provider-devrev/%s (+https://registry.terraform.io/providers/seed-19167fad/devrev) Terraform/%s",
			p.version, req.TerraformVersion),
	}
	if !cfg.Token.IsNull() {
		opts.Token = cfg.Token.ValueString()
	}
	endpointFrom := EnvEndpoint + " environment variable"
	if !cfg.Endpoint.IsNull() {
		opts.Endpoint, endpointFrom = cfg.Endpoint.ValueString(), "endpoint"
	}
	if opts.Endpoint != "" {
		u, err := devrev.ParseEndpoint(opts.Endpoint)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Invalid DevRev endpoint",
				fmt.Sprintf("The %s is not usable: %v.", endpointFrom, err))
			return
		}
		if devrev.PlainHTTPOverNetwork(u) {
			resp.Diagnostics.AddAttributeWarning(path.Root("endpoint"), "DevRev endpoint without TLS",
				fmt.Sprintf("The %s %s uses plain http:// to a host that is not this machine: the token and the data "+
					"would cross the network unencrypted. Use https:// unless this is a trusted test setup.", endpointFrom, u))
		}
	}
	if !cfg.MaxRetries.IsNull() {
		n := int(cfg.MaxRetries.ValueInt64())
		opts.MaxRetries = &n
	}
	if !cfg.MaxRetryWait.IsNull() {
		d, _ := time.ParseDuration(cfg.MaxRetryWait.ValueString()) // validated by durationValidator
		opts.MaxRetryWait = d
	}
	if !cfg.MaxConcurrency.IsNull() {
		opts.MaxConcurrency = int(cfg.MaxConcurrency.ValueInt64())
	}
	if !cfg.RequestTimeout.IsNull() {
		d, _ := time.ParseDuration(cfg.RequestTimeout.ValueString()) // validated by durationValidator
		opts.RequestTimeout = d
	}
	if p.clientOptions != nil {
		p.clientOptions(&opts)
	}
	client, err := devrev.New(opts)
	switch {
	case errors.Is(err, devrev.ErrInvalidToken):
		resp.Diagnostics.AddAttributeError(path.Root("token"), "Invalid DevRev API token", err.Error()+".")
		return
	case err != nil:
		resp.Diagnostics.AddError("Invalid DevRev provider configuration", err.Error())
		return
	}
	// This one client is all the provider talks to DevRev through: every
	// data source gets it (DataSourceData, and p.client for the
	// protocol-level read), so they share its rate budget and in-flight cap.
	// A missing token is reported when a data source is read, so that
	// `terraform validate` and configurations without DevRev data still
	// work without one.
	tflog.Debug(ctx, "Configured DevRev client", map[string]any{
		"endpoint":  client.Endpoint(),
		"has_token": client.HasToken(),
	})
	p.client.Store(client)
	resp.DataSourceData = client
}

// DataSources are the data sources every object's file declares (serve),
// in type-name order.
func (p *DevRevProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return slices.Clone(declared.sorted())
}

// functionCLINote ends every function's description, and the docs say the same (templates/index.md.tmpl).
const functionCLINote = "Provider-defined functions need Terraform 1.8 or later, or OpenTofu 1.7 or later. " +
	"Older CLIs keep working with this provider and its data sources; only a configuration that calls a function needs a newer one."

// Functions are pure: they need no configuration and never call DevRev.
// CLIs without provider functions (Terraform before 1.8, OpenTofu before
// 1.7) ignore them in the schema and keep working.
func (p *DevRevProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		newParseIDFunction,
		newDisplayIDTypeFunction,
	}
}

func (p *DevRevProvider) Resources(_ context.Context) []func() resource.Resource { return nil }
