package devrev

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// endpoint is one kind of DevRev object as the API serves it: the paths of
// its list and get requests, what their responses call it, and how the
// paging engine (pages.go, window.go) reaches the paging fields of its list
// request. Adding a list endpoint is declaring one of these with
// newEndpoint, next to the object's wire types.
type endpoint[R listRequest, T any] struct {
	list, get   string // paths, such as "/engagements.list"
	items, item string // response keys, such as "engagements" and "engagement"
	// name names the objects for the provider and in messages: items,
	// unless the response's key is not the objects' name (as renamed).
	name string
	// idKey is where an item's id is, for messages: "id", unless the items
	// have no id of their own and ids reads another object's (as renamed).
	idKey string
	// attribute is what the provider calls the list of items in a data
	// source: items, unless the response's key says nothing of what they
	// are (as answeredAs).
	attribute string
	// paging hands the engine the request's paging fields.
	paging func(*R) paging
	// ids returns an object's id and display id: the engine drops repeated
	// ids from a window and checks that a get answered with the object asked.
	ids func(*T) (id, displayID *string)
	// pageType is the list response as a struct whose items field carries
	// the endpoint's JSON name, so a page decodes in one pass as fast as a
	// hand-written response type (see newEndpoint).
	pageType reflect.Type

	// What some endpoints declare besides (each nil when not):
	//
	// counting is the count over the list's filters (count.go, counted).
	counting *counting
	// ranges pairs the date ranges of a request that the client checks
	// itself with an item's dates, and order sorts a read with a date
	// range so that it can stop past the range (dates.go, dated).
	ranges func(*R, *T) []dateRange
	order  func(*R) *dateOrder[T]
	// parts is how a read can be split (partition.go, partitioned).
	parts *partitioning[R, T]
}

// listRequest is what every list request offers the engine: the empty-set
// rule of its filter (promoted from the embedded filter type).
type listRequest interface {
	MatchesNothing() bool
}

// paging points at the fields of one list request that the engine drives.
type paging struct {
	sortBy       *[]string
	mode, cursor *string
	limit        *int
}

// newEndpoint declares an endpoint. items and item are the JSON names of the
// list response's array and of the get response's object.
func newEndpoint[R listRequest, T any](list, get, items, item string, ids func(*T) (*string, *string)) *endpoint[R, T] {
	// One struct type per endpoint, built once: the JSON package caches its
	// decoder like that of any declared type. Its fields match page[T]'s
	// (only the tags differ), so a decoded value converts to page[T].
	typ := reflect.StructOf([]reflect.StructField{
		{Name: "Items", Type: reflect.TypeFor[[]T](), Tag: reflect.StructTag(`json:"` + items + `"`)},
		{Name: "NextCursor", Type: reflect.TypeFor[*string](), Tag: `json:"next_cursor"`},
		{Name: "PrevCursor", Type: reflect.TypeFor[*string](), Tag: `json:"prev_cursor"`},
	})
	return &endpoint[R, T]{list: list, get: get, items: items, item: item, name: items, idKey: "id", attribute: items,
		paging: pagingOf[R](), ids: ids, pageType: typ}
}

// answeredAs declares an endpoint whose list response's key says nothing
// of its objects, such as custom-objects.list's "result": name is what
// the provider and messages call them ("custom_objects"), in the data
// sources' names and as the list data source's attribute of the items.
// Pages are still read from the response's key.
func (ep *endpoint[R, T]) answeredAs(name string) *endpoint[R, T] {
	ep.name, ep.attribute = name, name
	return ep
}

// renamed declares an endpoint whose response key does not name its
// objects, such as groups.members.list's "members": name is what the
// provider and messages call them ("group_members"; the singular is
// item), and idKey says where ids finds an item's id when the items have
// no id of their own ("member.id"). The rules are unchanged: an item
// without that id is an error, and the same id twice is listed once.
func (ep *endpoint[R, T]) renamed(name, idKey string) *endpoint[R, T] {
	ep.name, ep.idKey = name, idKey
	return ep
}

// read is every list read of ep, the one entry point of the engine: in
// parts when ep declares a partitioning and that gives exactly what one
// cursor chain gives (partition.go), otherwise as one chain (chain, in
// dates.go: with the date ranges the client checks itself). A request
// whose filter matches nothing gets an empty window without a request.
func (ep *endpoint[R, T]) read(ctx context.Context, c *Client, req R, opts ListOptions) (*Window[T], error) {
	ctx, read := c.StartRead(ctx)
	defer read.End()
	if w, ok, err := listPartitioned(ctx, c, ep, req, opts, c.maxInFlight); ok {
		return w, err
	}
	return ep.chain(ctx, c, req, opts)
}

