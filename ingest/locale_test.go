package ingest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
)

// nodesOf returns the nodes (the articles' included) that the articles of
// a page give, by ID.
func nodesOf(t *testing.T, page string) map[string]graph.Node {
	t.Helper()
	p := pipeline(t, &ingest.Options{Year: 2026})
	out := map[string]graph.Node{}
	err := p.ReadFrom(context.Background(), strings.NewReader(page), "test.md", false, func(a *ingest.Article) error {
		f, err := p.Facts(a)
		if err != nil {
			return err
		}
		out[f.Article.ID] = f.Article
		for _, n := range f.Nodes {
			out[n.ID] = n
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestIdentityRules checks each identity rule (locale.go) on invented
// articles: which IDs a page gives and which it must not.
func TestIdentityRules(t *testing.T) {
	cases := []struct {
		name      string
		page      string
		want, not []string
	}{
		{"a dateline resolves the county's bodies and posts",
			"# 青禾县召开春耕工作会议\n\n青禾讯 3月8日，县委书记杨明主持召开春耕工作会议，县政府有关负责同志出席。\n",
			[]string{"post/县委书记@青禾县", "person/杨明@青禾县", "org/县委@青禾县"},
			[]string{"post/县委书记", "person/杨明", "org/县委"}},
		{"two counties' 县委书记 are two posts with two holders",
			"# 青禾县召开春耕工作会议\n\n青禾讯 3月8日，县委书记杨明主持召开春耕工作会议。\n\n# 岚溪县召开项目推进会\n\n岚溪讯 3月9日，县委书记杨明主持召开项目推进会。\n",
			[]string{"post/县委书记@青禾县", "post/县委书记@岚溪县", "person/杨明@青禾县", "person/杨明@岚溪县"}, nil},
		{"a level-bound title with no body follows the locale of its level",
			"# 岚溪县召开项目推进会\n\n岚溪讯 3月9日，县委副书记、县长韩冬主持召开项目推进会。\n",
			[]string{"post/县长@岚溪县", "person/韩冬@岚溪县"}, []string{"post/县长"}},
		{"two 杨明 of two bodies are two people",
			"# 教育工作会议召开\n\n3月6日，洛岭市教育局局长杨明出席教育工作会议。\n\n# 青禾县召开春耕工作会议\n\n青禾讯 3月8日，县委书记杨明主持召开春耕工作会议。\n",
			[]string{"person/杨明@洛岭市", "person/杨明@青禾县"}, []string{"person/杨明"}},
		{"the premier is national, whatever the article's locale",
			"# 李强在青禾县考察\n\n青禾讯 3月12日，国务院总理李强到青禾县考察春耕生产。\n\n# 国务院常务会议召开\n\n新华社北京3月10日电 国务院总理李强主持召开国务院常务会议。\n",
			[]string{"person/李强", "post/国务院总理"}, []string{"person/李强@青禾县"}},
		{"surname and title resolve to the named person; 该同志 is never a person",
			"# 青禾县召开春耕工作会议\n\n青禾讯 3月8日，县委书记杨明主持召开春耕工作会议。杨书记要求抓好春耕。该同志强调，要压实责任。\n",
			[]string{"person/杨明@青禾县"}, []string{"person/杨书记@青禾县", "person/该同志@青禾县", "person/该同志"}},
		{"two counties' bodies in one article leave 县委 untold: scoped to the outlet",
			"# 两县签订合作协议\n\n白岩日报讯（记者 周敏）3月9日，青禾县委与岚溪县委签订合作协议，县委书记杨明出席。\n",
			[]string{"org/县委@白岩日报", "person/周敏@白岩日报"}, []string{"org/县委", "org/县委@青禾县", "org/县委@岚溪县"}},
		{"a reporter is scoped to their outlet, not to the county's namesake",
			"# 青禾县召开春耕工作会议\n\n白岩日报讯（记者 杨明）3月8日，青禾县召开春耕工作会议。\n",
			[]string{"person/杨明@白岩日报", "post/白岩日报记者"}, []string{"person/杨明@青禾县", "person/杨明", "post/记者"}},
		{"a city's leader on two counties' pages, the city untold, is one person of the level",
			"# 青禾县召开春耕工作会议\n\n青禾讯 3月8日，市委书记柯远到青禾县调研春耕生产，县委书记杨明陪同。\n\n# 岚溪县召开项目推进会\n\n岚溪讯 3月9日，市委书记柯远到岚溪县督导项目建设，县委书记韩冬陪同。\n",
			[]string{"person/柯远@市", "person/杨明@青禾县", "person/韩冬@岚溪县"}, []string{"person/柯远@青禾县", "person/柯远@岚溪县"}},
		{"a city's leader takes the city the text names, whatever county the page is of",
			"# 青禾县召开春耕工作会议\n\n青禾讯 3月8日，澄州市委书记柯远到青禾县调研春耕生产。\n",
			[]string{"person/柯远@澄州市"}, []string{"person/柯远@青禾县", "person/柯远@市"}},
		{"a county's city is its gazetteer parent",
			"# 博爱县召开春耕工作会议\n\n博爱讯 3月8日，市委书记柯远到博爱县调研春耕生产。\n",
			[]string{"person/柯远@焦作市", "post/市委书记@焦作市"}, []string{"person/柯远@博爱县", "person/柯远@市"}},
		{"the highest post scopes the person: 市委常委 and 区委书记 is the city's",
			"# 青禾区召开春耕工作会议\n\n青禾讯 3月8日，澄州市委常委、青禾区委书记杨明主持召开春耕工作会议。\n",
			[]string{"person/杨明@澄州市"}, []string{"person/杨明@青禾区"}},
		{"a provincial post makes its holder one person, wherever they moved",
			"# 青山省召开全省春耕工作会议\n\n3月8日，青山省委书记林木主持召开全省春耕工作会议。\n\n# 白水省召开项目推进会\n\n3月9日，白水省委书记林木主持召开项目推进会。\n",
			[]string{"person/林木"}, []string{"person/林木@青山省", "person/林木@白水省"}},
		{"a municipality's 市委 is provincial (gazetteer): its secretary is one person",
			"# 东城区召开项目推进会\n\n3月9日，市委书记林木到东城区调研。\n",
			[]string{"person/林木"}, []string{"person/林木@北京市", "person/林木@东城区"}},
		{"a company's post scopes its holder to the company",
			"# 青禾县召开项目推进会\n\n3月9日，县委书记杨明会见宏淇新能源有限公司董事长聂彤。\n\n# 杨明会见客商\n\n3月10日，杨明会见宏淇新能源有限公司董事长聂彤一行。\n",
			[]string{"person/聂彤@宏淇新能源有限公司"}, []string{"person/聂彤@青禾县"}},
		{"a name with no post, locale or outlet is keyed by name alone",
			"# 纪念大会隆重举行\n\n3月9日，纪念大会隆重举行。韩冬出席大会并讲话。\n",
			[]string{"person/韩冬"}, nil},
		{"a post of a named body that is no company does not scope its holder",
			"# 理事会会议召开\n\n3月9日，青禾读书会理事长柯远主持召开理事会会议。\n",
			nil, []string{"person/柯远@青禾读书会"}},
		{"a zone run by its own 党工委 is an area, and a scope",
			"# 高新区召开安全稳定工作会议\n\n3月9日，高新区召开安全稳定工作会议，韩冬出席会议。\n",
			[]string{"person/韩冬@高新区"}, nil},
		{"an area word or a learned fragment is no scope",
			"# 特别行政区代表团来访\n\n3月9日，特别行政区代表团来访，副镇长周敏陪同。撤乡设镇工作顺利完成。\n\n# 建设国际大都市\n\n3月9日，市长韩冬表示，要建设国际大都市。\n",
			nil, []string{"person/周敏@行政区", "person/周敏@乡设镇", "person/韩冬@大都市"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := nodesOf(t, c.page)
			var ids []string
			for id := range got {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			for _, id := range c.want {
				if _, ok := got[id]; !ok {
					t.Errorf("no node %s; got %v", id, ids)
				}
			}
			for _, id := range c.not {
				if _, ok := got[id]; ok {
					t.Errorf("node %s should not be; got %v", id, ids)
				}
			}
		})
	}
}

// TestIdentityKeepsWrittenName checks that a scoped node keeps the name
// the article writes (what the gold and kgscore read) and carries the
// scope and the resolved full name apart.
func TestIdentityKeepsWrittenName(t *testing.T) {
	got := nodesOf(t, "# 青禾县召开春耕工作会议\n\n青禾讯 3月8日，县委书记杨明主持召开春耕工作会议。\n")
	p, ok := got["post/县委书记@青禾县"]
	if !ok {
		t.Fatal("no post/县委书记@青禾县")
	}
	if p.Name != "县委书记" || p.Scope != "青禾县" || !slices.Contains(p.Aliases, "青禾县委书记") {
		t.Errorf("post = %+v, want name 县委书记, scope 青禾县, alias 青禾县委书记", p)
	}
	for _, n := range got {
		if n.Label == graph.LabelArticle && (n.Scope != "青禾县" || !strings.HasPrefix(n.ScopeBasis, "dateline 青禾讯")) {
			t.Errorf("article scope = %q (%q), want 青禾县 from its dateline", n.Scope, n.ScopeBasis)
		}
	}
}
