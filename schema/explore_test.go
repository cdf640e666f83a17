package schema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
)

// The explorer's questions at scale, on the seed page and both stores:
// 吕沛 chaired five of its six events and attended the sixth, 宫卫红
// attended three of them, 钱辉 only the 座谈 of 2026-01-13.

func TestExpandGroups(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		type groups struct {
			Expand []struct {
				Type, Direction string
				Count           int
				Links           []struct {
					SupportCount int
					Node         struct{ ID, Name string }
				}
			}
		}
		show := func(g groups) string {
			var out []string
			for _, x := range g.Expand {
				var names []string
				for _, l := range x.Links {
					names = append(names, l.Node.Name)
				}
				out = append(out, fmt.Sprintf("%s %s %d [%s]", x.Direction, x.Type, x.Count, strings.Join(names, ",")))
			}
			return strings.Join(out, "; ")
		}
		var def groups
		decode(t, do(t, s, `{ expand(id: "person/吕沛") { type direction count links(first: 2) { supportCount node { id name } } } }`, nil), &def)
		// MENTIONS are left out; the chaired events latest first, all
		// supported by one article each.
		if got, want := show(def), "OUTGOING HOLDS 2 [市政协副主席,高新区（示范区）党工委书记]; OUTGOING CHAIRED 5 [高新区民生领域重点工作汇报会,高新区经济领域重点工作汇报会]; OUTGOING ATTENDED 1 [高新区领导与中信银行焦作分行客人座谈]"; got != want {
			t.Errorf("expand 吕沛 =\n%s\nwant\n%s", got, want)
		}
		// "More": the page after the last shown.
		var more groups
		decode(t, do(t, s, `query($after: ID) { expand(id: "person/吕沛", types: [CHAIRED]) { type direction count links(first: 2, after: $after) { node { id name } } } }`,
			map[string]any{"after": def.Expand[1].Links[1].Node.ID}), &more)
		// 2026年第2次党政联席会议 and 全区安全稳定工作会议 were both on the
		// afternoon of 2026-01-13: by ID.
		if got, want := show(more), "OUTGOING CHAIRED 5 [城建领域重点工作汇报会,2026年第2次党政联席会议]"; got != want {
			t.Errorf("the next chaired events = %s, want %s", got, want)
		}
		var all groups
		decode(t, do(t, s, `{ expand(id: "person/吕沛", exclude: []) { type direction count } }`, nil), &all)
		if n := len(all.Expand); n != 4 || all.Expand[3].Type != "MENTIONS" || all.Expand[3].Direction != "INCOMING" || all.Expand[3].Count != 6 {
			t.Errorf("expand with MENTIONS = %s, want a fourth group of the 6 articles naming him", show(all))
		}
		var dated groups
		decode(t, do(t, s, `{ expand(id: "person/吕沛", from: "2026-01-14", to: "2026-01-14") { type direction count } }`, nil), &dated)
		if got, want := show(dated), "OUTGOING HOLDS 2 []; OUTGOING CHAIRED 1 []"; got != want {
			t.Errorf("expand on 2026-01-14 = %s, want %s", got, want)
		}
		r := do(t, s, `{ expand(id: "person/无名") { count } }`, nil)
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "not found") {
			t.Errorf("expand of a missing node: %+v, want not found", r.Errors)
		}
	})
}

func TestFirstScreen(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		var got struct {
			Busiest []struct {
				Count int
				Node  struct{ Name string }
			}
			Orgs []struct {
				Count int
				Node  struct{ Name string }
			}
			BestHits     []struct{ Node struct{ ID string } }
			LatestEvents []struct{ Name, Date, PartOfDay string }
			Early        []struct{ Name, Date, PartOfDay string }
		}
		decode(t, do(t, s, `{ busiest(first: 3) { count node { name } } orgs: busiest(type: ORGANISATION, first: 1) { count node { name } }
			bestHits(text: "吕沛", first: 1) { node { id } } latestEvents(first: 3) { name date partOfDay } early: latestEvents(to: "2026-01-13") { name date partOfDay } }`, nil), &got)
		var people []string
		for _, b := range got.Busiest {
			people = append(people, fmt.Sprintf("%s%d", b.Node.Name, b.Count))
		}
		if s, want := strings.Join(people, " "), "吕沛6 宫卫红3 钱辉1"; s != want {
			t.Errorf("busiest people = %s, want %s", s, want)
		}
		if len(got.BestHits) != 1 || got.BestHits[0].Node.ID != "person/吕沛" {
			t.Errorf("bestHits(吕沛) = %+v, want person/吕沛 alone", got.BestHits)
		}
		if len(got.Orgs) != 1 || got.Orgs[0].Count != 1 {
			t.Errorf("busiest organisations = %+v, want one with one event", got.Orgs)
		}
		var latest []string
		for _, e := range got.LatestEvents {
			latest = append(latest, e.Date+e.PartOfDay)
		}
		if s, want := strings.Join(latest, " "), "2026-01-16 2026-01-15下午 2026-01-14上午"; s != want {
			t.Errorf("latest events = %s, want %s", s, want)
		}
		if len(got.Early) != 3 {
			t.Errorf("events to 2026-01-13 = %+v, want the day's three", got.Early)
		}
	})
}

