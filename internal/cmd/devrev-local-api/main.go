// Command devrev-local-api serves the in-memory DevRev API (package
// localapi: every object the provider reads) on a loopback address, for
// demos, a first try of the provider and manual testing:
//
//	go run ./internal/cmd/devrev-local-api
//	devrev-local-api -count 1000 -accounts 50 -seed-date 2023-06-01 -addr-file /tmp/devrev.url
//
// It prints to stderr, in a few lines, its base URL, its token and some of
// the names it seeded; -help lists its flags and, for each list, the
// request fields it filters and sorts by. The data is dated as of the day
// it starts (-seed-date gives another day, for the same data every time).
// With -addr-file it writes the base URL to a file once it is listening,
// so scripts can wait for the file instead of parsing output. SIGINT or
// SIGTERM stop it cleanly. With -rate-limit 25/1s it enforces a request
// quota shared by every caller, as DevRev does per token
// (localapi.RateLimit).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintln(os.Stderr, "devrev-local-api:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("devrev-local-api", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defaultToken := "local-demo-token"
	if t := getenv("DEVREV_TOKEN"); t != "" {
		defaultToken = t // an explicit -token still wins
	}
	addr := fs.String("addr", "127.0.0.1:0", "loopback `host:port` to listen on (port 0 picks a free port)")
	count := fs.Int("count", 300, "number of generated engagements")
	accounts := fs.Int("accounts", 8, "number of generated accounts (ACC-1 is \"Acme Corp\")")
	devUsers := fs.Int("dev-users", 12, "number of generated dev users")
	bare := fs.Bool("bare-references", false, "serve an engagement's parent and members as bare ids instead of summary objects")
	seed := fs.Uint64("seed", 1, "seed of the generated data (same seed and count give the same data)")
	token := fs.String("token", defaultToken, "bearer token clients must send (DEVREV_TOKEN, when set, replaces the default)")
	addrFile := fs.String("addr-file", "", "write the base URL to this `file` once listening")
	gz := fs.Bool("gzip", false, "gzip responses for clients that accept it")
	rateLimit := fs.String("rate-limit", "", "enforce a request quota shared by every caller, as `N/window` such as 25/1s (429 beyond it)")
	latency := fs.Duration("latency", 0, "delay every response by this `duration` (e.g. 100ms), like a remote API")
	seedDate := fs.String("seed-date", "", "date the seeded data as of this `day` (YYYY-MM-DD; the newest object is created the day before); default today (UTC)")
	fs.Usage = func() { usage(fs) }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if *count < 0 || *accounts < 0 || *devUsers < 0 {
		return errors.New("-count, -accounts and -dev-users must not be negative")
	}
	if *latency < 0 {
		return errors.New("-latency must not be negative")
	}
	if *token == "" {
		return errors.New("-token must not be empty")
	}
	if err := checkLoopback(*addr); err != nil {
		return err
	}
	asOf := time.Now().UTC()
	if *seedDate != "" {
		var err error
		if asOf, err = time.Parse(time.DateOnly, *seedDate); err != nil {
			return fmt.Errorf("invalid -seed-date %q: expected a day such as 2023-06-01", *seedDate)
		}
	}
	var limit localapi.RateLimit
	if *rateLimit != "" {
		var err error
		if limit, err = localapi.ParseRateLimit(*rateLimit); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String() // host:port, IPv6 already bracketed

	n := *count
	opts := localapi.Options{
		Token:            *token,
		Seed:             *seed,
		BareReferences:   *bare,
		Gzip:             *gz,
		DisableRecording: true,
		RateLimit:        limit,
		Latency:          *latency,
		SeedDate:         asOf,
		Counts:           map[string]int{"engagements": orNone(n), "accounts": orNone(*accounts), "dev-users": orNone(*devUsers)},
	}
	api := localapi.New(opts)
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
	}

	tokenNote := *token
	if fs.Lookup("token").Value.String() != defaultToken || defaultToken != "local-demo-token" {
		// A token from DEVREV_TOKEN or -token may be a real one: not printed.
		tokenNote = "the one given (-token or DEVREV_TOKEN)"
	}
	// The banner is complete before the address file says the server is
	// up: whoever waits for the file then reads the whole banner.
	banner(stderr, api, base, tokenNote, asOf, *seed)

	if *addrFile != "" {
		if err := writeFileAtomic(*addrFile, base+"\n"); err != nil {
			ln.Close()
			return err
		}
		// A stale file would point scripts at a dead server.
		defer os.Remove(*addrFile)
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// orNone maps a flag's 0 ("none") to localapi's -1 (0 there means "the
// default").
func orNone(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// checkLoopback refuses anything but loopback addresses: the server accepts
// a fixed demo token and must never be reachable from the network.
func checkLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -addr %q: %v", addr, err)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("invalid port in -addr %q", addr)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing to listen on non-loopback address %q: use 127.0.0.1 or [::1]", addr)
	}
	return nil
}

