package provider

import (
	"bytes"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

const dsAddr = "data.devrev_engagements.test"

// listBody is a recorded engagements.list body, read with the field names
// of the spec's engagements-list-request rather than the client's types, so
// that a wrong name on the client's side fails here.
type listBody struct {
	Type        []string `json:"type"`
	ExternalRef []string `json:"external_ref"`
	Members     []string `json:"members"`
	Parent      []string `json:"parent"`
	SortBy      []string `json:"sort_by"`
	Mode        string   `json:"mode"`
	Cursor      string   `json:"cursor"`
	Limit       int      `json:"limit"`
}

func bodies(t *testing.T, reqs []localapi.Request) []listBody {
	t.Helper()
	return decodeBodies[listBody](t, reqs)
}

func limits(bs []listBody) []int {
	out := make([]int, len(bs))
	for i, b := range bs {
		out[i] = b.Limit
	}
	return out
}

// The configuration, against 1,000 engagements in pages of 100:
// every engagement comes back, in order, with every attribute typed (and
// description, a long text, null: a list fills it only when named).
func TestAccEngagements_readsEveryPage(t *testing.T) {
	opts := localapi.Options{Seed: 7, Counts: map[string]int{"engagements": 1000}}
	api := startAPI(t, opts)
	all, sent := localapi.Items[localapi.Engagement](api.Server, "engagements"), served(t, opts, "/engagements.list", "engagements")
	checks := expectIDs(dsAddr, all)
	for _, i := range []int{0, 1, 2, 3, 4, 5, 99, 100, 101, 500, 998, 999} {
		checks = append(checks, statecheck.ExpectKnownValue(dsAddr,
			tfjsonpath.New("engagements").AtSliceIndex(i), expectEngagement(withoutLongTexts(sent[i : i+1])[0])))
	}
	checks = append(checks,
		statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("next_cursor"), knownvalue.Null()),
		statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("prev_cursor"), knownvalue.Null()),
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_engagements" "test" {}
output "count" { value = length(data.devrev_engagements.test.engagements) }
`,
			ConfigStateChecks: append(checks, statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(1000))),
		}},
	})
	bs := bodies(t, api.listRequests())
	if len(bs) == 0 || len(bs)%10 != 0 {
		t.Fatalf("want 10 requests per read, got %d", len(bs))
	}
	for _, b := range bs {
		if b.Limit != 100 {
			t.Fatalf("page size: want limit 100 in every request, got %v", limits(bs))
		}
	}
}

// Every filter is sent as the API names it and narrows the result; sort_by
// orders it.
func TestAccEngagements_filtersAndSort(t *testing.T) {
	api := startAPI(t, localapi.Options{Seed: 11, Counts: map[string]int{"engagements": 600}})
	all := localapi.Items[localapi.Engagement](api.Server, "engagements")
	byType := where(all, func(e localapi.Engagement) bool {
		return e.EngagementType == "meeting" || e.EngagementType == "call"
	})
	byTypeParent := where(byType, func(e localapi.Engagement) bool { return slices.Contains(e.Parents, "ACC-1") })
	var ref string
	for _, e := range all {
		if e.ExternalRef != "" {
			ref = e.ExternalRef
			break
		}
	}
	byRef := where(all, func(e localapi.Engagement) bool { return e.ExternalRef == ref })
	byMember := where(all, func(e localapi.Engagement) bool { return slices.Contains(e.Members, "DEVU-2") })
	if len(byTypeParent) == 0 || len(byRef) == 0 || len(byMember) == 0 || ref == "" {
		t.Fatalf("seed gives empty expectations: %d %d %d", len(byTypeParent), len(byRef), len(byMember))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_engagements" "test" {
  type    = ["meeting", "call"]
  parent  = ["ACC-1"]
  sort_by = ["created_date:desc"]
  limit   = 500
}
data "devrev_engagements" "ref" {
  external_ref = ["` + ref + `"]
}
data "devrev_engagements" "member" {
  members   = ["DEVU-2"]
  page_size = 7
}
`,
			ConfigStateChecks: slices.Concat(
				expectIDs(dsAddr, reversed(byTypeParent)),
				expectIDs("data.devrev_engagements.ref", byRef),
				expectIDs("data.devrev_engagements.member", byMember),
			),
		}},
	})
	seen := map[string]bool{}
	for _, b := range bodies(t, api.listRequests()) {
		switch {
		case len(b.Type) > 0:
			if !slices.Equal(b.Type, []string{"call", "meeting"}) || !slices.Equal(b.Parent, []string{"ACC-1"}) ||
				!slices.Equal(b.SortBy, []string{"created_date:desc"}) {
				t.Errorf("type/parent/sort_by request body: %+v", b)
			}
			seen["type"] = true
		case len(b.ExternalRef) > 0:
			seen["external_ref"] = true
		case len(b.Members) > 0:
			if b.Limit > 7 {
				t.Errorf("page_size 7 sent limit %d", b.Limit)
			}
			seen["members"] = true
		default:
			t.Errorf("request without any filter: %+v", b)
		}
	}
	if len(seen) != 3 {
		t.Errorf("filters sent: %v", seen)
	}
}

