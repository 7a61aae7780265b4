package localapi

import (
	"encoding/json"
	"math/big"
	"strconv"
	"time"
)

// CustomFields is an object's `custom_fields`: the organization's own
// fields by their full name (`tnt__region` for a tenant field,
// `ctype__<name>` for a subtype's), each a JSON value: a string, a
// json.Number (kept as written, so that a served number is exact), a bool,
// or a list of them; a date is an RFC 3339 string. Nil is absent.
type CustomFields map[string]any

// customFieldsFilter is the `custom_fields` filter (an `object` in the
// spec, "Filters for custom fields"): for each field name, a JSON array of
// values; an item matches when its field has one of them (a list-valued
// field: when one of its elements does), and every named field must match.
// Values compare with their JSON types: "3" is not 3. An empty array does
// not filter, as an empty set does not elsewhere. A GET list takes no
// custom field filter (nothing names a query form for it).
func customFieldsFilter[T any](get func(*T) CustomFields) filter[T] {
	return custom(func(b *built[T], r *request) (func(int) bool, *apiError) {
		if r.body == nil {
			return nil, nil
		}
		v, e := r.lookup("custom_fields")
		if e != nil || v == nil {
			return nil, e
		}
		fields, ok := v.(map[string]any)
		if !ok {
			return nil, wrongType("custom_fields", v, "an object")
		}
		type want struct {
			name   string
			values set
		}
		var wants []want
		for name, vals := range fields {
			arr, ok := vals.([]any)
			if !ok {
				return nil, wrongType("custom_fields."+name, vals, "an array")
			}
			s := set{}
			for _, x := range arr {
				k, ok := customKey(x)
				if !ok {
					return nil, wrongType("custom_fields."+name, x, "a string, number or boolean")
				}
				s[k] = struct{}{}
			}
			if len(s) > 0 {
				wants = append(wants, want{name, s})
			}
		}
		if len(wants) == 0 {
			return nil, nil
		}
		return func(row int) bool {
			cf := get(&b.items[row])
			for _, w := range wants {
				if !w.values.hasAny(customKeys(cf[w.name])) {
					return false
				}
			}
			return true
		}, nil
	}, "custom_fields")
}

// customKey is a scalar value as a filter compares it: its JSON type and
// its value (a number in its shortest exact decimal form, so that 3 and
// 3.0 are one).
func customKey(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return "s" + x, true
	case bool:
		return "b" + strconv.FormatBool(x), true
	case json.Number:
		f, _, err := big.ParseFloat(string(x), 10, 512, big.ToNearestEven)
		if err != nil {
			return "", false
		}
		return "n" + f.Text('g', -1), true
	case int:
		return "n" + strconv.Itoa(x), true
	}
	return "", false
}

// customKeys are an item's field's values as a filter compares them.
func customKeys(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			out = append(out, customKeys(e)...)
		}
	case []string:
		for _, e := range x {
			out = append(out, "s"+e)
		}
	default:
		if k, ok := customKey(x); ok {
			out = append(out, k)
		}
	}
	return out
}

// The seeds' custom fields. Accounts carry the organization's region, ARR,
// renewal date and whether they are strategic; a ticket of an account
// carries its account's region (the same in both, as a report that joins
// them expects), an impact score that is a whole number or not, whether it
// was escalated and the components it touches; a ticket of the
// `escalation` subtype has a subtype field, ctype__escalation_level. Some
// have none, as an organization's older objects do.
var (
	customRegions    = []string{"AMER", "APAC", "EMEA"}
	customComponents = []string{"api", "billing", "mobile", "sso", "web"}
	ticketSubtypes   = []string{"escalation", "onboarding"}
)

// customRNG is a generator of its own for the custom fields of item i, so
// that adding them draws nothing from the generators of the other fields
// (whose seeds the tests rely on).
func customRNG(seed uint64, kind uint64, i int) *rng {
	return &rng{s: seed ^ kind ^ uint64(i+1)*0xd1b54a32d192ed03}
}

// addAccountCustomFields gives 80% of accounts custom fields.
func addAccountCustomFields(seed uint64, accounts []Account) {
	for i := range accounts {
		r := customRNG(seed, 0x5851f42d4c957f2d, i)
		if !r.pct(80) {
			continue
		}
		renewal := time.Date(2024, time.Month(1+r.intn(12)), 1+r.intn(28), 0, 0, 0, 0, time.UTC)
		cf := CustomFields{
			"tnt__region":       pick(r, customRegions),
			"tnt__arr":          json.Number(strconv.Itoa(1000*(5+r.intn(500))) + pick(r, []string{"", ".5"})),
			"tnt__renewal_date": renewal.Format(time.RFC3339),
			"tnt__strategic":    r.pct(25),
		}
		accounts[i].CustomFields = cf
	}
}

