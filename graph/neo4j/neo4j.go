// Package neo4j is a graph.Store kept in a Neo4j 5 database and reached
// over Bolt with the official Go driver.
//
// The graph reads naturally in Neo4j Browser: each node carries its label
// (Person, Post, Organisation, Event, Project, Place, Article) and the
// properties of graph.Node under their JSON names (id, name, aliases,
// title, kind, date, endDate, partOfDay, source, published, url, outlet,
// author, page, text, scope, scopeBasis); each relation is a relationship of its type (HOLDS,
// CHAIRED, …) with the properties id and role.
//
// Each article's contribution is stored apart from the shared nodes and
// relationships, in records unconnected to the graph, kept by group (the
// articles one transaction stores first): a KgPart node {k, n, v} holds
// node n as each article of the group gives it (a JSON object from article
// ID to graph.Node), a KgEvidence node {k, r, t, v} the evidence the
// group's articles give for relation r of type t (a JSON array of
// graph.Evidence), and a KgArticle {a, g, n, r} names article a's group
// and the nodes and relations it contributes to. A relation's evidence is
// read from its KgEvidence records. A write reads and writes only its
// articles' groups' records and the nodes and relationships they touch, so
// its cost does not grow with how many other articles support them. A node keeps the merge of its
// parts (graph.MergeNodes in article order) as its properties, with
// kg_first and kg_last, the least and greatest article of its parts: new
// parts fold into the stored merge, and a node that loses or changes a part
// is merged again from its KgPart records, all in the write
// transaction that applies the new facts. kg_search holds the character
// pairs of the node's names for the full-text index. Properties whose names
// start with kg_ are bookkeeping.
//
// Nodes are keyed by ID alone, as in graph: should two articles give one ID
// different labels, the node carries the label of the merged node (that of
// the article whose ID sorts first), and moves when that changes.
//
// Reads run in read transactions; neighbourhoods, paths and searches are
// answered by Cypher on the server. The schema (uniqueness constraints,
// range and full-text indexes) is created by Open from embedded Cypher files,
// idempotently.
//
// # Isolation
//
// Neo4j isolates transactions only as read-committed: a query running while
// another transaction commits may see part of it. A Store therefore lets
// its reads and the commits of its writes take turns (many reads at once,
// or one commit), so that every read sees each write made through the same
// Store whole or not at all. Until it commits, a write's changes are
// invisible to other transactions, so reads go on while it runs. The
// Store's writes run one at a time. A read racing a write made by another
// process can still see part of it.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// Config says how to reach the database. cmd/kg fills it from NEO4J_URI,
// NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.
type Config struct {
	// URI is the Bolt address, e.g. bolt://127.0.0.1:7687 or
	// neo4j+s://xxxx.databases.neo4j.io; required.
	URI string
	// User and Password authenticate with basic auth; an empty User means
	// no authentication (a server with auth disabled).
	User, Password string
	// Database names the database; empty means the server's default.
	Database string
	// RetryTime bounds how long a transaction is retried after transient
	// failures (deadlocks, a lost connection, a cluster leader change);
	// zero means the driver's default, 30 seconds.
	RetryTime time.Duration
}

// Store is a graph.Store on a Neo4j database. It is safe for concurrent
// use: each method runs in its own session, and concurrent writes to the
// same nodes are serialised by Neo4j's locks (the driver retries a
// transaction that lost a deadlock).
type Store struct {
	driver    neo4j.DriverWithContext
	database  string
	bookmarks neo4j.BookmarkManager
	closed    atomic.Bool

	// rw makes each read see every write of this Store whole or not at
	// all: Neo4j isolates transactions only as read-committed, so a
	// query running while a transaction commits can see part of it. A
	// write holds it exclusively only while it commits: until then its
	// changes are invisible to other transactions, and readers go on.
	rw sync.RWMutex
	// wmu runs this Store's write transactions one at a time, so that
	// they neither deadlock on each other's node locks nor retry.
	wmu sync.Mutex
	// retryTime bounds how long a write is retried after transient
	// failures.
	retryTime time.Duration
}

