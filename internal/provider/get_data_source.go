package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Every singular data source (each registered by serve, declared.go) is
// one getSpec: one object by id, with the attributes of one element of the
// matching list, from the same object declaration.

type getSpec[T any] struct {
	displayID string // an example display id: ACC-12
	don       string // an example DON id: don:core:dvrv-us-1:devo/0:account/12
	object    *object[T]
	get       func(*devrev.Client, context.Context, string) (*T, error)

	// From the client's declaration (newGetSpec).
	typeName string // devrev_account
	noun     string // account
	endpoint string // POST /accounts.get
}

// newGetSpec completes s from the client's declaration of its objects: the
// data source is named after the API's object (devrev_ + item).
func newGetSpec[T any](api devrev.API[T], s *getSpec[T]) *getSpec[T] {
	s.typeName = "devrev_" + api.Item
	s.noun = api.Singular
	s.endpoint = "POST " + api.GetPath
	return s
}

type getDataSource[T any] struct {
	configuredClient
	spec *getSpec[T]
}

var (
	_ stateReader                        = (*getDataSource[any])(nil)
	_ datasource.DataSourceWithConfigure = (*getDataSource[any])(nil)
)

func newGet[T any](spec *getSpec[T]) func() datasource.DataSource {
	return func() datasource.DataSource { return &getDataSource[T]{spec: spec} }
}

func (d *getDataSource[T]) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.spec.typeName
}

func (d *getDataSource[T]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s := d.spec
	attrs := s.object.attributes()
	// The one input: the same attribute, made required.
	attrs["id"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: fmt.Sprintf("The %s to read: its DevRev object id (`%s`) or its display id (`%s`). "+
			"After the read it holds the object id, and `display_id` the display id, whichever was given.", s.noun, s.don, s.displayID),
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	for name, attr := range s.object.refSchemas("the "+s.noun+"'s attributes", "") {
		attrs[name] = attr
	}
	if c := s.object.custom; c != nil {
		attrs[customFieldsAttribute] = c.singularAttribute(s.noun)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Reads one DevRev %s by id through `%s`. A missing %s is an error that names the id.",
			s.noun, s.endpoint, s.noun),
		Attributes: attrs,
	}
}

// Read is the framework's read, which the framework's DataSource interface
// requires: the protocol server (protocol_server.go) answers every read
// itself, through the same readState.
func (d *getDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	frameworkRead(ctx, d, d.client, req, resp)
}

// readState reads the object the configuration's id names and returns the
// state (the one read path: protocol_server.go).
func (d *getDataSource[T]) readState(ctx context.Context, client *devrev.Client, config tftypes.Value, _ *devrev.Read) ([]byte, diag.Diagnostics) {
	s := d.spec
	var attrs map[string]tftypes.Value
	var id string
	if err := config.As(&attrs); err != nil || attrs["id"].As(&id) != nil {
		return nil, diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("id"), "Unexpected configuration value",
			"Could not read `id` from the configuration Terraform sent. This is a bug; please report it.")}
	}
	var diags diag.Diagnostics
	if _, ok := readyClient(client, &diags); !ok {
		return nil, diags
	}
	item, err := s.get(client, ctx, id)
	var apiErr *devrev.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		diags.AddAttributeError(path.Root("id"), "DevRev "+s.noun+" not found",
			fmt.Sprintf("No %s has the id %q, or the token may not see it. Check the id (a DON id or a display id such as %s).\n\n%v",
				s.noun, id, s.displayID, err))
		return nil, diags
	}
	if err != nil {
		diags.Append(clientError(fmt.Sprintf("Could not read DevRev %s %q", s.noun, id), err))
		return nil, diags
	}
	state, warnings, err := s.stateMsgPack(mustObject(config.Type(), s.typeName), item)
	addRefWarnings(&diags, s.typeName, warnings)
	if err != nil {
		diags.Append(clientError(fmt.Sprintf("Could not read DevRev %s %q", s.noun, id), err))
		return nil, diags
	}
	return state, diags
}

// stateMsgPack is the data source's state for item, of type typ: every
// attribute is the object's (its `id` is the object id, whichever id was
// given) or one of the maps of the objects it names (`users`, `parents`),
// so the same declaration builds the whole state; and the warnings about
// the summaries of those objects (refs.go).
func (s *getSpec[T]) stateMsgPack(typ tftypes.Object, item *T) ([]byte, []string, error) {
	x := refIndex{}
	if err := s.object.collect(x, item, nil); err != nil {
		return nil, nil, &unnamedRefError{err.Error()}
	}
	streamed, warnings, err := s.object.refWriters(x, nil)
	if err != nil {
		return nil, nil, err
	}
	for i := range s.object.fields {
		f := &s.object.fields[i]
		streamed[f.name] = func(b []byte) []byte { return f.msgpack(b, item) }
	}
	if c := s.object.custom; c != nil {
		streamed[customFieldsAttribute] = func(b []byte) []byte { return appendCustomFieldsDynamic(b, c.get(item)) }
	}
	state, err := encodeState(typ, nil, streamed)
	return state, warnings, err
}
