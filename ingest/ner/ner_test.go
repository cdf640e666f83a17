package ner_test

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/kgproject/kg/ingest/ner"
	"github.com/kgproject/kg/ingest/ner/internal/score"
)

func readSet(t testing.TB, path string, annotated []string) ([]score.Record, []ner.Sentence) {
	t.Helper()
	recs, err := score.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sents := make([]ner.Sentence, len(recs))
	for i, r := range recs {
		sents[i] = ner.Sentence{Text: r.Text, Spans: r.Spans(), Annotated: annotated}
	}
	return recs, sents
}

func TestTrainTinyTagsItsData(t *testing.T) {
	recs, sents := readSet(t, "testdata/tiny.jsonl", nil)
	m, err := ner.Train(sents, &ner.TrainOptions{Epochs: 10})
	if err != nil {
		t.Fatal(err)
	}
	tg := ner.NewTagger(m)
	for _, r := range recs {
		got := tg.Tag(r.Text)
		if want := r.Spans(); !sameSpans(got, want) {
			t.Errorf("Tag(%q) = %v, want %v", r.Text, got, want)
		}
	}
}

func sameSpans(a, b []ner.Span) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func TestTrainDeterministic(t *testing.T) {
	_, sents := readSet(t, "testdata/tiny.jsonl", nil)
	var out [2]bytes.Buffer
	for i := range out {
		m, err := ner.Train(sents, &ner.TrainOptions{Epochs: 3, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.WriteTo(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two trainings with the same seed wrote different models")
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := ner.Train(nil, nil); !errors.Is(err, ner.ErrNoData) {
		t.Errorf("Train(nil) error = %v, want ErrNoData", err)
	}
	bad := []ner.Sentence{{Text: "红楼梦", Spans: []ner.Span{{Type: "Book", Start: 0, End: 3}}}}
	if _, err := ner.Train(bad, nil); err == nil {
		t.Errorf("Train accepted an unknown type")
	}
}

// A source that does not annotate titles must not teach that titles are
// not entities: with partial labels the title survives sentences where it
// is unlabelled; read as full labels, those sentences teach O.
func TestTrainPartialLabels(t *testing.T) {
	_, labelled := readSet(t, "testdata/tiny.jsonl", nil)
	_, noTitles := readSet(t, "testdata/notitle.jsonl", []string{ner.Person, ner.Organisation, ner.Place})
	const text = "区长赵军主持会议。"
	hasTitle := func(spans []ner.Span) bool {
		for _, s := range spans {
			if s.Type == ner.Title && s.Start == 0 && s.End == 2 {
				return true
			}
		}
		return false
	}
	for _, partial := range []bool{true, false} {
		data := append([]ner.Sentence(nil), labelled...)
		for _, s := range noTitles {
			if !partial {
				s.Annotated = nil
			}
			data = append(data, s)
		}
		m, err := ner.Train(data, &ner.TrainOptions{Epochs: 10})
		if err != nil {
			t.Fatal(err)
		}
		got := ner.NewTagger(m).Tag(text)
		if hasTitle(got) != partial {
			t.Errorf("partial=%v: Tag(%q) = %v, Title 区长 found = %v", partial, text, got, !partial)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	recs, sents := readSet(t, "testdata/tiny.jsonl", nil)
	m, err := ner.Train(sents, &ner.TrainOptions{Epochs: 5})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ner.LoadModel(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m2.Features(), m.Features(); got != want {
		t.Fatalf("Features = %d, want %d", got, want)
	}
	a, b := ner.NewTagger(m), ner.NewTagger(m2)
	for _, r := range recs {
		if got, want := b.Tag(r.Text), a.Tag(r.Text); !reflect.DeepEqual(got, want) {
			t.Errorf("loaded model: Tag(%q) = %v, want %v", r.Text, got, want)
		}
	}
}

func TestLoadModelBadData(t *testing.T) {
	var buf bytes.Buffer
	m, err := ner.Train([]ner.Sentence{{Text: "王刚", Spans: []ner.Span{{Type: ner.Person, Start: 0, End: 2}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	for name, data := range map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("XXXXXXXX"), good[8:]...),
		"truncated": good[:len(good)-1],
	} {
		if _, err := ner.LoadModel(data); !errors.Is(err, ner.ErrBadModel) {
			t.Errorf("%s: LoadModel error = %v, want ErrBadModel", name, err)
		}
	}
}

func TestDefault(t *testing.T) {
	tg, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	// The spans each text must contain; conventions for other words (is
	// 客人 a title?) differ between the training sets.
	tests := []struct {
		text string
		want []ner.Span
	}{
		{"国务院总理李鹏今天在北京会见了美国客人。", []ner.Span{
			{Type: ner.Organisation, Start: 0, End: 3},
			{Type: ner.Title, Start: 3, End: 5},
			{Type: ner.Person, Start: 5, End: 7},
			{Type: ner.Place, Start: 10, End: 12},
			{Type: ner.Place, Start: 15, End: 17},
		}},
		{"市委常委、常务副市长兼市发改委主任欧阳华主持会议。", []ner.Span{
			{Type: ner.Person, Start: 17, End: 20},
		}},
	}
	for _, tt := range tests {
		got := tg.Tag(tt.text)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Tag(%q) = %v, want it to contain %v", tt.text, got, w)
			}
		}
	}
	if got := tg.Tag(""); len(got) != 0 {
		t.Errorf("Tag(\"\") = %v, want none", got)
	}
}

func TestTagWithMatches(t *testing.T) {
	tg, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	// Matches outside the text are ignored rather than causing a panic.
	text := "张三担任首席数据官。"
	got := tg.TagWithMatches(text, []ner.Match{
		{Kind: ner.MatchTitle, Start: 4, End: 9},
		{Kind: ner.MatchPlace, Start: 8, End: 40},
		{Kind: ner.MatchKind(99), Start: 0, End: 1},
	})
	found := false
	for _, s := range got {
		if s.Type == ner.Title && s.Start == 4 && s.End == 9 {
			found = true
		}
	}
	if !found {
		t.Errorf("TagWithMatches(%q) = %v, want the Title 首席数据官 [4,9)", text, got)
	}
}
