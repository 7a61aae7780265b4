package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The benchmarks behind `make bench` and tools/performance.md. Each reports
// its cost per engagement (ns/eng, B/eng, allocs/eng) so that sizes compare:
//
//   - Floor: decode the pages already in memory, build the state as one
//     tftypes value and encode it with tftypes: what a provider must do
//     that skips the framework but not tftypes. (The provider's own read
//     writes msgpack straight from the pages, and so comes in below it.
//     Each item's tftypes value is its msgpack decoded, the one way the
//     provider has to build one, so the floor includes that encoding.)
//   - Client: the API client paging from the local DevRev API on loopback.
//   - Read: the whole ReadDataSource RPC as Terraform drives it, through the
//     provider's protocol server, HTTP and msgpack included.
//   - ReadFramework: the same RPC answered by the plugin framework alone
//     (what the protocol-level path in protocol_server.go avoids).

var benchSizes = []int{1_000, 10_000, 50_000}

type benchAPI struct {
	url  string
	stop func()
}

// startBenchAPI starts a local DevRev API with opts, under a quota no
// benchmark reaches: the local API otherwise announces DevRev's (1,000
// requests in 5 minutes), and a benchmark fast enough to run more rounds
// would end up waiting for the window, or failing, instead of measuring.
func startBenchAPI(b *testing.B, opts localapi.Options) *benchAPI {
	b.Helper()
	opts.Token, opts.Seed, opts.DisableRecording = testToken, 1, true
	opts.RateLimit = localapi.RateLimit{Requests: 100_000_000, Window: 5 * time.Minute}
	ts := httptest.NewServer(localapi.New(opts))
	return &benchAPI{url: ts.URL, stop: ts.Close}
}

// perEngagement reports the benchmark's cost per item (the unit keeps
// the name it had when engagements were the only list).
func perEngagement(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/eng")
}

// nullConfig is a configuration of type typ with every argument unset.
func nullConfig(b testing.TB, typ tftypes.Object) (tftypes.Value, *tfprotov6.DynamicValue) {
	v := nullValue(typ)
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		b.Fatal(err)
	}
	return v, &dv
}

func BenchmarkFloor(b *testing.B) {
	benchFloor(b, benchSizes, engagementsList, engagementsBench, func(p []byte) ([]devrev.Engagement, error) {
		var page struct {
			Engagements []devrev.Engagement `json:"engagements"`
		}
		err := json.Unmarshal(p, &page)
		return page.Engagements, err
	})
}

// benchFloor is the floor of one list data source: decode holds the one
// line that differs, which field of the page holds the items.
func benchFloor[F, R, T any](b *testing.B, sizes []int, spec *listSpec[F, R, T], data benchData, decode func([]byte) ([]T, error)) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			api := startBenchAPI(b, data.opts(n))
			defer api.stop()
			pages := rawPages(b, api.url, data.path) // in memory: the floor decodes, it does not fetch
			_, stateType := spec.schemaAndType()
			config, _ := nullConfig(b, stateType)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				items := make([]tftypes.Value, 0, n)
				ids := make([]tftypes.Value, 0, n)
				for _, p := range pages {
					page, err := decode(p)
					if err != nil {
						b.Fatal(err)
					}
					for i := range page {
						items = append(items, spec.object.value(&page[i]))
						ids = append(ids, tftypes.NewValue(tftypes.String, spec.id(&page[i])))
					}
				}
				if len(items) != n {
					b.Fatalf("the local API served %d %s, want %d", len(items), spec.items, n)
				}
				var attrs map[string]tftypes.Value
				_ = config.As(&attrs)
				attrs[spec.items] = tftypes.NewValue(stateType.AttributeTypes[spec.items], items)
				attrs["ids"] = tftypes.NewValue(stateType.AttributeTypes["ids"], ids)
				if _, err := tfprotov6.NewDynamicValue(stateType, tftypes.NewValue(stateType, attrs)); err != nil {
					b.Fatal(err)
				}
			}
			perEngagement(b, n)
		})
	}
}

