package localapi

import (
	"reflect"
	"strings"
	"time"
)

// Seeded dates. Each generator dates its objects from a fixed day of its
// own (engagements from 2023-01-02, for one), which the tests pin. With
// Options.SeedDate the data is dated as of that day instead: the works are
// generated in the weeks before the engagements rather than after them (so
// that both are recent), and then every generated date of every object
// moves by the same whole number of days, so that the newest object was
// created on the day before the seed date. Times of day, the order of the
// objects and the gaps between any two dates stay as they were; a date that
// follows its object's creation (modified, scheduled, target and close
// dates) may fall after the seed date, as an upcoming meeting does.

// worksBeforeEngagements is where generated works start with a seed date:
// their dates then run up to about the first engagements'.
var worksBeforeEngagements = time.Date(2022, 11, 14, 8, 0, 0, 0, time.UTC)

// worksFixedStart is where generated works start without a seed date.
var worksFixedStart = time.Date(2024, 2, 1, 8, 0, 0, 0, time.UTC)

// isDateField tells the string fields that hold dates: every field whose
// Go name ends in Date or Time (CreatedDate, ScheduledDate, TargetTime, ...).
// TestSeedDateMovesEveryDate checks, on the served JSON, that no date
// escapes this rule.
func isDateField(f reflect.StructField) bool {
	return f.Type.Kind() == reflect.String && (strings.HasSuffix(f.Name, "Date") || strings.HasSuffix(f.Name, "Time"))
}

// seedShiftDays is the number of days that moves the newest created date
// among objects (pointers to slices of generated objects) to the day
// before seedDate.
func seedShiftDays(seedDate time.Time, objects ...any) int {
	var newest string
	walkDates(reflect.ValueOf(objects), map[pointer]bool{}, func(f reflect.StructField, v reflect.Value) {
		if f.Name == "CreatedDate" && dayOf(v.String()) > newest {
			newest = dayOf(v.String())
		}
	})
	day, err := time.Parse(time.DateOnly, newest)
	if err != nil {
		return 0 // nothing created: nothing to move
	}
	y, m, d := seedDate.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(day).Hours()/24) - 1
}

// shiftDates moves every date in objects (pointers to slices of generated
// objects) by days. Only the yyyy-mm-dd part of a date changes: the time
// of day, its precision and its offset stay as generated.
func shiftDates(days int, objects ...any) {
	if days == 0 {
		return
	}
	walkDates(reflect.ValueOf(objects), map[pointer]bool{}, func(_ reflect.StructField, v reflect.Value) {
		s := v.String()
		day, err := time.Parse(time.DateOnly, dayOf(s))
		if err != nil {
			return // empty: the object has no such date
		}
		v.SetString(day.AddDate(0, 0, days).Format(time.DateOnly) + s[len(time.DateOnly):])
	})
}

// dayOf is the yyyy-mm-dd part of an RFC 3339 date, or "".
func dayOf(s string) string {
	if len(s) < len(time.DateOnly) {
		return ""
	}
	return s[:len(time.DateOnly)]
}

// pointer is a pointer walkDates has followed: a summary several objects
// share is walked once, so its dates move once.
type pointer struct {
	t reflect.Type
	p uintptr
}

// walkDates calls f on every settable date field reachable from v.
func walkDates(v reflect.Value, seen map[pointer]bool, f func(reflect.StructField, reflect.Value)) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			walkDates(v.Elem(), seen, f)
		}
	case reflect.Pointer:
		key := pointer{v.Type(), v.Pointer()}
		if v.IsNil() || seen[key] {
			return
		}
		seen[key] = true
		walkDates(v.Elem(), seen, f)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkDates(v.Index(i), seen, f)
		}
	case reflect.Map:
		// Custom fields: a date is a string field whose name ends in
		// _date (tnt__renewal_date). A map's values are not settable:
		// each is moved in a copy, then put back.
		if v.Type() != reflect.TypeFor[CustomFields]() {
			return
		}
		for _, k := range v.MapKeys() {
			s, ok := v.MapIndex(k).Interface().(string)
			if !ok || !strings.HasSuffix(k.String(), "_date") {
				continue
			}
			c := reflect.New(reflect.TypeFor[string]()).Elem()
			c.SetString(s)
			f(reflect.StructField{Name: "CustomFieldDate", Type: c.Type()}, c)
			v.SetMapIndex(k, c)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			field := t.Field(i)
			if !field.IsExported() {
				continue
			}
			if isDateField(field) {
				if v.Field(i).CanSet() {
					f(field, v.Field(i))
				}
				continue
			}
			walkDates(v.Field(i), seen, f)
		}
	}
}
