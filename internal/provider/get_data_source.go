package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Every singular data source (each newGet in provider.go's DataSources) is
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

var _ datasource.DataSourceWithConfigure = (*getDataSource[any])(nil)

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
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Reads one DevRev %s by id through `%s`. A missing %s is an error that names the id.",
			s.noun, s.endpoint, s.noun),
		Attributes: attrs,
	}
}

func (d *getDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	s := d.spec
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, ok := readyClient(d.client, &resp.Diagnostics)
	if !ok {
		return
	}
	// The answer counts against the provider's byte budget, as a list's
	// does, until its state is handed back.
	ctx, read := client.StartRead(ctx)
	defer read.End()
	item, err := s.get(client, ctx, id.ValueString())
	var apiErr *devrev.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "DevRev "+s.noun+" not found",
			fmt.Sprintf("No %s has the id %q, or the token may not see it. Check the id (a DON id or a display id such as %s).\n\n%v",
				s.noun, id.ValueString(), s.displayID, err))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(clientError(fmt.Sprintf("Could not read DevRev %s %q", s.noun, id.ValueString()), err))
		return
	}
	state, warnings, err := s.state(item)
	addRefWarnings(&resp.Diagnostics, s.typeName, warnings)
	if err != nil {
		resp.Diagnostics.Append(clientError(fmt.Sprintf("Could not read DevRev %s %q", s.noun, id.ValueString()), err))
		return
	}
	resp.State.Raw = state
}

// state is the data source's state for item: the schema's type is the
// object's type, and the maps of the objects it names (`users`,
// `parents`), so the same declaration builds the whole state; and the
// warnings about the summaries of those objects (refs.go).
func (s *getSpec[T]) state(item *T) (tftypes.Value, []string, error) {
	state := s.object.value(item)
	x := refIndex{}
	if err := s.object.collect(x, item, nil); err != nil {
		return tftypes.Value{}, nil, &unnamedRefError{err.Error()}
	}
	warnings, err := x.check()
	if err != nil {
		return tftypes.Value{}, nil, err
	}
	kinds := s.object.refKinds()
	if len(kinds) == 0 {
		return state, nil, nil
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		return tftypes.Value{}, nil, err
	}
	types := make(map[string]tftypes.Type, len(attrs)+len(kinds))
	for n, t := range s.object.typ.AttributeTypes {
		types[n] = t
	}
	for _, k := range kinds {
		attrs[k.attribute], types[k.attribute] = x.value(k), k.typ
	}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, attrs), warnings, nil
}
