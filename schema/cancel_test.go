package schema_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/schema"
)

// readTimer takes delay over each read, as a loaded store would, and
// records when each read was asked for. A read asked for once its context
// has ended fails at once, as both stores' reads do; one once started runs
// its course and answers, as a query already sent to Neo4j may.
type readTimer struct {
	graph.Store
	delay time.Duration

	mu                  sync.Mutex
	asked, worked, ends []time.Time
}

// ended records the end of a read and passes on its results.
func ended[T any](s *readTimer, v T, err error) (T, error) {
	s.mu.Lock()
	s.ends = append(s.ends, time.Now())
	s.mu.Unlock()
	return v, err
}

// lastEnd returns when the last read ended.
func (s *readTimer) lastEnd() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var last time.Time
	for _, e := range s.ends {
		if e.After(last) {
			last = e
		}
	}
	return last
}

func (s *readTimer) wait(ctx context.Context) error {
	s.mu.Lock()
	now := time.Now()
	s.asked = append(s.asked, now)
	if ctx.Err() == nil {
		s.worked = append(s.worked, now)
	}
	s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	time.Sleep(s.delay)
	return nil
}

// after counts the times of ts after t.
func (s *readTimer) after(ts *[]time.Time, t time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, x := range *ts {
		if x.After(t) {
			n++
		}
	}
	return n
}

func (s *readTimer) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	v, err := s.Store.Nodes(context.WithoutCancel(ctx), ids)
	return ended(s, v, err)
}

func (s *readTimer) FindNodes(ctx context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	v, err := s.Store.FindNodes(context.WithoutCancel(ctx), f)
	return ended(s, v, err)
}

func (s *readTimer) Relations(ctx context.Context, f graph.RelationFilter) ([]*graph.Relation, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	v, err := s.Store.Relations(context.WithoutCancel(ctx), f)
	return ended(s, v, err)
}

// deepQuery reads the store level after level, one read or two a level.
const deepQuery = `{ people(first: 1, filter: {name: "吕沛"}) { nodes { events(first: 3) { event { participants(first: 3) { person { events(first: 3) { event {
	participants(first: 3) { person { events(first: 3) { event { participants(first: 3) { person { name } } } } } } } } } } } } } } }`

// TestTimedOutQueryStopsReading checks that a query past its timeout stops
// reading the store, on each store, and that Do returns only once it has:
// graphql-go used to answer 504 and go on reading in the background.
func TestTimedOutQueryStopsReading(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		slow := &readTimer{Store: st, delay: 100 * time.Millisecond}
		s := mustSchema(t, slow, &schema.Options{Timeout: 150 * time.Millisecond})
		start := time.Now()
		r := s.Do(context.Background(), &schema.Request{Query: deepQuery})
		returned := time.Now()
		if r.Status != 504 || len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "TIMEOUT" {
			t.Fatalf("status %d, errors %+v; want 504 and one TIMEOUT", r.Status, r.Errors)
		}
		// The read in flight at the timeout ends, and nothing after it runs.
		if d := returned.Sub(start); d > 150*time.Millisecond+slow.delay+50*time.Millisecond {
			t.Errorf("Do returned %v after the start, more than the read in flight past the timeout", d)
		}
		time.Sleep(300 * time.Millisecond)
		if n := slow.after(&slow.worked, start.Add(150*time.Millisecond)); n > 0 {
			t.Errorf("%d store reads started after the timeout", n)
		}
		if n := slow.after(&slow.asked, returned); n > 0 {
			t.Errorf("%d store reads were asked for after Do returned", n)
		}
	})
}

// TestAbandonedQueryStopsReading checks that when a client disconnects in
// the middle of a query, the handler returns and the store stops being
// read within 100 ms.
func TestAbandonedQueryStopsReading(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		slow := &readTimer{Store: st, delay: 100 * time.Millisecond}
		h, err := schema.NewHandler(slow, nil)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan time.Time, 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.ServeHTTP(w, r)
			done <- time.Now()
		}))
		defer srv.Close()
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/graphql", strings.NewReader(string(queryBody(deepQuery))))
		req.Header.Set("Content-Type", "application/json")
		go func() {
			time.Sleep(150 * time.Millisecond)
			cancel()
		}()
		if _, err := http.DefaultClient.Do(req); err == nil {
			t.Fatal("the request was answered before the client left; make the query slower")
		}
		left := time.Now()
		select {
		case end := <-done:
			time.Sleep(200 * time.Millisecond)
			if n := slow.after(&slow.asked, end); n > 0 {
				t.Errorf("%d store reads were asked for after the handler returned", n)
			}
			if d := end.Sub(left); d > slow.delay+100*time.Millisecond {
				t.Errorf("the handler returned %v after the client left, more than 100 ms after the read in flight", d)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("the handler still runs 2 s after the client left")
		}
		if n := slow.after(&slow.worked, left.Add(50*time.Millisecond)); n > 0 {
			t.Errorf("%d store reads started after the client left", n)
		}
	})
}

// TestCancelledQueryIsNoTimeout checks that a query whose client left is
// answered (and so counted) 499, not 504: the server did not time out.
func TestCancelledQueryIsNoTimeout(t *testing.T) {
	slow := &readTimer{Store: mustOpenSeed(t), delay: 100 * time.Millisecond}
	s := mustSchema(t, slow, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if r := s.Do(ctx, &schema.Request{Query: deepQuery}); r.Status != schema.StatusClientClosedRequest {
		t.Errorf("status %d, errors %+v; want 499", r.Status, r.Errors)
	}
}
