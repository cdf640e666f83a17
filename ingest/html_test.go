package ingest

// An internal test: readHTML's meta is not part of the package's API.

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/kgproject/kg/internal/allocbound"
)

// furnitureWords are what navigation, breadcrumbs, share bars, counters,
// print links, font-size switchers and footers say; no body holds them.
var furnitureWords = []string{"首页", "新闻中心", "当前位置", "分享到", "浏览次数", "阅读量", "打印", "关闭窗口", "字号", "主办", "版权所有", "ICP备", "公网安备", "上一篇", "第A01版", "相关新闻", "发布时间", "来源：", "作者"}

func TestReadHTMLPages(t *testing.T) {
	for _, tc := range []struct {
		file  string
		want  meta
		first string // the body's first paragraph
	}{
		{"county.html", meta{Title: "县委常委会召开会议 研究部署防汛备汛工作", Published: "2025-06-12", Outlet: "青溪县融媒体中心", Author: "陈晓东"},
			"6月11日下午，县委书记王建国主持召开县委常委会会议，传达学习全省防汛工作电视电话会议精神，研究部署我县防汛备汛工作。"},
		{"city.html", meta{Title: "市政府召开第36次常务会议", Published: "2025-03-18", URL: "https://www.linjiang.gov.cn/zwyw/202503/t20250318_5521.html", Outlet: "临江日报", Author: "周敏"},
			"3月17日上午，市长赵立群主持召开市政府第36次常务会议，研究一季度经济运行、城市更新项目推进等工作。"},
		{"epaper.html", meta{Title: "全县乡村振兴工作推进会召开", Published: "2025-06-12", Outlet: "琮州日报", Author: "李明、赵小红"},
			"本报讯 6月11日上午，全县乡村振兴工作推进会召开。县委副书记、县长孙伟出席会议并讲话，副县长吴晓燕主持会议。"},
		{"wordpress.html", meta{Title: "柳溪镇召开人居环境整治推进会", Published: "2025-05-20", URL: "https://liuxi.example.cn/2025/05/20/renju/", Outlet: "柳溪发布", Author: "何静"},
			"5月19日下午，柳溪镇召开农村人居环境整治推进会，镇党委书记马文涛出席会议并讲话，镇长钱宇主持会议。"},
		{"minimal.html", meta{Title: "县人大常委会召开主任会议", Published: "2025-04-03"},
			"4月2日上午，县人大常委会主任杨光明主持召开主任会议。"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			m, body := readHTMLFile(t, tc.file)
			// the outlet of the source line stays, on a line of its own:
			// it is an organisation of the article (CONVENTIONS 2.3)
			body = strings.TrimPrefix(body, "来源："+m.Outlet+"\n")
			if m != tc.want {
				t.Errorf("meta = %+v\nwant   %+v", m, tc.want)
			}
			if got, _, _ := strings.Cut(body, "\n"); got != tc.first {
				t.Errorf("first paragraph = %q, want %q", got, tc.first)
			}
			for _, w := range furnitureWords {
				if strings.Contains(body, w) {
					t.Errorf("body holds %q:\n%s", w, body)
				}
			}
			for _, ln := range strings.Split(body, "\n") {
				if ln == m.Title || ln == "" {
					t.Errorf("body line %q:\n%s", ln, body)
				}
			}
		})
	}
}

