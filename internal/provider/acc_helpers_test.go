package provider

import (
	"fmt"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
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
func (a *testAPI) listRequests() []localapi.Request {
	var out []localapi.Request
	for _, r := range a.Requests() {
		if r.Path == "/engagements.list" {
			out = append(out, r)
		}
	}
	return out
}

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

// expectEngagement is every attribute of e as state must hold it: absent
// optional fields null, timestamps byte for byte.
func expectEngagement(e localapi.Engagement) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":              str(e.ID),
		"display_id":      str(e.DisplayID),
		"title":           str(e.Title),
		"description":     str(e.Description),
		"engagement_type": str(e.EngagementType),
		"created_date":    str(e.CreatedDate),
		"modified_date":   str(e.ModifiedDate),
		"scheduled_date":  str(e.ScheduledDate),
		"external_ref":    str(e.ExternalRef),
		"external_url":    str(e.ExternalURL),
		"created_by":      expectUser(e.CreatedBy),
		"modified_by":     expectUser(e.ModifiedBy),
	})
}

func expectUser(u *localapi.UserSummary) knownvalue.Check {
	if u == nil {
		return knownvalue.Null()
	}
	var picture knownvalue.Check = knownvalue.Null()
	if p := u.DisplayPicture; p != nil {
		var file knownvalue.Check = knownvalue.Null()
		if f := p.File; f != nil {
			var size knownvalue.Check = knownvalue.Null()
			if f.Size != 0 {
				size = knownvalue.Int64Exact(f.Size)
			}
			file = knownvalue.ObjectExact(map[string]knownvalue.Check{
				"type": str(f.Type), "name": str(f.Name), "size": size,
			})
		}
		picture = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": str(p.ID), "display_id": str(p.DisplayID), "file": file,
		})
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":              str(u.ID),
		"display_id":      str(u.DisplayID),
		"type":            str(u.Type),
		"display_name":    str(u.DisplayName),
		"full_name":       str(u.FullName),
		"email":           str(u.Email),
		"state":           str(u.State),
		"display_picture": picture,
	})
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

// buildProvider builds the provider binary as users run it, into a
// temporary folder, and returns its path.
func buildProvider(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "terraform-provider-devrev")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	return bin
}
