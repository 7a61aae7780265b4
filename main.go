// Command terraform-provider-devrev is the DevRev provider for Terraform and
// OpenTofu.
package main

import (
	"flag"
	"log"
	"os"
	runtimedebug "runtime/debug"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/provider"
)

// version is set at build time (-ldflags "-X main.version=1.2.3", as
// GoReleaser does); "dev" marks a local build.
var version = "dev"

// The address Terraform and OpenTofu know the provider by.
const address = "registry.terraform.io/seed-19167fad/devrev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider for a debugger such as delve, and print the TF_REATTACH_PROVIDERS value to use")
	flag.Parse()

	// The byte budget bounds what the provider's reads hold (memory.go);
	// the soft limit keeps the garbage collector from letting the heap grow
	// to twice that before it collects. A GOMEMLIMIT set by the user wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		runtimedebug.SetMemoryLimit(devrev.MemoryLimit)
	}

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve(address, provider.NewProtocolServer(version), opts...); err != nil {
		log.Fatal(err)
	}
}