func readHTMLFile(t *testing.T, name string) (meta, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	m, body, err := readHTML(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return m, body
}

// TestReadHTMLFallback checks that the minimal page is one readability
// finds nothing in, so that the walker reads it.
func TestReadHTMLFallback(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "html", "minimal.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var m meta
	if got := readableLines(doc, &m); got != nil {
		t.Errorf("readability read %q from the minimal page", got)
	}
}

// TestReadHTMLBlocks checks that block elements end lines, inline ones do
// not, and a counter never runs into the date that follows it.
func TestReadHTMLBlocks(t *testing.T) {
	for _, tc := range []struct{ page, want string }{
		{`<div>浏览次数：123</div><div>6月11日下午，县长王立新主持召开县政府常务会议，研究部署安全生产工作。</div>`,
			"6月11日下午，县长王立新主持召开县政府常务会议，研究部署安全生产工作。"},
		{`<p>6月11日下午，县长<a href="/p">王立新</a>主持召开<span>县政府</span><strong>常务会议</strong>。</p><p>会议强调，要抓好<font>春耕</font>。</p>`,
			"6月11日下午，县长王立新主持召开县政府常务会议。\n会议强调，要抓好春耕。"},
		{`<table><tr><td>6月11日</td><td>县长王立新主持会议。</td></tr></table>一行<br>二行<ul><li>甲项工作。</li><li>乙项工作。</li></ul><h2>小标题</h2><section>节。</section>`,
			"6月11日\n县长王立新主持会议。\n一行\n二行\n甲项工作。\n乙项工作。\n小标题\n节。"},
		{"<p>县委书记王建国\n  主持召开会议。</p>", "县委书记王建国主持召开会议。"},
	} {
		m, body, err := readHTML("<html><head><title>标题</title></head><body>" + tc.page + "</body></html>")
		if err != nil {
			t.Fatal(err)
		}
		if body != tc.want {
			t.Errorf("body of %s\n= %q\nwant %q", tc.page, body, tc.want)
		}
		if m.Title != "标题" {
			t.Errorf("Title = %q", m.Title)
		}
	}
}

func TestInfoFields(t *testing.T) {
	for _, tc := range []struct {
		line string
		want meta
		ok   bool
	}{
		{"发布时间：2025-06-12 10:30　来源：X县融媒体中心　作者：张三　浏览次数：123", meta{Published: "2025-06-12", Outlet: "X县融媒体中心", Author: "张三"}, true},
		{"发布日期：2025/06/12　信息来源：县政府办", meta{Published: "2025-06-12", Outlet: "县政府办"}, true},
		{"时间：2025.06.12　稿源：琮州日报　责任编辑：李四", meta{Published: "2025-06-12", Outlet: "琮州日报"}, true},
		{"【来源：县委宣传部】【发布时间：2025年6月12日】", meta{Published: "2025-06-12", Outlet: "县委宣传部"}, true},
		{"编辑：王五　发布时间：２０２５年６月１２日", meta{Published: "2025-06-12"}, true},
		{"发布时间:2025-06-12 来源:青川新闻网 发布单位:青川工业园区", meta{Published: "2025-06-12", Outlet: "青川新闻网"}, true}, // a label it does not know ends the source
		{"时间：6月12日上午9时", meta{}, false},                              // a notice's line, not the page's
		{"时间:2025-06-12", meta{Published: "2025-06-12"}, true},       // the page's date alone
		{"日期：2025年6月12日 09:30", meta{Published: "2025-06-12"}, true}, // the page's date and hour alone
		{"时间：2025年6月12日上午9时", meta{}, false},                         // a notice's hour
		{"发布时间：2025-06-12。会议强调，要抓好春耕。", meta{}, false},               // a sentence
		{"6月11日下午，县委书记王建国主持召开会议。来源：县委办", meta{}, false},              // the label is not first
	} {
		got, ok := infoFields(tc.line)
		if got != tc.want || ok != tc.ok {
			t.Errorf("infoFields(%q) = %+v, %v; want %+v, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}

// TestReadHTMLSiteH1 checks that an h1 naming the site, outside any
// furniture, is not taken for the title.
func TestReadHTMLSiteH1(t *testing.T) {
	m, body, err := readHTML(`<html><head><title>县政府召开常务会议_青溪县人民政府</title></head><body><div class="top"><h1>青溪县人民政府</h1></div><p>6月11日下午，县长刘海平主持召开县政府常务会议，研究部署安全生产工作。</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Title, "县政府召开常务会议"; got != want {
		t.Errorf("Title = %q, want %q (body %q)", got, want, body)
	}
}

func TestTitleOfTitle(t *testing.T) {
	for in, want := range map[string]string{
		"县委常委会召开会议_县区动态_青溪县人民政府": "县委常委会召开会议",
		"市政府召开常务会议 - 临江市人民政府":    "市政府召开常务会议",
		"柳溪镇召开推进会 | 柳溪发布":        "柳溪镇召开推进会",
		"县政府召开常务会议":              "县政府召开常务会议",
	} {
		if got := titleOfTitle(in); got != want {
			t.Errorf("titleOfTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadHTMLPipeline reads the county page through the pipeline: its
// title and text, no furniture organisation, a dated event.
func TestReadHTMLPipeline(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "html", "county.html"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPipeline(&Options{RulesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var arts []*Article
	if err := p.ReadFrom(context.Background(), bytes.NewReader(data), "county.html", false, func(a *Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 {
		t.Fatalf("read %d articles, want 1", len(arts))
	}
	a := arts[0]
	if got, want := a.Title, "县委常委会召开会议 研究部署防汛备汛工作"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if !strings.HasPrefix(a.Text, "来源：青溪县融媒体中心\n6月11日下午，县委书记王建国主持召开县委常委会会议") || strings.Contains(a.Text, "1236月") {
		t.Errorf("Text = %q", a.Text)
	}
	if a.Published != "2025-06-12" || a.Outlet != "青溪县融媒体中心" || a.Year != 2025 || a.ID != "article/青溪县融媒体中心/2025-06-12/县委常委会召开会议_研究部署防汛备汛工作" {
		t.Errorf("article %s: published %q, outlet %q, year %d", a.ID, a.Published, a.Outlet, a.Year)
	}
	ex := p.Extract(a)
	for _, mn := range ex.Mentions {
		if mn.Type == "Organisation" && (mn.Text == "新闻中心" || strings.Contains(mn.Text, "办公室")) {
			t.Errorf("furniture organisation %+v", mn)
		}
	}
	dated := false
	for _, e := range ex.Events {
		dated = dated || strings.HasSuffix(e.Date, "-06-11")
	}
	if !dated {
		t.Errorf("no event dated 6月11日 in %+v", ex.Events)
	}
}

// FuzzReadHTML checks that any page read as HTML is read or rejected
// without a panic, with a body free of empty lines, within a memory bound
// linear in its size, as FuzzRead does for the other formats.
func FuzzReadHTML(f *testing.F) {
	for _, name := range []string{"county.html", "minimal.html", "epaper.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", "html", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(strings.Repeat("<div>", 2000) + "发布时间：2025-06-12"))
	bound := allocbound.Bound{Base: 2 << 20, PerByte: 1 << 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		bound.Check(t, len(data), func() {
			_, body, err := readHTML(string(data))
			if err == nil && strings.Contains(body, "\n\n") {
				t.Fatalf("empty line in %q", body)
			}
		})
	})
}