var (
	_ graph.Store   = (*Store)(nil)
	_ graph.Counter = (*Store)(nil)
)

// openTimeout bounds how long Open waits for the server and the indexes.
const openTimeout = 2 * time.Minute

// Open connects to the database cfg names, checks that it answers and
// applies the schema migrations. It fails with an error wrapping
// graph.ErrUnavailable when the server cannot be reached or refuses the
// credentials, and graph.ErrInvalid when cfg has no URI or the database
// holds a graph in kg's earlier storage format (kg_parts properties), which
// must be emptied and ingested again.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, fmt.Errorf("neo4j: open: %w: no URI", graph.ErrInvalid)
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4j.Config) {
		c.UserAgent = "kg"
		if cfg.RetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.RetryTime
		}
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: open %s: %w: %v", cfg.URI, graph.ErrInvalid, err)
	}
	s := &Store{
		driver:    driver,
		database:  cfg.Database,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}),
		retryTime: defaultRetryTime,
	}
	if cfg.RetryTime > 0 {
		s.retryTime = cfg.RetryTime
	}
	ctx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	if err := driver.VerifyConnectivity(ctx); err != nil {
		driver.Close(context.Background())
		return nil, s.wrap("open "+cfg.URI, err)
	}
	if err := s.migrate(ctx); err != nil {
		driver.Close(context.Background())
		return nil, err
	}
	return s, nil
}

// Close closes the driver and its connections. Every call after the
// first, to Close or any other method, fails with an error wrapping
// graph.ErrUnavailable.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return fmt.Errorf("neo4j: close: %w", graph.ErrUnavailable)
	}
	if err := s.driver.Close(context.Background()); err != nil {
		return fmt.Errorf("neo4j: close: %v", err)
	}
	return nil
}

// read runs fn in a managed read transaction; op names the operation in
// errors.
func read[T any](ctx context.Context, s *Store, op string, fn func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	var zero T
	if err := s.begin(ctx); err != nil {
		return zero, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	s.rw.RLock()
	defer s.rw.RUnlock()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      neo4j.AccessModeRead,
		DatabaseName:    s.database,
		BookmarkManager: s.bookmarks,
	})
	defer sess.Close(context.Background())
	v, err := neo4j.ExecuteRead(ctx, sess, fn)
	if err != nil {
		return zero, s.wrap(op, err)
	}
	return v, nil
}

// defaultRetryTime is how long a write is retried when Config.RetryTime
// is zero; it is the driver's own default for managed transactions.
const defaultRetryTime = 30 * time.Second

// write runs fn in a write transaction and commits it, retrying the whole
// transaction with backoff on transient failures (deadlocks, leader
// changes, lost connections) for up to s.retryTime. fn must be safe to run
// again: every write of this package is, since it states the final facts
// of whole articles. Unlike the driver's ExecuteWrite, it commits under
// the exclusive side of s.rw, so that readers wait for the commit only,
// not for the whole transaction.
func (s *Store) write(ctx context.Context, op string, fn func(tx neo4j.ManagedTransaction) error) error {
	if err := s.begin(ctx); err != nil {
		return fmt.Errorf("neo4j: %s: %w", op, err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      neo4j.AccessModeWrite,
		DatabaseName:    s.database,
		BookmarkManager: s.bookmarks,
	})
	defer sess.Close(context.Background())
	deadline := time.Now().Add(s.retryTime)
	pause := 200 * time.Millisecond
	for {
		err := s.writeOnce(ctx, sess, fn)
		if err == nil {
			return nil
		}
		if !neo4j.IsRetryable(err) || ctx.Err() != nil || time.Now().Add(pause).After(deadline) {
			return s.wrap(op, err)
		}
		// Jitter of ±20% keeps writers that failed together apart.
		d := pause + time.Duration((rand.Float64()*0.4-0.2)*float64(pause))
		select {
		case <-ctx.Done():
			return s.wrap(op, ctx.Err())
		case <-time.After(d):
		}
		pause = min(2*pause, 5*time.Second)
	}
}

