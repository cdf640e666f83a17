package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
	"github.com/kgproject/kg/schema"
)

// handler builds what kg serve answers: the schema's handler (GraphQL, the
// explorers, exports, POST /ingest), /healthz and /metrics, every request
// counted and logged. KG_TOKEN is the bearer token writes need;
// KG_CORS_ORIGINS lists, comma-separated, the origins allowed cross-origin
// calls when no --cors-origin does.
func (m *Main) handler(st graph.Store, p *ingest.Pipeline, log *slog.Logger) (http.Handler, error) {
	met := newMetrics()
	origins := m.corsOrigins
	if len(origins) == 0 {
		for _, o := range strings.Split(m.Getenv("KG_CORS_ORIGINS"), ",") {
			if o = strings.TrimSpace(o); o != "" {
				origins = append(origins, o)
			}
		}
	}
	h, err := schema.NewHandler(st, &schema.Options{
		Logger:         log,
		Token:          m.Getenv("KG_TOKEN"),
		ReadsNeedToken: m.readsNeedToken,
		Ingest:         ingestFunc(p, st, met),
		AllowedOrigins: origins,
	})
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", h)
	mux.Handle("/metrics", met.handler())
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if _, err := st.FindNodes(ctx, graph.NodeFilter{Limit: 1}); err != nil {
			log.Error("healthz", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "store unavailable\n")
			return
		}
		io.WriteString(w, "ok\n")
	})
	return logRequests(log, met.instrument(mux)), nil
}

// ingestFunc stores the articles posted to /ingest and counts them. A
// request's articles go to the store in one transaction when it can take a
// batch (graph.BatchWriter), else one by one; each is stored whole.
func ingestFunc(p *ingest.Pipeline, st graph.Store, met *metrics) schema.IngestFunc {
	return func(ctx context.Context, body io.Reader, name string, jsonl bool) (*schema.IngestReport, error) {
		rep := &schema.IngestReport{}
		var facts []*graph.ArticleFacts
		err := p.ReadFrom(ctx, body, name, jsonl, func(a *ingest.Article) error {
			f, err := p.Facts(a)
			if err != nil {
				rep.Errors = append(rep.Errors, err.Error())
				return nil
			}
			facts = append(facts, f)
			return nil
		})
		if serr := ingest.StoreBatch(ctx, st, facts, func(i int) {
			f := facts[i]
			rep.Articles++
			rep.IDs = append(rep.IDs, f.Article.ID)
			rep.Nodes += len(f.Nodes)
			rep.Relations += len(f.Relations)
		}, func(_ int, err error) {
			rep.Errors = append(rep.Errors, err.Error())
		}); serr != nil {
			err = errors.Join(err, serr)
		}
		var fatal []error
		if err != nil {
			for _, e := range flatten(err) {
				var in *ingest.InputError
				if errors.As(e, &in) {
					rep.Errors = append(rep.Errors, e.Error())
				} else {
					fatal = append(fatal, e)
				}
			}
		}
		met.articles.WithLabelValues("stored").Add(float64(rep.Articles))
		met.articles.WithLabelValues("failed").Add(float64(len(rep.Errors)))
		if len(fatal) > 0 {
			return rep, errors.Join(fatal...)
		}
		return rep, nil
	}
}
