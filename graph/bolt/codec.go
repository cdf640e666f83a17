package bolt

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/kgproject/kg/graph"
)

// The binary encodings of keys and values. Numbers are unsigned varints
// unless said otherwise; strings are a length then their bytes.

// nid is a node's number, assigned when the node first appears; keys hold
// it as 4 big-endian bytes.
type nid uint32

func (n nid) bytes() []byte { return binary.BigEndian.AppendUint32(nil, uint32(n)) }

func nidOf(b []byte) nid { return nid(binary.BigEndian.Uint32(b)) }

// hashLen is the length of a relation's key: the 10 bytes of its ID's hash
// (graph.RelationID is "rel/" and their 20 hex digits).
const hashLen = 10

type relHash [hashLen]byte

const relPrefix = "rel/"

// hashOf returns the key of a relation ID made by graph.RelationID.
func hashOf(id string) (relHash, error) {
	var h relHash
	if len(id) != len(relPrefix)+2*hashLen || !strings.HasPrefix(id, relPrefix) {
		return h, fmt.Errorf("%w: relation id %q", graph.ErrInvalid, id)
	}
	if _, err := hex.Decode(h[:], []byte(id[len(relPrefix):])); err != nil {
		return h, fmt.Errorf("%w: relation id %q", graph.ErrInvalid, id)
	}
	return h, nil
}

func (h relHash) id() string { return relPrefix + hex.EncodeToString(h[:]) }

var errCorrupt = errors.New("corrupt value")

// decoder reads a value; the first failure sticks in err.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

// bytes returns the next length-prefixed bytes, pointing into the value.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if uint64(len(d.b)) < n {
		d.err = errCorrupt
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) str() string { return string(d.bytes()) }

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = errCorrupt
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// labelCode and the others give the one-byte codes of the model's closed
// vocabularies: their positions in graph.Labels, graph.RelTypes and
// graph.EventKinds (the kind's position plus one, 0 for none).
func labelCode(l graph.Label) byte {
	for i, x := range graph.Labels {
		if x == l {
			return byte(i)
		}
	}
	return 0xff
}

func typeCode(t graph.RelType) byte {
	for i, x := range graph.RelTypes {
		if x == t {
			return byte(i)
		}
	}
	return 0xff
}

func kindCode(k graph.EventKind) byte {
	for i, x := range graph.EventKinds {
		if x == k {
			return byte(i + 1)
		}
	}
	return 0
}

func labelOf(c byte) (graph.Label, error) {
	if int(c) >= len(graph.Labels) {
		return "", errCorrupt
	}
	return graph.Labels[c], nil
}

func typeOf(c byte) (graph.RelType, error) {
	if int(c) >= len(graph.RelTypes) {
		return "", errCorrupt
	}
	return graph.RelTypes[c], nil
}

// Node fields present in an encoded node.
const (
	fName = 1 << iota
	fAliases
	fTitle
	fKind
	fDate
	fEndDate
	fPartOfDay
	fSource
	fPublished
	fText    // the text itself follows
	fTextRef // the text is the node's own article's, kept in the texts bucket
	fURL
	fOutlet
	fAuthor
	fPage
	fScope
	fScopeBasis
)

// plainFields are the string fields of a node that follow its title and
// kind in an encoded node, in that order, with their flags. The text is
// among them: with fTextRef set it is left out, being in the texts bucket.
func plainFields(n *graph.Node) []struct {
	flag uint64
	v    *string
} {
	return []struct {
		flag uint64
		v    *string
	}{
		{fDate, &n.Date}, {fEndDate, &n.EndDate}, {fPartOfDay, &n.PartOfDay}, {fSource, &n.Source}, {fPublished, &n.Published},
		{fText, &n.Text}, {fURL, &n.URL}, {fOutlet, &n.Outlet}, {fAuthor, &n.Author}, {fPage, &n.Page},
		{fScope, &n.Scope}, {fScopeBasis, &n.ScopeBasis},
	}
}

