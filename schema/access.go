package schema

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
)

// Error codes of refused access.
const (
	codeUnauthenticated = "UNAUTHENTICATED"
	codeForbidden       = "FORBIDDEN"
)

// writesKey marks a context whose request may not write: its value is the
// *publicError to answer a mutation with.
type writesKey struct{}

// accessError is a refused request with the HTTP status to send.
type accessError struct {
	status int
	err    *publicError
}

// authorize checks the bearer token of an HTTP request that reads or, when
// write is set, writes. Writes are refused outright (403) when no token is
// configured, so that a server started without one is read-only rather
// than open; a missing or wrong token is 401. The token is compared in
// constant time.
func (h *Handler) authorize(r *http.Request, write bool) *accessError {
	token := h.schema.opts.Token
	if !write && !h.schema.opts.ReadsNeedToken {
		return nil
	}
	if token == "" {
		if !write {
			return nil
		}
		return &accessError{http.StatusForbidden, &publicError{msg: "writes over HTTP are disabled: start the server with a token (KG_TOKEN)", code: codeForbidden}}
	}
	got, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		return &accessError{http.StatusUnauthorized, &publicError{msg: "this request needs an Authorization: Bearer token", code: codeUnauthenticated}}
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
		return &accessError{http.StatusUnauthorized, &publicError{msg: "the bearer token is wrong", code: codeUnauthenticated}}
	}
	return nil
}

// bearer returns the token of an "Authorization: Bearer TOKEN" header.
func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// refuse writes a refused request's answer.
func refuse(w http.ResponseWriter, media string, e *accessError) {
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="kg"`)
	}
	writeJSON(w, media, e.status, &Response{Errors: []Error{{Message: e.err.msg, Extensions: e.err.Extensions()}}})
}

// withWrites records in ctx whether the request may run mutations: denied
// is nil when it may.
func withWrites(ctx context.Context, denied *accessError) context.Context {
	return context.WithValue(ctx, writesKey{}, denied)
}

// writesDenied returns why ctx's request may not write, or nil. A context
// that says nothing (Schema.Do called in-process) may write.
func writesDenied(ctx context.Context) *accessError {
	e, _ := ctx.Value(writesKey{}).(*accessError)
	return e
}

// Protect returns next behind the token the Handler's reads need
// (Options.ReadsNeedToken), for endpoints served beside it such as metrics.
func (h *Handler) Protect(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e := h.authorize(r, false); e != nil {
			refuse(w, mediaJSON, e)
			return
		}
		next.ServeHTTP(w, r)
	})
}
