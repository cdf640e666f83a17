package schema

import (
	"compress/gzip"
	"embed"
	"io"
	"net/http"
	"path"
	"strings"
)

// The browser side: the GraphiQL explorer and the React it runs on, and
// kg's own explorer with Cytoscape.js and, for big subgraphs, sigma.js
// (WebGL), from npm (see the update.sh of each folder), and its favicon.
// Large files are stored gzipped.
//
//go:embed graphiql/index.html graphiql/*.gz explorer/index.html explorer/*.js explorer/*.css explorer/*.svg explorer/*.gz
var assetsFS embed.FS

// assets serves the files of dir: its index.html at the bare prefix, the
// others under prefix/, gzipped to clients that accept it.
func assets(prefix, dir string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "use GET", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, prefix), "/")
		if name == "" {
			name = "index.html"
		}
		name = path.Base(name)
		ctype := map[string]string{".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}[path.Ext(name)]
		if ctype == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ctype+"; charset=utf-8")
		if f, err := assetsFS.Open(dir + "/" + name); err == nil {
			defer f.Close()
			io.Copy(w, f)
			return
		}
		f, err := assetsFS.Open(dir + "/" + name + ".gz")
		if err != nil {
			w.Header().Del("Content-Type")
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Header().Set("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			w.Header().Set("Content-Encoding", "gzip")
			io.Copy(w, f)
			return
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		io.Copy(w, zr)
	}
}

func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(coding) == "gzip" && strings.ReplaceAll(params, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
