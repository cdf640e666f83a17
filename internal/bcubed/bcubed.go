// Package bcubed scores a clustering against a gold clustering with the
// B-cubed measures (Bagga and Baldwin, 1998): for each item, precision is
// the share of the items in its system cluster that share its gold
// cluster, recall the share of the items in its gold cluster that share its
// system cluster; both are averaged over the items. Over-merging two gold
// clusters lowers precision, splitting one lowers recall.
package bcubed

import "fmt"

// Score is a B-cubed score of a clustering of Items items.
type Score struct {
	Precision, Recall, F1 float64
	Items                 int
}

// String formats s as the docs quote it.
func (s Score) String() string {
	return fmt.Sprintf("B-cubed precision %.4f, recall %.4f, F1 %.4f over %d mentions", s.Precision, s.Recall, s.F1, s.Items)
}

// Of scores a clustering: item i is in gold cluster gold[i] and system
// cluster system[i]; only equality of labels matters. It returns an error
// when the two slices differ in length. With no items the score is 1.
func Of(gold, system []string) (Score, error) {
	if len(gold) != len(system) {
		return Score{}, fmt.Errorf("bcubed: %d gold labels but %d system labels", len(gold), len(system))
	}
	if len(gold) == 0 {
		return Score{Precision: 1, Recall: 1, F1: 1}, nil
	}
	g, s, both := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for i := range gold {
		g[gold[i]]++
		s[system[i]]++
		both[[2]string{gold[i], system[i]}]++
	}
	var p, r float64
	for i := range gold {
		n := float64(both[[2]string{gold[i], system[i]}])
		p += n / float64(s[system[i]])
		r += n / float64(g[gold[i]])
	}
	n := float64(len(gold))
	sc := Score{Precision: p / n, Recall: r / n, Items: len(gold)}
	if sc.Precision+sc.Recall > 0 {
		sc.F1 = 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall)
	}
	return sc, nil
}
