package bolt

import (
	"bytes"
	"os"
	"strconv"
	"syscall"

	bbolt "go.etcd.io/bbolt"
)

// releaseAbove is the resident size of the process's file mappings from
// which release acts.
const releaseAbove = 256 << 20

// release drops the database's mapped pages from the process's memory
// once those resident are many. bbolt maps the file read-only and writes
// it with pwrite, so the mapped pages are clean copies of the file:
// dropping them (MADV_DONTNEED) loses nothing, the next read faults them
// in again from the page cache, and the resident size of a long bulk load
// stays bounded rather than growing with the whole database. Acting only
// above the bound, rather than after every batch, spares faulting the
// pages a batch works on in again each time. It runs inside a read
// transaction, so that bbolt cannot remap meanwhile.
func release(db *bbolt.DB) {
	if mappedResident() < releaseAbove {
		return
	}
	db.View(func(tx *bbolt.Tx) error {
		syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
		return nil
	})
}

// mappedResident returns the bytes of the process's file mappings that
// are resident (the third field of /proc/self/statm, in pages), or a
// size above releaseAbove when it cannot tell.
func mappedResident() int {
	raw, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return releaseAbove
	}
	f := bytes.Fields(raw)
	if len(f) < 3 {
		return releaseAbove
	}
	pages, err := strconv.Atoi(string(f[2]))
	if err != nil {
		return releaseAbove
	}
	return pages * os.Getpagesize()
}
