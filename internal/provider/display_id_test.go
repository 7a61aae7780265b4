package provider

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

func TestDisplayIDType(t *testing.T) {
	valid := map[string]string{
		"TKT-12":       "ticket",
		"ISS-7":        "issue",
		"ENGM-123":     "engagement",
		"ACC-12":       "account",
		"DEVU-12":      "dev_user",
		"OPP-3":        "opportunity",
		"PROD-1":       "product",
		"CAPL-3":       "capability",
		"FEAT-5":       "feature",
		"REVU-1":       "rev_user",
		"TAG-12345":    "tag",
		"ART-5":        "article",
		"ARTIFACT-5":   "artifact",
		"VISTA-9":      "vista",
		"REV-AbCdEfGh": "rev_org", // the spec's rev org id is not a number
		"DEV-AbCdEfGh": "dev_org", // nor its dev org id
		"CHAN-AbCdEf1": "chat",    // nor its chat id
		"CONV-2":       "conversation",
		"GRP-3":        "group",
		"INC-5":        "incident",
		"MEET-8":       "meeting",
		"TASK-4":       "task",
		"SVCACC-1":     "service_account",
		"SYSU-1":       "sys_user",
	}
	for in, want := range valid {
		got, err := displayIDType(in)
		if err != nil || got != want {
			t.Errorf("displayIDType(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	// Every listed prefix is tested above, so a new one needs a test.
	tested := map[string]bool{}
	for in := range valid {
		prefix, _, _ := strings.Cut(in, "-")
		tested[prefix] = true
	}
	for prefix := range displayIDTypes {
		if !tested[prefix] {
			t.Errorf("prefix %s has no test", prefix)
		}
	}

	invalid := map[string]string{
		"":                                    "the display id is empty",
		"tkt-12":                              `"tkt-12" is not a DevRev display id`,
		"TKT12":                               `"TKT12" is not a DevRev display id`,
		"TKT-":                                `"TKT-" is not a DevRev display id`,
		"-12":                                 `"-12" is not a DevRev display id`,
		" TKT-12":                             `" TKT-12" is not a DevRev display id`,
		"TKT-12 ":                             `"TKT-12 " is not a DevRev display id`,
		"TKT-1-2":                             `"TKT-1-2" is not a DevRev display id`,
		"don:core:dvrv-us-1:devo/0:ticket/12": "is a DevRev id (DON), not a display id",
		"TKT-abc":                             `"TKT-abc" is not a DevRev display id: after TKT- comes the ticket's number, and "abc" is not a number`,
		"DEVU-12a":                            `after DEVU- comes the dev user's number, and "12a" is not a number`,
		"ENGM-0x1F":                           `"0x1F" is not a number`,
		"XYZ-1":                               `"XYZ-1" has the prefix XYZ, which is not a display id prefix this provider knows; it knows ACC, ART, ARTIFACT, CAPL, CHAN, CONV, DEV, DEVU, ENGM, FEAT, GRP, INC, ISS, MEET, OPP, PROD, REV, REVU, SVCACC, SYSU, TAG, TASK, TKT, VISTA`,
	}
	for in, want := range invalid {
		got, err := displayIDType(in)
		if err == nil {
			t.Errorf("displayIDType(%q) = %q, want an error", in, got)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("displayIDType(%q): error %q does not say %q", in, err, want)
		}
		if in != "XYZ-1" && !strings.Contains(err.Error(), "such as TKT-12") {
			t.Errorf("displayIDType(%q): error %q does not show what a display id looks like", in, err)
		}
	}
}

// FuzzDisplayID: a display id built from a known prefix and a number
// parses back into them, with the prefix's type; anything parseDisplayID
// accepts is its prefix, "-" and its number, and a number after any prefix
// but REV- is digits only (TKT-abc is refused).
func FuzzDisplayID(f *testing.F) {
	f.Add("TKT-12", uint8(0), uint64(12))
	f.Add("TKT-abc", uint8(1), uint64(0))
	f.Add("REV-AbCdEfGh", uint8(2), uint64(1<<63))
	f.Add("tkt-12", uint8(3), uint64(7))
	f.Add("DEVU-12a", uint8(4), uint64(99))
	f.Add("don:core:dvrv-us-1:devo/0:ticket/12", uint8(5), uint64(1))
	f.Add("XYZ-1", uint8(6), uint64(1))
	prefixes := slices.Sorted(maps.Keys(displayIDTypes))
	f.Fuzz(func(t *testing.T, s string, k uint8, n uint64) {
		prefix := prefixes[int(k)%len(prefixes)]
		id := prefix + "-" + strconv.FormatUint(n, 10)
		gotPrefix, number, err := parseDisplayID(id)
		if err != nil || gotPrefix != prefix || number != strconv.FormatUint(n, 10) {
			t.Fatalf("parseDisplayID(%q) = %q, %q, %v", id, gotPrefix, number, err)
		}
		if typ, err := displayIDType(id); err != nil || typ != displayIDTypes[prefix] {
			t.Fatalf("displayIDType(%q) = %q, %v; want %q", id, typ, err, displayIDTypes[prefix])
		}

		gotPrefix, number, err = parseDisplayID(s)
		typ, typErr := displayIDType(s)
		if (err == nil) != (typErr == nil) {
			t.Fatalf("%q: parseDisplayID says %v, displayIDType %v", s, err, typErr)
		}
		if err != nil {
			return
		}
		if gotPrefix+"-"+number != s || typ != displayIDTypes[gotPrefix] || typ == "" {
			t.Fatalf("parseDisplayID(%q) = %q, %q; type %q", s, gotPrefix, number, typ)
		}
		if !lettersAfterPrefix[gotPrefix] && strings.Trim(number, "0123456789") != "" {
			t.Fatalf("parseDisplayID(%q) took %q as a number", s, number)
		}
	})
}

// display_id_type knows every display id prefix the spec's examples use
// (example: ACC-12345, or an item of an example list), as the trimmed
// description in the repository keeps them (internal/openapi).
func TestDisplayIDTypeKnowsTheSpecsPrefixes(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range openapi.Trimmed().DisplayIDExamples() {
		prefix, _, _ := strings.Cut(id, "-")
		if seen[prefix] {
			continue
		}
		seen[prefix] = true
		if _, err := displayIDType(id); err != nil {
			t.Errorf("the spec's example %s: %v", id, err)
		}
	}
	if len(seen) < 10 {
		t.Errorf("found the prefixes %v in the spec: too few to trust the scan", slices.Sorted(maps.Keys(seen)))
	}
}
