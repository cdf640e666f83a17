package ingest_test

import (
	"testing"

	"github.com/kgproject/kg/ingest"
)

// The sentences below are written for these tests in the style of
// national news; none is copied from an evaluation text.

// peopleOf returns the people of a one-article page and their posts.
func peopleOf(t *testing.T, text string) map[string][]string {
	t.Helper()
	return factsOf(t, "# 测试\n\n"+text, &ingest.Options{Year: 2026})[0].people
}

func TestNoConjunctionStartsAName(t *testing.T) {
	for _, text := range []string{
		"3月2日，在高原主席和李默主席的共同引领下，两国关系不断发展。",
		"会上，公司负责人和老职工代表先后发言。",
		"方明远指出，我和夫人很高兴收到你们的来信。",
	} {
		for who := range peopleOf(t, text) {
			if r := []rune(who); len(r) > 0 && (r[0] == '和' || r[0] == '与' || r[0] == '及' || r[0] == '同' || r[0] == '跟') {
				t.Errorf("%s: person %q starts with a conjunction", text, who)
			}
		}
	}
}

func TestNoFragmentOfALongerName(t *testing.T) {
	for _, text := range []string{
		"3月2日，市委书记、市长钟离平发来贺信。钟离平指出，要办好刊物。",
		"3月2日，中共中央总书记、国家主席李宏伟发来贺信。李宏伟强调，要办好刊物。",
	} {
		got := peopleOf(t, text)
		for who := range got {
			if len([]rune(who)) == 2 {
				t.Errorf("%s: fragment %q kept: %v", text, who, got)
			}
		}
	}
}
