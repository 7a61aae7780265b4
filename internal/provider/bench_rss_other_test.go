//go:build !unix

package provider

import "os"

// peakRSS: outside Unix the exit status carries no peak memory (Windows'
// Rusage holds only times), so the end-to-end benchmark reports it as not
// measured rather than as zero.
func peakRSS(*os.ProcessState) (int64, bool) { return 0, false }
