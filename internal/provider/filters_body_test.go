package provider

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// requestSchema names the spec's request schema of a list or count data
// source: devrev_dev_users reads dev-users-list-request, devrev_works_count
// works-count-request.
func requestSchema(typeName string) (path, schema string) {
	name := strings.TrimPrefix(typeName, "devrev_")
	verb := "list"
	if n, ok := strings.CutSuffix(name, "_count"); ok {
		name, verb = n, "count"
	}
	name = strings.ReplaceAll(name, "_", "-")
	return "/" + name + "." + verb, name + "-" + verb + "-request"
}

// Every set filter of every list and count data source reaches the
// request body, in-process: a probe value given to the filter is sent, and
// every top-level field of the body is one the spec's request schema has.
// (Nested names, such as works' ticket.severity, are checked by the data
// source's own filter test.)
func TestEverySetFilterReachesTheRequestBody(t *testing.T) {
	api := startAPI(t, localapi.Options{Count: 20, WorkCount: 20})
	p := newInProcess(t, api.URL)
	checked := 0
	for typeName, s := range p.schemas {
		path, schema := requestSchema(typeName)
		for _, attr := range s.Block.Attributes {
			// The selection's are the set arguments that are no filter:
			// they shape the state, not the request.
			if !attr.Optional || !attr.ValueType().Is(tftypes.Set{}) || slices.Contains(selectionArguments, attr.Name) {
				continue
			}
			checked++
			t.Run(typeName+"."+attr.Name, func(t *testing.T) {
				probe := "probe-" + strings.ReplaceAll(attr.Name, "_", "-")
				api.ResetRequests()
				value := tftypes.NewValue(attr.ValueType(), []tftypes.Value{tftypes.NewValue(tftypes.String, probe)})
				// The local API may refuse the probe (an enum): the request
				// was sent all the same, which is what is checked.
				_, _ = p.read(t, typeName, map[string]tftypes.Value{attr.Name: value})
				reqs := api.requestsTo(path)
				if len(reqs) == 0 {
					t.Fatalf("no request to %s", path)
				}
				for i, b := range specBodies(t, reqs) {
					if !strings.Contains(string(reqs[i].Body), `"`+probe+`"`) {
						t.Errorf("%s = [%q] is not in the request body %s", attr.Name, probe, reqs[i].Body)
					}
					for k := range b {
						if !slices.Contains(localapi.SpecFields(schema), k) {
							js, _ := json.Marshal(b)
							t.Errorf("body field %q is not in the spec's %s: %s", k, schema, js)
						}
					}
				}
			})
		}
	}
	if checked == 0 {
		t.Fatal("found no set filters")
	}
}
