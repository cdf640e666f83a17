package allocbound_test

import (
	"testing"

	"github.com/kgproject/kg/internal/allocbound"
)

var sink []byte

func TestBytes(t *testing.T) {
	if got := allocbound.Bytes(func() { sink = make([]byte, 1<<20) }); got < 1<<20 || got > 1<<20+64<<10 {
		t.Errorf("Bytes of a 1 MiB allocation = %d", got)
	}
}

func TestCheck(t *testing.T) {
	b := allocbound.Bound{Base: 64 << 10, PerByte: 16}
	if got, want := b.Limit(1000), uint64(64<<10+16000); got != want {
		t.Errorf("Limit(1000) = %d, want %d", got, want)
	}
	for _, tt := range []struct {
		alloc, n int
		fail     bool
	}{
		{1 << 10, 0, false},
		{1 << 20, 0, true},
		{1 << 20, 1 << 16, false},
	} {
		ft := &fakeTB{TB: t}
		b.Check(ft, tt.n, func() { sink = make([]byte, tt.alloc) })
		if ft.failed != tt.fail {
			t.Errorf("Check of %d bytes for an input of %d: failed %v, want %v", tt.alloc, tt.n, ft.failed, tt.fail)
		}
	}
}

// fakeTB records a failure instead of failing the test.
type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }
