// Package allocbound checks that code allocates memory in proportion to
// its input, the fuzz targets' "bounded memory" (docs/RELIABILITY.md).
package allocbound

import (
	"runtime"
	"testing"
)

// Bytes returns the bytes the process allocates on the heap while f runs
// (runtime.MemStats.TotalAlloc): f's allocations when nothing else runs
// meanwhile, as in a fuzz target, which handles one input at a time.
// Memory freed and allocated again counts twice, so the peak heap f needs
// is at most this.
func Bytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Bound is a memory budget linear in the size of an input: Base bytes,
// plus PerByte for each byte of input.
type Bound struct {
	Base, PerByte uint64
}

// Limit returns the budget for an input of n bytes.
func (b Bound) Limit(n int) uint64 {
	return b.Base + b.PerByte*uint64(max(n, 0))
}

// Check runs f, which handles an input of n bytes, and fails tb when f
// allocates more than the budget for n.
func (b Bound) Check(tb testing.TB, n int, f func()) {
	tb.Helper()
	if got, limit := Bytes(f), b.Limit(n); got > limit {
		tb.Fatalf("allocated %d bytes for an input of %d bytes, more than the bound of %d (%d + %d per byte)", got, n, limit, b.Base, b.PerByte)
	}
}
