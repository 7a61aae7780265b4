package provider

import (
	"fmt"
	"regexp"
	"strings"
)

// A DevRev id (DON) names an object by the path to it:
//
//	don:<service>:<partition>:devo/<dev org>[:<type>/<id>]...
//
// such as don:core:dvrv-us-1:devo/0:ticket/12. The spec's examples
// (openapi-beta.yaml) show one level below the dev org for most objects and
// two for objects that live inside another, such as a timeline comment:
// don:core:dvrv-us-1:devo/example:ticket/123:comment/comment-id. The
// parser therefore takes any number of <type>/<id> segments after the dev
// org, and reports the last as the object and the others as its parents.

// donSegment is one <type>/<id> step of a DON's path.
type donSegment struct {
	Type   string `tfsdk:"type"`
	Number string `tfsdk:"number"`
}

// don is a parsed DevRev id.
type don struct {
	Service   string
	Partition string
	DevOrg    string
	// Object is the last segment: the object the DON names. For the DON of
	// a dev org itself it is devo/<dev org>.
	Object donSegment
	// Parents are the segments between the dev org and the object,
	// outermost first; empty for top-level objects.
	Parents []donSegment
}

const (
	donExample = "don:core:dvrv-us-1:devo/0:ticket/12"
	donShape   = "don:<service>:<partition>:devo/<dev org>:<type>/<id>"
)

var (
	// Services and partitions in the spec and in DevRev's answers (core,
	// identity, integration; dvrv-us-1) are lowercase words with dashes.
	donWord = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	// Object types are lowercase with underscores (custom_type_fragment).
	donType = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	// Ids are numbers for most objects, and letters, digits and dashes in
	// the spec's examples (devo/example, comment/comment-id). Anything else
	// (a space, a slash, a quote) is a typo or a value that is not an id.
	donValue = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// donTypeNames are the DON types that abbreviate the object type the API's
// `type` fields name (a user summary's type is dev_user where its DON says
// devu). Every other DON type already is the object type (ticket,
// engagement, account, ...). parse_id reports the object type, so that it
// and display_id_type name an object the same way.
var donTypeNames = map[string]string{
	"devo":   "dev_org",
	"devu":   "dev_user",
	"revo":   "rev_org",
	"revu":   "rev_user",
	"svcacc": "service_account",
	"sysu":   "sys_user",
}

// objectTypeOfDON is the object type a DON's type segment stands for.
func objectTypeOfDON(donType string) string {
	if name, ok := donTypeNames[donType]; ok {
		return name
	}
	return donType
}

// parseDON splits a DevRev id into its parts, or says what is wrong with it.
func parseDON(s string) (don, error) {
	bad := func(format string, args ...any) (don, error) {
		return don{}, fmt.Errorf("%q is not a valid DevRev id (DON): %s; expected %s, such as %s",
			s, fmt.Sprintf(format, args...), donShape, donExample)
	}
	if s == "" {
		return don{}, fmt.Errorf("the id is empty; expected a DevRev id (DON) %s, such as %s", donShape, donExample)
	}
	if !strings.HasPrefix(s, "don:") {
		if displayIDPattern.MatchString(s) {
			return bad("it is a display id, not a DON (display_id_type tells the type of a display id)")
		}
		return bad(`it does not start with "don:"`)
	}
	parts := strings.Split(s, ":")
	if len(parts) < 4 {
		return bad("it has %d of the at least 4 parts separated by \":\"", len(parts))
	}
	d := don{Service: parts[1], Partition: parts[2]}
	if !donWord.MatchString(d.Service) {
		return bad("its service %q is not a lowercase word", d.Service)
	}
	if !donWord.MatchString(d.Partition) {
		return bad("its partition %q is not a lowercase word", d.Partition)
	}
	segs := make([]donSegment, 0, len(parts)-3)
	for _, p := range parts[3:] {
		typ, value, ok := strings.Cut(p, "/")
		switch {
		case !ok:
			return bad("its part %q is not <type>/<id>", p)
		case !donType.MatchString(typ):
			return bad("the type %q in %q is not a lowercase word", typ, p)
		case !donValue.MatchString(value):
			return bad("the id %q in %q is empty or has characters other than letters, digits, \"-\" and \"_\"", value, p)
		}
		segs = append(segs, donSegment{Type: typ, Number: value})
	}
	if segs[0].Type != "devo" {
		return bad("its fourth part %q is not devo/<dev org>", parts[3])
	}
	d.DevOrg = segs[0].Number
	d.Object = segs[len(segs)-1]
	d.Parents = segs[min(1, len(segs)-1) : len(segs)-1]
	for _, p := range d.Parents {
		if p.Type == "devo" {
			return bad("devo/<dev org> appears again after the fourth part")
		}
	}
	if len(segs) > 1 && d.Object.Type == "devo" {
		return bad("devo/<dev org> appears again after the fourth part")
	}
	return d, nil
}
