package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgproject/kg/ingest"
	"github.com/kgproject/kg/internal/allocbound"
)

// pageBound bounds the memory reading a page and extracting its facts may
// allocate: 2 MiB (a JSON lines scanner's 1 MiB buffer and the runtime's
// noise) plus 1 KiB per byte of input. Real pages take about 400 bytes per
// byte, whatever their length (TestPagesMemoryBound); allocations that grow
// faster than the page (a copy of the whole sentence for each of its
// relations, say, where evidence keeps offsets) exceed the bound once the
// input is long.
var pageBound = allocbound.Bound{Base: 2 << 20, PerByte: 1 << 10}

// readFacts reads data and extracts the facts of its articles, failing t
// on facts that fail validation.
func readFacts(t testing.TB, p *ingest.Pipeline, data []byte, jsonl bool) {
	_ = p.ReadFrom(context.Background(), bytes.NewReader(data), "fuzz.md", jsonl, func(a *ingest.Article) error {
		if _, err := p.Facts(a); err != nil {
			t.Fatalf("facts of %q: %v", a.Text, err)
		}
		return nil
	})
}

// warmUp reads a page once, so that what the pipeline builds on first use
// is not counted against the first input measured.
func warmUp(t testing.TB, p *ingest.Pipeline) {
	readFacts(t, p, []byte("# 甲\n\n3月2日上午，县长王立新主持召开县政府常务会议。"), false)
	readFacts(t, p, []byte(`{"id": "a", "text": "县长王立新主持会议。"}`), true)
}

// FuzzFacts checks that no page makes the pipeline panic, produce facts
// that fail validation or allocate more memory than pageBound allows.
func FuzzFacts(f *testing.F) {
	f.Add([]byte("# 甲\n\n**本报讯（记者 陈思远）**3月2日上午，县委副书记、县长王立新主持召开县政府常务会议。"))
	f.Add([]byte("# 乙\n\n□记者 王晓明\n\n18日，副县长周立群、吴晓燕出席“百企兴百村”行动推进会，县发改委、财政局负责同志汇报。随后，周立群主持召开座谈会。"))
	f.Add([]byte("2024年1月3日 星期三\n# 丙\n（记者 何静）\n日前，"))
	p := pipeline(f, &ingest.Options{Year: 2026})
	warmUp(f, p)
	f.Fuzz(func(t *testing.T, data []byte) {
		pageBound.Check(t, len(data), func() {
			_ = p.ReadFrom(context.Background(), bytes.NewReader(data), "fuzz.md", false, func(a *ingest.Article) error {
				if _, err := p.Facts(a); err != nil {
					t.Fatalf("facts of %q: %v", a.Text, err)
				}
				p.Extract(a)
				return nil
			})
		})
	})
}

// FuzzRead checks that any bytes, as a page or as JSON lines, are read or
// rejected without a panic and within pageBound.
func FuzzRead(f *testing.F) {
	f.Add([]byte("# 甲\r\n\xef\xbb\xbf正文"), false)
	f.Add([]byte(`{"id": "a", "text": "县长王立新主持会议。"}`+"\n{bad"), true)
	f.Add([]byte{0xff, 0xfe, '#', 0, ' ', 0}, false)
	p := pipeline(f, &ingest.Options{Year: 2026})
	warmUp(f, p)
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		pageBound.Check(t, len(data), func() { readFacts(t, p, data, jsonl) })
	})
}

// TestPagesMemoryBound holds real pages, and the same pages three times
// over, to the fuzz targets' bound: reading and extracting allocate in
// proportion to the page.
func TestPagesMemoryBound(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "dev-0*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pages in testdata: %v", err)
	}
	p := pipeline(t, &ingest.Options{Year: 2026})
	warmUp(t, p)
	for _, file := range files {
		page, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, data := range [][]byte{page, bytes.Repeat(page, 3)} {
			pageBound.Check(t, len(data), func() { readFacts(t, p, data, false) })
		}
	}
}
