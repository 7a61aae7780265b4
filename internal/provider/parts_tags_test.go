package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// partsOpts is the data the parts and tags tests read: a hierarchy of
// parts several levels deep, and works over them.
var partsOpts = localapi.Options{Seed: 5, Counts: map[string]int{"engagements": 10, "works": 160, "parts": 70, "tags": 30}}

// below reports whether part p lies at most levels below one of roots (DON
// or display ids) in the served hierarchy.
func below(parts []localapi.Part, p *localapi.Part, roots []string, levels int) bool {
	byID := map[string]*localapi.Part{}
	for i := range parts {
		byID[parts[i].ID] = &parts[i]
	}
	d := 1
	for a := byID[p.Parent]; a != nil && d <= levels; a, d = byID[a.Parent], d+1 {
		if slices.Contains(roots, a.ID) || slices.Contains(roots, a.DisplayID) {
			return true
		}
	}
	return false
}

func hasTag(tags []localapi.TagWithValue, displayID string) bool {
	return slices.ContainsFunc(tags, func(t localapi.TagWithValue) bool { return t.Tag != nil && t.Tag.DisplayID == displayID })
}

// Every filter of devrev_parts and devrev_tags, in-process: it reaches the
// request body under the spec's name and shape (parent_part and
// parent_part_level nest as `parent_part.parts` and `.level`), and selects
// exactly the items it should.
func TestPartsAndTagsFiltersReachTheSpecAndSelect(t *testing.T) {
	api := startAPI(t, partsOpts)
	l1, l2 := partsAndTagsFilterCases(t, api)
	l1.runInProcess(t, api)
	l2.runInProcess(t, api)
}

// partsAndTagsFilterCases are every filter case of devrev_parts and
// devrev_tags, over the data api serves.
func partsAndTagsFilterCases(t *testing.T, api *testAPI) (filterList[localapi.Part], filterList[localapi.Tag]) {
	t.Helper()
	parts := localapi.Items[localapi.Part](api.Server, "parts")
	// parent_part_level must make a difference: PROD-1 has parts two
	// levels below it.
	if !slices.ContainsFunc(parts, func(p localapi.Part) bool {
		return below(parts, &p, []string{"PROD-1"}, 2) && !below(parts, &p, []string{"PROD-1"}, 1)
	}) {
		t.Fatal("no part lies two levels below PROD-1: parent_part_level = 1 would select what every level does")
	}
	var owner, creator, modifier, subtype string
	for _, p := range parts[10:] {
		owner, creator, modifier = p.OwnedBy[0].DisplayID, p.CreatedBy.DisplayID, p.ModifiedBy.DisplayID
		if p.Subtype != "" {
			subtype = p.Subtype
			break
		}
	}
	userIs := func(u *localapi.UserSummary, id string) bool { return u != nil && u.DisplayID == id }
	set := oneFilter[localapi.Part]
	partList := filterList[localapi.Part]{
		typeName: "devrev_parts", path: "/parts.list",
		schemas: map[string]string{"": "parts-list-request", "parent_part": "parent-part-filter"},
		items:   parts, id: func(p *localapi.Part) string { return p.ID },
		cases: []listFilterCase[localapi.Part]{
			set("name", []string{"Billing", "SAML login"},
				func(p *localapi.Part) bool { return p.Name == "Billing" || p.Name == "SAML login" }),
			set("type", []string{"feature"}, func(p *localapi.Part) bool { return p.Type == "feature" }),
			{"parent_part", map[string]any{"parent_part": []string{"PROD-1", "PROD-2"}},
				map[string]any{"parent_part.parts": anyStrings("PROD-1", "PROD-2"), "parent_part.level": nil},
				func(p *localapi.Part) bool { return below(parts, p, []string{"PROD-1", "PROD-2"}, len(parts)) }},
			{"parent_part_level", map[string]any{"parent_part": []string{"PROD-1"}, "parent_part_level": 1},
				map[string]any{"parent_part.parts": anyStrings("PROD-1"), "parent_part.level": float64(1)},
				func(p *localapi.Part) bool { return below(parts, p, []string{"PROD-1"}, 1) }},
			set("owned_by", []string{owner}, func(p *localapi.Part) bool { return userHas(p.OwnedBy, owner) }),
			set("created_by", []string{creator}, func(p *localapi.Part) bool { return userIs(p.CreatedBy, creator) }),
			set("modified_by", []string{modifier}, func(p *localapi.Part) bool { return userIs(p.ModifiedBy, modifier) }),
			set("tags", []string{"TAG-13"}, func(p *localapi.Part) bool { return hasTag(p.Tags, "TAG-13") }),
			set("subtype", []string{subtype}, func(p *localapi.Part) bool { return p.Subtype == subtype }),
		},
	}
	tagList := filterList[localapi.Tag]{
		typeName: "devrev_tags", path: "/tags.list",
		schemas: map[string]string{"": "tags-list-request"},
		items:   localapi.Items[localapi.Tag](api.Server, "tags"), id: func(t *localapi.Tag) string { return t.ID },
		cases: []listFilterCase[localapi.Tag]{
			{"name", map[string]any{"name": []string{"region", "bug", "no-such-tag"}}, map[string]any{"name": anyStrings("bug", "no-such-tag", "region")},
				func(t *localapi.Tag) bool { return t.Name == "region" || t.Name == "bug" }},
		},
	}
	return partList, tagList
}

