package ner

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Model is a trained tagging model: quantised per-feature weights for every
// tag, looked up by feature hash, and tag-transition weights.
type Model struct {
	scale   float32 // weight = int8 value / scale
	trans   [numTags][numTags]float32
	keys    []uint32 // sorted feature hashes
	weights []int8   // numTags per key
	// table is an open-addressing hash table over keys: a slot holds
	// key<<32 | position+1, 0 when empty; keys are hashes already, so
	// their low bits pick the slot.
	table []uint64
	mask  uint32
	// static holds the summed weights of the features whose values come
	// from small sets (bias, classes, dictionary bits, reach), looked up
	// once at load instead of at every position.
	static *staticWeights
}

var modelMagic = [8]byte{'K', 'G', 'N', 'E', 'R', 0, 1, 0}

// ErrBadModel is returned when model data is not a model this package wrote.
var ErrBadModel = errors.New("ner: bad model data")

// Features returns the number of features the model keeps.
func (m *Model) Features() int { return len(m.keys) }

// WriteTo writes the model in its binary form. It returns the number of
// bytes written and any error from w.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.Write(modelMagic[:])
	le := binary.LittleEndian
	var b4 [4]byte
	put := func(v uint32) { le.PutUint32(b4[:], v); buf.Write(b4[:]) }
	put(uint32(numTags))
	put(uint32(len(m.keys)))
	put(math.Float32bits(m.scale))
	for a := 0; a < numTags; a++ {
		for b := 0; b < numTags; b++ {
			put(math.Float32bits(m.trans[a][b]))
		}
	}
	for _, k := range m.keys {
		put(k)
	}
	for _, v := range m.weights {
		buf.WriteByte(byte(v))
	}
	n, err := w.Write(buf.Bytes())
	if err != nil {
		return int64(n), fmt.Errorf("ner: write model: %w", err)
	}
	return int64(n), nil
}

// LoadModel reads a model written by WriteTo. The model keeps a reference
// to data's weights, so data must not change afterwards. It returns an
// error wrapping ErrBadModel if data is not a model.
func LoadModel(data []byte) (*Model, error) {
	le := binary.LittleEndian
	hdr := len(modelMagic) + 12 + 4*numTags*numTags
	if len(data) < hdr || !bytes.Equal(data[:8], modelMagic[:]) {
		return nil, fmt.Errorf("%w: missing header", ErrBadModel)
	}
	p := data[8:]
	if nt := int(le.Uint32(p)); nt != numTags {
		return nil, fmt.Errorf("%w: %d tags, want %d", ErrBadModel, nt, numTags)
	}
	nf := int(le.Uint32(p[4:]))
	m := &Model{scale: math.Float32frombits(le.Uint32(p[8:]))}
	p = p[12:]
	if len(p) != 4*numTags*numTags+nf*(4+numTags) {
		return nil, fmt.Errorf("%w: size %d does not match %d features", ErrBadModel, len(data), nf)
	}
	for a := 0; a < numTags; a++ {
		for b := 0; b < numTags; b++ {
			m.trans[a][b] = math.Float32frombits(le.Uint32(p))
			p = p[4:]
		}
	}
	m.keys = make([]uint32, nf)
	for i := range m.keys {
		m.keys[i] = le.Uint32(p[4*i:])
		if i > 0 && m.keys[i] <= m.keys[i-1] {
			return nil, fmt.Errorf("%w: keys not sorted", ErrBadModel)
		}
	}
	raw := p[4*nf:]
	m.weights = make([]int8, 0)
	if nf > 0 {
		// Reinterpret without copying: int8 and byte share a layout.
		m.weights = bytesAsInt8(raw)
	}
	m.buildIndex()
	return m, nil
}

// buildIndex builds the lookup table of m's keys, at most two thirds full.
func (m *Model) buildIndex() {
	size := 1024
	for size < len(m.keys)*3/2 {
		size *= 2
	}
	m.table = make([]uint64, size)
	m.mask = uint32(size - 1)
	for i, k := range m.keys {
		h := k & m.mask
		for m.table[h] != 0 {
			h = (h + 1) & m.mask
		}
		m.table[h] = uint64(k)<<32 | uint64(i+1)
	}
	m.static = m.staticWeights()
}

// lookup returns the position of key in m.keys, or -1.
func (m *Model) lookup(key uint32) int {
	for h := key & m.mask; ; h = (h + 1) & m.mask {
		e := m.table[h]
		if e == 0 {
			return -1
		}
		if uint32(e>>32) == key {
			return int(uint32(e)) - 1
		}
	}
}

// emissions fills em (numTags per position) from the features of s.
func (m *Model) emissions(s *sentence, n int, em []float32, buf []uint32) []uint32 {
	var acc [numTags]int32
	for i := 0; i < n; i++ {
		buf = s.appendCharFeatures(buf[:0], i)
		acc = [numTags]int32{}
		m.static.add(&acc, s, i)
		for _, k := range buf {
			j := m.lookup(k)
			if j < 0 {
				continue
			}
			w := m.weights[j*numTags : j*numTags+numTags]
			for t := range acc {
				acc[t] += int32(w[t])
			}
		}
		row := em[i*numTags : (i+1)*numTags]
		for t := range acc {
			row[t] = float32(acc[t]) / m.scale
		}
	}
	return buf
}
