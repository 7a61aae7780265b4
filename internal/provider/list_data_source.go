package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Every list data source (each registered by serve, declared.go) is
// one listSpec: the endpoint's filters, its object, and the client method
// that pages it. Everything else — the paging arguments, the outputs,
// reading the configuration, the warnings, the state and its streamed
// encoding — is this file, once.

// listSpec describes one list data source. F is the API's filter type, R
// its list request, T its object. Declared with newListSpec, which takes
// the names, the path and the id from the client's declaration (devrev.API).
type listSpec[F, R, T any] struct {
	description string // what the data source reads, the first sentence of its docs
	sortFields  string // which fields DevRev sorts by, for sort_by's description; "" when the API does not sort (no sort_by)
	object      *object[T]
	filters     []filter[F]
	request     func(F, devrev.Paging) R
	list        func(*devrev.Client, context.Context, R, devrev.ListOptions) (*devrev.Window[T], error)

	// From the client's declaration (newListSpec).
	typeName string // devrev_accounts
	items    string // the output list and the API's name for it: accounts, dev_users
	noun     string // the items in prose: accounts, dev users
	endpoint string // POST /accounts.list
	id       func(*T) *string
	args     []filter[listArgs] // the paging arguments (paging_args.go)
	api      devrev.API[T]      // the whole declaration, for the count (countOf)

	once   sync.Once
	schema schema.Schema
	typ    tftypes.Object // the schema's type, which config and state have
}

// newListSpec completes s from the client's declaration of its objects:
// the data source is named after the API's list (devrev_ + its name, the
// items' key unless the client renamed it).
func newListSpec[F, R, T any](api devrev.API[T], s *listSpec[F, R, T]) *listSpec[F, R, T] {
	s.typeName = "devrev_" + api.Name
	s.items, s.noun = api.Attribute, api.Plural
	s.endpoint = "POST " + api.ListPath
	s.id = api.ID
	s.api = api
	s.args = pagingArgs(s.items, s.noun, s.sortFields)
	return s
}

// The outputs every list data source has beside its items, named once for
// the schema and the state (a misspelt string key would compile).
const (
	idsAttribute        = "ids"
	nextCursorAttribute = "next_cursor"
	prevCursorAttribute = "prev_cursor"
)

// listDataSource is a list data source; every instance of one type shares
// its spec.
type listDataSource[F, R, T any] struct {
	configuredClient
	spec *listSpec[F, R, T]
}

func newList[F, R, T any](spec *listSpec[F, R, T]) func() datasource.DataSource {
	return func() datasource.DataSource { return &listDataSource[F, R, T]{spec: spec} }
}

var (
	_ stateReader                        = (*listDataSource[any, any, any])(nil)
	_ datasource.DataSourceWithConfigure = (*listDataSource[any, any, any])(nil)
)

func (d *listDataSource[F, R, T]) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.spec.typeName
}

func (d *listDataSource[F, R, T]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema, _ = d.spec.schemaAndType()
}

// schemaAndType is the schema and its Terraform type, made once.
func (s *listSpec[F, R, T]) schemaAndType() (schema.Schema, tftypes.Object) {
	s.once.Do(func() {
		s.schema = s.makeSchema()
		s.typ = mustObject(s.schema.Type().TerraformType(context.Background()), s.typeName)
	})
	return s.schema, s.typ
}

