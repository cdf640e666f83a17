// Package bolt is kg's embedded graph.Store, kept in one bbolt file
// (go.etcd.io/bbolt) inside a data directory.
//
// Every PutArticle and DeleteArticle is one bbolt update transaction: the
// article's previous contribution is retracted and the new one applied, all
// or nothing, and committed with fsync unless Options.NoSync says otherwise.
// Each article's contribution is kept apart (the node as that article gave
// it, the evidence it gave for each relation), so that retraction is exact:
// merged nodes are recomputed from the parts that remain, and a relation's
// evidence is assembled from its articles' parts when read, so that a
// relation many articles support costs each write only its own part. Reads
// run in bbolt read transactions and go by index: adjacency lists for
// traversals, and label, name, character-pair, date and kind indexes for
// lookups.
//
// # Layout
//
// All keys join their parts with a 0 byte, so IDs must not contain one.
//
//	nodes     nodeID                     -> merged node (JSON)
//	parts     nodeID 0 articleID         -> the node as that article gave it
//	rels      relID                      -> the relation's type, ends and role
//	relparts  relID 0 articleID          -> the evidence that article gives, sorted
//	out       fromID 0 type 0 relID      -> toID
//	in        toID 0 type 0 relID        -> fromID
//	labels    label 0 nodeID
//	keys      graph.SearchKey(name or alias) 0 nodeID
//	grams     character or pair of a key 0 nodeID -> fewest pairs of a key holding it
//	dates     date 0 nodeID
//	kinds     kind 0 nodeID
//	articles  articleID                  -> the node and relation IDs it supports
//	meta      "format"                   -> the layout's version, FormatVersion
//
// Values are JSON.
package bolt

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	bbolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/kgproject/kg/graph"
)

// FileName is the name of the database file inside the data directory.
const FileName = "kg.db"

// DefaultTimeout is how long Open waits for the database's file lock when
// Options.Timeout is zero.
const DefaultTimeout = time.Second

// Options configure Open. A nil *Options means the defaults.
type Options struct {
	// Timeout is how long Open waits for the file lock that another
	// process (or another open Store) holds; zero means DefaultTimeout.
	Timeout time.Duration
	// NoSync skips fsync at commit. It is for benchmarks and bulk loads that
	// can be redone: a crash may then lose or corrupt recent writes.
	NoSync bool
}

// Store is a graph.Store kept in a bbolt database. It is safe for
// concurrent use; writes are serialised by bbolt.
type Store struct {
	db     *bbolt.DB
	path   string
	closed atomic.Bool
}

var _ graph.Store = (*Store)(nil)

var bucketNames = [][]byte{
	bNodes, bParts, bRels, bRelParts, bOut, bIn, bLabels, bKeys, bGrams, bDates, bKinds, bArticles, bMeta,
}

var (
	bNodes    = []byte("nodes")
	bParts    = []byte("parts")
	bRels     = []byte("rels")
	bRelParts = []byte("relparts")
	bOut      = []byte("out")
	bIn       = []byte("in")
	bLabels   = []byte("labels")
	bKeys     = []byte("keys")
	bGrams    = []byte("grams")
	bDates    = []byte("dates")
	bKinds    = []byte("kinds")
	bArticles = []byte("articles")
	bMeta     = []byte("meta")
)

// FormatVersion is the version of the database layout this package writes
// and reads. Open refuses a database of another version.
const FormatVersion = "1"

var formatKey = []byte("format")

// Open opens the store in dir, creating the directory (mode 0700) and the
// database file dir/kg.db when missing. It fails with an error wrapping
// graph.ErrUnavailable when another process holds the database and the lock
// is not released within opts.Timeout, and refuses a database whose layout
// is not FormatVersion.
func Open(dir string, opts *Options) (*Store, error) {
	if opts == nil {
		opts = &Options{}
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("bolt: open %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: timeout, NoSync: opts.NoSync})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("bolt: open %s: still locked by another process after %v: %w", path, timeout, graph.ErrUnavailable)
	}
	if err != nil {
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	if err := db.Update(initialise); err != nil {
		db.Close()
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// initialise creates the buckets of a new database and checks the layout
// version of an existing one.
func initialise(tx *bbolt.Tx) error {
	if meta := tx.Bucket(bMeta); meta != nil {
		if v := string(meta.Get(formatKey)); v != FormatVersion {
			return fmt.Errorf("database format %q, want %q: ingest the articles again into a new data directory", v, FormatVersion)
		}
		return nil
	}
	if tx.Bucket(bNodes) != nil {
		return fmt.Errorf("database written by an earlier kg (no format version): ingest the articles again into a new data directory")
	}
	for _, name := range bucketNames {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return tx.Bucket(bMeta).Put(formatKey, []byte(FormatVersion))
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database, waiting for running transactions. Every call
// after the first, to Close or any other method, fails with an error
// wrapping graph.ErrUnavailable.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return fmt.Errorf("bolt: close: %w", graph.ErrUnavailable)
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("bolt: close %s: %w", s.path, err)
	}
	return nil
}

// begin checks the store is open and ctx alive before a transaction.
func (s *Store) begin(ctx context.Context) error {
	if s.closed.Load() {
		return graph.ErrUnavailable
	}
	return ctx.Err()
}

// view runs fn in a read transaction and wraps its error with op.
func (s *Store) view(ctx context.Context, op string, fn func(tx *bbolt.Tx) error) error {
	if err := s.begin(ctx); err != nil {
		return fmt.Errorf("bolt: %s: %w", op, err)
	}
	return wrap(op, s.db.View(fn))
}

// update runs fn in a write transaction, rolling back when ctx ends before
// the commit, and wraps its error with op.
func (s *Store) update(ctx context.Context, op string, fn func(tx *bbolt.Tx) error) error {
	if err := s.begin(ctx); err != nil {
		return fmt.Errorf("bolt: %s: %w", op, err)
	}
	return wrap(op, s.db.Update(func(tx *bbolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return ctx.Err()
	}))
}

func wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return fmt.Errorf("bolt: %s: %w", op, graph.ErrUnavailable)
	default:
		return fmt.Errorf("bolt: %s: %w", op, err)
	}
}