func BenchmarkClient(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			api := startBenchAPI(b, localapi.Options{Counts: map[string]int{"engagements": n}})
			defer api.stop()
			c, err := devrev.New(devrev.Options{Endpoint: api.url, Token: testToken})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				w, err := c.ListEngagements(context.Background(), devrev.ListEngagementsRequest{}, devrev.ListOptions{})
				if err != nil || len(w.Items) != n {
					b.Fatalf("read %v engagements: %v", w, err)
				}
			}
			perEngagement(b, n)
		})
	}
}

func BenchmarkRead(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchmarkRead(b, n, false) })
	}
}

func BenchmarkReadFramework(b *testing.B) {
	for _, n := range benchSizes[:2] { // 50,000 through the framework takes minutes
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchmarkRead(b, n, true) })
	}
}

func benchmarkRead(b *testing.B, n int, frameworkOnly bool) {
	benchRead(b, n, engagementsList, engagementsBench, frameworkOnly)
}

// Accounts, for `make bench`: the same floor and read for devrev_accounts
// (10,000 accounts is already far more than most organizations have).
var accountBenchSizes = []int{1_000, 10_000}

func BenchmarkFloorAccounts(b *testing.B) {
	benchFloor(b, accountBenchSizes, accountsList, accountsBench, func(p []byte) ([]devrev.Account, error) {
		var page struct {
			Accounts []devrev.Account `json:"accounts"`
		}
		err := json.Unmarshal(p, &page)
		return page.Accounts, err
	})
}

func BenchmarkReadAccounts(b *testing.B) {
	for _, n := range accountBenchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchRead(b, n, accountsList, accountsBench, false) })
	}
}

// benchData is what a list benchmark reads: the local API's options for n
// items, and the list endpoint.
type benchData struct {
	opts func(n int) localapi.Options
	path string
}

var (
	engagementsBench = benchData{func(n int) localapi.Options { return localapi.Options{Counts: map[string]int{"engagements": n}} }, "/engagements.list"}
	accountsBench    = benchData{func(n int) localapi.Options {
		return localapi.Options{Counts: map[string]int{"engagements": -1, "accounts": n}}
	}, "/accounts.list"}
)

// benchRead is the whole ReadDataSource RPC of one list data source.
func benchRead[F, R, T any](b *testing.B, n int, spec *listSpec[F, R, T], data benchData, frameworkOnly bool) {
	api := startBenchAPI(b, data.opts(n))
	defer api.stop()
	ctx := context.Background()
	var srv tfprotov6.ProviderServer = newProtocolServer(&DevRevProvider{version: "bench"})
	if frameworkOnly {
		srv = srv.(*protocolServer).frameworkServer
	}
	configureForBench(b, srv, api.url)
	_, typ := spec.schemaAndType()
	_, config := nullConfig(b, typ)
	req := &tfprotov6.ReadDataSourceRequest{TypeName: spec.typeName, Config: config}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		resp, err := srv.ReadDataSource(ctx, req)
		if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
			for _, d := range resp.Diagnostics {
				b.Logf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
			}
			b.Fatalf("read: %v (%d diagnostics)", err, len(resp.Diagnostics))
		}
	}
	perEngagement(b, n)
}

// configureForBench sends the provider configuration as Terraform would.
func configureForBench(b testing.TB, srv tfprotov6.ProviderServer, endpoint string) {
	ctx := context.Background()
	schemaResp, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	typ := schemaResp.Provider.ValueType().(tftypes.Object)
	attrs := nullAttrs(typ)
	attrs["endpoint"] = tftypes.NewValue(tftypes.String, endpoint)
	attrs["token"] = tftypes.NewValue(tftypes.String, testToken)
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		b.Fatal(err)
	}
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "bench", Config: &dv})
	if err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
}
