package devrev

import (
	"reflect"
	"strings"
	"testing"

	json "github.com/go-json-experiment/json"
)

// Decoding each distinct summary once per page gives what decoding every
// summary gives: the same users and parents, bare ids and nulls included,
// and a summary that differs from another in one field is not mistaken for
// it.
func TestPageDecodingEqualsPlainDecoding(t *testing.T) {
	priya := `{"type":"dev_user","id":"DEVU-1","display_name":"priya","email":"p@example.com","display_picture":{"id":"ART-1","file":{"name":"p.png","size":5}}}`
	priyaRenamed := `{"type":"dev_user","id":"DEVU-1","display_name":"priya r","email":"p@example.com"}`
	acme := `{"type":"account","id":"ACC-1","display_name":"Acme"}`
	body := `{"engagements":[` +
		`{"id":"e1","created_by":` + priya + `,"modified_by":` + priya + `,"members":[` + priya + `,"DEVU-2"],"parent":` + acme + `},` +
		`{"id":"e2","created_by":` + priyaRenamed + `,"modified_by":null,"members":[` + priyaRenamed + `,` + priya + `],"parent":"ACC-2"},` +
		`{"id":"e3","created_by":` + priya + `,"members":[],"parent":` + acme + `}` +
		`],"next_cursor":"n"}`
	got, err := engagements.decodePage(&answer{path: "/engagements.list", status: 200, body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	want := reflect.New(engagements.pageType)
	if err := json.Unmarshal([]byte(body), want.Interface()); err != nil {
		t.Fatal(err)
	}
	wantItems := want.Elem().Field(0).Interface().([]Engagement)
	if !reflect.DeepEqual(got.Items, wantItems) {
		t.Fatalf("decoded once per page:\n%s\nevery time:\n%s", dump(t, got.Items), dump(t, wantItems))
	}
	if *got.Items[1].CreatedBy.DisplayName != "priya r" || *got.Items[2].CreatedBy.DisplayName != "priya" {
		t.Error("a summary that differs in one field was taken for another")
	}
}

// A summary that is not what the API describes is told as before: the
// item, its id and the field, counted from the page's root, even where the
// same bytes came earlier in the page.
func TestPageDecodingErrorsNameTheItem(t *testing.T) {
	bad := `{"id":"DEVU-1","display_name":7}`
	body := `{"engagements":[{"id":"e1","created_by":{"id":"DEVU-2"}},{"id":"e2","members":[{"id":"DEVU-2"},` + bad + `]},{"id":"e3","created_by":` + bad + `}]}`
	_, err := engagements.decodePage(&answer{path: "/engagements.list", status: 200, body: []byte(body)})
	if err == nil {
		t.Fatal("decoded a page whose summary has a number for a name")
	}
	for _, want := range []string{"item 2 of the page", `"e2"`, `"members.1.display_name"`, "JSON number"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %s", err, want)
		}
	}
}

func dump(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
