package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// endpointValidator checks at plan time that an endpoint is an absolute
// http(s) URL, with the same rule the client applies.
type endpointValidator struct{}

func (endpointValidator) Description(context.Context) string {
	return "must be an absolute http:// or https:// URL"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := devrev.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid DevRev endpoint", err.Error()+".")
	}
}

// durationValidator checks that a string is a positive Go duration ("60s").
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return `must be a positive duration such as "60s" or "2m"`
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%q %s.", req.ConfigValue.ValueString(), v.Description(ctx)))
	}
}

// noNullElements rejects a set or list that holds a null element, such as
// `parent = [var.account]` with a variable left null. Without it the read
// would fail with the framework's "always an error in the provider".
type noNullElements struct{}

func (noNullElements) Description(context.Context) string {
	return "must not hold a null element"
}

func (v noNullElements) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (noNullElements) check(p path.Path, v interface{ Elements() []attr.Value }, diags *diag.Diagnostics) {
	for _, e := range v.Elements() {
		if e.IsNull() {
			name := p.String()
			diags.AddAttributeError(p, "Null element in "+name,
				fmt.Sprintf("`%s` holds a null element (often a variable or attribute without a value). "+
					"Remove it or give it a value: a filter cannot match null. To match nothing, use an empty set.", name))
			return
		}
	}
}

func (v noNullElements) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() {
		v.check(req.Path, req.ConfigValue, &resp.Diagnostics)
	}
}

func (v noNullElements) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if !req.ConfigValue.IsNull() && !req.ConfigValue.IsUnknown() {
		v.check(req.Path, req.ConfigValue, &resp.Diagnostics)
	}
}

// rfc3339Validator checks that a string is an RFC 3339 timestamp, as
// DevRev's date-time filters require, with the parser the client checks
// dates with (devrev.ParseInstant): what passes here, the client reads.
type rfc3339Validator struct{}

func (rfc3339Validator) Description(context.Context) string {
	return "must be an RFC 3339 timestamp such as 2024-01-31T00:00:00Z"
}

func (v rfc3339Validator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v rfc3339Validator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := devrev.ParseInstant(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timestamp",
			fmt.Sprintf("%s: %q %s; %v.", req.Path, req.ConfigValue.ValueString(), v.Description(ctx), err))
	}
}
