// Package bolt is kg's embedded graph.Store, kept in one bbolt file
// (go.etcd.io/bbolt) inside a data directory.
//
// Every PutArticle and DeleteArticle is one bbolt update transaction, and
// PutArticles (graph.BatchWriter) one for a whole batch: the articles'
// previous contributions are retracted and the new ones applied, all or
// nothing, and committed with fsync unless Options.NoSync says otherwise.
// Each article's contribution is kept apart (the node as that article gave
// it, the evidence it gave for each relation), so that retraction is exact:
// merged nodes are recomputed from the parts that remain (or, when parts are
// only added, extended with them), and a relation's evidence is assembled
// from its articles' parts when read, so that a relation many articles
// support costs each write only its own part. Reads run in bbolt read
// transactions and go by index: adjacency entries for traversals, and
// label, name, character-pair, date, kind and page indexes for lookups.
//
// # Layout
//
// Nodes are numbered (nid, 4 big-endian bytes) when they first appear, so
// that keys stay short; relations are keyed by the 10 bytes their ID's hex
// digits stand for (hash), evidence after the relation's From node, type
// and To node so that the evidence of an article's own relations
// (MENTIONS, REPORTS: From is the new article) is appended rather than
// scattered over the tree, and so is that of a node's relations to new
// nodes. Values are compact binary encodings (codec.go).
//
//	ids       nodeID                              -> nid
//	nodes     nid                                 -> merged node
//	parts     nid articleID                       -> the node as that article gave it
//	texts     article's nid                       -> the article's ID and text
//	relparts  from nid type to nid hash article's nid -> the evidence that article gives
//	adj       nid direction type other nid hash   -> role, other end's ID
//	labels    label nodeID                        -> nid
//	keys      graph.SearchKey(name or alias) 0 nodeID -> nid
//	grams     character or pair of a key 0 nid    -> fewest pairs of a key holding it
//	dates     date nodeID                         -> nid
//	kinds     kind nodeID                         -> nid
//	pages     page (length-prefixed) articleID    -> nid, for the articles with a Page
//	articles  article's nid                       -> the nids it gives parts of, the hashes, types and ends of the relations it supports
//	meta      "format"                            -> the layout's version, FormatVersion
//	          "nodes", "relations"                -> how many the graph holds (8 big-endian bytes)
//
// An article's text is kept once, in texts: its node and its part refer to
// it, and evidence leaves out a sentence that is the text between its
// offsets. Label, type and kind are one-byte codes (positions in
// graph.Labels, graph.RelTypes, graph.EventKinds). Node IDs must not
// contain a 0 byte.
package bolt

import (
	"context"
	"encoding/binary"
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

var (
	_ graph.Store   = (*Store)(nil)
	_ graph.Counter = (*Store)(nil)
)

var bucketNames = [][]byte{
	bIDs, bNodes, bParts, bTexts, bRelParts, bAdj, bLabels, bKeys, bGrams, bDates, bKinds, bPages, bArticles, bMeta,
}

var (
	bIDs      = []byte("ids")
	bNodes    = []byte("nodes")
	bParts    = []byte("parts")
	bTexts    = []byte("texts")
	bRelParts = []byte("relparts")
	bAdj      = []byte("adj")
	bLabels   = []byte("labels")
	bKeys     = []byte("keys")
	bGrams    = []byte("grams")
	bDates    = []byte("dates")
	bKinds    = []byte("kinds")
	bPages    = []byte("pages")
	bArticles = []byte("articles")
	bMeta     = []byte("meta")
)

// FormatVersion is the version of the database layout this package writes
// and reads. Open refuses a database of another version, asking for the
// articles to be ingested again: version 1 kept JSON values and string keys,
// version 2 adjacency and evidence keys without the other end, version 3
// neither the pages index nor the counts of nodes and relations.
const FormatVersion = "4"

var formatKey = []byte("format")

// The keys of the counts of nodes and relations in the meta bucket, which
// every write transaction keeps up to date so that Counts reads two keys.
var (
	countNodesKey = []byte("nodes")
	countRelsKey  = []byte("relations")
)

// readCount returns the count kept under key in the meta bucket, 0 when
// there is none yet.
func readCount(meta *bbolt.Bucket, key []byte) uint64 {
	v := meta.Get(key)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

// initialMmapSize is the address space Open maps for the database at first:
// 1 GiB where addresses are 64 bits wide.
const initialMmapSize = 1 << (20 + 10*(^uint(0)>>63))

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
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{
		Timeout: timeout, NoSync: opts.NoSync,
		// Mapping address space ahead spares a growing database the
		// remapping (and copying of a batch's dirty nodes) at each doubling;
		// only the pages touched take memory.
		InitialMmapSize: initialMmapSize,
		FreelistType:    bbolt.FreelistMapType,
	})
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