// writeOnce runs fn in one explicit transaction and commits it under the
// exclusive side of s.rw; the transaction is rolled back when fn fails.
func (s *Store) writeOnce(ctx context.Context, sess neo4j.SessionWithContext, fn func(tx neo4j.ManagedTransaction) error) error {
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		return err
	}
	defer tx.Close(context.Background())
	if err := fn(tx); err != nil {
		return err
	}
	s.rw.Lock()
	defer s.rw.Unlock()
	return tx.Commit(ctx)
}

func (s *Store) begin(ctx context.Context) error {
	if s.closed.Load() {
		return graph.ErrUnavailable
	}
	return ctx.Err()
}

// errKG marks errors this package made inside a transaction function, which
// already wrap a graph sentinel and pass through wrap unchanged.
type errKG struct{ err error }

func (e errKG) Error() string { return e.err.Error() }
func (e errKG) Unwrap() error { return e.err }

// wrap translates a driver error into one wrapping a graph sentinel, keeping
// the driver's message but none of its types.
func (s *Store) wrap(op string, err error) error {
	var own errKG
	switch {
	case errors.As(err, &own):
		return fmt.Errorf("neo4j: %s: %w", op, own.err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		if s.closed.Load() {
			return fmt.Errorf("neo4j: %s: %w", op, graph.ErrUnavailable)
		}
		return fmt.Errorf("neo4j: %s: %w", op, ctxErr(err))
	case s.closed.Load():
		return fmt.Errorf("neo4j: %s: %w: %v", op, graph.ErrUnavailable, err)
	}
	return fmt.Errorf("neo4j: %s: %w: %v", op, classify(err), err)
}

func ctxErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return context.DeadlineExceeded
	}
	return context.Canceled
}

// classify picks the graph sentinel for a driver error.
func classify(err error) error {
	var (
		conn  *neo4j.ConnectivityError
		limit *neo4j.TransactionExecutionLimit
		auth  *neo4j.InvalidAuthenticationError
		usage *neo4j.UsageError
		n4j   *neo4j.Neo4jError
	)
	switch {
	case errors.As(err, &limit):
		// Retries ran out: unreachable if the last attempt could not
		// connect, otherwise the transaction kept losing to others.
		if len(limit.Errors) > 0 {
			if last := classify(limit.Errors[len(limit.Errors)-1]); last == graph.ErrUnavailable {
				return last
			}
		}
		return graph.ErrConflict
	case errors.As(err, &conn), errors.As(err, &auth):
		return graph.ErrUnavailable
	case errors.As(err, &n4j):
		switch {
		case n4j.IsAuthenticationFailed(), n4j.HasSecurityCode():
			return graph.ErrUnavailable
		case n4j.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return graph.ErrConflict
		case n4j.Code == "Neo.ClientError.Database.DatabaseNotFound",
			n4j.Code == "Neo.TransientError.General.DatabaseUnavailable",
			n4j.Code == "Neo.ClientError.Cluster.NotALeader":
			return graph.ErrUnavailable
		case n4j.Classification() == "TransientError":
			return graph.ErrConflict
		case n4j.Code == "Neo.ClientError.Statement.ParameterMissing",
			n4j.Code == "Neo.ClientError.Statement.SyntaxError",
			n4j.Code == "Neo.ClientError.Statement.TypeError":
			// Our own queries are wrong: report it as it is.
			return errInternal
		}
		return errInternal
	case errors.As(err, &usage):
		if strings.Contains(usage.Error(), "closed") {
			return graph.ErrUnavailable
		}
		return errInternal
	}
	return errInternal
}

// errInternal marks failures that no graph sentinel describes.
var errInternal = errors.New("server error")
