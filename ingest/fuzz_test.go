package ingest_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/kgproject/kg/ingest"
)

// FuzzFacts checks that no page makes the pipeline panic or produce facts
// that fail validation.
func FuzzFacts(f *testing.F) {
	f.Add([]byte("# 甲\n\n**本报讯（记者 陈思远）**3月2日上午，县委副书记、县长王立新主持召开县政府常务会议。"))
	f.Add([]byte("# 乙\n\n□记者 王晓明\n\n18日，副县长周立群、吴晓燕出席“百企兴百村”行动推进会，县发改委、财政局负责同志汇报。随后，周立群主持召开座谈会。"))
	f.Add([]byte("2024年1月3日 星期三\n# 丙\n（记者 何静）\n日前，"))
	p := pipeline(f, &ingest.Options{Year: 2026})
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = p.ReadFrom(context.Background(), bytes.NewReader(data), "fuzz.md", false, func(a *ingest.Article) error {
			if _, err := p.Facts(a); err != nil {
				t.Fatalf("facts of %q: %v", a.Text, err)
			}
			p.Extract(a)
			return nil
		})
	})
}

// FuzzRead checks that any bytes, as a page or as JSON lines, are read or
// rejected without a panic.
func FuzzRead(f *testing.F) {
	f.Add([]byte("# 甲\r\n\xef\xbb\xbf正文"), false)
	f.Add([]byte(`{"id": "a", "text": "县长王立新主持会议。"}`+"\n{bad"), true)
	f.Add([]byte{0xff, 0xfe, '#', 0, ' ', 0}, false)
	p := pipeline(f, &ingest.Options{Year: 2026})
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		_ = p.ReadFrom(context.Background(), bytes.NewReader(data), "fuzz", jsonl, func(a *ingest.Article) error {
			if _, err := p.Facts(a); err != nil {
				t.Fatalf("facts of %q: %v", a.Text, err)
			}
			return nil
		})
	})
}
