package devrev

import (
	"strings"
	"testing"
	"time"
)

// ParseInstant takes every form RFC 3339 allows, the ones time.Parse
// refuses included (lower-case t and z, a leap second), and refuses what
// RFC 3339 refuses, saying what is wrong.
func TestParseInstant(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // the instant in UTC, or "error: " and part of the message
	}{
		{"2024-01-31T00:00:00Z", "2024-01-31T00:00:00Z"},
		{"2024-01-31t00:00:00z", "2024-01-31T00:00:00Z"},
		{"2024-01-31T10:00:00.5+02:00", "2024-01-31T08:00:00.5Z"},
		{"2024-01-31T10:00:00.123456789012-05:30", "2024-01-31T15:30:00.123456789Z"},
		{"2024-01-31T00:00:00-00:00", "2024-01-31T00:00:00Z"},
		{"2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.999Z"},
		{"2016-12-31T23:59:60Z", "2016-12-31T23:59:60Z"},
		{"2016-12-31T18:59:60.5-05:00", "2016-12-31T23:59:60.5Z"},
		{"2015-06-30t23:59:60z", "2015-06-30T23:59:60Z"},
		{"0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"},
		{"9999-12-31T23:59:59.999999999+23:59", "9999-12-31T00:00:59.999999999Z"},

		{"", "error: too short"},
		{"2024-01-31", "error: too short"},
		{"2024-01-31T00:00:00", "error: no zone"},
		{"2024-01-31 00:00:00Z", `error: character 11 is ' ' where YYYY-MM-DDThh:mm:ss has 'T'`},
		{"2024/01/31T00:00:00Z", `error: character 5 is '/'`},
		{"2024-1-31T00:00:00Z", "error: the month is not 2 digits"},
		{"2024-13-01T00:00:00Z", "error: the month is 13"},
		{"2023-02-29T00:00:00Z", "error: the day is 29, and 2023-02 has 28 days"},
		{"2024-01-00T00:00:00Z", "error: the day is 00"},
		{"2024-01-31T24:00:00Z", "error: the hour is 24"},
		{"2024-01-31T00:60:00Z", "error: the minute is 60"},
		{"2024-01-31T00:00:61Z", "error: the second is 61"},
		{"2024-01-31T12:00:60Z", "error: the second is 60, a leap second"},
		{"2016-12-30T23:59:60Z", "error: the second is 60, a leap second"},
		{"2016-12-31T23:59:60+01:00", "error: the second is 60, a leap second"},
		{"2024-01-31T00:00:00,5Z", `error: ",5Z" after the seconds`},
		{"2024-01-31T00:00:00.Z", "error: no digit after the seconds' '.'"},
		{"2024-01-31T00:00:00+0200", `error: "+0200" after the seconds`},
		{"2024-01-31T00:00:00+24:00", `error: the offset "+24:00"`},
		{"2024-01-31T00:00:00+02:60", `error: the offset "+02:60"`},
		{"2024-01-31T00:00:00+2:00a", `error: "+2:00a" after the seconds`},
		{"2024-01-31T00:00:00Z ", `error: "Z " after the seconds`},
		{" 2024-01-31T00:00:00Z", "error: the year is not 4 digits"},
		{"2024-01-31T00:00:00UTC", `error: "UTC" after the seconds`},
		{"+2024-01-31T00:00:00Z", "error: the year is not 4 digits"},
	} {
		i, err := ParseInstant(tc.in)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		} else {
			u := i
			u.t = u.t.UTC()
			got = u.String()
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("ParseInstant(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// Instants compare as instants, a leap second after the second before it
// and before the next day.
func TestInstantCompare(t *testing.T) {
	ordered := [][]string{
		{"2016-12-31T23:59:59Z"},
		{"2016-12-31T23:59:59.9Z", "2017-01-01T00:59:59.9+01:00"},
		{"2016-12-31T23:59:60Z", "2016-12-31t18:59:60-05:00", "2016-12-31T23:59:60.000z"},
		{"2016-12-31T23:59:60.5Z"},
		{"2017-01-01T00:00:00Z", "2017-01-01T00:00:00.000000000000Z", "2016-12-31T23:00:00-01:00"},
		{"2017-01-01T00:00:00.1Z"},
	}
	for a, as := range ordered {
		for b, bs := range ordered {
			for _, x := range as {
				for _, y := range bs {
					ix, err := ParseInstant(x)
					if err != nil {
						t.Fatal(err)
					}
					iy, err := ParseInstant(y)
					if err != nil {
						t.Fatal(err)
					}
					want := 0
					if a < b {
						want = -1
					} else if a > b {
						want = 1
					}
					if got := ix.Compare(iy); got != want {
						t.Errorf("Compare(%s, %s) = %d, want %d", x, y, got, want)
					}
				}
			}
		}
	}
}

// FuzzParseInstant: ParseInstant agrees with time.Parse on what both take,
// reads whatever time.Parse writes, takes nothing time.Parse refuses but
// what RFC 3339 allows and time.Parse does not, and what it takes
// round-trips through String.
func FuzzParseInstant(f *testing.F) {
	for _, s := range []string{
		"2024-01-31T00:00:00Z", "2024-01-31t00:00:00z", "2024-05-01T10:00:43.500Z", "2024-05-01T10:00:43Z",
		"2024-01-31T10:00:00.123456789012-05:30", "2016-12-31T23:59:60Z", "2016-12-31T18:59:60.5-05:00",
		"2024-01-31T12:00:60Z", "2024-01-31T00:00:00,5Z", "2024-01-31T00:00:00+0200", "2024-01-31T00:00:00-00:00",
		"2023-02-29T00:00:00Z", "2024-01-31T24:00:00Z", "2024-01-31T00:00:00+24:00", "2024-01-31 00:00:00Z",
		"2024-01-31T00:00:00.Z", "2024-01-31T00:00:00", "0000-01-01T0:00:00+00:00", "yesterday", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, err := ParseInstant(s)
		std, stdErr := time.Parse(time.RFC3339Nano, s)
		if stdErr == nil {
			// time.Parse is laxer than RFC 3339 (a comma before the
			// fraction, a one-digit hour, offsets past 23 hours), but what
			// it writes, ParseInstant reads as the same instant.
			if _, off := std.Zone(); off > -24*3600 && off < 24*3600 {
				canon := std.Format(time.RFC3339Nano)
				if c, err := ParseInstant(canon); err != nil || c.leap || !c.t.Equal(std) {
					t.Fatalf("time.Parse(%q) = %s, which ParseInstant reads as %s (%v)", s, canon, c, err)
				}
			}
		}
		if err != nil {
			return
		}
		if stdErr == nil && (i.leap || !i.t.Equal(std)) {
			t.Fatalf("ParseInstant(%q) = %s, time.Parse %s", s, i, std.Format(time.RFC3339Nano))
		}
		if stdErr != nil {
			// Only "t", "z" and a leap second are RFC 3339 that time.Parse
			// refuses.
			plain := strings.ToUpper(s)
			if i.leap {
				plain = plain[:17] + "59" + plain[19:]
			}
			if _, err := time.Parse(time.RFC3339Nano, plain); err != nil {
				t.Fatalf("ParseInstant(%q) = %s, but time.Parse refuses %q: %v", s, i, plain, err)
			}
		}
		again, err := ParseInstant(i.String())
		if err != nil || again.Compare(i) != 0 || again.String() != i.String() {
			t.Fatalf("ParseInstant(%q) = %s, which parses as %s (%v)", s, i, again, err)
		}
	})
}

// A bound is sent in the form time.Parse reads; a leap second as the
// nearest such instant on its side.
func TestWireBound(t *testing.T) {
	for _, tc := range []struct {
		in    string
		after bool
		want  string
	}{
		{"2024-01-31T00:00:00.000Z", true, "2024-01-31T00:00:00.000Z"}, // as written
		{"2024-01-31t10:00:00+02:00", false, "2024-01-31T10:00:00+02:00"},
		{"2024-01-31t00:00:00z", true, "2024-01-31T00:00:00Z"},
		{"2016-12-31T23:59:60.5Z", true, "2017-01-01T00:00:00Z"},
		{"2016-12-31T23:59:60.5Z", false, "2016-12-31T23:59:59.999999999Z"},
		{"2016-12-31t18:59:60-05:00", true, "2016-12-31T19:00:00-05:00"},
		{"not a date, left to the API", false, "not a date, left to the API"},
	} {
		got := WireBound(tc.in, tc.after)
		if got != tc.want {
			t.Errorf("WireBound(%q, %v) = %q, want %q", tc.in, tc.after, got, tc.want)
		}
		if _, err := time.Parse(time.RFC3339Nano, got); err != nil && got != tc.in {
			t.Errorf("WireBound(%q) = %q, which time.Parse refuses: %v", tc.in, got, err)
		}
	}
}
