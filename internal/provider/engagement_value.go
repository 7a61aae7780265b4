package provider

import (
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// State values for engagements are built straight as tftypes values, the
// form the protocol sends, rather than through the framework's attr.Value
// types and reflection: a read of tens of thousands of engagements pays this
// per engagement on every plan (see tools/performance.md). The types come
// from the schema (engagement_schema.go), so the two cannot drift apart:
// tftypes.NewValue panics on a value that does not match its type, and the
// tests build every shape.

// valueBuilder holds the types and the null values, made once.
type valueBuilder struct {
	engagement, user, picture, file tftypes.Object
	nullString, nullNumber          tftypes.Value
	nullUser, nullPicture, nullFile tftypes.Value
}

var values = sync.OnceValue(func() *valueBuilder {
	eng := engagementObjectType()
	user := mustObject(eng.AttributeTypes["created_by"], "created_by")
	picture := mustObject(user.AttributeTypes["display_picture"], "display_picture")
	file := mustObject(picture.AttributeTypes["file"], "file")
	return &valueBuilder{
		engagement:  eng,
		user:        user,
		picture:     picture,
		file:        file,
		nullString:  tftypes.NewValue(tftypes.String, nil),
		nullNumber:  tftypes.NewValue(tftypes.Number, nil),
		nullUser:    tftypes.NewValue(user, nil),
		nullPicture: tftypes.NewValue(picture, nil),
		nullFile:    tftypes.NewValue(file, nil),
	}
})

func (b *valueBuilder) str(s *string) tftypes.Value {
	if s == nil {
		return b.nullString
	}
	return tftypes.NewValue(tftypes.String, *s)
}

// engagement returns e as a value of engagementObjectType.
func (b *valueBuilder) engagementValue(e *devrev.Engagement) tftypes.Value {
	return tftypes.NewValue(b.engagement, map[string]tftypes.Value{
		"id":              b.str(e.ID),
		"display_id":      b.str(e.DisplayID),
		"title":           b.str(e.Title),
		"description":     b.str(e.Description),
		"engagement_type": b.str(e.EngagementType),
		"created_date":    b.str(e.CreatedDate),
		"modified_date":   b.str(e.ModifiedDate),
		"scheduled_date":  b.str(e.ScheduledDate),
		"external_ref":    b.str(e.ExternalRef),
		"external_url":    b.str(e.ExternalURL),
		"created_by":      b.userValue(e.CreatedBy),
		"modified_by":     b.userValue(e.ModifiedBy),
	})
}

func (b *valueBuilder) userValue(u *devrev.UserSummary) tftypes.Value {
	if u == nil {
		return b.nullUser
	}
	return tftypes.NewValue(b.user, map[string]tftypes.Value{
		"id":              b.str(u.ID),
		"display_id":      b.str(u.DisplayID),
		"type":            b.str(u.Type),
		"display_name":    b.str(u.DisplayName),
		"full_name":       b.str(u.FullName),
		"email":           b.str(u.Email),
		"state":           b.str(u.State),
		"display_picture": b.pictureValue(u.DisplayPicture),
	})
}

func (b *valueBuilder) pictureValue(a *devrev.ArtifactSummary) tftypes.Value {
	if a == nil {
		return b.nullPicture
	}
	file := b.nullFile
	if f := a.File; f != nil {
		size := b.nullNumber
		if f.Size != nil {
			size = tftypes.NewValue(tftypes.Number, *f.Size)
		}
		file = tftypes.NewValue(b.file, map[string]tftypes.Value{
			"type": b.str(f.Type),
			"name": b.str(f.Name),
			"size": size,
		})
	}
	return tftypes.NewValue(b.picture, map[string]tftypes.Value{
		"id":         b.str(a.ID),
		"display_id": b.str(a.DisplayID),
		"file":       file,
	})
}