// encodeNode encodes n: its label, its ID when withID (merged nodes; a
// part's node is known from its key), and its non-empty fields. textRef
// replaces the text with a reference to the texts bucket.
func encodeNode(n *graph.Node, withID, textRef bool) []byte {
	b := make([]byte, 0, 32+len(n.ID)+len(n.Name)+len(n.Title)+len(n.Source))
	b = append(b, labelCode(n.Label))
	if withID {
		b = appendStr(b, n.ID)
	}
	var flags uint64
	set := func(f uint64, v string) {
		if v != "" {
			flags |= f
		}
	}
	set(fName, n.Name)
	if len(n.Aliases) > 0 {
		flags |= fAliases
	}
	set(fTitle, n.Title)
	set(fKind, string(n.Kind))
	fields := plainFields(n)
	for _, f := range fields {
		set(f.flag, *f.v)
	}
	if textRef && flags&fText != 0 {
		flags ^= fText | fTextRef
	}
	b = binary.AppendUvarint(b, flags)
	if flags&fName != 0 {
		b = appendStr(b, n.Name)
	}
	if flags&fAliases != 0 {
		b = binary.AppendUvarint(b, uint64(len(n.Aliases)))
		for _, a := range n.Aliases {
			b = appendStr(b, a)
		}
	}
	if flags&fTitle != 0 {
		b = appendStr(b, n.Title)
	}
	if flags&fKind != 0 {
		b = append(b, kindCode(n.Kind))
	}
	for _, f := range fields {
		if flags&f.flag != 0 {
			b = appendStr(b, *f.v)
		}
	}
	return b
}

// decodeNode decodes what encodeNode wrote; ref reports a text left in the
// texts bucket (n.Text is then empty).
func decodeNode(raw []byte, withID bool) (n graph.Node, ref bool, err error) {
	d := decoder{b: raw}
	if n.Label, err = labelOf(d.byte()); err != nil && d.err == nil {
		return n, false, err
	}
	if withID {
		n.ID = d.str()
	}
	flags := d.uvarint()
	if flags&fName != 0 {
		n.Name = d.str()
	}
	if flags&fAliases != 0 {
		k := d.uvarint()
		if d.err == nil && k > uint64(len(d.b)) {
			return n, false, errCorrupt
		}
		n.Aliases = make([]string, 0, k)
		for range k {
			n.Aliases = append(n.Aliases, d.str())
		}
	}
	if flags&fTitle != 0 {
		n.Title = d.str()
	}
	if flags&fKind != 0 {
		c := d.byte()
		if c == 0 || int(c) > len(graph.EventKinds) {
			return n, false, errCorrupt
		}
		n.Kind = graph.EventKinds[c-1]
	}
	for _, f := range plainFields(&n) {
		if flags&f.flag != 0 {
			*f.v = d.str()
		}
	}
	if d.err != nil {
		return n, false, d.err
	}
	return n, flags&fTextRef != 0, nil
}

// encodeEvidence encodes an article's evidence for one relation. A
// sentence equal to the article's text between its offsets (the usual
// case) is left out and taken from the text when read, by the byte offsets
// of its ends, which follow; text is the article's text and offsets the
// byte offset of each of its code points, then len(text).
func encodeEvidence(ev []graph.Evidence, text string, offsets []int) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(ev)))
	for _, e := range ev {
		b = binary.AppendUvarint(b, uint64(e.Start))
		b = binary.AppendUvarint(b, uint64(e.End-e.Start))
		if len(text) > 0 && e.End < len(offsets) {
			if from, to := offsets[e.Start], offsets[e.End]; text[from:to] == e.Sentence {
				b = append(b, 0)
				b = binary.AppendUvarint(b, uint64(from))
				b = binary.AppendUvarint(b, uint64(to-from))
				continue
			}
		}
		b = binary.AppendUvarint(b, uint64(len(e.Sentence))+1)
		b = append(b, e.Sentence...)
	}
	return b
}