// limit below, at and above a page; mode "before" with and without a
// cursor; resuming forward from next_cursor and backward from prev_cursor.
func TestAccEngagements_limitModeAndCursors(t *testing.T) {
	opts := localapi.Options{Seed: 3, Counts: map[string]int{"engagements": 1000}}
	api := startAPI(t, opts)
	all, sent := localapi.Items[localapi.Engagement](api.Server, "engagements"), served(t, opts, "/engagements.list", "engagements")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_engagements" "small" { limit = 42 }
data "devrev_engagements" "page" { limit = 100 }
data "devrev_engagements" "first" {
  limit     = 250
  page_size = 90
}
data "devrev_engagements" "rest" {
  cursor = data.devrev_engagements.first.next_cursor
}
data "devrev_engagements" "middle" {
  cursor = data.devrev_engagements.first.next_cursor
  limit  = 100
}
data "devrev_engagements" "back" {
  mode   = "before"
  cursor = data.devrev_engagements.middle.prev_cursor
  limit  = 50
}
data "devrev_engagements" "last" {
  mode      = "before"
  limit     = 150
  page_size = 60
}
data "devrev_engagements" "before_all" {
  mode      = "before"
  page_size = 64
}
`,
			ConfigStateChecks: slices.Concat(
				expectIDs("data.devrev_engagements.small", all[:42]),
				expectIDs("data.devrev_engagements.page", all[:100]),
				expectIDs("data.devrev_engagements.first", all[:250]),
				expectIDs("data.devrev_engagements.rest", all[250:]),
				expectIDs("data.devrev_engagements.middle", all[250:350]),
				expectIDs("data.devrev_engagements.back", all[200:250]),
				expectIDs("data.devrev_engagements.last", all[850:]),
				expectIDs("data.devrev_engagements.before_all", all),
				[]statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.devrev_engagements.first", tfjsonpath.New("prev_cursor"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.devrev_engagements.first", tfjsonpath.New("next_cursor"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.devrev_engagements.rest", tfjsonpath.New("next_cursor"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.devrev_engagements.rest", tfjsonpath.New("prev_cursor"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.devrev_engagements.last", tfjsonpath.New("next_cursor"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.devrev_engagements.last", tfjsonpath.New("prev_cursor"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.devrev_engagements.before_all", tfjsonpath.New("prev_cursor"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.devrev_engagements.back", tfjsonpath.New("engagements").AtSliceIndex(0),
						expectEngagement(sent[200])),
				},
			),
		}},
	})
	// The last request of a limited read asks only for what is still
	// missing: 250 in pages of 90 = 90 + 90 + 70; 150 backwards in pages of
	// 60 = 60 + 60 + 30. (Data sources are read in parallel, so requests
	// are told apart by their page sizes.)
	var forward, backward []int
	for _, b := range bodies(t, api.listRequests()) {
		switch {
		case b.Mode == "" && (b.Limit == 90 || b.Limit == 70):
			forward = append(forward, b.Limit)
		case b.Mode == "before" && (b.Limit == 60 || b.Limit == 30):
			backward = append(backward, b.Limit)
		}
	}
	// Terraform reads each data source more than once per test step.
	if !repeats(forward, []int{90, 90, 70}) || !repeats(backward, []int{60, 60, 30}) {
		t.Errorf("limited reads: forward limits %v, want [90 90 70]; backward %v, want [60 60 30]", forward, backward)
	}
}

// No match is an empty list, not null and not an error. An empty set
// matches nothing: the read is empty and sends no request, for every
// filter, type included (it used to mean every type).
func TestAccEngagements_empty(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 50}})
	empty := []statecheck.StateCheck{}
	for _, name := range []string{"test", "type", "members", "parent", "external_ref"} {
		empty = append(empty, expectEmpty("data.devrev_engagements."+name, "engagements")...)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_engagements" "test" { parent = ["ACC-does-not-exist"] }
data "devrev_engagements" "type" { type = [] }
data "devrev_engagements" "members" {
  members = []
  type    = ["meeting"]
}
data "devrev_engagements" "parent" { parent = [] }
data "devrev_engagements" "external_ref" { external_ref = [] }
data "devrev_engagements_count" "type" { type = [] }
data "devrev_engagements_count" "parent" {
  parent = []
  type   = ["call"]
}
`,
			ConfigStateChecks: append(empty,
				statecheck.ExpectKnownValue("data.devrev_engagements_count.type", tfjsonpath.New("total"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("data.devrev_engagements_count.parent", tfjsonpath.New("total"), knownvalue.Int64Exact(0)),
			),
		}},
	})
	if len(api.listRequests()) == 0 {
		t.Error("the read of an unknown parent sent no request")
	}
	for _, r := range api.Requests() {
		if r.Path != "/engagements.list" || !bytes.Contains(r.Body, []byte(`"ACC-does-not-exist"`)) {
			t.Errorf("an empty set sent a request: %s %s", r.Path, r.Body)
		}
	}
}

