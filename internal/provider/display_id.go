package provider

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// A display id is the short, human-readable id DevRev shows for an object:
// a prefix naming the object's type, a dash, and the object's number (TKT-12),
// or for rev orgs letters and digits (REV-AbCdEfGh in the spec).
var displayIDPattern = regexp.MustCompile(`^([A-Z]+)-([A-Za-z0-9]+)$`)

// displayIDTypes maps each display id prefix to the object type, named as
// the API's `type` fields name it (parse_id names a DON's type the same
// way: objectTypeOfDON in don.go). Only prefixes with a source are listed:
// the examples of the spec (openapi-beta.yaml, where each id below is the
// example of the named operation's or field's id), or the objects this
// provider's data sources return (TestDisplayIDTypeKnowsWhatTheDataSourcesReturn
// reads every one and fails on a prefix missing here). A guessed prefix
// would tell a wrong type with confidence; an unlisted prefix is an error
// that lists these.
var displayIDTypes = map[string]string{
	"ACC":      "account",         // /accounts.get id: ACC-12345
	"ART":      "article",         // /articles.get id: ART-12345
	"ARTIFACT": "artifact",        // /artifacts.get id: ARTIFACT-12345; users' display_picture
	"CAPL":     "capability",      // devrev_part reads them
	"CHAN":     "chat",            // /chats.get id: CHAN-AbCdEfGh
	"CONV":     "conversation",    // devrev_conversation reads them
	"DEV":      "dev_org",         // dev-org id and preferences object: DEV-AbCdEfGh
	"DEVU":     "dev_user",        // works' owned_by, parts' owned_by: DEVU-12345; devrev_dev_user
	"ENGM":     "engagement",      // devrev_engagement reads them
	"FEAT":     "feature",         // devrev_part reads them
	"GRP":      "group",           // devrev_group reads them
	"INC":      "incident",        // devrev_incident reads them
	"ISS":      "issue",           // /works.get id: ISS-12345
	"MEET":     "meeting",         // devrev_meeting reads them
	"OPP":      "opportunity",     // enhancement.opportunities filter: OPP-12345; devrev_work
	"PROD":     "product",         // /parts.get id: PROD-12345 (a part of type product)
	"REV":      "rev_org",         // /rev-orgs.get id: REV-AbCdEfGh
	"REVU":     "rev_user",        // devrev_rev_user reads them
	"SVCACC":   "service_account", // user summaries (created_by) of type service_account
	"SYSU":     "sys_user",        // user summaries (created_by) of type sys_user
	"TAG":      "tag",             // /tags.get id: TAG-12345
	"TASK":     "task",            // devrev_work reads them
	"TKT":      "ticket",          // devrev_work reads them
	"VISTA":    "vista",           // /vistas.get id: VISTA-12345
}

// lettersAfterPrefix are the prefixes whose "number" is letters and
// digits (REV-, DEV- and CHAN-AbCdEfGh in the spec); after every other known prefix it is
// a decimal number, and anything else there (TKT-abc) is not an id of that
// type, however well-formed it looks.
var lettersAfterPrefix = map[string]bool{"CHAN": true, "DEV": true, "REV": true}

// displayIDType tells the object type of a display id, or says what is
// wrong with it.
func displayIDType(s string) (string, error) {
	prefix, _, err := parseDisplayID(s)
	if err != nil {
		return "", err
	}
	return displayIDTypes[prefix], nil
}

// parseDisplayID splits a display id of a known prefix into its prefix
// and number (s is prefix + "-" + number), or says what is wrong with it.
func parseDisplayID(s string) (prefix, number string, err error) {
	const expected = "expected an upper-case prefix, \"-\" and the object's number, such as TKT-12"
	if s == "" {
		return "", "", fmt.Errorf("the display id is empty; %s", expected)
	}
	m := displayIDPattern.FindStringSubmatch(s)
	if m == nil {
		if strings.HasPrefix(s, "don:") {
			return "", "", fmt.Errorf("%q is a DevRev id (DON), not a display id (parse_id splits a DON); %s", s, expected)
		}
		return "", "", fmt.Errorf("%q is not a DevRev display id; %s", s, expected)
	}
	prefix, number = m[1], m[2]
	typ, ok := displayIDTypes[prefix]
	if !ok {
		return "", "", fmt.Errorf("%q has the prefix %s, which is not a display id prefix this provider knows; it knows %s",
			s, prefix, strings.Join(slices.Sorted(maps.Keys(displayIDTypes)), ", "))
	}
	if !lettersAfterPrefix[prefix] && strings.Trim(number, "0123456789") != "" {
		return "", "", fmt.Errorf("%q is not a DevRev display id: after %s- comes the %s's number, and %q is not a number; %s",
			s, prefix, strings.ReplaceAll(typ, "_", " "), number, expected)
	}
	return prefix, number, nil
}