// Every filter of devrev_parts and devrev_tags through the CLI: one data
// block per case of TestPartsAndTagsFiltersReachTheSpecAndSelect, each
// selecting exactly the items the local API's data says, and the request
// bodies the CLI's run sent checked against the spec.
func TestAccPartsAndTags_everyFilter(t *testing.T) {
	api := startAPI(t, partsOpts)
	l1, l2 := partsAndTagsFilterCases(t, api)
	runCLIFilters(t, api, l1, l2)
}

// devrev_part and devrev_tag by display id (any case) and by object id,
// every attribute as served; plan-time validation sends nothing; not
// found names the id (last: the test's closing destroy plans the last
// configuration, which a validation error would fail).
func TestAccPartsAndTags_getAndErrors(t *testing.T) {
	api := startAPI(t, partsOpts)
	parts := served(t, partsOpts, "/parts.list", "parts")
	tags := served(t, partsOpts, "/tags.list", "tags")
	part, otherPart := parts[4].(map[string]any), parts[40].(map[string]any)
	tag, otherTag := tags[2].(map[string]any), tags[20].(map[string]any)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config: api.providerBlock() + `
data "devrev_part" "display" { id = "` + strings.ToLower(part["display_id"].(string)) + `" }
data "devrev_part" "don" { id = "` + otherPart["id"].(string) + `" }
data "devrev_tag" "display" { id = "` + tag["display_id"].(string) + `" }
data "devrev_tag" "don" { id = "` + otherTag["id"].(string) + `" }
`,
				ConfigStateChecks: slices.Concat(
					expectObject("data.devrev_part.display", part, partObject.typ),
					expectObject("data.devrev_part.don", otherPart, partObject.typ),
					expectObject("data.devrev_tag.display", tag, tagObject.typ),
					expectObject("data.devrev_tag.don", otherTag, tagObject.typ),
				),
			},
			{
				Config: api.providerBlock() + `data "devrev_parts" "x" { type = ["component"] }`, PlanOnly: true,
				ExpectError: errorLike("value must be one of"),
			},
			{
				Config: api.providerBlock() + `data "devrev_parts" "x" { parent_part_level = 2 }`, PlanOnly: true,
				ExpectError: errorLike("parent_part"),
			},
			{
				Config: api.providerBlock() + `data "devrev_parts" "x" {
  parent_part       = ["PROD-1"]
  parent_part_level = 0
}`, PlanOnly: true,
				ExpectError: errorLike("parent_part_level", "at least 1"),
			},
			{
				Config:      api.providerBlock() + `data "devrev_part" "x" { id = "FEAT-424242" }`,
				ExpectError: errorLike("DevRev part not found", `No part has the id "FEAT-424242"`, "HTTP 404"),
			},
			{
				Config:      api.providerBlock() + `data "devrev_tag" "x" { id = "TAG-424242" }`,
				ExpectError: errorLike("DevRev tag not found", `No tag has the id "TAG-424242"`, "HTTP 404"),
			},
		},
	})
	if n := len(api.requestsTo("/parts.list")); n != 0 {
		t.Errorf("invalid configurations sent %d parts.list requests", n)
	}
}