func (s *listSpec[F, R, T]) makeSchema() schema.Schema {
	attrs := filterAttributes(s.filters)
	items, noun := s.items, s.noun
	for name, attr := range filterAttributes(s.args) {
		attrs[name] = attr
	}
	for name, attr := range s.object.selectionAttributes(s.typeName, items) {
		attrs[name] = attr
	}
	attrs[items] = schema.ListNestedAttribute{
		Computed: true,
		MarkdownDescription: "The matching " + noun + ", in the API's sort order, whichever `mode` read them. " +
			"An empty list when nothing matches.",
		NestedObject: schema.NestedAttributeObject{Attributes: s.object.attributes()},
	}
	if c := s.object.custom; c != nil {
		attrs[customFieldsAttribute] = c.listAttribute(items, noun)
	}
	for name, attr := range s.object.refSchemas("the "+noun, "Null when the selection (`"+selectionArgument+"`, `"+extraSelectionArgument+"`) leaves out every one of those attributes.") {
		attrs[name] = attr
	}
	attrs[idsAttribute] = schema.ListAttribute{
		Computed:            true,
		ElementType:         types.StringType,
		MarkdownDescription: "The ids of `" + items + "`, in the same order; handy for `for_each` via `toset()`, or as another data source's filter.",
	}
	attrs[nextCursorAttribute] = schema.StringAttribute{
		Computed: true,
		MarkdownDescription: "Cursor just after the last of the " + noun + " returned: pass it as `cursor` with " +
			"`mode = \"after\"` to continue forward where `limit` stopped. Null when nothing follows.",
	}
	attrs[prevCursorAttribute] = schema.StringAttribute{
		Computed: true,
		MarkdownDescription: "Cursor just before the first of the " + noun + " returned: pass it as `cursor` with " +
			"`mode = \"before\"` to continue backward. Null when nothing precedes.",
	}
	emptySet := ""
	for _, f := range s.filters {
		if _, ok := f.attr.(schema.SetAttribute); ok {
			emptySet = " An empty set in any filter matches nothing and sends no request."
			break
		}
	}
	return schema.Schema{
		MarkdownDescription: s.description + " through `" + s.endpoint + "`, following the API's cursors until every match " +
			"(or `limit`) is read. Each plan reads again: one request per `page_size` " + noun + "." + emptySet,
		Attributes: attrs,
	}
}

// read reads every page the configuration asks for. Warnings about the
// answer (the client's Window.Warnings) come back as warning diagnostics.
func (s *listSpec[F, R, T]) read(ctx context.Context, client *devrev.Client, config tftypes.Value) (*devrev.Window[T], diag.Diagnostics) {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil, diag.Diagnostics{diag.NewErrorDiagnostic("Unexpected configuration value", err.Error())}
	}
	f, diags := readFilters(s.filters, attrs)
	args, argDiags := readFilters(s.args, attrs)
	diags.Append(argDiags...)
	if diags.HasError() {
		return nil, diags
	}
	if _, ok := readyClient(client, &diags); !ok {
		return nil, diags
	}
	w, err := s.list(client, ctx, s.request(f, args.paging), args.opts)
	if err != nil {
		diags.Append(clientError("Could not list DevRev "+s.noun, err))
		return nil, diags
	}
	// What a read cost, for TF_LOG=debug: a configuration that reads more
	// than it needs shows here first.
	tflog.Debug(ctx, "Read DevRev "+s.noun, map[string]any{
		"items": len(w.Items), "pages": w.Pages, "warnings": len(w.Warnings),
	})
	for _, warning := range w.Warnings {
		diags.AddWarning("DevRev's answer to "+s.typeName+" needed a correction", warning)
	}
	return w, diags
}