// accountRegion is the region of the account an org summary names, if it
// has one.
func accountRegion(byID map[string]*Account, o *OrgSummary) (string, bool) {
	if o == nil || byID[o.ID] == nil {
		return "", false
	}
	region, ok := byID[o.ID].CustomFields["tnt__region"].(string)
	return region, ok
}

// addRevOrgCustomFields gives a Rev organization its account's region,
// when the account has one.
func addRevOrgCustomFields(orgs []RevOrg, accounts []Account) {
	byID := make(map[string]*Account, len(accounts))
	for i := range accounts {
		byID[accounts[i].ID] = &accounts[i]
	}
	for i := range orgs {
		if region, ok := accountRegion(byID, orgs[i].Account); ok {
			orgs[i].CustomFields = CustomFields{"tnt__region": region}
		}
	}
}

// addWorkCustomFields gives 85% of tickets the organization's custom
// fields, and a subtype to some tickets, issues and opportunities (an
// escalation ticket with its subtype's field).
func addWorkCustomFields(seed uint64, works []Work, accounts []Account) {
	byID := make(map[string]*Account, len(accounts))
	for i := range accounts {
		byID[accounts[i].ID] = &accounts[i]
	}
	for i := range works {
		w := &works[i]
		r := customRNG(seed, 0x2127599bf4325c37, i)
		switch w.Type {
		case "issue":
			if r.pct(30) {
				w.Subtype = "bug"
			}
			continue
		case "opportunity":
			if r.pct(40) {
				w.Subtype = "renewal"
			}
			continue
		case "ticket":
		default:
			continue
		}
		if r.pct(25) {
			w.Subtype = pick(r, ticketSubtypes)
		}
		var cf CustomFields
		if r.pct(85) {
			region, ok := accountRegion(byID, w.Account)
			if !ok {
				region = pick(r, customRegions)
			}
			score := strconv.Itoa(1 + r.intn(5))
			if r.pct(30) {
				score += ".5"
			}
			components := []any{}
			for _, c := range customComponents {
				if r.pct(30) {
					components = append(components, c)
				}
			}
			cf = CustomFields{
				"tnt__region":       region,
				"tnt__impact_score": json.Number(score),
				"tnt__escalated":    r.pct(20),
				"tnt__components":   components,
			}
		}
		// A subtype's field is there whenever the subtype is, whether or
		// not the ticket has the organization's own.
		if w.Subtype == "escalation" {
			if cf == nil {
				cf = CustomFields{}
			}
			cf["ctype__escalation_level"] = json.Number(strconv.Itoa(1 + r.intn(3)))
		}
		w.CustomFields = cf
	}
}

// addConversationCustomFields gives a conversation its account's region
// and, for most, a satisfaction score (a whole number from 1 to 5).
func addConversationCustomFields(seed uint64, conversations []Conversation, accounts []Account) {
	byID := make(map[string]*Account, len(accounts))
	for i := range accounts {
		byID[accounts[i].ID] = &accounts[i]
	}
	for i := range conversations {
		r := customRNG(seed, 0x2545f4914f6cdd1d, i)
		cf := CustomFields{}
		if region, ok := accountRegion(byID, conversations[i].Account); ok {
			cf["tnt__region"] = region
		}
		if r.pct(70) {
			cf["tnt__csat"] = json.Number(strconv.Itoa(1 + r.intn(5)))
		}
		if len(cf) > 0 {
			conversations[i].CustomFields = cf
		}
	}
}

// incidentRootCauses are the values of incidents' tnt__root_cause.
var incidentRootCauses = []string{"deploy", "capacity", "dependency", "configuration"}

// addIncidentCustomFields gives most incidents a root cause and the
// number of customers affected.
func addIncidentCustomFields(seed uint64, incidents []Incident) {
	for i := range incidents {
		r := customRNG(seed, 0x9e3779b97f4a7c15, i)
		if r.pct(75) {
			incidents[i].CustomFields = CustomFields{
				"tnt__root_cause":         pick(r, incidentRootCauses),
				"tnt__customers_affected": json.Number(strconv.Itoa(r.intn(200))),
			}
		}
	}
}

// addCustomObjectFields gives custom objects the fields of their leaf
// type: a campaign its budget (a number) and channel, an asset its serial
// number and whether it is under warranty.
func addCustomObjectFields(seed uint64, objects []CustomObject) {
	for i := range objects {
		r := customRNG(seed, 0xbf58476d1ce4e5b9, i)
		switch objects[i].LeafType {
		case "campaign":
			objects[i].CustomFields = CustomFields{
				"tnt__budget":  json.Number(strconv.Itoa(500 * (1 + r.intn(40)))),
				"tnt__channel": pick(r, []string{"email", "events", "social", "partners"}),
			}
		case "asset":
			objects[i].CustomFields = CustomFields{
				"tnt__serial_number":  "SN-" + strconv.Itoa(10000+r.intn(90000)),
				"tnt__under_warranty": r.pct(60),
			}
		}
	}
}
