package localapi

import (
	"bytes"
	"encoding/json"
	"slices"
)

// references renders what an engagement points at, as its responses show
// it: a parent account as an account summary and a member as a user summary
// (as DevRev returns other references), or either as a bare DON id string
// (Options.BareReferences, as one SDK models them). The engagement schema
// does not say which, so a client must read both. An id the server does not
// know is rendered as given: {"id": "<id>"}, or the bare string.
//
// It also knows every id of a referenced object, so that the members and
// parent filters match a DON id as well as a display id.
type references struct {
	bare     bool
	accounts map[string][]byte // normID(id) and normID(display id) → rendered reference
	users    map[string][]byte
	aliases  map[string][]string // normID(id) → every normalised id of the same object
}

func newReferences(bare bool, accounts []Account, users []*UserSummary) *references {
	r := &references{bare: bare, accounts: map[string][]byte{}, users: map[string][]byte{}, aliases: map[string][]string{}}
	for i := range accounts {
		a := &accounts[i]
		js := appendString(nil, a.ID)
		if !bare {
			js = marshal(struct {
				DisplayID   string `json:"display_id,omitempty"`
				DisplayName string `json:"display_name,omitempty"`
				ID          string `json:"id"`
				Type        string `json:"type"`
			}{a.DisplayID, a.DisplayName, a.ID, "account"})
		}
		r.add(r.accounts, js, a.ID, a.DisplayID)
	}
	for _, u := range users {
		js := appendString(nil, u.ID)
		if !bare {
			js = appendUser(nil, u)
		}
		r.add(r.users, js, u.ID, u.DisplayID)
	}
	return r
}

func (r *references) add(m map[string][]byte, js []byte, ids ...string) {
	all := normAll(slices.DeleteFunc(ids, func(id string) bool { return id == "" }))
	for _, id := range all {
		if _, dup := m[id]; !dup {
			m[id] = js
			r.aliases[id] = all
		}
	}
}

// expand returns the normalised ids a filter matches for ids: each one and
// the other ids of the object it names.
func (r *references) expand(ids []string) []string {
	var out []string
	for _, id := range normAll(ids) {
		if more, ok := r.aliases[id]; ok {
			out = append(out, more...)
		} else {
			out = append(out, id)
		}
	}
	return out
}

func (r *references) appendAccount(b []byte, id string) []byte { return r.appendRef(b, r.accounts, id) }
func (r *references) appendUser(b []byte, id string) []byte    { return r.appendRef(b, r.users, id) }

func (r *references) appendRef(b []byte, m map[string][]byte, id string) []byte {
	if js, ok := m[normID(id)]; ok {
		return append(b, js...)
	}
	if r.bare {
		return appendString(b, id)
	}
	b = append(b, `{"id":`...)
	b = appendString(b, id)
	return append(b, '}')
}

// marshal encodes v as encoding/json does, without HTML escaping (DevRev
// sends <, > and & as they are) and without the trailing newline.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // the server's own types always encode
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