// runeOffsets returns the byte offset of each code point of s, then len(s).
func runeOffsets(s string) []int {
	out := make([]int, 0, len(s)/2+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// decodeEvidence appends to ev the evidence encodeEvidence wrote for the
// article articleID, taking left-out sentences from text.
func decodeEvidence(ev []graph.Evidence, raw []byte, articleID string, text *articleText) ([]graph.Evidence, error) {
	d := decoder{b: raw}
	k := d.uvarint()
	for i := uint64(0); i < k && d.err == nil; i++ {
		e := graph.Evidence{ArticleID: articleID}
		e.Start = int(d.uvarint())
		e.End = e.Start + int(d.uvarint())
		switch m := d.uvarint(); {
		case d.err != nil:
		case m == 0:
			from := d.uvarint()
			to := from + d.uvarint()
			if d.err != nil || to > uint64(len(text.text)) || from > to {
				return nil, errCorrupt
			}
			e.Sentence = text.text[from:to]
		default:
			if uint64(len(d.b)) < m-1 {
				return nil, errCorrupt
			}
			e.Sentence = string(d.b[:m-1])
			d.b = d.b[m-1:]
		}
		ev = append(ev, e)
	}
	return ev, d.err
}

// articleText is an article's ID and text.
type articleText struct {
	id   string
	text string
}

// encodeText is the value of an article in the texts bucket: its ID and
// its text.
func encodeText(id, text string) []byte {
	return append(appendStr(make([]byte, 0, len(id)+len(text)+4), id), text...)
}

func decodeText(raw []byte) (*articleText, error) {
	d := decoder{b: raw}
	id := d.str()
	if d.err != nil {
		return nil, d.err
	}
	return &articleText{id: id, text: string(d.b)}, nil
}

// header is a relation without its evidence.
type header struct {
	typ      graph.RelType
	from, to nid
	role     string
}

// Adjacency entries: key node (4) | direction (1) | type (1) | other end
// (4) | relation hash (10), value role | other end's ID. The other end comes
// before the hash so that a node's new entries, which mostly lead to new
// (higher-numbered) nodes, go at the end of its entries of their type
// rather than anywhere among them: a batch then changes one page of a
// much-mentioned node's entries, not one page per mention.
const (
	dirOut    = 0
	dirIn     = 1
	adjKeyLen = 4 + 1 + 1 + 4 + hashLen
)

func adjKey(n nid, dir byte, t graph.RelType, other nid, h relHash) []byte {
	return adjKeyCode(n, dir, typeCode(t), other, h)
}

func adjKeyCode(n nid, dir, typ byte, other nid, h relHash) []byte {
	k := make([]byte, 0, adjKeyLen)
	k = binary.BigEndian.AppendUint32(k, uint32(n))
	k = append(k, dir, typ)
	k = binary.BigEndian.AppendUint32(k, uint32(other))
	return append(k, h[:]...)
}

// outKey and inKey are the keys of the relation's adjacency entries.
func (x recordRel) outKey() []byte { return adjKeyCode(x.from, dirOut, x.typ, x.to, x.hash) }
func (x recordRel) inKey() []byte  { return adjKeyCode(x.to, dirIn, x.typ, x.from, x.hash) }

func adjValue(role, otherID string) []byte {
	v := make([]byte, 0, 1+len(role)+len(otherID))
	v = appendStr(v, role)
	return append(v, otherID...)
}

// edge is one adjacency entry, its byte slices pointing into the database.
type edge struct {
	dir     byte
	typ     byte
	hash    relHash
	other   nid
	role    []byte
	otherID []byte
}

func decodeEdge(k, v []byte) (edge, error) {
	if len(k) != adjKeyLen || len(v) < 1 {
		return edge{}, errCorrupt
	}
	e := edge{dir: k[4], typ: k[5], other: nidOf(k[6:])}
	copy(e.hash[:], k[10:])
	d := decoder{b: v}
	e.role = d.bytes()
	e.otherID = d.b
	return e, d.err
}

// record lists what one article supports, so that it can be retracted:
// the nodes it gives a part of and the relations it gives evidence for,
// with their types and ends (the keys of their adjacency entries).
type record struct {
	nodes []nid
	rels  []recordRel
}

type recordRel struct {
	hash     relHash
	typ      byte
	from, to nid
}

const recordRelLen = hashLen + 1 + 4 + 4

func encodeRecord(r *record) []byte {
	b := make([]byte, 0, 2+4*len(r.nodes)+recordRelLen*len(r.rels))
	b = binary.AppendUvarint(b, uint64(len(r.nodes)))
	for _, n := range r.nodes {
		b = binary.BigEndian.AppendUint32(b, uint32(n))
	}
	for _, x := range r.rels {
		b = append(b, x.hash[:]...)
		b = append(b, x.typ)
		b = binary.BigEndian.AppendUint32(b, uint32(x.from))
		b = binary.BigEndian.AppendUint32(b, uint32(x.to))
	}
	return b
}

func decodeRecord(raw []byte) (*record, error) {
	d := decoder{b: raw}
	k := d.uvarint()
	if d.err != nil || uint64(len(d.b)) < 4*k || (uint64(len(d.b))-4*k)%recordRelLen != 0 {
		return nil, errCorrupt
	}
	r := &record{}
	for i := uint64(0); i < k; i++ {
		r.nodes = append(r.nodes, nidOf(d.b[4*i:]))
	}
	rest := d.b[4*k:]
	for i := 0; i < len(rest); i += recordRelLen {
		x := recordRel{typ: rest[i+hashLen], from: nidOf(rest[i+hashLen+1:]), to: nidOf(rest[i+hashLen+5:])}
		copy(x.hash[:], rest[i:])
		r.rels = append(r.rels, x)
	}
	return r, nil
}
