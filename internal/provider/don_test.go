package provider

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParseDON(t *testing.T) {
	top := func(service, partition, org, typ, number string) don {
		return don{Service: service, Partition: partition, DevOrg: org,
			Object: donSegment{Type: typ, Number: number}, Parents: []donSegment{}}
	}
	valid := map[string]don{
		// The shapes the provider's data sources read.
		"don:core:dvrv-us-1:devo/0:engagement/123": top("core", "dvrv-us-1", "0", "engagement", "123"),
		"don:identity:dvrv-us-1:devo/0:devu/12":    top("identity", "dvrv-us-1", "0", "devu", "12"),
		"don:core:dvrv-us-1:devo/0:account/12":     top("core", "dvrv-us-1", "0", "account", "12"),
		"don:core:dvrv-us-1:devo/abc123:ticket/7":  top("core", "dvrv-us-1", "abc123", "ticket", "7"),
		// The spec's examples (openapi-beta.yaml).
		"don:identity:dvrv-us-1:devo/0:revo/156":                    top("identity", "dvrv-us-1", "0", "revo", "156"),
		"don:integration:dvrv-us-1:devo/example:webhook/webhook-id": top("integration", "dvrv-us-1", "example", "webhook", "webhook-id"),
		"don:core:dvrv-us-1:devo/example:custom_type_fragment/custom-type-fragment-id": top("core", "dvrv-us-1", "example",
			"custom_type_fragment", "custom-type-fragment-id"),
		"don:core:dvrv-us-1:devo/example:ticket/123:comment/comment-id": {Service: "core", Partition: "dvrv-us-1", DevOrg: "example",
			Object: donSegment{"comment", "comment-id"}, Parents: []donSegment{{"ticket", "123"}}},
		// Deeper nesting keeps every parent, outermost first.
		"don:core:dvrv-eu-1:devo/9:a/1:b/2:c/3": {Service: "core", Partition: "dvrv-eu-1", DevOrg: "9",
			Object: donSegment{"c", "3"}, Parents: []donSegment{{"a", "1"}, {"b", "2"}}},
		// The dev org's own DON names the dev org.
		"don:identity:dvrv-us-1:devo/0": top("identity", "dvrv-us-1", "0", "devo", "0"),
	}
	for in, want := range valid {
		got, err := parseDON(in)
		if err != nil {
			t.Errorf("parseDON(%q): %v", in, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("parseDON(%q) = %+v, want %+v", in, got, want)
		}
	}

	// Each invalid id fails with an error that quotes it (or says it is
	// empty) and says what is wrong.
	invalid := map[string]string{
		"":                                       "the id is empty",
		"TKT-12":                                 "is a display id, not a DON",
		"ticket/12":                              `does not start with "don:"`,
		"DON:core:dvrv-us-1:devo/0:ticket/12":    `does not start with "don:"`,
		" don:core:dvrv-us-1:devo/0:ticket/12":   `does not start with "don:"`,
		"don:":                                   "2 of the at least 4 parts",
		"don:core:dvrv-us-1":                     "3 of the at least 4 parts",
		"don::dvrv-us-1:devo/0:ticket/12":        `service "" is not a lowercase word`,
		"don:Core:dvrv-us-1:devo/0:ticket/12":    `service "Core"`,
		"don:core::devo/0:ticket/12":             `partition ""`,
		"don:core:dvrv-us-1:ticket/12":           `fourth part "ticket/12" is not devo/<dev org>`,
		"don:core:dvrv-us-1:devo/0:ticket":       `part "ticket" is not <type>/<id>`,
		"don:core:dvrv-us-1:devo/0:ticket/":      `the id "" in "ticket/"`,
		"don:core:dvrv-us-1:devo/:ticket/12":     `the id "" in "devo/"`,
		"don:core:dvrv-us-1:devo/0:ticket/1/2":   `the id "1/2"`,
		"don:core:dvrv-us-1:devo/0:ticket/12 ":   `the id "12 "`,
		"don:core:dvrv-us-1:devo/0:/12":          `the type "" in "/12"`,
		"don:core:dvrv-us-1:devo/0:Ticket/12":    `the type "Ticket"`,
		"don:core:dvrv-us-1:devo/0:ticket/12:":   `part "" is not <type>/<id>`,
		"don:core:dvrv-us-1:devo/0:devo/1":       "devo/<dev org> appears again",
		"don:core:dvrv-us-1:devo/0:devo/1:tag/2": "devo/<dev org> appears again",
	}
	for in, want := range invalid {
		got, err := parseDON(in)
		if err == nil {
			t.Errorf("parseDON(%q) = %+v, want an error", in, got)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, want) {
			t.Errorf("parseDON(%q): error %q does not say %q", in, msg, want)
		}
		if in != "" && !strings.Contains(msg, `"`+strings.ReplaceAll(in, `"`, `\"`)+`"`) {
			t.Errorf("parseDON(%q): error %q does not quote the id", in, msg)
		}
		if !strings.Contains(msg, donExample) {
			t.Errorf("parseDON(%q): error %q does not show what a DON looks like", in, msg)
		}
	}
}

// FuzzParseDON: a DON parseDON accepts is exactly its parts put back
// together, so nothing is dropped or changed on the way; and an id it
// refuses gets a message that quotes it or says it is empty.
func FuzzParseDON(f *testing.F) {
	for _, s := range []string{
		"don:core:dvrv-us-1:devo/0:ticket/12", "don:core:dvrv-us-1:devo/example:ticket/123:comment/comment-id",
		"don:identity:dvrv-us-1:devo/0", "don:identity:dvrv-us-1:devo/0:devu/12", "don:core:dvrv-us-1:ticket/12",
		"don:core:dvrv-us-1:devo/0:devo/1", "don:core:dvrv-us-1:devo/0:ticket/12:devo/1:x/2", "don:core:dvrv-us-1:devo/0:ticket/",
		"don:Core:dvrv-us-1:devo/0:ticket/12", "don:core:dvrv-us-1:devo/0:ticket/1 2", "TKT-12", "", "don:", "don:::",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDON(s)
		if err != nil {
			if s != "" && !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("parseDON(%q): the error does not quote the id: %v", s, err)
			}
			return
		}
		back := "don:" + d.Service + ":" + d.Partition + ":devo/" + d.DevOrg
		for _, p := range d.Parents {
			back += ":" + p.Type + "/" + p.Number
		}
		if d.Object.Type != "devo" {
			back += ":" + d.Object.Type + "/" + d.Object.Number
		} else if d.Object.Number != d.DevOrg || len(d.Parents) != 0 {
			t.Fatalf("parseDON(%q) = %+v: a dev org's own DON with parents or another number", s, d)
		}
		if back != s {
			t.Fatalf("parseDON(%q) = %+v, which puts back together as %q", s, d, back)
		}
	})
}
