//go:build race

package localapi

// raceEnabled skips timing assertions, which the race detector's ~10x
// slowdown would break.
const raceEnabled = true
