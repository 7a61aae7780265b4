package provider

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// The provider example (on the registry's index page) spells out the
// defaults: each value it shows is the one the provider uses when the
// attribute is unset.
func TestProviderExampleShowsTheDefaults(t *testing.T) {
	src, err := os.ReadFile("../../examples/provider/provider.tf")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(src), "The defaults, spelled out.")
	if !ok {
		t.Fatal(`examples/provider/provider.tf no longer says "The defaults, spelled out."`)
	}
	block, _, _ = strings.Cut(block, "}")
	want := map[string]string{
		"endpoint":        strconv.Quote(devrev.DefaultEndpoint),
		"max_retries":     strconv.Itoa(devrev.DefaultMaxRetries),
		"max_retry_wait":  devrev.DefaultMaxRetryWait.String(),
		"request_timeout": devrev.DefaultRequestTimeout.String(),
		"max_concurrency": strconv.Itoa(devrev.DefaultMaxConcurrency),
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(\w+)\s*=\s*(\S+)\s*$`).FindAllStringSubmatch(block, -1) {
		name, value := m[1], m[2]
		w, ok := want[name]
		if !ok {
			t.Errorf("the example spells out %s, which has no default known to this test", name)
			continue
		}
		seen[name] = true
		if d, err := time.ParseDuration(strings.Trim(value, `"`)); err == nil && strings.HasPrefix(value, `"`) {
			value = d.String() // "60s" and "1m0s" are one duration
		}
		if value != w {
			t.Errorf("the example shows %s = %s; the default is %s", name, value, w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("the example does not spell out %s", name)
		}
	}
}
