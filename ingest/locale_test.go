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
