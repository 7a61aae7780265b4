package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// This file is the one definition of what an engagement looks like in
// Terraform, and of the filters engagements are selected by. Every data
// source about engagements builds its schema from it, and engagement_value.go
// builds state values of exactly these types.

// engagementAttributes are the attributes of one engagement, all computed.
func engagementAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"id":              str("Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:engagement/123`."),
		"display_id":      str("Human-readable id unique to the Dev organization, such as `ENGM-123`."),
		"title":           str("Title of the engagement."),
		"description":     str("Description of the engagement."),
		"engagement_type": str("Type of the engagement: `call`, `conversation`, `custom`, `default`, `email`, `linked_in`, `meeting`, `offline` or `survey`."),
		"created_date":    str("When the engagement was created, an RFC 3339 timestamp exactly as DevRev sent it (with or without milliseconds)."),
		"modified_date":   str("When the engagement was last modified, an RFC 3339 timestamp exactly as DevRev sent it."),
		"scheduled_date":  str("When the engagement is or was scheduled, an RFC 3339 timestamp exactly as DevRev sent it; null when not scheduled."),
		"external_ref":    str("Reference of the engagement in an external system (a calendar event id, say)."),
		"external_url":    str("URL of the engagement in an external system."),
		"created_by":      userAttribute("The user who created the engagement."),
		"modified_by":     userAttribute("The user who last modified the engagement."),
	}
}

// userAttribute is DevRev's `user-summary`.
func userAttribute(desc string) schema.Attribute {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.SingleNestedAttribute{
		Computed:            true,
		MarkdownDescription: desc + " Null when DevRev does not say.",
		Attributes: map[string]schema.Attribute{
			"id":           str("DevRev object id of the user."),
			"display_id":   str("Human-readable id of the user, such as `DEVU-12`."),
			"type":         str("Kind of user: `dev_user`, `rev_user`, `service_account` or `sys_user`."),
			"display_name": str("The user's display name (not unique)."),
			"full_name":    str("The user's full name."),
			"email":        str("The user's email address."),
			"state":        str("State of the user: `active`, `deactivated`, `deleted`, `locked`, `shadow` or `unassigned`."),
			"display_picture": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The user's picture, an artifact; null when the user has none.",
				Attributes: map[string]schema.Attribute{
					"id":         str("DevRev object id of the artifact."),
					"display_id": str("Human-readable id of the artifact."),
					"file": schema.SingleNestedAttribute{
						Computed:            true,
						MarkdownDescription: "The stored file.",
						Attributes: map[string]schema.Attribute{
							"type": str("Media type of the file."),
							"name": str("Name of the file."),
							"size": schema.Int64Attribute{Computed: true, MarkdownDescription: "Size of the file in bytes."},
						},
					},
				},
			},
		},
	}
}

// filterAttributes are the filters that engagements.list and
// engagements.count share, named as the API names them.
func filterAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"type": schema.SetAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Only engagements of these types: `call`, `conversation`, `custom`, `default`, " +
				"`email`, `linked_in`, `meeting`, `offline`, `survey`. Unset or empty means every type.",
			Validators: []validator.Set{
				setvalidator.ValueStringsAre(stringvalidator.OneOf(devrev.EngagementTypes...)),
			},
		},
		"external_ref": schema.SetAttribute{
			Optional:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "Only engagements with one of these external references.",
		},
		"members": schema.SetAttribute{
			Optional:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "Only engagements with one of these members (user ids such as `DEVU-12345`).",
		},
		"parent": schema.SetAttribute{
			Optional:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "Only engagements with one of these parents (account or opportunity ids such as `ACC-12345`).",
		},
	}
}

// engagementObjectType is the Terraform type of one engagement, derived
// from the schema once.
var engagementObjectType = sync.OnceValue(func() tftypes.Object {
	obj := schema.NestedAttributeObject{Attributes: engagementAttributes()}
	return mustObject(obj.Type().TerraformType(context.Background()), "engagement")
})

// mustObject returns t as an object type. The types passed here come from
// the schema above, so anything else is a bug in this file, found by every
// test that reads an engagement.
func mustObject(t tftypes.Type, what string) tftypes.Object {
	obj, ok := t.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("the schema's %s is a %s, not an object", what, t))
	}
	return obj
}
