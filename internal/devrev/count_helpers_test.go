package devrev

import "context"

// The tests count through the endpoints' declared counts (count.go), by
// filter as the provider's count data sources do.

func (c *Client) CountEngagements(ctx context.Context, f EngagementFilter) (int64, error) {
	n, err := engagements.count(ctx, c, ListEngagementsRequest{EngagementFilter: f})
	return n.Count, err
}

func (c *Client) CountWorks(ctx context.Context, f WorkFilter) (Count, error) {
	return works.count(ctx, c, ListWorksRequest{WorkFilter: f})
}

func (c *Client) CountMeetings(ctx context.Context, f MeetingFilter) (int64, error) {
	n, err := meetings.count(ctx, c, ListMeetingsRequest{MeetingFilter: f})
	return n.Count, err
}

func (c *Client) CountGroupMembers(ctx context.Context, f GroupMembersFilter) (Count, error) {
	return groupMembers.count(ctx, c, ListGroupMembersRequest{GroupMembersFilter: f})
}
