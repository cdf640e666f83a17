package graphtest

import (
	"fmt"
	"math/rand/v2"

	"github.com/kgproject/kg/graph"
)

// randomText is the text of every random article: three sentences that
// evidence may cite.
const randomText = "甲主持会议。乙出席会议。丙单位参加会议。"

var randomSentences = []graph.Evidence{
	{Sentence: "甲主持会议。", Start: 0, End: 6},
	{Sentence: "乙出席会议。", Start: 6, End: 12},
	{Sentence: "丙单位参加会议。", Start: 12, End: 20},
}

// randomPages are the pages random articles are read from, besides none.
var randomPages = []string{"页1", "页1/", "页2"}

// randomFacts returns made-up facts for article k drawn from a small
// vocabulary, so that articles overlap heavily and merging meets name ties,
// aliases, missing fields and repeated listings.
func randomFacts(rng *rand.Rand, k int) graph.ArticleFacts {
	aid := graph.NodeID(graph.LabelArticle, fmt.Sprintf("r-%d", k))
	f := graph.ArticleFacts{Article: graph.Node{ID: aid, Label: graph.LabelArticle, Name: fmt.Sprintf("随机%d", k), Text: randomText}}
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	a := &f.Article
	a.Page = pick(append([]string{""}, randomPages...)...)
	a.URL, a.Outlet, a.Author = pick("", "https://example.com/"+a.Name), pick("", "白岩日报", "新闻联播"), pick("", "记者甲")
	a.Scope = pick("", "博爱县", "岚山区")
	if a.Scope != "" {
		a.ScopeBasis = pick("dateline", "outlet")
	}
	var people, events, orgs []string
	for _, p := range []string{"甲", "乙", "丙", "丁"} {
		if rng.IntN(2) == 0 {
			continue
		}
		id := graph.NodeID(graph.LabelPerson, p)
		n := graph.Node{ID: id, Label: graph.LabelPerson, Name: pick(p, p+"一", p+"二", p+"一二")}
		if rng.IntN(3) == 0 {
			n.Aliases = []string{pick("老"+p, p+"同志")}
		}
		if rng.IntN(3) == 0 {
			n.Scope = pick("博爱县", "白岩日报") // a field parts may give differently
		}
		f.Nodes = append(f.Nodes, n)
		people = append(people, id)
	}
	for _, e := range []string{"会议", "座谈"} {
		if rng.IntN(2) == 0 {
			continue
		}
		id := graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-13", e, aid))
		f.Nodes = append(f.Nodes, graph.Node{
			ID: id, Label: graph.LabelEvent, Name: pick(e, e+"会"),
			Kind: graph.EventKind(pick("", string(graph.KindMeeting), string(graph.KindSymposium))),
			Date: pick("", "2026-01-13"), PartOfDay: pick("", "上午", "下午"),
		})
		events = append(events, id)
	}
	for _, o := range []string{"高新区（示范区）党工委", "市政协"} {
		if rng.IntN(2) == 0 {
			continue
		}
		id := graph.NodeID(graph.LabelOrganisation, o)
		f.Nodes = append(f.Nodes, graph.Node{ID: id, Label: graph.LabelOrganisation, Name: pick(o, graph.SearchKey(o))})
		orgs = append(orgs, id)
	}
	if len(f.Nodes) > 0 && rng.IntN(4) == 0 {
		again := f.Nodes[rng.IntN(len(f.Nodes))]
		again.Aliases = append(again.Aliases, "又名")
		f.Nodes = append(f.Nodes, again)
	}
	evidence := func() []graph.Evidence {
		var ev []graph.Evidence
		for range 1 + rng.IntN(2) {
			e := randomSentences[rng.IntN(len(randomSentences))]
			e.ArticleID = aid
			ev = append(ev, e)
		}
		return ev
	}
	link := func(t graph.RelType, from, to, role string) {
		f.Relations = append(f.Relations, graph.Relation{Type: t, From: from, To: to, Role: role, Evidence: evidence()})
	}
	for _, e := range events {
		for _, p := range people {
			switch rng.IntN(3) {
			case 0:
				link(graph.RelAttended, p, e, "")
			case 1:
				link(graph.RelChaired, p, e, "")
			}
		}
		for _, o := range orgs {
			if rng.IntN(2) == 0 {
				link(graph.RelParticipated, o, e, pick("attended", "guided"))
			}
		}
		link(graph.RelReports, aid, e, "")
	}
	for _, n := range append(append(people, orgs...), events...) {
		if rng.IntN(2) == 0 {
			link(graph.RelMentions, aid, n, "")
		}
	}
	return f
}