func TestCoOccurrencesAndHistogram(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		var got struct {
			CoOccurrences []struct {
				A, B   struct{ Name string }
				Count  int
				Events []struct{ Date string }
			}
			Later []struct {
				A, B  struct{ Name string }
				Count int
			}
			EventHistogram []struct {
				From, To string
				Count    int
			}
			Wide []struct {
				From, To string
				Count    int
			}
		}
		decode(t, do(t, s, `{ coOccurrences(first: 2) { a { name } b { name } count events { date } }
			later: coOccurrences(from: "2026-01-14") { a { name } b { name } count }
			eventHistogram { from to count } wide: eventHistogram(first: 2) { from to count } }`, nil), &got)
		var pairs []string
		for _, c := range got.CoOccurrences {
			pairs = append(pairs, fmt.Sprintf("%s+%s:%d", c.A.Name, c.B.Name, c.Count))
		}
		if s, want := strings.Join(pairs, " "), "吕沛+宫卫红:3 吕沛+钱辉:1"; s != want {
			t.Errorf("co-occurrences = %s, want %s", s, want)
		}
		if c := got.CoOccurrences; len(c) > 0 && (len(c[0].Events) != 3 || c[0].Events[0].Date != "2026-01-13" || c[0].Events[2].Date != "2026-01-16") {
			t.Errorf("吕沛 and 宫卫红's events = %+v, want three by date", c[0].Events)
		}
		if len(got.Later) != 1 || got.Later[0].Count != 2 {
			t.Errorf("co-occurrences from 2026-01-14 = %+v, want 吕沛 and 宫卫红 twice", got.Later)
		}
		var bins []string
		for _, b := range got.EventHistogram {
			bins = append(bins, fmt.Sprintf("%s..%s:%d", b.From, b.To, b.Count))
		}
		if s, want := strings.Join(bins, " "), "2026-01-13..2026-01-13:3 2026-01-14..2026-01-14:1 2026-01-15..2026-01-15:1 2026-01-16..2026-01-16:1"; s != want {
			t.Errorf("histogram = %s, want %s", s, want)
		}
		bins = nil
		for _, b := range got.Wide {
			bins = append(bins, fmt.Sprintf("%s..%s:%d", b.From, b.To, b.Count))
		}
		if s, want := strings.Join(bins, " "), "2026-01-13..2026-01-14:4 2026-01-15..2026-01-16:2"; s != want {
			t.Errorf("histogram in two bins = %s, want %s", s, want)
		}
	})
}

func TestEventSubgraph(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		type sub struct {
			EventSubgraph struct {
				TotalNodes int
				Nodes      []struct{ ID, Label, Name string }
				Edges      []struct{ Type, Source, Target string }
			}
		}
		check := func(what, query string, nodes, total int) sub {
			t.Helper()
			var g sub
			decode(t, do(t, s, query, nil), &g)
			e := g.EventSubgraph
			if len(e.Nodes) != nodes || e.TotalNodes != total {
				t.Errorf("%s: %d nodes of %d, want %d of %d", what, len(e.Nodes), e.TotalNodes, nodes, total)
			}
			in := map[string]bool{}
			for _, n := range e.Nodes {
				in[n.ID] = true
			}
			for _, x := range e.Edges {
				if !in[x.Source] || !in[x.Target] || x.Type == "MENTIONS" {
					t.Errorf("%s: edge %s %s->%s does not belong", what, x.Type, x.Source, x.Target)
				}
			}
			return g
		}
		all := check("people and organisations", `{ eventSubgraph { totalNodes nodes { id label name } edges { type source target } } }`, 23, 23)
		labels := map[string]int{}
		for _, n := range all.EventSubgraph.Nodes {
			labels[n.Label]++
		}
		if labels["Event"] != 6 || labels["Person"] == 0 || labels["Organisation"] == 0 || labels["Post"] != 0 {
			t.Errorf("node labels = %v, want the 6 events, people and organisations", labels)
		}
		check("capped", `{ eventSubgraph(maxNodes: 5) { totalNodes nodes { id label name } edges { type source target } } }`, 5, 23)
		day := check("one day, people", `{ eventSubgraph(filter: {from: "2026-01-13", to: "2026-01-13", types: [PERSON]}) { totalNodes nodes { id label name } edges { type source target } } }`, 6, 6)
		if n := len(day.EventSubgraph.Edges); n != 5 {
			t.Errorf("2026-01-13 with people: %d edges, want 5 (吕沛 ×3, 宫卫红, 钱辉)", n)
		}
		// Six posts, and three organisations only their posts reach.
		posts := check("with posts", `{ eventSubgraph(filter: {types: [PERSON, POST, ORGANISATION]}) { totalNodes nodes { id label name } edges { type source target } } }`, 32, 32)
		types := map[string]int{}
		for _, e := range posts.EventSubgraph.Edges {
			types[e.Type]++
		}
		if types["HOLDS"] == 0 || types["OF"] == 0 {
			t.Errorf("with posts: edge types %v, want HOLDS and OF", types)
		}
		var compact struct {
			EventSubgraph struct {
				Nodes       []struct{ ID string }
				Edges       []struct{ Source, Target string }
				EdgeIndexes []int
			}
		}
		decode(t, do(t, s, `{ eventSubgraph { nodes { id } edges { source target } edgeIndexes } }`, nil), &compact)
		c := compact.EventSubgraph
		if len(c.EdgeIndexes) != 2*len(c.Edges) {
			t.Fatalf("%d edge indexes for %d edges", len(c.EdgeIndexes), len(c.Edges))
		}
		for i, e := range c.Edges {
			if s, t2 := c.Nodes[c.EdgeIndexes[2*i]].ID, c.Nodes[c.EdgeIndexes[2*i+1]].ID; s != e.Source || t2 != e.Target {
				t.Errorf("edge %d: indexes give %s->%s, want %s->%s", i, s, t2, e.Source, e.Target)
			}
		}
		r := do(t, s, `{ eventSubgraph(maxNodes: 0) { totalNodes } }`, nil)
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "maxNodes") {
			t.Errorf("maxNodes 0: %+v, want a bad input error", r.Errors)
		}
	})
}
