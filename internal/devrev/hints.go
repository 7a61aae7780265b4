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

// Summary names the failure: "unreadable date".
func (e *DateError) Summary() string { return "unreadable date" }

// Summary names the failure: "list out of order".
func (e *SortOrderError) Summary() string { return "list out of order" }

// The transport's own failures say what to do in their messages
// (transport.go, and Client.explain for a timeout), endpoint advice
// included where it helps: the provider adds no other.

// Summary names the failure: "answer too large".
func (e *BodyTooLargeError) Summary() string { return "answer too large" }

// Summary names the failure: "answer cut off".
func (e *ShortBodyError) Summary() string { return "answer cut off" }

// Summary names the failure: "redirect refused".
func (e *RedirectError) Summary() string { return "redirect refused" }

// Summary names the failure: "timed out".
func (e *TimeoutError) Summary() string { return "timed out" }
