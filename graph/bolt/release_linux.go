package bolt

import (
	"syscall"

	bbolt "go.etcd.io/bbolt"
)

// releaseAbove is the database size from which release acts.
const releaseAbove = 256 << 20

// release drops the database's mapped pages from the process's memory
// once the database is large. bbolt maps the file read-only and writes it
// with pwrite, so the mapped pages are clean copies of the file: dropping
// them (MADV_DONTNEED) loses nothing, the next read faults them in again
// from the page cache, and the resident size of a long bulk load stays
// that of the pages it is working on rather than of the whole database. It
// runs inside a read transaction, so that bbolt cannot remap meanwhile.
func release(db *bbolt.DB) {
	db.View(func(tx *bbolt.Tx) error {
		if size := tx.Size(); size >= releaseAbove {
			syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(size), syscall.MADV_DONTNEED)
		}
		return nil
	})
}