// page is one list response.
type page[T any] struct {
	Items                  []T
	NextCursor, PrevCursor *string
}

// plural and singular name the objects in messages ("dev users").
func (ep *endpoint[R, T]) plural() string   { return strings.ReplaceAll(ep.name, "_", " ") }
func (ep *endpoint[R, T]) singular() string { return strings.ReplaceAll(ep.item, "_", " ") }

// decodePage decodes one list answer (answer.go: exact, or an error). An
// empty cursor is no cursor: DevRev's spec says a cursor that is "not set"
// means nothing lies further, and "" cannot be followed, so it becomes nil
// here, once, for every endpoint and both directions (readPageHead does
// the same).
func (ep *endpoint[R, T]) decodePage(a *answer) (*page[T], error) {
	v := reflect.New(ep.pageType)
	if err := json.Unmarshal(a.body, v.Interface(), pageDecoding()); err != nil {
		// The error is told as decoding without pageDecoding's tables
		// tells it, with the JSON pointer of the value from the page's
		// root.
		if plainErr := json.Unmarshal(a.body, reflect.New(ep.pageType).Interface(), exactDecoding); plainErr != nil {
			err = plainErr
		}
		return nil, a.fail("%s", decodeProblem(a.body, err, ep.items, withArticle(ep.singular())))
	}
	p, ok := v.Elem().Convert(reflect.TypeFor[page[T]]()).Interface().(page[T])
	if !ok { // cannot happen: pageType has page[T]'s fields
		return nil, fmt.Errorf("internal error: decoding %s into %s", ep.list, ep.pageType)
	}
	if p.Items == nil { // absent or null; an empty page is []
		return nil, a.fail("without its %q array", ep.items)
	}
	for i := range p.Items {
		if id, _ := ep.ids(&p.Items[i]); id == nil || *id == "" {
			return nil, a.fail("with %s that is null or has no %q (item %d of %d in %q)", withArticle(ep.singular()), ep.idKey, i+1, len(p.Items), ep.items)
		}
	}
	if p.NextCursor != nil && *p.NextCursor == "" {
		p.NextCursor = nil
	}
	if p.PrevCursor != nil && *p.PrevCursor == "" {
		p.PrevCursor = nil
	}
	return &p, nil
}

type getRequest struct {
	ID string `json:"id"`
}

// getOne reads one object by DON id or display id. The answer must hold the
// object under the spec's key, with an id, and be the object asked for: a
// server that answers with another one (a proxy's cache, a bug) would
// otherwise put the wrong object into the user's state.
func (ep *endpoint[R, T]) getOne(ctx context.Context, c *Client, id string) (*T, error) {
	a, err := c.post(ctx, ep.get, getRequest{ID: id})
	if err != nil {
		return nil, err
	}
	var resp map[string]jsontext.Value
	if err := a.decode(&resp); err != nil {
		return nil, err
	}
	raw, ok := resp[ep.item]
	if !ok || raw.Kind() == 'n' {
		return nil, a.fail("without %s for %q", withArticle(ep.singular()), id)
	}
	var obj T
	if err := json.Unmarshal(raw, &obj, exactDecoding); err != nil {
		return nil, a.fail("%s for %q: %s", withArticle(ep.singular()), id, decodeProblem(raw, err, "", ""))
	}
	gotID, gotDisplay := ep.ids(&obj)
	if gotID == nil || *gotID == "" {
		return nil, a.fail("with %s for %q that has no id", withArticle(ep.singular()), id)
	}
	want := strings.TrimSpace(id)
	if *gotID == want || (gotDisplay != nil && strings.EqualFold(*gotDisplay, want)) {
		return &obj, nil
	}
	return nil, fmt.Errorf("DevRev answered POST %s for %q with another %s (id %s, display id %s); "+
		"the answer was not used: check the id, and if it is right, report this to DevRev",
		ep.get, id, ep.singular(), quoteOrNone(gotID), quoteOrNone(gotDisplay))
}

// withArticle puts "a" or "an" before a noun of this package's endpoints.
func withArticle(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func quoteOrNone(s *string) string {
	if s == nil {
		return "none"
	}
	return fmt.Sprintf("%q", *s)
}
