package localapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// conversations.list's tags_v2 takes tags with or without a value: a
// conversation matches one of the tags it has, with that value when one
// is given; a GET query carries one tag (tags_v2.id, tags_v2.value); what
// is not an array of objects with an id is refused.
func TestConversationsTagsWithValue(t *testing.T) {
	tag := func(id, value string) []TagWithValue {
		return []TagWithValue{{Tag: &TagSummary{ID: donPrefix + "tag/" + id, DisplayID: "TAG-" + id}, Value: value}}
	}
	data := []Conversation{
		{ID: "c1", CreatedDate: "2024-01-01T00:00:00Z", Members: []*UserSummary{}, Tags: tag("3", "EMEA")},
		{ID: "c2", CreatedDate: "2024-01-02T00:00:00Z", Members: []*UserSummary{}, Tags: tag("3", "APAC")},
		{ID: "c3", CreatedDate: "2024-01-03T00:00:00Z", Members: []*UserSummary{}, Tags: tag("11", "")},
		{ID: "c4", CreatedDate: "2024-01-04T00:00:00Z", Members: []*UserSummary{}},
	}
	_, base := start(t, Options{Data: map[string]any{"conversations": data}})
	ids := func(r response) []string {
		t.Helper()
		if r.status != http.StatusOK {
			t.Fatalf("status %d, body %s", r.status, r.body)
		}
		var page struct{ Conversations []Conversation }
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, c := range page.Conversations {
			out = append(out, c.ID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		r    response
		want []string
	}{
		{"any value", post(t, base, "/conversations.list", map[string]any{"tags_v2": []any{map[string]any{"id": "TAG-3"}}}), []string{"c1", "c2"}},
		{"a value", post(t, base, "/conversations.list", map[string]any{"tags_v2": []any{map[string]any{"id": "tag-3", "value": "APAC"}}}), []string{"c2"}},
		{"two tags, by DON and display id", post(t, base, "/conversations.list", map[string]any{"tags_v2": []any{
			map[string]any{"id": donPrefix + "tag/11"}, map[string]any{"id": "TAG-3", "value": "EMEA"},
		}}), []string{"c1", "c3"}},
		{"GET", get(t, base, "/conversations.list?tags_v2.id=TAG-3&tags_v2.value=EMEA"), []string{"c1"}},
		{"unset", post(t, base, "/conversations.list", map[string]any{}), []string{"c1", "c2", "c3", "c4"}},
	} {
		if got := ids(c.r); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	decodeErr(t, post(t, base, "/conversations.list", map[string]any{"tags_v2": []string{"TAG-3"}}), http.StatusBadRequest, "parse_error")
	decodeErr(t, post(t, base, "/conversations.list", map[string]any{"tags_v2": []any{map[string]any{"value": "EMEA"}}}), http.StatusBadRequest, "missing_required_field")
}
