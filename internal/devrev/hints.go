package devrev

// The paging engine's errors say in their own message what a user can do
// (pages.go): the provider must not add the advice meant for a network
// failure ("check the endpoint"), which would send a user looking in the
// wrong place. Each names its kind of failure for the diagnostic's
// summary; the provider (errors.go there) treats every error with a
// Summary as complete.

// Summary names the failure: "paging loop".
func (e *CursorLoopError) Summary() string { return "paging loop" }

// Summary names the failure: "empty pages".
func (e *EmptyPagesError) Summary() string { return "empty pages" }

// Summary names the failure: "read too large".
func (e *ReadTooLargeError) Summary() string { return "read too large" }

// Summary names the failure: "short pages".
func (e *ShortPagesError) Summary() string { return "short pages" }
