package provider

import (
	"fmt"
	"math/big"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// sortByPattern is the one form of sort_by entries the live API accepts
// (../shared/devrev-api/SOURCES.md: `-field` is refused).
var sortByPattern = regexp.MustCompile(`^[a-z][a-z0-9_.]*:(asc|desc)$`)

// listArgs are the paging arguments every list data source shares: the
// client's Paging (sort_by, mode, cursor) and how many to read.
type listArgs struct {
	paging devrev.Paging
	opts   devrev.ListOptions
}

// pagingArgs declares the paging arguments once, each with its schema and
// how it is read into listArgs, as a filter declares a filter: a name is
// written once, so a misspelt one cannot compile into a read of null.
// items and noun name the list's objects in the descriptions.
// A list whose request has no sort_by in the spec (sortFields "") has no
// sort_by argument.
func pagingArgs(items, noun, sortFields string) []filter[listArgs] {
	same := "the same filters"
	if sortFields != "" {
		same += " and `sort_by`"
	}
	args := []filter[listArgs]{
		{name: "sort_by", attr: schema.ListAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Fields to sort by, in order of precedence, each `field:asc` or `field:desc`, " +
				"such as `[\"created_date:desc\"]` (DevRev sorts " + noun + " by " + sortFields + "). " +
				"Unset means DevRev's default order.",
			Validators: []validator.List{
				noNullElements{},
				listvalidator.ValueStringsAre(stringvalidator.RegexMatches(sortByPattern,
					"must be a field name followed by :asc or :desc, such as created_date:desc")),
			},
		}, read: func(v tftypes.Value, a *listArgs) (err error) {
			a.paging.SortBy, err = configElems[string](v)
			return err
		}},
		{name: "mode", attr: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "`after` (the default) reads forward from `cursor`, or from the start; " +
				"`before` reads backward from `cursor`, or from the end. Either way `" + items + "` is in sort order.",
			Validators: []validator.String{stringvalidator.OneOf(devrev.ModeAfter, devrev.ModeBefore)},
		}, read: func(v tftypes.Value, a *listArgs) error { return v.As(&a.paging.Mode) }}, // null is ""
		{name: "cursor", attr: schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Where to start: a `next_cursor` (with `mode = \"after\"`) or `prev_cursor` " +
				"(with `mode = \"before\"`) from an earlier read with " + same + ". Unset starts at " +
				"the beginning (`after`) or the end (`before`).",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		}, read: func(v tftypes.Value, a *listArgs) error { return v.As(&a.paging.Cursor) }},
		{name: "limit", attr: schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "The most " + noun + " to return in total (at least 1). Unset reads every match, " +
				"one request per `page_size` " + noun + ".",
			Validators: []validator.Int64{int64validator.AtLeast(1)},
		}, read: func(v tftypes.Value, a *listArgs) (err error) {
			a.opts.Limit, err = configInt(v)
			return err
		}},
		{name: "page_size", attr: schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("%s per request, 1 to %d (the API's own `limit`); default %d, "+
				"the fewest round trips. The last request asks only for what `limit` still needs.", capitalize(noun), devrev.MaxPageSize, devrev.MaxPageSize),
			Validators: []validator.Int64{int64validator.Between(1, devrev.MaxPageSize)},
		}, read: func(v tftypes.Value, a *listArgs) (err error) {
			a.opts.PageSize, err = configInt(v)
			return err
		}},
	}
	if sortFields == "" {
		return args[1:]
	}
	return args
}

// configInt reads a configured whole number; null is 0. Validation has
// bounded it already.
func configInt(v tftypes.Value) (int, error) {
	if v.IsNull() {
		return 0, nil
	}
	var f big.Float
	if err := v.As(&f); err != nil {
		return 0, err
	}
	n, _ := f.Int64()
	return int(n), nil
}
