package schema

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/schema/internal/gqlexec"
)

// Error codes in the "extensions" of GraphQL errors.
const (
	codeNotFound = "NOT_FOUND"
	codeBadInput = gqlexec.CodeBadInput
	codeLimit    = gqlexec.CodeLimit
	codeTimeout  = "TIMEOUT"
	codeInternal = "INTERNAL_SERVER_ERROR"
	codeRequest  = gqlexec.CodeRequest
)

// publicError is an error a client may read; its code goes to the error's
// extensions.
type publicError struct {
	msg, code string
}

func (e *publicError) Error() string { return e.msg }

// Extensions gives graphql-go the error's extensions.
func (e *publicError) Extensions() map[string]any { return map[string]any{"code": e.code} }

func badInput(msg string) error { return &publicError{msg: msg, code: codeBadInput} }

// public turns a resolver's error into what the client sees: not found and
// bad input keep their message, without the packages' prefixes; a timeout
// says so; anything else is logged in full and shown as "internal error".
func public(log *slog.Logger, timeout string, err error) error {
	var pe *publicError
	var ge *gqlexec.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe):
		return pe
	case errors.As(err, &ge):
		return &publicError{msg: ge.Message, code: ge.Code}
	case errors.Is(err, graph.ErrNotFound):
		return &publicError{msg: "not found: " + detail(err, graph.ErrNotFound), code: codeNotFound}
	case errors.Is(err, graph.ErrInvalid):
		return &publicError{msg: "invalid input: " + detail(err, graph.ErrInvalid), code: codeBadInput}
	case errors.Is(err, context.DeadlineExceeded):
		return &publicError{msg: "request timed out after " + timeout, code: codeTimeout}
	case errors.Is(err, context.Canceled):
		return &publicError{msg: "request cancelled", code: codeTimeout}
	}
	log.Error("graphql: internal error", "err", err)
	return &publicError{msg: "internal error", code: codeInternal}
}

// detail returns what err says after the sentinel's text, e.g. `Person
// "某人"` from `queries: graph: not found: Person "某人"`.
func detail(err, sentinel error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, sentinel.Error()); i >= 0 {
		if rest := strings.TrimLeft(msg[i+len(sentinel.Error()):], ": "); rest != "" {
			return rest
		}
	}
	return msg
}
