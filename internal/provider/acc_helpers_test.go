package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The acceptance tests run the real Terraform or OpenTofu CLI (chosen by
// TF_ACC_TERRAFORM_PATH, see tools/testacc.sh) against the provider served
// in-process, and a local DevRev API (internal/localapi) on loopback.

const testToken = "acc-test-token-5f0c1d"

// testAPI is a local DevRev API started for one test.
type testAPI struct {
	*localapi.Server
	URL string
}

func startAPI(t *testing.T, opts localapi.Options) *testAPI {
	t.Helper()
	if opts.Token == "" {
		opts.Token = testToken
	}
	srv := localapi.New(opts)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testAPI{Server: srv, URL: ts.URL}
}

// providerBlock configures the provider for this API.
func (a *testAPI) providerBlock(extra ...string) string {
	return fmt.Sprintf("provider \"devrev\" {\n  endpoint = %q\n  token    = %q\n%s}\n",
		a.URL, testToken, indent(extra))
}

func indent(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// listRequests are the engagements.list requests the API received.
func (a *testAPI) listRequests() []localapi.Request { return a.requestsTo("/engagements.list") }

// waits records the retry waits the client computed, while sleeping only a
// few milliseconds, so that retry tests stay fast but can still assert on
// what DevRev asked for.
type waits struct {
	mu   sync.Mutex
	seen []time.Duration
}

func (w *waits) record(d time.Duration) time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen = append(w.seen, d)
	return time.Millisecond
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.seen)
}

// factories serves the provider in-process, with the protocol-level read
// path exactly as main.go serves it, and retry waits shortened.
func factories(w *waits) map[string]func() (tfprotov6.ProviderServer, error) {
	if w == nil {
		w = &waits{}
	}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"devrev": func() (tfprotov6.ProviderServer, error) {
			p := &DevRevProvider{version: "test", clientOptions: func(o *devrev.Options) {
				o.Wait = w.record
			}}
			return newProtocolServer(p), nil
		},
	}
}

// expectIDs checks the ids of a devrev_engagements data source, in order,
// both in `ids` and in `engagements[*].id`.
func expectIDs(addr string, engs []localapi.Engagement) []statecheck.StateCheck {
	ids := make([]knownvalue.Check, len(engs))
	for i, e := range engs {
		ids[i] = knownvalue.StringExact(e.ID)
	}
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("ids"), knownvalue.ListExact(ids)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("engagements"), knownvalue.ListSizeExact(len(engs))),
	}
	for i := range engs {
		if i == 0 || i == len(engs)-1 || i%97 == 0 {
			checks = append(checks, statecheck.ExpectKnownValue(addr,
				tfjsonpath.New("engagements").AtSliceIndex(i).AtMapKey("id"), knownvalue.StringExact(engs[i].ID)))
		}
	}
	return checks
}

// expectEngagement is every attribute of an engagement as state must hold
// it, from the JSON the API served (see served): absent optional fields
// null, timestamps byte for byte, parent and members as sent.
func expectEngagement(served any) knownvalue.Check {
	return expectDecoded(served, engagementObject.typ)
}

func expectUser(u *localapi.UserSummary) knownvalue.Check {
	return expectJSON(u, userSummary.typ)
}

// refNames are the attributes, in any object, that name objects by id
// (created_by_id, parent_id, ...), with the kinds of object they name in
// any of them: their value is the id, and the data source's map of that
// kind (`users`, `parents`, ...) has the summary. refNamesIn has them by
// object type (its String): the same name may name another kind in
// another object (an engagement's parent is an account, an article's a
// directory).
var refNames, refNamesIn = func() (map[string][]*refKind, map[string]map[string][]*refKind) {
	names, byType := map[string][]*refKind{}, map[string]map[string][]*refKind{}
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		if d, ok := newDataSource().(interface {
			refFields() (tftypes.Object, map[string][]*refKind)
		}); ok {
			typ, fields := d.refFields()
			byType[typ.String()] = fields
			for name, kinds := range fields {
				for _, k := range kinds {
					if !slices.Contains(names[name], k) {
						names[name] = append(names[name], k)
					}
				}
			}
		}
	}
	return names, byType
}()

func (d *listDataSource[F, R, T]) refFields() (tftypes.Object, map[string][]*refKind) {
	return d.spec.object.typ, refFieldsOf(d.spec.object)
}
func (d *getDataSource[T]) refFields() (tftypes.Object, map[string][]*refKind) {
	return d.spec.object.typ, refFieldsOf(d.spec.object)
}