// Rate limiting and server errors in the middle of a read are retried, and
// the read still returns every engagement exactly once.
func TestAccEngagements_retriesMidRead(t *testing.T) {
	api := startAPI(t, localapi.Options{
		Seed: 5,
		Faults: []localapi.Fault{
			{Kind: localapi.RateLimited, Path: "/engagements.list", After: 2, Times: 1, RetryAfter: "7"},
			{Kind: localapi.InternalError, Path: "/engagements.list", After: 4, Times: 2},
			{Kind: localapi.BadGatewayHTML, Path: "/engagements.list", After: 8, Times: 1},
			{Kind: localapi.ShortPages, Path: "/engagements.list", After: 9, Times: 3},
			{Kind: localapi.EmptyPages, Path: "/engagements.list", After: 13, Times: 2},
		},
		Counts: map[string]int{"engagements": 1000},
	})
	w := &waits{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(w),
		Steps: []resource.TestStep{{
			Config:            api.providerBlock() + `data "devrev_engagements" "test" {}`,
			ConfigStateChecks: expectIDs(dsAddr, localapi.Items[localapi.Engagement](api.Server, "engagements")),
		}},
	})
	if got := w.all(); len(got) < 4 || got[0] != 7*time.Second {
		t.Errorf("waits: want the 429's Retry-After of 7s first, then backoffs; got %v", got)
	}
}

// A cursor that repeats forever stops the read with an error, not a hang.
func TestAccEngagements_cursorLoop(t *testing.T) {
	api := startAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.RepeatingCursor, Path: "/engagements.list"},
		},
		Counts: map[string]int{"engagements": 500},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config:      api.providerBlock() + `data "devrev_engagements" "test" {}`,
			ExpectError: regexp.MustCompile(`(?s)paging loop.*already\s+followed`),
		}},
	})
	if n := len(api.listRequests()); n > 10 {
		t.Errorf("loop guard: %d requests before stopping", n)
	}
}

