package devrev

import (
	"fmt"
	"strings"
	"time"
)

// One parser for RFC 3339 timestamps, used wherever the provider reads one:
// the plan-time check of a date filter (the provider's validators.go), the
// provider's own check of an object's dates against a range (dates.go) and
// the keys a partitioned read merges by (partition_order.go). Go's
// time.Parse is not it: it refuses what RFC 3339 allows (a lower-case "t"
// or "z", the leap second 23:59:60) and takes what it refuses (a comma
// before the fraction), so the three would disagree about one date.
//
// It takes exactly RFC 3339's date-time (section 5.6):
//
//	YYYY-MM-DD "T" hh:mm:ss [ "." digits ] ( "Z" | ("+" | "-") hh:mm )
//
// with "T" and "Z" in either case, a fraction of any length (kept to the
// nanosecond), the day within its month, hours 00-23 (offsets too) and
// minutes 00-59. The second 60 is a leap second, which RFC 3339 allows only
// where one can be inserted: at 23:59:60 UTC on the last day of a month.
// Nothing else is taken: no space for the "T", no offset without its colon
// ("+0200"), no missing seconds or zone, no surrounding space.

// Instant is a parsed RFC 3339 timestamp.
type Instant struct {
	// t is the timestamp in its own offset. A leap second is held as
	// 23:59:59 plus its fraction (time.Time has no second 60), and leap
	// tells it apart from the real 23:59:59.
	t    time.Time
	leap bool
}

// ParseInstant parses an RFC 3339 timestamp; its error says what part of s
// is wrong.
func ParseInstant(s string) (Instant, error) {
	const form = "YYYY-MM-DDThh:mm:ss"
	if len(s) < len(form) {
		return Instant{}, fmt.Errorf("too short for %s and a zone", form)
	}
	digits := func(at, n int) (int, bool) {
		v := 0
		for i := at; i < at+n; i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			v = v*10 + int(s[i]-'0')
		}
		return v, true
	}
	var (
		field = [...]struct {
			at, n int
			name  string
		}{{0, 4, "year"}, {5, 2, "month"}, {8, 2, "day"}, {11, 2, "hour"}, {14, 2, "minute"}, {17, 2, "second"}}
		v [len(field)]int
	)
	for i, f := range field {
		var ok bool
		if v[i], ok = digits(f.at, f.n); !ok {
			return Instant{}, fmt.Errorf("the %s is not %d digits, as in %s", f.name, f.n, form)
		}
	}
	for _, sep := range [...]struct {
		at    int
		chars string
	}{{4, "-"}, {7, "-"}, {10, "Tt"}, {13, ":"}, {16, ":"}} {
		if c := s[sep.at]; c != sep.chars[0] && (len(sep.chars) == 1 || c != sep.chars[1]) {
			return Instant{}, fmt.Errorf("character %d is %q where %s has %q", sep.at+1, c, form, sep.chars[0])
		}
	}
	year, month, day, hour, minute, second := v[0], v[1], v[2], v[3], v[4], v[5]
	switch {
	case month < 1 || month > 12:
		return Instant{}, fmt.Errorf("the month is %02d", month)
	case day < 1 || day > daysIn(year, month):
		return Instant{}, fmt.Errorf("the day is %02d, and %04d-%02d has %d days", day, year, month, daysIn(year, month))
	case hour > 23:
		return Instant{}, fmt.Errorf("the hour is %02d", hour)
	case minute > 59:
		return Instant{}, fmt.Errorf("the minute is %02d", minute)
	case second > 60:
		return Instant{}, fmt.Errorf("the second is %02d", second)
	}

	rest := s[len(form):]
	nanos := 0
	if rest != "" && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			if n <= 9 {
				nanos = nanos*10 + int(rest[n]-'0')
			}
			n++
		}
		if n == 1 {
			return Instant{}, fmt.Errorf("no digit after the seconds' %q", '.')
		}
		for i := n; i <= 9; i++ {
			nanos *= 10
		}
		rest = rest[n:]
	}

	var offset int // seconds east of UTC
	switch {
	case rest == "Z" || rest == "z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		h, okH := digits(len(s)-5, 2)
		m, okM := digits(len(s)-2, 2)
		if !okH || !okM || h > 23 || m > 59 {
			return Instant{}, fmt.Errorf("the offset %q is not +hh:mm or -hh:mm with hours 00-23 and minutes 00-59", rest)
		}
		offset = h*3600 + m*60
		if rest[0] == '-' {
			offset = -offset
		}
	case rest == "":
		return Instant{}, fmt.Errorf("no zone: it must end in Z or an offset such as +02:00")
	default:
		return Instant{}, fmt.Errorf("%q after the seconds is not a fraction such as .123 and a zone, Z or an offset such as +02:00", rest)
	}

	zone := time.UTC
	if offset != 0 {
		zone = time.FixedZone("", offset)
	}
	leap := second == 60
	if leap {
		second = 59
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, nanos, zone)
	if leap {
		if u := t.UTC(); u.Hour() != 23 || u.Minute() != 59 || u.AddDate(0, 0, 1).Day() != 1 {
			return Instant{}, fmt.Errorf("the second is 60, a leap second, which falls only at 23:59:60 UTC on the last day of a month")
		}
	}
	return Instant{t: t, leap: leap}, nil
}

// daysIn is the number of days of a month.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Compare compares two instants: -1 when i is earlier, 0 when they are the
// same instant (whatever their spelling), +1 when i is later. A leap second
// comes after every moment of the 23:59:59 before it and before the next
// day.
func (i Instant) Compare(j Instant) int {
	si, sj := i.t.Unix(), j.t.Unix()
	switch {
	case si < sj:
		return -1
	case si > sj:
		return 1
	case i.leap != j.leap:
		if i.leap {
			return 1
		}
		return -1
	}
	ni, nj := i.t.Nanosecond(), j.t.Nanosecond()
	switch {
	case ni < nj:
		return -1
	case ni > nj:
		return 1
	}
	return 0
}

// String is the instant in RFC 3339, in its own offset, with the fraction
// to the nanosecond without trailing zeros ("Z" for a zero offset).
func (i Instant) String() string {
	sec := i.t.Format("05")
	if i.leap {
		sec = "60"
	}
	return i.t.Format("2006-01-02T15:04:") + sec + i.t.Format(".999999999Z07:00")
}

// WireBound is a date filter's bound as the client sends it (after: the
// lower bound, else the upper one): RFC 3339 in the form time.Parse reads
// too, since DevRev's own parser may take no more than that. "t" and "z" go
// upper case. A leap second, which most parsers refuse and no stored date
// holds, becomes the nearest instant on its side that selects the same
// dates: an after bound the next day's first moment, a before bound the
// last nanosecond of 23:59:59. Anything else, and what does not parse
// (refused at plan time), is sent as written.
func WireBound(s string, after bool) string {
	i, err := ParseInstant(s)
	switch {
	case err != nil:
		return s
	case i.leap && after:
		return i.t.Truncate(time.Second).Add(time.Second).Format(time.RFC3339Nano)
	case i.leap:
		return i.t.Truncate(time.Second).Add(time.Second - time.Nanosecond).Format(time.RFC3339Nano)
	}
	return strings.ToUpper(s) // "t" and "z" are its only letters
}
