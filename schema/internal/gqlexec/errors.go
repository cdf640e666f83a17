package gqlexec

import "fmt"

// Codes of the errors of this package, set as the "code" extension of the
// GraphQL errors they become.
const (
	// CodeRequest is a request that is not a well-formed GraphQL document
	// or operation.
	CodeRequest = "BAD_REQUEST"
	// CodeLimit is a request past a limit, before or during execution.
	CodeLimit = "QUERY_TOO_EXPENSIVE"
	// CodeBadInput is an argument out of range, such as a negative first.
	CodeBadInput = "BAD_USER_INPUT"
)

// Error is a refusal a client may read: its message is meant for the
// client, and its code goes to the GraphQL error's extensions.
type Error struct {
	Message string
	Code    string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Extensions gives graphql-go the error's extensions.
func (e *Error) Extensions() map[string]any { return map[string]any{"code": e.Code} }

func refuse(code, format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf(format, args...), Code: code}
}
