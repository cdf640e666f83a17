package gqlexec

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestWriteString: WriteString writes what encoding/json writes without
// HTML escaping.
func TestWriteString(t *testing.T) {
	cases := []string{"", "plain", "高新区（示范区）党工委", `quote " back \ slash`, "<a href='x'>&</a>",
		"\b\f\n\r\t\x00\x1f\x7f", "line\u2028para\u2029", "bad \xff\xfe utf-8 \xe4\xb8", "𠀀 beyond the BMP"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		WriteString(&got, s)
		if got.String() != string(bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
			t.Errorf("WriteString(%q) = %s, want %s", s, got.Bytes(), want.Bytes())
		}
	}
}
