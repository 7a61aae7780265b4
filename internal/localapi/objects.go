package localapi

import (
	"fmt"
	"reflect"
)

// objects are the kinds the server serves, each declared once in the file
// named after it and registered there (serve): a new kind is its file, with
// its declaration and its seed, and nothing else to edit.
var objects []declared

// serve registers a declared kind. The kinds' order does not matter: each
// seed asks for the kinds it names (of), and New generates each once.
func serve(d declared) struct{} {
	objects = append(objects, d)
	return struct{}{}
}

// seeds is the data of a server being built, by list name: what
// Options.Data gives, and what the seeds generate, each kind once, when
// New or another kind's seed first asks for it.
type seeds struct {
	opts      *Options
	kinds     map[string]declared
	data      map[string]any // []T
	generated []any          // the generated kinds, whose dates SeedDate moves
	moved     bool           // SeedDate has moved them: derived kinds may be made
	busy      map[string]bool

	users []*UserSummary
	refs  *references
}

// of returns the items of the kind named name, generating them if needed.
func of[T any](sd *seeds, name string) []T {
	k, ok := sd.kinds[name]
	if !ok {
		panic("localapi: no kind " + name)
	}
	k.generate(sd)
	items, ok := sd.data[name].([]T)
	if !ok {
		panic(fmt.Sprintf("localapi: %s holds %T, not []%s", name, sd.data[name], reflect.TypeFor[T]().Name()))
	}
	return items
}

// allUsers are the summaries of every user objects can name: the dev
// users, then the fixed pool (rev users and others that create
// engagements).
func (sd *seeds) allUsers() []*UserSummary {
	if sd.users == nil {
		devUsers := of[DevUser](sd, "dev-users")
		sd.users = make([]*UserSummary, 0, len(devUsers)+len(seedUsers))
		for i := range devUsers {
			sd.users = append(sd.users, devUsers[i].Summary())
		}
		for _, u := range seedUsers {
			sd.users = append(sd.users, makeUser(u))
		}
	}
	return sd.users
}

// references are the accounts and users an engagement can name.
func (sd *seeds) references() *references {
	if sd.refs == nil {
		sd.refs = newReferences(sd.opts.BareReferences, of[Account](sd, "accounts"), sd.allUsers())
	}
	return sd.refs
}
