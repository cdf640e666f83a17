package schema

import (
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// TestHoldingsPageByTheirOtherEnd checks that a person's posts page by the
// post and a post's holders by the person: after names the node at the
// other end of the holding.
func TestHoldingsPageByTheirOtherEnd(t *testing.T) {
	h := func(person, post string) queries.Holder {
		return queries.Holder{Person: &graph.Node{ID: person}, Post: &graph.Node{ID: post}}
	}
	posts := []queries.Holder{h("person/a", "post/1"), h("person/a", "post/2"), h("person/a", "post/3")}
	if got := pageOf(posts, 5, "post/1", "posts").([]queries.Holder); len(got) != 2 || got[0].Post.ID != "post/2" {
		t.Errorf("posts after post/1: %+v", got)
	}
	holders := []queries.Holder{h("person/a", "post/1"), h("person/b", "post/1")}
	if got := pageOf(holders, 5, "person/a", "holders").([]queries.Holder); len(got) != 1 || got[0].Person.ID != "person/b" {
		t.Errorf("holders after person/a: %+v", got)
	}
}