func refFieldsOf[T any](o *object[T]) map[string][]*refKind {
	names := map[string][]*refKind{}
	for _, f := range o.fields {
		if f.kinds != nil {
			names[f.name] = f.kinds
		}
	}
	return names
}

// servedKey is the key of the attribute name in item, an object as the
// local API served it (under DevRev's JSON names): a reference's is its
// name without `_id`, a list of references' its name without `_ids` or
// that in the plural (`member_ids` is `members`).
func servedKey(item map[string]any, name string) string {
	if refNames[name] == nil {
		return name
	}
	if n, ok := strings.CutSuffix(name, "_ids"); ok {
		if _, ok := item[n]; ok {
			return n
		}
		return n + "s"
	}
	return strings.TrimSuffix(name, "_id")
}

// servedValue is the value of the attribute name in item (servedKey).
func servedValue(item map[string]any, name string) any { return item[servedKey(item, name)] }

// namesKind reports whether the attribute name of objects of type typ
// names objects of kind.
func namesKind(typ tftypes.Object, name string, kind *refKind) bool {
	return slices.Contains(refNamesIn[typ.String()][name], kind)
}

// servedKind is the kind of a served object that an attribute naming
// objects of kinds names: a group's member is a group when its `type` says
// so, a user otherwise.
func servedKind(kinds []*refKind, v map[string]any) *refKind {
	if len(kinds) == 1 {
		return kinds[0]
	}
	if v["type"] == "group" {
		return groupRefs.refKind
	}
	return userRefs.refKind
}

// longTextNames are the attributes, in any list's items, that a list fills
// only when `attributes` names them (textField).
var longTextNames = func() map[string]bool {
	names := map[string]bool{}
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		if d, ok := newDataSource().(interface{ longTextNames() []string }); ok {
			for _, name := range d.longTextNames() {
				names[name] = true
			}
		}
	}
	return names
}()

func (d *listDataSource[F, R, T]) longTextNames() []string {
	var names []string
	for _, f := range d.spec.object.fields {
		if f.longText {
			names = append(names, f.name)
		}
	}
	return names
}