// Errors a user can act on: a bad token, an unreachable endpoint, a
// request DevRev rejects, a server that keeps failing, and a Retry-After
// longer than max_retry_wait.
func TestAccEngagements_errors(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 20}})
	failing := startAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.InternalError},
		},
		Counts: map[string]int{"engagements": 20},
	})
	limited := startAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.RateLimited, RetryAfter: "600"},
		},
		Counts: map[string]int{"engagements": 20},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config: `provider "devrev" {
  endpoint = "` + api.URL + `"
  token    = "wrong-token"
}
data "devrev_engagements" "test" {}`,
				ExpectError: regexp.MustCompile(`(?s)HTTP 401.*unauthenticated.*valid,\s+unexpired`),
			},
			{
				Config: `provider "devrev" {
  endpoint    = "http://127.0.0.1:1"
  token       = "x"
  max_retries = 0
}
data "devrev_engagements" "test" {}`,
				ExpectError: regexp.MustCompile(`(?s)Could not list DevRev engagements.*127\.0\.0\.1:1.*endpoint`),
			},
			{
				Config:      api.providerBlock() + `data "devrev_engagements" "test" { cursor = "not-a-cursor" }`,
				ExpectError: regexp.MustCompile(`(?s)HTTP 400.*invalid_field.*cursor`),
			},
			{
				Config:      api.providerBlock() + `data "devrev_engagements" "test" { sort_by = ["title:asc"] }`,
				ExpectError: regexp.MustCompile(`(?s)HTTP 400.*sort_by`),
			},
			{
				Config:      failing.providerBlock("max_retries = 2") + `data "devrev_engagements" "test" {}`,
				ExpectError: regexp.MustCompile(`(?s)HTTP 500.*internal_error.*3\s+attempts.*reference_id`),
			},
			{
				Config:      limited.providerBlock(`max_retry_wait = "30s"`) + `data "devrev_engagements" "test" {}`,
				ExpectError: regexp.MustCompile(`(?s)rate limited.*wait 10m0s.*max_retry_wait \(30s\)`),
			},
		},
	})
	if n := len(failing.listRequests()); n != 3 {
		t.Errorf("max_retries = 2: want 3 attempts, got %d", n)
	}
	if n := len(limited.listRequests()); n != 1 {
		t.Errorf("Retry-After above max_retry_wait: want 1 attempt, got %d", n)
	}
}

// Bad arguments fail at plan time, before any request reaches DevRev.
func TestAccEngagements_validation(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 5}})
	cases := []struct {
		config string
		want   []string
	}{
		{`type = ["meeting", "phone"]`, []string{"type", "value must be one of", "phone"}},
		{`mode = "sideways"`, []string{"mode", "value must be one of", "sideways"}},
		{`sort_by = ["created_date"]`, []string{"sort_by[0] must be a field name followed by :asc or :desc"}},
		{`sort_by = ["created_date:up"]`, []string{"sort_by[0] must be a field name followed by :asc or :desc"}},
		{`page_size = 0`, []string{"page_size value must be between 1 and 100, got: 0"}},
		{`page_size = 101`, []string{"page_size value must be between 1 and 100, got: 101"}},
		{`limit = 0`, []string{"limit value must be at least 1, got: 0"}},
		{`cursor = ""`, []string{"cursor string length must be at least 1"}},
		{`parent = [null]`, []string{"Null element in parent", "`parent` holds a null element"}},
		{`members = ["DEVU-1", null]`, []string{"Null element in members"}},
		{`type = [null]`, []string{"Null element in type"}},
		{`external_ref = [null]`, []string{"Null element in external_ref"}},
		{`sort_by = [null]`, []string{"Null element in sort_by"}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      api.providerBlock() + "data \"devrev_engagements\" \"test\" {\n  " + c.config + "\n}\n",
			ExpectError: errorLike(c.want...),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
	if n := len(api.Requests()); n != 0 {
		t.Errorf("validation errors must stop the plan before any request; the API saw %d", n)
	}
}

// repeats reports whether got is want, one or more times over.
func repeats(got, want []int) bool {
	if len(got) == 0 || len(got)%len(want) != 0 {
		return false
	}
	for i := 0; i < len(got); i += len(want) {
		if !slices.Equal(got[i:i+len(want)], want) {
			return false
		}
	}
	return true
}
