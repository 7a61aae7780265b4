package devrev

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// exactCase is one endpoint of the walk below: its item type, an item
// that has the id the engine requires, and how a list page and a get
// answer are read through the client.
type exactCase struct {
	item reflect.Type
	base string // the item's JSON without the closing brace
	list func(*Client) error
	get  func(*Client) error // nil: the endpoint has no get
}

func exactCases() map[string]exactCase {
	ctx := context.Background()
	return map[string]exactCase{
		"engagements": {reflect.TypeFor[Engagement](), `{"id":"x1"`,
			func(c *Client) error {
				_, err := c.ListEngagements(ctx, ListEngagementsRequest{}, ListOptions{})
				return err
			},
			func(c *Client) error { _, err := c.GetEngagement(ctx, "x1"); return err }},
		"accounts": {reflect.TypeFor[Account](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListAccounts(ctx, ListAccountsRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetAccount(ctx, "x1"); return err }},
		"dev_users": {reflect.TypeFor[DevUser](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListDevUsers(ctx, ListDevUsersRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetDevUser(ctx, "x1"); return err }},
		"groups": {reflect.TypeFor[Group](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListGroups(ctx, ListGroupsRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetGroup(ctx, "x1"); return err }},
		"members": {reflect.TypeFor[GroupMember](), `{"member":{"id":"x1"}`,
			func(c *Client) error {
				_, err := c.ListGroupMembers(ctx, ListGroupMembersRequest{GroupMembersFilter: GroupMembersFilter{Group: "g"}}, ListOptions{})
				return err
			}, nil},
		"meetings": {reflect.TypeFor[Meeting](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListMeetings(ctx, ListMeetingsRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetMeeting(ctx, "x1"); return err }},
		"parts": {reflect.TypeFor[Part](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListParts(ctx, ListPartsRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetPart(ctx, "x1"); return err }},
		"rev_orgs": {reflect.TypeFor[RevOrg](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListRevOrgs(ctx, ListRevOrgsRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetRevOrg(ctx, "x1"); return err }},
		"rev_users": {reflect.TypeFor[RevUser](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListRevUsers(ctx, ListRevUsersRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetRevUser(ctx, "x1"); return err }},
		"tags": {reflect.TypeFor[Tag](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListTags(ctx, ListTagsRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetTag(ctx, "x1"); return err }},
		"works": {reflect.TypeFor[Work](), `{"id":"x1"`,
			func(c *Client) error { _, err := c.ListWorks(ctx, ListWorksRequest{}, ListOptions{}); return err },
			func(c *Client) error { _, err := c.GetWork(ctx, "x1"); return err }},
	}
}

// inexact is one value an answer must not hold: at path (dotted, from the
// item), the JSON that puts it there, and what the error says of it.
type inexact struct {
	path, json, says string
}

// inexactValues walks t (a wire type) for every place a null element or
// an empty id can hide: every list, of strings or of objects, and every
// object with an id, however deep. The item's own id is the engine's
// (decodePage, getOne), not walked.
func inexactValues(t reflect.Type, prefix string, wrap func(string) string, top bool) []inexact {
	var out []inexact
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		path := prefix + name
		at := func(v string) string { return wrap(fmt.Sprintf("{%q:%s}", name, v)) }
		ft := f.Type
		switch {
		case name == "id" && !top:
			out = append(out, inexact{strings.TrimSuffix(prefix, "."), at(`""`), `has an empty "id"`})
		case ft.Kind() == reflect.Slice:
			elem := ft.Elem()
			out = append(out, inexact{path + ".0", at(`[null]`), "holds JSON null"})
			if elem.Kind() == reflect.Struct {
				out = append(out, inexactValues(elem, path+".0.", func(v string) string { return at("[" + v + "]") }, false)...)
			}
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			out = append(out, inexactValues(ft.Elem(), path+".", at, false)...)
		}
	}
	return out
}

// A null element of any list of any wire type (strings, tags, users),
// and an empty id of any summary, fail the read of a list and of a get
// with an error that names the item and the field: the decoder would make
// "" and empty tags of them, and `users[""]`.
func TestNullElementsAndEmptyIDsFailEveryRead(t *testing.T) {
	var body string
	f := newFake(t, 0)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	var lists, summaries int
	for key, ec := range exactCases() {
		for _, v := range inexactValues(ec.item, "", func(s string) string { return s }, true) {
			if strings.HasPrefix(ec.base, `{"`+strings.SplitN(v.path, ".", 2)[0]+`"`) {
				continue // the item's id (GroupMember's member.id): the engine's check
			}
			if v.says == "holds JSON null" {
				lists++
			} else {
				summaries++
			}
			// An item with its id, then the same with the value.
			one := ec.base + "," + v.json[1:]
			body = fmt.Sprintf(`{%q:[%s},%s]}`, key, strings.Replace(ec.base, "x1", "x0", 1), one)
			err := ec.list(c)
			for _, want := range []string{"item 2 of the page", `id "x1"`, fmt.Sprintf("field %q", v.path), v.says} {
				if key == "members" && want == `id "x1"` {
					want = `id none` // the item's id is member.id, not id
				}
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s, %s = %s: list error %v, want it to say %s", key, v.path, v.json, err, want)
				}
			}
			if ec.get == nil {
				continue
			}
			body = fmt.Sprintf(`{%q:%s}`, strings.TrimSuffix(key, "s"), one)
			err = ec.get(c)
			for _, want := range []string{`for "x1"`, fmt.Sprintf("field %q", v.path), v.says} {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s, %s = %s: get error %v, want it to say %s", key, v.path, v.json, err, want)
				}
			}
		}
	}
	// The walk found the lists and the summaries the issue names, and more.
	if lists < 18 || summaries < 40 {
		t.Errorf("the walk found %d lists and %d ids of summaries", lists, summaries)
	}
}

// A bare id, as `members` and `parent` may come, is an id too: "" fails.
func TestEmptyBareIDFailsTheRead(t *testing.T) {
	for _, body := range []string{
		`{"engagements":[{"id":"e1","members":["DEVU-1",""]}]}`,
		`{"engagements":[{"id":"e1","parent":""}]}`,
	} {
		_, err := engagements.decodePage(&answer{path: "/engagements.list", status: 200, body: []byte(body)})
		if err == nil || !strings.Contains(err.Error(), `(item 1 of the page, id "e1")`) || !strings.Contains(err.Error(), `an empty "id"`) {
			t.Errorf("%s: %v", body, err)
		}
	}
}