// writeFileAtomic writes via a temporary file and rename, so a script
// polling for the file never reads it half-written.
func writeFileAtomic(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".devrev-local-api-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// banner tells, in a few lines, where the server is, the token it wants,
// and names it seeded, enough to write a first lookup.
func banner(w io.Writer, api *localapi.Server, base, token string, asOf time.Time, seed uint64) {
	accounts, users, groups, parts, tags := localapi.Items[localapi.Account](api, "accounts"), localapi.Items[localapi.DevUser](api, "dev-users"), localapi.Items[localapi.Group](api, "groups"), localapi.Items[localapi.Part](api, "parts"), localapi.Items[localapi.Tag](api, "tags")
	fmt.Fprintf(w, "devrev-local-api: serving %s (Ctrl-C to stop)\n", base)
	fmt.Fprintf(w, "  endpoint  %s\n", base)
	fmt.Fprintf(w, "  token     %s\n", token)
	var data []string
	for _, l := range api.Lists() {
		name := strings.TrimSuffix(strings.TrimPrefix(l.Path, "/"), ".list")
		data = append(data, fmt.Sprintf("%d %s", l.Items, strings.NewReplacer("-", " ", "s.", " ").Replace(name)))
	}
	fmt.Fprintf(w, "  data      %s; seed %d, dated as of %s\n", strings.Join(data, ", "), seed, asOf.Format(time.DateOnly))
	names := func(label string, n int, name func(int) (string, string)) {
		if n == 0 {
			return
		}
		var b strings.Builder
		for i := range min(n, 4) {
			if i > 0 {
				b.WriteString(", ")
			}
			nm, id := name(i)
			fmt.Fprintf(&b, "%q (%s)", nm, id)
		}
		if n > 4 {
			fmt.Fprintf(&b, " and %d more", n-4)
		}
		fmt.Fprintf(w, "  %-9s %s\n", label, b.String())
	}
	names("accounts", len(accounts), func(i int) (string, string) { return accounts[i].DisplayName, accounts[i].DisplayID })
	names("dev users", len(users), func(i int) (string, string) { return users[i].DisplayName, users[i].DisplayID })
	names("groups", len(groups), func(i int) (string, string) { return groups[i].Name, groups[i].DisplayID })
	names("parts", len(parts), func(i int) (string, string) { return parts[i].Name, parts[i].DisplayID })
	names("tags", len(tags), func(i int) (string, string) { return tags[i].Name, tags[i].DisplayID })
	fmt.Fprintf(w, "  filters   devrev-local-api -help lists what each list filters and sorts by\n")
}

// usage is -help: the flags, then what each list filters and sorts by, as
// the server declares it.
func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintf(w, "Usage: devrev-local-api [flags]\n\nServes a local, in-memory DevRev API with seeded data on loopback.\n\nFlags:\n")
	fs.PrintDefaults()
	fmt.Fprintf(w, "\nLists and the request fields they filter by (a .count endpoint takes its list's filters):\n")
	for _, l := range localapi.New(localapi.Options{Counts: map[string]int{"engagements": -1, "works": -1}}).Lists() {
		fmt.Fprintf(w, "  %s\n      filters: %s\n      sort_by: %s\n", l.Path, strings.Join(l.Filters, ", "), strings.Join(l.SortBy, ", "))
	}
}
