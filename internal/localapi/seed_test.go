package localapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSeedDeterministic(t *testing.T) {
	a, b := New(Options{Seed: 42, Counts: map[string]int{"engagements": 500}}), New(Options{Seed: 42, Counts: map[string]int{"engagements": 500}})
	if !reflect.DeepEqual(Items[Engagement](a, "engagements"), Items[Engagement](b, "engagements")) {
		t.Fatal("same seed, different engagements")
	}
	if !slices.EqualFunc(a.table("engagements").json, b.table("engagements").json, bytes.Equal) {
		t.Fatal("same seed, different bytes")
	}
	c := New(Options{Seed: 43, Counts: map[string]int{"engagements": 500}})
	if reflect.DeepEqual(Items[Engagement](a, "engagements"), Items[Engagement](c, "engagements")) {
		t.Fatal("different seeds, same engagements")
	}
	// A smaller count is a prefix of a larger one.
	if !reflect.DeepEqual(Generate(42, 100), Generate(42, 500)[:100]) {
		t.Fatal("Generate(n) is not a prefix of Generate(m>n)")
	}
	// Seed 0 is a seed like any other; Count 0 means 300.
	if n := len(Items[Engagement](New(Options{}), "engagements")); n != 300 {
		t.Fatalf("default count %d", n)
	}
	if n := len(Items[Engagement](New(Options{Counts: map[string]int{"engagements": -1}}), "engagements")); n != 0 {
		t.Fatalf("negative count %d", n)
	}

	// Pin a few bytes so an accidental change to the generator shows up.
	first := Items[Engagement](a, "engagements")[0]
	if first.ID != "don:core:dvrv-us-1:devo/0:engagement/1" || first.DisplayID != "ENGM-1" ||
		first.CreatedDate != "2023-01-02T08:00:00.000Z" && first.CreatedDate != "2023-01-02T08:00:00Z" {
		t.Fatalf("first engagement %+v", first)
	}
}

