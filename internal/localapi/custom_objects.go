package localapi

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// CustomObject is the server's model of a DevRev custom object
// (`custom-object`): an object of a leaf type the organization defined.
// Empty strings and nil pointers are absent and omitted.
type CustomObject struct {
	CreatedBy             *UserSummary  `json:"created_by,omitempty"`
	CreatedDate           string        `json:"created_date,omitempty"`
	CustomSchemaFragments []string      `json:"custom_schema_fragments,omitempty"`
	DisplayID             string        `json:"display_id,omitempty"`
	ID                    string        `json:"id"`
	LeafType              string        `json:"leaf_type,omitempty"`
	ModifiedBy            *UserSummary  `json:"modified_by,omitempty"`
	ModifiedDate          string        `json:"modified_date,omitempty"`
	Stage                 *Stage        `json:"stage,omitempty"`
	StockSchemaFragment   string        `json:"stock_schema_fragment,omitempty"`
	Subtype               string        `json:"subtype,omitempty"`
	CustomFields          CustomFields  `json:"custom_fields,omitempty"`
	SyncMetadata          *SyncMetadata `json:"sync_metadata,omitempty"`
	Title                 string        `json:"title,omitempty"`
	UniqueKey             string        `json:"unique_key,omitempty"`
}

// SyncMetadata is the part of DevRev's sync-metadata served.
type SyncMetadata struct {
	ExternalRecordID   string `json:"external_record_id,omitempty"`
	ExternalRecordType string `json:"external_record_type,omitempty"`
	ExternalReference  string `json:"external_reference,omitempty"`
	OriginSystem       string `json:"origin_system,omitempty"`
}

var customObjects = object[CustomObject]{
	list: "/custom-objects.list", get: "/custom-objects.get", count: "/custom-objects.count", key: "result", one: "custom_object",
	id: func(o *CustomObject) string { return o.ID }, displayID: func(o *CustomObject) string { return o.DisplayID },
	columns: []column[CustomObject]{
		{"created_date", func(o *CustomObject) string { return o.CreatedDate }},
		{"modified_date", func(o *CustomObject) string { return o.ModifiedDate }},
		{"title", func(o *CustomObject) string { return o.Title }},
	},
	filters: []filter[CustomObject]{custom(leafTypeOf, "leaf_type")},
	clone: func(o CustomObject) CustomObject {
		o.CustomSchemaFragments = slices.Clone(o.CustomSchemaFragments)
		return o
	},
	seed: func(sd *seeds, n int) []CustomObject {
		objs := generateCustomObjects(sd.opts.Seed, n, of[DevUser](sd, "dev-users"))
		addCustomObjectFields(sd.opts.Seed, objs)
		return objs
	},
	defaultCount: func(*seeds) int { return 40 },
}

var _ = serve(&customObjects)

// leafTypeOf selects the objects of the leaf type the request names, which
// it must: a request without one is refused, as DevRev refuses it; a leaf
// type without objects selects none.
func leafTypeOf(b *built[CustomObject], r *request) (func(int) bool, *apiError) {
	lt, e := r.str("leaf_type")
	if e != nil {
		return nil, e
	}
	if lt == nil || strings.TrimSpace(*lt) == "" {
		return nil, errMissingField("leaf_type")
	}
	want := *lt
	return func(row int) bool { return b.items[row].LeafType == want }, nil
}

// The organization's leaf types of the generated objects, each with its
// display id prefix (the prefix a tenant fragment's id_prefix sets), the
// stages its objects go through, and the subtypes some have.
var customLeafTypes = []struct {
	name, prefix string
	titles       []string
	stages       [][2]string // stage name, state name (workStates)
	subtypes     []string
}{
	{"campaign", "CAMP", []string{"Spring launch", "Partner webinar", "Renewal push", "Trade show"},
		[][2]string{{"planned", "open"}, {"running", "in_progress"}, {"finished", "closed"}}, []string{"webinar", "event"}},
	{"asset", "AST", []string{"Laptop", "Test device", "License key", "Demo server"},
		[][2]string{{"in_stock", "open"}, {"assigned", "in_progress"}, {"retired", "closed"}}, nil},
}

// generateCustomObjects returns count custom objects, the leaf types taking
// turns (campaigns first), each numbered within its leaf type, created one
// after another by users; deterministic for a seed, a smaller count a
// prefix of a larger one.
func generateCustomObjects(seed uint64, count int, users []DevUser) []CustomObject {
	r := &rng{s: seed ^ 0xa54ff53a5f1d36f1}
	someone := somebody(r, users)
	out := make([]CustomObject, 0, max(count, 0))
	clock := time.Date(2022, 6, 1, 9, 0, 0, 0, time.UTC).UnixMilli()
	perType := make([]int, len(customLeafTypes))
	for i := range max(count, 0) {
		k := i % len(customLeafTypes)
		lt := customLeafTypes[k]
		perType[k]++
		n := strconv.Itoa(perType[k])
		stage := lt.stages[r.intn(len(lt.stages))]
		state := workStates[stage[1]]
		o := CustomObject{ID: donPrefix + "custom_object/" + strconv.Itoa(i+1), DisplayID: lt.prefix + "-" + n, LeafType: lt.name,
			Title: pick(r, lt.titles) + " " + n, StockSchemaFragment: donPrefix + "custom_type_fragment/" + lt.name,
			Stage: &Stage{Stage: &CustomStage{ID: donPrefix + "custom_stage/" + lt.name + "-" + stage[0], Name: stage[0]}, State: &state}}
		o.CustomSchemaFragments = []string{o.StockSchemaFragment}
		if len(lt.subtypes) > 0 && r.pct(60) {
			o.Subtype = pick(r, lt.subtypes)
			o.CustomSchemaFragments = append(o.CustomSchemaFragments, donPrefix+"custom_type_fragment/"+lt.name+"-"+o.Subtype)
		}
		if r.pct(30) {
			o.UniqueKey = lt.name + "-" + n
		}
		if r.pct(20) {
			o.SyncMetadata = &SyncMetadata{OriginSystem: "salesforce", ExternalRecordType: lt.name,
				ExternalRecordID: "a0X" + n, ExternalReference: "https://example.my.salesforce.com/a0X" + n}
		}
		clock += int64(1 + r.intn(3*24*3600*1000))
		created, s := stamp(r, clock)
		o.CreatedDate, o.ModifiedDate = s, s
		if r.pct(50) {
			_, o.ModifiedDate = stamp(r, created+int64(60_000+r.intn(30*24*3600*1000)))
		}
		o.CreatedBy = someone()
		o.ModifiedBy = o.CreatedBy
		if r.pct(40) {
			o.ModifiedBy = someone()
		}
		out = append(out, o)
	}
	return out
}
