package localapi

import (
	"strconv"
	"unicode/utf8"
)

// A hand-written encoder for engagements. Rendering is the bulk of New for
// large stores, and encoding/json's reflection was slow at it
// (tools/performance.md, "Other measurements"). The output is byte-for-byte
// what encoding/json produces with SetEscapeHTML(false) for these structs
// (a test checks that), so the struct tags stay the single description of
// the wire format; members and parent, which the struct keeps as ids, come
// from references.

// appendEngagement appends e's JSON. users caches rendered user summaries,
// which the generated data shares between many engagements; refs renders
// members and parent.
func appendEngagement(b []byte, e *Engagement, users map[*UserSummary][]byte, refs *references) []byte {
	b = append(b, '{')
	first := true
	field := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
	}
	str := func(name, v string) {
		if v != "" {
			field(name)
			b = appendString(b, v)
		}
	}
	user := func(name string, u *UserSummary) {
		if u == nil {
			return
		}
		field(name)
		js, ok := users[u]
		if !ok {
			js = appendUser(nil, u)
			users[u] = js
		}
		b = append(b, js...)
	}
	user("created_by", e.CreatedBy)
	str("created_date", e.CreatedDate)
	str("description", e.Description)
	str("display_id", e.DisplayID)
	str("engagement_type", e.EngagementType)
	str("external_ref", e.ExternalRef)
	str("external_url", e.ExternalURL)
	field("id")
	b = appendString(b, e.ID)
	if len(e.Members) > 0 {
		field("members")
		b = append(b, '[')
		for i, m := range e.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = refs.appendUser(b, m)
		}
		b = append(b, ']')
	}
	user("modified_by", e.ModifiedBy)
	str("modified_date", e.ModifiedDate)
	if len(e.Parents) > 0 {
		field("parent")
		b = refs.appendAccount(b, e.Parents[0])
	}
	str("scheduled_date", e.ScheduledDate)
	str("title", e.Title)
	return append(b, '}')
}

func appendUser(b []byte, u *UserSummary) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, u.Type)
	b = appendOpt(b, "display_id", u.DisplayID)
	b = appendOpt(b, "display_name", u.DisplayName)
	if p := u.DisplayPicture; p != nil {
		b = append(b, `,"display_picture":{`...)
		comma := false
		if p.DisplayID != "" {
			b = append(b, `"display_id":`...)
			b = appendString(b, p.DisplayID)
			comma = true
		}
		if f := p.File; f != nil {
			if comma {
				b = append(b, ',')
			}
			b = append(b, `"file":{`...)
			c := false
			if f.Name != "" {
				b = append(b, `"name":`...)
				b = appendString(b, f.Name)
				c = true
			}
			if f.Size != 0 {
				if c {
					b = append(b, ',')
				}
				b = append(b, `"size":`...)
				b = strconv.AppendInt(b, f.Size, 10)
				c = true
			}
			if f.Type != "" {
				if c {
					b = append(b, ',')
				}
				b = append(b, `"type":`...)
				b = appendString(b, f.Type)
			}
			b = append(b, '}')
			comma = true
		}
		if comma {
			b = append(b, ',')
		}
		b = append(b, `"id":`...)
		b = appendString(b, p.ID)
		b = append(b, '}')
	}
	b = appendOpt(b, "email", u.Email)
	b = appendOpt(b, "full_name", u.FullName)
	b = append(b, `,"id":`...)
	b = appendString(b, u.ID)
	b = appendOpt(b, "state", u.State)
	return append(b, '}')
}

// appendOpt appends ,"name":"v" unless v is empty (omitempty).
func appendOpt(b []byte, name, v string) []byte {
	if v == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, v)
}

const hexDigits = "0123456789abcdef"

// escapeByte marks the bytes appendString must look at in valid UTF-8:
// control bytes, '"', '\\', and 0xE2, the lead byte of U+2028/U+2029.
var escapeByte = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'], t[0xE2] = true, true, true
	return t
}()

// appendString appends s as a JSON string the way encoding/json does
// without HTML escaping: short escapes for \" \\ \b \f \n \r \t, \u00XX for
// other control bytes, \ufffd for invalid UTF-8, and \u2028/\u2029 escaped
// because JavaScript treats them as line breaks.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	valid := utf8.ValidString(s) // then only escapeByte bytes need attention
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if valid && !escapeByte[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
