package main

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are what kg serve reports at /metrics, in the Prometheus text
// format. Each server has its own registry, so tests can run several.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	errors   *prometheus.CounterVec
	articles *prometheus.CounterVec
	inflight prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kg_http_requests_total",
			Help: "HTTP requests answered, by path and status code.",
		}, []string{"path", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kg_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by path.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"path"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kg_http_errors_total",
			Help: "HTTP requests answered with a status of 400 or more, by path and class (client or server).",
		}, []string{"path", "class"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kg_ingest_articles_total",
			Help: "Articles received over HTTP, by result: stored, or failed (bad input).",
		}, []string{"result"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kg_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
	}
	// Present from the start, at 0, so that a rate over them is defined.
	m.articles.WithLabelValues("stored")
	m.articles.WithLabelValues("failed")
	m.reg.MustRegister(m.requests, m.latency, m.errors, m.articles, m.inflight,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// knownPaths are the paths metrics are labelled with; any other path is
// "other", so that scanning URLs cannot grow the label sets without bound.
var knownPaths = map[string]bool{
	"/": true, "/graphql": true, "/graphiql": true, "/export": true, "/schema.graphql": true,
	"/ingest": true, "/healthz": true, "/metrics": true,
}

func metricPath(p string) string {
	if knownPaths[p] {
		return p
	}
	switch {
	case strings.HasPrefix(p, "/graphiql/"):
		return "/graphiql"
	case strings.HasPrefix(p, "/explorer/"):
		return "/"
	}
	return "other"
}

// instrument counts and times each request h answers.
func (m *metrics) instrument(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inflight.Inc()
		defer m.inflight.Dec()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		path := metricPath(r.URL.Path)
		m.requests.WithLabelValues(path, strconv.Itoa(sw.status)).Inc()
		m.latency.WithLabelValues(path).Observe(time.Since(start).Seconds())
		switch {
		case sw.status >= 500:
			m.errors.WithLabelValues(path, "server").Inc()
		case sw.status >= 400:
			m.errors.WithLabelValues(path, "client").Inc()
		}
	})
}

// handler serves the metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