// From a tag's name and a part's name to the works that carry both, as a
// configuration would chain them: devrev_tags and devrev_parts look the
// names up, devrev_works filters by their ids. A second chain reads the
// works on a product or any part below it (parent_part). The expected
// works are the local API's own.
func TestAccPartsAndTags_chainToWorks(t *testing.T) {
	api := startAPI(t, partsOpts)
	works, parts := localapi.Items[localapi.Work](api.Server, "works"), localapi.Items[localapi.Part](api.Server, "parts")
	with := func(keep func(w *localapi.Work) bool) []string {
		var out []string
		for i := range works {
			if keep(&works[i]) {
				out = append(out, works[i].ID)
			}
		}
		return out
	}
	onPart := func(w *localapi.Work, ids ...string) bool {
		return w.AppliesToPart != nil && slices.Contains(ids, w.AppliesToPart.ID)
	}
	// A tag and a part of the data where each filter matters: the works
	// with both are fewer than those with either.
	var tagName, tagID, partName, partID string
	var want []string
	for _, w := range works {
		if w.AppliesToPart == nil || len(w.Tags) == 0 {
			continue
		}
		tg, pt := w.Tags[0].Tag, w.AppliesToPart
		both := with(func(x *localapi.Work) bool { return hasTag(x.Tags, tg.DisplayID) && onPart(x, pt.ID) })
		if len(both) < len(with(func(x *localapi.Work) bool { return hasTag(x.Tags, tg.DisplayID) })) &&
			len(both) < len(with(func(x *localapi.Work) bool { return onPart(x, pt.ID) })) {
			tagName, tagID, partName, partID, want = tg.Name, tg.ID, pt.Name, pt.ID, both
			break
		}
	}
	if want == nil {
		t.Fatal("the data has no tag and part whose works differ from either's alone")
	}
	// The product tree: Billing and every part below it.
	tree := []string{parts[0].ID}
	for i := range parts {
		if below(parts, &parts[i], []string{parts[0].ID}, len(parts)) {
			tree = append(tree, parts[i].ID)
		}
	}
	wantTree := with(func(w *localapi.Work) bool { return onPart(w, tree...) })
	if len(tree) < 3 || len(wantTree) == 0 || len(wantTree) == len(with(func(w *localapi.Work) bool { return onPart(w, parts[0].ID) })) {
		t.Fatalf("the product tree of %s has %d parts and %d works: the case proves nothing", parts[0].Name, len(tree), len(wantTree))
	}
	ids := func(ss []string) knownvalue.Check {
		out := make([]knownvalue.Check, len(ss))
		for i, s := range ss {
			out[i] = knownvalue.StringExact(s)
		}
		return knownvalue.ListExact(out)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + fmt.Sprintf(`
data "devrev_tags" "tag" { name = [%q] }
data "devrev_parts" "part" { name = [%q] }
data "devrev_works" "chain" {
  tags            = data.devrev_tags.tag.ids
  applies_to_part = data.devrev_parts.part.ids
}

data "devrev_parts" "product" { name = [%q] }
data "devrev_parts" "below_product" { parent_part = data.devrev_parts.product.ids }
data "devrev_works" "tree" {
  applies_to_part = concat(data.devrev_parts.product.ids, data.devrev_parts.below_product.ids)
}
`, tagName, partName, parts[0].Name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.devrev_tags.tag", tfjsonpath.New("ids"), ids([]string{tagID})),
				statecheck.ExpectKnownValue("data.devrev_parts.part", tfjsonpath.New("ids"), ids([]string{partID})),
				statecheck.ExpectKnownValue("data.devrev_works.chain", tfjsonpath.New("ids"), ids(want)),
				statecheck.ExpectKnownValue("data.devrev_parts.below_product", tfjsonpath.New("ids"), ids(tree[1:])),
				statecheck.ExpectKnownValue("data.devrev_works.tree", tfjsonpath.New("ids"), ids(wantTree)),
			},
		}},
	})
}
