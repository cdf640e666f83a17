package schema_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgproject/kg/schema"
)

// TestNormalAnswersUnderHostileLoad keeps eight attackers sending every
// kind of hostile request in a loop (deep nesting, aliases, fragment
// cycles, huge pages, 1 MiB bodies, queries stalled until the timeout) for
// a second and a half, while a normal client asks its question again and
// again: each of its answers must be complete and correct, and none may
// wait for the attackers.
func TestNormalAnswersUnderHostileLoad(t *testing.T) {
	h, err := schema.NewHandler(stallingStore{mustOpenSeed(t)}, &schema.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	var aliases, cycle strings.Builder
	aliases.WriteString("{ ")
	for i := range 1000 {
		fmt.Fprintf(&aliases, "a%d: people { totalCount } ", i)
	}
	aliases.WriteString("}")
	cycle.WriteString("{ people { nodes { ...F0 } } }")
	for i := range 200 {
		fmt.Fprintf(&cycle, " fragment F%d on Person { ...F%d ...F%d }", i, i+1, i+1)
	}
	cycle.WriteString(" fragment F200 on Person { name }")
	hostile := []struct {
		body   []byte
		status int
	}{
		{queryBody("{ people { nodes { " + strings.Repeat("posts { post { holders { person { ", 10) + "name" + strings.Repeat(" } } } }", 10) + " } } }"), 400},
		{queryBody(aliases.String()), 400},
		{queryBody(cycle.String()), 400},
		{queryBody(`{ people { nodes { ...A } } } fragment A on Person { ...B } fragment B on Person { name ...A }`), 400},
		{queryBody(`{ people(first: 1000000) { nodes { name } } }`), 400},
		{queryBody(`{ search(text: "slow") { score } }`), 504},
		{bytes.Repeat([]byte(" "), 1<<20+1), 413},
	}
	var sent atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for a := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := a; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				req := hostile[i%len(hostile)]
				r, _ := http.NewRequest("POST", srv.URL+"/graphql", bytes.NewReader(req.body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Accept", "application/graphql-response+json")
				resp, err := http.DefaultClient.Do(r)
				if err != nil {
					errs <- err
					return
				}
				resp.Body.Close()
				if resp.StatusCode != req.status {
					select {
					case errs <- fmt.Errorf("hostile request %d: status %d, want %d", i%len(hostile), resp.StatusCode, req.status):
					default:
					}
				}
				sent.Add(1)
			}
		}()
	}
	normal := queryBody(`{ person(name: "吕沛") { name events { role event { name } } } }`)
	var worst time.Duration
	answers := 0
	for end := time.Now().Add(1500 * time.Millisecond); time.Now().Before(end); answers++ {
		status, body, took := postQuery(t, srv.URL+"/graphql", normal)
		if status != http.StatusOK || !strings.Contains(body, `"name":"吕沛"`) || !strings.Contains(body, `"role"`) || strings.Contains(body, `"errors"`) {
			t.Fatalf("normal query under hostile load: %d %.300s", status, body)
		}
		worst = max(worst, took)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d normal answers among %d hostile requests: slowest %v", answers, sent.Load(), worst)
	if sent.Load() < 24 {
		t.Errorf("only %d hostile requests sent: no load", sent.Load())
	}
	if worst > 2*time.Second {
		t.Errorf("a normal query under hostile load took %v", worst)
	}
}