func TestSeedCoverage(t *testing.T) {
	es := Items[Engagement](New(Options{Seed: 1, Counts: map[string]int{"engagements": 300}}), "engagements")
	types := map[string]int{}
	creators := map[string]int{}
	members := map[string]bool{}
	parents := map[string]bool{}
	var noDesc, noSched, noRef, refNoURL, noPicture, withPicture, noEmail, unmodified int
	var unicode, emoji, quotes, backslash, newline, dollar, percent bool
	total := 0
	s := New(Options{Seed: 1, Counts: map[string]int{"engagements": 300}})
	for i, e := range es {
		types[e.EngagementType]++
		creators[e.CreatedBy.Type]++
		for _, m := range e.Members {
			members[m] = true
		}
		for _, p := range e.Parents {
			parents[p] = true
		}
		if e.Description == "" {
			noDesc++
		}
		if e.ScheduledDate == "" {
			noSched++
		}
		if e.ExternalRef == "" {
			noRef++
		} else if e.ExternalURL == "" {
			refNoURL++
		}
		if e.CreatedBy.DisplayPicture == nil {
			noPicture++
		} else {
			withPicture++
		}
		if e.CreatedBy.Email == "" {
			noEmail++
		}
		if e.ModifiedDate == e.CreatedDate {
			unmodified++
		}
		d := e.Description
		unicode = unicode || strings.Contains(d, "é") || strings.Contains(d, "日本語")
		emoji = emoji || strings.Contains(d, "🎉")
		quotes = quotes || strings.Contains(d, `"`)
		backslash = backslash || strings.Contains(d, `\`)
		newline = newline || strings.Contains(d, "\n")
		dollar = dollar || strings.Contains(d, "${")
		percent = percent || strings.Contains(d, "%{")
		for _, ts := range []string{e.CreatedDate, e.ModifiedDate, e.ScheduledDate} {
			if ts != "" {
				if _, err := time.Parse(time.RFC3339Nano, ts); err != nil {
					t.Fatalf("bad timestamp %q", ts)
				}
			}
		}
		if !strings.HasPrefix(e.ID, "don:core:dvrv-us-1:devo/0:engagement/") || !strings.HasPrefix(e.DisplayID, "ENGM-") ||
			strings.TrimPrefix(e.ID, "don:core:dvrv-us-1:devo/0:engagement/") != strings.TrimPrefix(e.DisplayID, "ENGM-") {
			t.Fatalf("ids %q %q", e.ID, e.DisplayID)
		}
		if e.Title == "" || len(e.Members) == 0 || len(e.Parents) == 0 || e.ModifiedBy == nil {
			t.Fatalf("required-ish field missing: %+v", e)
		}
		total += len(s.table("engagements").json[i])
	}
	if len(types) != len(engagementTypes()) || len(creators) != 4 {
		t.Fatalf("types %v creators %v", types, creators)
	}
	// Parents are the 8 default accounts and members the 12 default dev
	// users, every one of them used.
	if len(parents) != 8 || len(members) != 12 || !members["DEVU-1"] || !members["DEVU-12"] {
		t.Fatalf("parents %v members %v", parents, members)
	}
	for name, n := range map[string]int{
		"no description": noDesc, "no scheduled_date": noSched, "no external_ref": noRef,
		"ref without url": refNoURL, "creator without picture": noPicture, "creator with picture": withPicture,
		"creator without email": noEmail, "never modified": unmodified,
	} {
		if n == 0 || n == len(es) {
			t.Errorf("%s: %d of %d", name, n, len(es))
		}
	}
	if !(unicode && emoji && quotes && backslash && newline && dollar && percent) {
		t.Errorf("descriptions lack special content: %v %v %v %v %v %v %v", unicode, emoji, quotes, backslash, newline, dollar, percent)
	}
	if avg := total / len(es); avg < 900 || avg > 2000 {
		t.Errorf("average engagement JSON is %d bytes", avg)
	}
}

// The hand-written renderer must produce exactly what encoding/json does
// for the engagement's own fields, and the members and parent its
// references say (TestReferencesBothForms checks those).
func TestRenderMatchesEncodingJSON(t *testing.T) {
	check := func(e *Engagement) {
		t.Helper()
		e.Members, e.Parents = nil, nil
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		got := appendEngagement(nil, e, map[*UserSummary][]byte{}, newReferences(false, nil, nil))
		if !bytes.Equal(got, want) {
			t.Fatalf("render mismatch:\n got %s\nwant %s", got, want)
		}
	}
	for _, e := range Generate(8, 300) {
		check(&e)
	}
	weird := []string{
		"", "plain", "\x00\x01\x1f\x7f", "\b\f\n\r\t", `"\`, "<>&", "\u2028\u2029", "bad \xff utf8 \xe2\x82",
		"\xe2\x80", "é日本語🎉", "${x} %{y}", "\xe2\x80\xa8tail",
	}
	for _, w := range weird {
		check(&Engagement{ID: w, Title: w, Description: w,
			CreatedBy: &UserSummary{Type: w, ID: w, DisplayName: w, DisplayPicture: &ArtifactSummary{ID: w, File: &ArtifactFileSummary{Name: w}}}})
	}
	// Sparse optional shapes.
	check(&Engagement{})
	check(&Engagement{ID: "x", ModifiedBy: &UserSummary{}})
	check(&Engagement{ID: "x", CreatedBy: &UserSummary{DisplayPicture: &ArtifactSummary{}}})
	check(&Engagement{ID: "x", CreatedBy: &UserSummary{DisplayPicture: &ArtifactSummary{File: &ArtifactFileSummary{}}}})
	check(&Engagement{ID: "x", CreatedBy: &UserSummary{DisplayPicture: &ArtifactSummary{DisplayID: "A", File: &ArtifactFileSummary{Size: 3}}}})
	check(&Engagement{ID: "x", CreatedBy: &UserSummary{DisplayPicture: &ArtifactSummary{File: &ArtifactFileSummary{Type: "t"}}}})
}

func TestCustomEngagements(t *testing.T) {
	custom := []Engagement{
		{ID: "don:core:dvrv-us-1:devo/0:engagement/b", DisplayID: "ENGM-B", Title: "later", CreatedDate: "2024-03-05T10:11:12.345Z", EngagementType: "meeting", Members: []string{"DEVU-99"}},
		{ID: "don:core:dvrv-us-1:devo/0:engagement/a", DisplayID: "ENGM-A", Title: "earlier", CreatedDate: "2024-03-05T10:11:12Z", EngagementType: "call", Parents: []string{"ACC-77"}},
		{ID: "don:core:dvrv-us-1:devo/0:engagement/c", DisplayID: "ENGM-C", Title: "tie with a, ordered by id", CreatedDate: "2024-03-05T10:11:12.000Z"},
	}
	s, base := start(t, Options{Data: map[string]any{"engagements": custom}})
	if got := ids(Items[Engagement](s, "engagements")); !slices.Equal(got, []string{custom[1].ID, custom[2].ID, custom[0].ID}) {
		t.Fatalf("store order %v", got)
	}
	r := post(t, base, "/engagements.list", map[string]any{})
	lb := decodeList(t, r)
	if lb.Engagements[0].CreatedDate != "2024-03-05T10:11:12Z" || lb.Engagements[1].CreatedDate != "2024-03-05T10:11:12.000Z" {
		t.Fatal("dates must be served exactly as stored")
	}
	// Absent fields are omitted; a parent or member the server does not
	// know is served as its id.
	if !strings.Contains(string(r.body), `{"created_date":"2024-03-05T10:11:12Z","display_id":"ENGM-A","engagement_type":"call","id":"don:core:dvrv-us-1:devo/0:engagement/a","parent":{"id":"ACC-77"},"title":"earlier"}`) ||
		!strings.Contains(string(r.body), `{"created_date":"2024-03-05T10:11:12.000Z","display_id":"ENGM-C","id":"don:core:dvrv-us-1:devo/0:engagement/c","title":"tie with a, ordered by id"}`) ||
		!strings.Contains(string(r.body), `"members":[{"id":"DEVU-99"}]`) {
		t.Fatalf("absent fields must be omitted, unknown references served as ids: %s", r.body)
	}
	if c := post(t, base, "/engagements.count", map[string]any{"members": []string{"devu-99"}}); string(c.body) != `{"count":1}` {
		t.Fatalf("member count %s", c.body)
	}
	if c := get(t, base, "/engagements.count?parent=ACC-77"); string(c.body) != `{"count":1}` {
		t.Fatalf("parent count %s", c.body)
	}
	if g := post(t, base, "/engagements.get", map[string]any{"id": "engm-c"}); g.status != http.StatusOK {
		t.Fatalf("get custom %d", g.status)
	}
	// The caller's slices are not aliased.
	custom[0].Members[0] = "changed"
	if c := post(t, base, "/engagements.count", map[string]any{"members": []string{"DEVU-99"}}); string(c.body) != `{"count":1}` {
		t.Fatal("store aliases caller's Members")
	}
}

// A large store builds (its speed is BenchmarkNewLargeStore's: tests carry
// no wall-clock bounds, which a loaded machine breaks).
func TestLargeStore(t *testing.T) {
	if testing.Short() {
		t.Skip("large store")
	}
	s := New(Options{Seed: 1, Counts: map[string]int{"engagements": 50_000, "accounts": 10_000, "dev-users": 500}})
	if len(Items[Engagement](s, "engagements")) != 50_000 || len(Items[Account](s, "accounts")) != 10_000 || len(Items[DevUser](s, "dev-users")) != 500 {
		t.Fatal("count")
	}
}

func BenchmarkNewLargeStore(b *testing.B) {
	for b.Loop() {
		New(Options{Seed: 1, Counts: map[string]int{"engagements": 50_000, "accounts": 10_000, "dev-users": 500}})
	}
}

// Accounts and dev users are as deterministic as engagements: the same seed
// and counts give the same bytes, another seed other data, a smaller count a
// prefix; names do not depend on the seed.
func TestOrgSeedDeterministic(t *testing.T) {
	opts := Options{Seed: 42, Counts: map[string]int{"engagements": 10, "accounts": 300, "dev-users": 80}}
	a, b := New(opts), New(opts)
	if !slices.EqualFunc(a.table("accounts").json, b.table("accounts").json, bytes.Equal) || !slices.EqualFunc(a.table("dev-users").json, b.table("dev-users").json, bytes.Equal) {
		t.Fatal("same seed, different accounts or dev users")
	}
	opts.Seed = 43
	c := New(opts)
	if reflect.DeepEqual(Items[Account](a, "accounts"), Items[Account](c, "accounts")) || reflect.DeepEqual(Items[DevUser](a, "dev-users"), Items[DevUser](c, "dev-users")) {
		t.Fatal("different seeds, same accounts or dev users")
	}
	for i, acc := range Items[Account](c, "accounts") {
		if acc.DisplayName != Items[Account](a, "accounts")[i].DisplayName {
			t.Fatalf("account %d is named %q with one seed and %q with another", i, Items[Account](a, "accounts")[i].DisplayName, acc.DisplayName)
		}
	}
	users := generateDevUsers(42, 80)
	if !reflect.DeepEqual(generateDevUsers(42, 30), users[:30]) {
		t.Fatal("fewer dev users are not a prefix")
	}
	if !reflect.DeepEqual(generateAccounts(42, 50, users, seedTags), generateAccounts(42, 300, users, seedTags)[:50]) {
		t.Fatal("fewer accounts are not a prefix")
	}
	// Names are unique however many accounts there are.
	seen := map[string]bool{}
	for i := range 20_000 {
		n := accountName(i)
		if seen[n] {
			t.Fatalf("account name %q repeats at %d", n, i)
		}
		seen[n] = true
	}
}
