//go:build !race

package localapi

const raceEnabled = false
