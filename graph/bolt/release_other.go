//go:build !linux

package bolt

import bbolt "go.etcd.io/bbolt"

// release does nothing where madvise is not used.
func release(db *bbolt.DB) {}