// servedRefs adds to refs (id → the summary as served) the objects of
// kind that item, an object as the local API served it, names (refNames):
// as the provider must (refs.go), each field's first non-null value of
// those served for one id, items in order and an item's attributes by
// name.
func servedRefs(item map[string]any, typ tftypes.Object, kind *refKind, refs map[string]map[string]any) {
	add := func(kinds []*refKind, v any) {
		u, ok := v.(map[string]any)
		if id, bare := v.(string); bare {
			u, ok = map[string]any{"id": id}, true
		}
		if !ok || servedKind(kinds, u) != kind {
			return
		}
		id, _ := u["id"].(string)
		if refs[id] == nil {
			refs[id] = map[string]any{}
		}
		for k, fv := range u {
			if _, have := refs[id][k]; !have && fv != nil {
				refs[id][k] = fv
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(typ.AttributeTypes)) {
		if !namesKind(typ, name, kind) {
			continue
		}
		switch v := servedValue(item, name).(type) {
		case []any:
			for _, e := range v {
				add(refNamesIn[typ.String()][name], e)
			}
		case nil:
		default:
			add(refNamesIn[typ.String()][name], v)
		}
	}
}

// expectRefs is the check of a data source's map of kind (`users`,
// `parents`) for the served items of type typ.
func expectRefs(items []any, typ tftypes.Object, kind *refKind) knownvalue.Check {
	refs := map[string]map[string]any{}
	for _, it := range items {
		servedRefs(it.(map[string]any), typ, kind, refs)
	}
	checks := make(map[string]knownvalue.Check, len(refs))
	for id, u := range refs {
		checks[id] = expectDecoded(u, kind.typ.ElementType)
	}
	return knownvalue.MapExact(checks)
}

// kindsNamed are the kinds of object that objects of type typ name (and
// so their data sources have maps of).
func kindsNamed(typ tftypes.Object) []*refKind {
	var kinds []*refKind
	for _, k := range refKinds {
		for name := range typ.AttributeTypes {
			if namesKind(typ, name, k) {
				kinds = append(kinds, k)
				break
			}
		}
	}
	return kinds
}

// expectJSON is the check that a state value of type typ holds exactly
// what the local API sends for v: its JSON (the local API's struct tags
// are its wire format), attribute by attribute, with every attribute the
// JSON leaves out null and a reference sent as a bare id string an object
// with only its id.
func expectJSON(v any, typ tftypes.Type) knownvalue.Check {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var decoded any
	if err := json.Unmarshal(data, &decoded); err != nil {
		panic(err)
	}
	return expectDecoded(decoded, typ)
}

func expectDecoded(v any, typ tftypes.Type) knownvalue.Check {
	if v == nil {
		return knownvalue.Null()
	}
	switch typ := typ.(type) {
	case tftypes.Object:
		m, ok := v.(map[string]any)
		if id, bare := v.(string); bare {
			m, ok = map[string]any{"id": id}, true
		}
		if !ok {
			return knownvalue.StringExact(fmt.Sprintf("<the local API sent %T where the schema has an object>", v))
		}
		checks := map[string]knownvalue.Check{}
		for name, at := range typ.AttributeTypes {
			checks[name] = expectDecoded(servedValue(m, name), at)
		}
		return knownvalue.ObjectExact(checks)
	case tftypes.List:
		elems := v.([]any)
		checks := make([]knownvalue.Check, len(elems))
		for i, e := range elems {
			checks[i] = expectDecoded(e, typ.ElementType)
		}
		return knownvalue.ListExact(checks)
	}
	switch v := v.(type) {
	case map[string]any:
		// A user the item names, where the schema has a string: its id
		// (`users` has the summary).
		if id, ok := v["id"].(string); ok && typ.Is(tftypes.String) {
			return knownvalue.StringExact(id)
		}
	case string:
		return knownvalue.StringExact(v)
	case float64:
		return knownvalue.Int64Exact(int64(v))
	case bool:
		return knownvalue.Bool(v)
	}
	return knownvalue.StringExact(fmt.Sprintf("<unexpected JSON %v>", v))
}

// str is the check for a string the local API omits when empty.
func str(s string) knownvalue.Check {
	if s == "" {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(s)
}

// where filters engagements the way the tests' expectations need.
func where(engs []localapi.Engagement, keep func(localapi.Engagement) bool) []localapi.Engagement {
	var out []localapi.Engagement
	for _, e := range engs {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func reversed(engs []localapi.Engagement) []localapi.Engagement {
	out := slices.Clone(engs)
	slices.Reverse(out)
	return out
}

// errorLike matches an error that contains each phrase, in order, however
// the CLI wrapped its lines.
func errorLike(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// buildProvider builds the provider binary from this checkout once per run
// of the test binary, shared by every test that only runs it (TestMain
// removes it), and returns its path.
func buildProvider(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "devrev-provider-") //nolint:usetesting // outlives any one test; TestMain removes it
		if shared.err == nil {
			shared.bin, shared.err = goBuildProvider(shared.dir)
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.bin
}

// shared is buildProvider's build.
var shared struct {
	once     sync.Once
	dir, bin string
	err      error
}

// freshProvider builds a binary of the provider for t alone, in t's
// temporary folder: for a test that looks for processes of that binary.
func freshProvider(t *testing.T) string {
	t.Helper()
	bin, err := goBuildProvider(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func goBuildProvider(dir string) (string, error) {
	bin := filepath.Join(dir, "terraform-provider-devrev")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the provider: %v\n%s", err, out)
	}
	return bin, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// requestsTo are the requests the API received on path.
func (a *testAPI) requestsTo(path string) []localapi.Request {
	var out []localapi.Request
	for _, r := range a.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// specBodies decodes request bodies as plain JSON objects, so that tests
// check the field names the OpenAPI spec gives, not the client's types.
func specBodies(t *testing.T, reqs []localapi.Request) []map[string]any {
	t.Helper()
	return decodeBodies[map[string]any](t, reqs)
}

// decodeBodies decodes each request's JSON body as a T.
func decodeBodies[T any](t *testing.T, reqs []localapi.Request) []T {
	t.Helper()
	out := make([]T, len(reqs))
	for i, r := range reqs {
		if err := json.Unmarshal(r.Body, &out[i]); err != nil {
			t.Fatalf("request %d body %q: %v", i, r.Body, err)
		}
	}
	return out
}

// served is every item of a list endpoint exactly as the local API sends
// it (as decoded JSON), read from a twin of the API built with the same
// options and no faults, so that the test's own API records only the
// provider's requests. fields are further fields of each request body,
// such as the group whose members groups.members.list lists.
func served(t *testing.T, opts localapi.Options, path, key string, fields ...map[string]any) []any {
	t.Helper()
	opts.Faults, opts.Token = nil, testToken
	twin := httptest.NewServer(localapi.New(opts))
	defer twin.Close()
	var items []any
	for _, raw := range rawPages(t, twin.URL, path, fields...) {
		var page map[string]any
		if err := json.Unmarshal(raw, &page); err != nil {
			t.Fatal(err)
		}
		got, _ := page[key].([]any)
		items = append(items, got...)
	}
	return items
}

// rawPages reads every page of the list endpoint path of the local API at
// url, in pages of 100 in the default order, and returns the response
// bodies as they came. fields are further fields of each request body.
func rawPages(tb testing.TB, url, path string, fields ...map[string]any) [][]byte {
	tb.Helper()
	var pages [][]byte
	cursor := ""
	for {
		fieldsOf := map[string]any{"limit": devrev.MaxPageSize, "cursor": cursor}
		for _, f := range fields {
			for k, v := range f {
				fieldsOf[k] = v
			}
		}
		body, _ := json.Marshal(fieldsOf)
		req, _ := http.NewRequest(http.MethodPost, url+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			tb.Fatal(err)
		}
		page, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, page)
		var next struct {
			NextCursor string `json:"next_cursor"`
		}
		if err := json.Unmarshal(page, &next); err != nil {
			tb.Fatal(err)
		}
		if next.NextCursor == "" {
			return pages
		}
		cursor = next.NextCursor
	}
}

// expectItems checks a list data source's items, in order, against what
// the local API served (served's decoded JSON), every attribute of each,
// and `users` against the users they name.
func expectItems(addr, key string, items []any, typ tftypes.Object) []statecheck.StateCheck {
	return expectSelected(addr, key, items, typ, nil)
}

// expectSelected is expectItems for a read whose `attributes` are
// selected (nil: unset). `users` is null when none of them names users.
func expectSelected(addr, key string, items []any, typ tftypes.Object, selected []string) []statecheck.StateCheck {
	if selected == nil {
		items = withoutLongTexts(items)
	}
	checks := make([]knownvalue.Check, len(items))
	for i, it := range items {
		checks[i] = expectDecoded(it, typ)
	}
	out := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New(key), knownvalue.ListExact(checks)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("ids"), knownvalue.ListExact(idChecks(items))),
	}
	for _, k := range kindsNamed(typ) {
		if selected != nil && !slices.ContainsFunc(selected, func(n string) bool { return namesKind(typ, n, k) }) {
			out = append(out, statecheck.ExpectKnownValue(addr, tfjsonpath.New(k.attribute), knownvalue.Null()))
		} else {
			out = append(out, statecheck.ExpectKnownValue(addr, tfjsonpath.New(k.attribute), expectRefs(items, typ, k)))
		}
	}
	return out
}

// withoutLongTexts is the served items as an unset `attributes` fills
// them: without their long texts (null in state).
func withoutLongTexts(items []any) []any {
	out := make([]any, len(items))
	for i, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			out[i] = it
			continue
		}
		c := make(map[string]any, len(m))
		for k, v := range m {
			if !longTextNames[k] {
				c[k] = v
			}
		}
		out[i] = c
	}
	return out
}

// pick returns the served items that keep accepts.
func pick(items []any, keep func(map[string]any) bool) []any {
	var out []any
	for _, it := range items {
		if keep(it.(map[string]any)) {
			out = append(out, it)
		}
	}
	return out
}

// expectObject checks every attribute of a singular data source's state
// (an object of type typ) against the item as the API served it.
func expectObject(addr string, item map[string]any, typ tftypes.Object) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for name, at := range typ.AttributeTypes {
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), expectDecoded(servedValue(item, name), at)))
	}
	for _, k := range kindsNamed(typ) {
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(k.attribute), expectRefs([]any{item}, typ, k)))
	}
	return checks
}

// expectEmpty checks that a list data source read nothing: empty lists,
// not null, and null cursors.
func expectEmpty(addr, key string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New(key), knownvalue.ListExact([]knownvalue.Check{})),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("next_cursor"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("prev_cursor"), knownvalue.Null()),
	}
}