// stateMsgPack is the list's state, encoded for the protocol one item at a
// time (see state_msgpack.go): the arguments as configured, the items and
// their ids, the cursors and the maps of the objects the items name
// (`users`, `parents`); and the warnings about those objects' summaries
// (refs.go). It consumes w: each item is cleared once it is encoded, so
// that the decoded window shrinks (to the garbage collector) while the
// encoded state grows, instead of both being whole at the peak.
// answerBytes is how many bytes of DevRev's answers the read held: the
// most room it sets aside for the items ahead of writing them.
func (s *listSpec[F, R, T]) stateMsgPack(config tftypes.Value, w *devrev.Window[T], answerBytes int64) ([]byte, []string, error) {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil, nil, fmt.Errorf("unexpected configuration value: %w", err)
	}
	sel, err := s.object.selection(attrs[selectionArgument], attrs[extraSelectionArgument])
	if err != nil {
		return nil, nil, err
	}
	streamed, warnings, err := s.object.refState(w.Items, sel, s.id, s.items)
	if err != nil {
		return nil, nil, err
	}
	if streamed == nil {
		streamed = map[string]func([]byte) []byte{}
	}
	// The ids are collected first: the items are cleared as they are
	// written.
	ids := make([]*string, len(w.Items))
	for i := range w.Items {
		ids[i] = s.id(&w.Items[i])
	}
	// And so are the custom fields (each a map, which clearing the item
	// leaves alone).
	if c := s.object.custom; c != nil {
		var cfs []devrev.CustomFields // nil: not selected, null
		if s.object.customSelected(sel) {
			cfs = make([]devrev.CustomFields, len(w.Items))
			for i := range w.Items {
				cfs[i] = c.get(&w.Items[i])
			}
		}
		streamed[customFieldsAttribute] = func(b []byte) []byte { return appendCustomFieldsByID(b, ids, cfs) }
	}
	streamed[s.items] = func(b []byte) []byte {
		n := len(w.Items)
		b = appendArrayHeader(b, n)
		for i := range n {
			start := len(b)
			b = s.object.appendSelectedMsgPack(b, &w.Items[i], sel)
			var cleared T
			w.Items[i] = cleared
			if i == 0 && n > 1 {
				// Make room for the rest at once, estimated from the
				// first item, rather than let append double the buffer:
				// at the last doubling the old and the new buffer are
				// both alive, half again the state's size in memory at
				// its peak. The estimate is never more than the answers
				// the read held: a long first item among short ones
				// would otherwise set aside memory for nothing (or more
				// than the machine has), and an estimate short of the
				// real size only leaves the rest to append.
				estimate := int64(len(b)-start) * int64(n-1) * 9 / 8
				b = slices.Grow(b, int(min(estimate, answerBytes)))
			}
		}
		return b
	}
	streamed[idsAttribute] = func(b []byte) []byte {
		b = appendArrayHeader(b, len(ids))
		for _, id := range ids {
			b = appendStringPtr(b, id)
		}
		return b
	}
	streamed[nextCursorAttribute] = func(b []byte) []byte { return appendStringPtr(b, w.NextCursor) }
	streamed[prevCursorAttribute] = func(b []byte) []byte { return appendStringPtr(b, w.PrevCursor) }
	_, typ := s.schemaAndType()
	state, err := encodeState(typ, attrs, streamed)
	return state, warnings, err
}

// Read is the framework's read, which the framework's DataSource interface
// requires: the protocol server (protocol_server.go) answers every read
// itself, through the same readState.
func (d *listDataSource[F, R, T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	frameworkRead(ctx, d, d.client, req, resp)
}

// readState reads every page the configuration asks for and returns the
// state (the one read path: protocol_server.go).
func (d *listDataSource[F, R, T]) readState(ctx context.Context, client *devrev.Client, config tftypes.Value, read *devrev.Read) ([]byte, diag.Diagnostics) {
	w, diags := d.spec.read(ctx, client, config)
	if diags.HasError() {
		return nil, diags
	}
	state, warnings, err := d.spec.stateMsgPack(config, w, read.Bytes())
	addRefWarnings(&diags, d.spec.typeName, warnings)
	if err != nil {
		diags.Append(stateError("Could not list DevRev "+d.spec.noun, err))
		return nil, diags
	}
	return state, diags
}

// stateError is the diagnostic for an error building the state: an answer
// the state cannot hold (refs.go) reads as the client's unusable answers
// do; anything else is the provider's own failure.
func stateError(summary string, err error) diag.Diagnostic {
	var unnamed *unnamedRefError
	if errors.As(err, &unnamed) {
		return clientError(summary, err)
	}
	return diag.NewErrorDiagnostic("Could not build the state", err.Error())
}

// mustObject returns t as an object type. The types passed here come from
// schemas, whose root is always an object.
func mustObject(t tftypes.Type, what string) tftypes.Object {
	obj, ok := t.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("the schema of %s is a %s, not an object", what, t))
	}
	return obj
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
