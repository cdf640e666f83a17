// Command report turns the records bench/run.sh collected into
// docs/BENCHMARKS.md: the machine, the figures (medians over runs), the
// ratios against the goals of the speed issue, and the command behind each
// figure.
//
//	report -results DIR/results.jsonl -sizes 1000,10000 [-notes bench/notes.md]... > docs/BENCHMARKS.md
//
// A record is a JSON object a line, {"key": "…", "value": v}; a key
// recorded several times (one per run or round) is reported by its median
// and its number of runs.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "report: %v\n", err)
		os.Exit(1)
	}
}

// figures holds every value recorded under each key.
type figures map[string][]float64

func (f figures) med(key string) (float64, bool) {
	xs := f[key]
	if len(xs) == 0 {
		return math.NaN(), false
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2], true
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, true
}

func (f figures) n(key string) int { return len(f[key]) }

func read(path string) (figures, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f := figures{}
	sc := bufio.NewScanner(fh)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var r struct {
			Key   string  `json:"key"`
			Value float64 `json:"value"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.Key == "" {
			return nil, fmt.Errorf("%s:%d: not a record: %.80s", path, ln, line)
		}
		f[r.Key] = append(f[r.Key], r.Value)
	}
	return f, sc.Err()
}

// readHyperfine adds coldstart/NAME/median_s and mean_s from hyperfine's
// JSON export, NAME being each command's -n name.
func readHyperfine(path string, f figures) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var h struct {
		Results []struct {
			Command string  `json:"command"`
			Mean    float64 `json:"mean"`
			Median  float64 `json:"median"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, r := range h.Results {
		f["coldstart/"+r.Command+"/median_s"] = append(f["coldstart/"+r.Command+"/median_s"], r.Median)
		f["coldstart/"+r.Command+"/mean_s"] = append(f["coldstart/"+r.Command+"/mean_s"], r.Mean)
	}
	return nil
}

type config struct {
	sizes       []string
	neo4jSize   string
	querySize   string
	neo4jQuery  string
	runs        string
	notes       []string
	command     string
	started     string
	loadBefore  string
	loadAfter   string
	neo4jReason string
	loadN       int
	loadC       int
	loadD       string
	loadRounds  int
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	results := fs.String("results", "", "the records file")
	hyper := fs.String("hyperfine", "", "hyperfine's --export-json file of the cold-start runs (optional)")
	sizes := fs.String("sizes", "1000,10000", "the embedded ingest sizes, comma-separated, smallest first")
	var c config
	fs.StringVar(&c.neo4jSize, "neo4j-size", "", "the corpus size of the Neo4j ingest comparison (empty: not run)")
	fs.StringVar(&c.neo4jReason, "neo4j-skipped", "", "why the Neo4j benchmarks did not run")
	fs.StringVar(&c.querySize, "query-size", "", "the corpus size of the embedded query benchmark")
	fs.StringVar(&c.neo4jQuery, "neo4j-query-size", "", "the corpus size of the Neo4j query benchmark")
	fs.StringVar(&c.runs, "runs", "", "how many runs the throughput medians take")
	fs.IntVar(&c.loadN, "load-n", 100, "sequential requests of each question per round")
	fs.IntVar(&c.loadC, "load-c", 8, "concurrent clients")
	fs.StringVar(&c.loadD, "load-duration", "10s", "length of the concurrent phase")
	fs.IntVar(&c.loadRounds, "load-rounds", 3, "rounds of the load generator")
	fs.Func("notes", "a Markdown file to append, e.g. hand-written notes (repeatable, appended in order)", func(path string) error {
		c.notes = append(c.notes, path)
		return nil
	})
	fs.StringVar(&c.command, "command", "bash bench/run.sh", "the command that produced the results")
	fs.StringVar(&c.started, "started", "", "when the run started (UTC)")
	fs.StringVar(&c.loadBefore, "load-before", "", "load average when the run started")
	fs.StringVar(&c.loadAfter, "load-after", "", "load average when the run ended")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *results == "" {
		return fmt.Errorf("-results is required")
	}
	f, err := read(*results)
	if err != nil {
		return err
	}
	if *hyper != "" {
		if err := readHyperfine(*hyper, f); err != nil {
			return err
		}
	}
	c.sizes = strings.Split(*sizes, ",")
	return write(w, f, c)
}

func fmtf(v float64, digits int) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', digits, 64)
}

func verdict(ok, measured bool) string {
	switch {
	case !measured:
		return "not measured"
	case ok:
		return "**met**"
	}
	return "**missed**"
}

func shell(name string, args ...string) string {
	b, err := exec.Command(name, args...).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

func machine() (cpu, mem string) {
	cpu = "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, ln := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(ln, "model name") {
				_, v, _ := strings.Cut(ln, ":")
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem = "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, ln := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(ln, "MemTotal:") {
				fs := strings.Fields(ln)
				if kb, err := strconv.ParseFloat(fs[1], 64); err == nil {
					mem = fmt.Sprintf("%.1f GiB", kb/1024/1024)
				}
			}
		}
	}
	return cpu, mem
}

func label(size string) string {
	n, err := strconv.Atoi(size)
	if err != nil || n%1000 != 0 {
		return size
	}
	return strconv.Itoa(n/1000) + "k"
}

// write prints the document.
func write(w io.Writer, f figures, c config) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	cpu, mem := machine()
	started := c.started
	if started == "" {
		started = time.Now().UTC().Format("2006-01-02 15:04 UTC")
	}
	p("# Benchmarks\n\n")
	p("Written by `%s` (bench/run.sh, which runs every measurement below and then bench/report). ", c.command)
	p("Every ratio compares two things measured side by side in the same run, on the same machine ")
	p("(the median of the ratios within each run or round, where there are several), because the machine is shared and noisy; absolute times move ")
	p("from run to run, the ratios much less.\n\n")
	p("## Machine\n\n")
	p("| | |\n|---|---|\n")
	p("| run started | %s |\n", started)
	p("| commit | %s |\n", shell("git", "rev-parse", "--short", "HEAD"))
	p("| cores (nproc) | %s |\n", shell("nproc"))
	p("| CPU | %s |\n", cpu)
	p("| memory | %s |\n", mem)
	p("| Go | %s |\n", runtime.Version())
	p("| OS | %s |\n", shell("uname", "-sr"))
	if c.loadBefore != "" {
		p("| load average (1, 5, 15 min) at start / end | %s / %s |\n", c.loadBefore, c.loadAfter)
	}
	p("\n")

	goals(w, f, c)
	extraction(w, f, c)
	coldStart(w, f)
	embedded(w, f, c)
	neo4jIngest(w, f, c)
	queries(w, f, c)
	for i, path := range c.notes {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if i > 0 {
			p("\n") // a file's last paragraph or list does not run into the next heading
		}
		p("%s", b)
	}
	return nil
}

// ratio returns the median over runs of a/b, pairing the i-th value of a
// with the i-th of b (the same run or round, so measured side by side),
// and whether both were measured. With unequal counts it compares the
// medians.
func ratio(f figures, a, b string) (float64, bool) {
	xs, ys := f[a], f[b]
	if len(xs) == 0 || len(ys) == 0 {
		return math.NaN(), false
	}
	if len(xs) != len(ys) {
		x, _ := f.med(a)
		y, _ := f.med(b)
		if y == 0 {
			return math.NaN(), false
		}
		return x / y, true
	}
	rs := figures{"r": nil}
	for i := range xs {
		if ys[i] == 0 {
			return math.NaN(), false
		}
		rs["r"] = append(rs["r"], xs[i]/ys[i])
	}
	return rs.med("r")
}

func goals(w io.Writer, f figures, c config) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## Goals\n\n")
	p("| goal | target | measured | verdict |\n|---|---|---|---|\n")

	if ri, ok := f.med("throughput/interleaved/facts_gse"); ok {
		p("| full extraction vs bare gse segmentation of the same text (gse with the pipeline's dictionary), one core, work interleaved | ≤ 2× | %s× | %s |\n", fmtf(ri, 2), verdict(ri <= 2, ok))
	}
	r, ok := ratio(f, "throughput/gse/mb_s", "throughput/facts/mb_s")
	p("| the same, sub-benchmarks one after the other | ≤ 2× | %s× | %s |\n", fmtf(r, 2), verdict(r <= 2, ok))
	r2, ok2 := ratio(f, "throughput/gse-full/mb_s", "throughput/facts/mb_s")
	p("| the same against gse with its own full dictionary | ≤ 2× | %s× | %s |\n", fmtf(r2, 2), verdict(r2 <= 2, ok2))

	cs, ok := f.med("coldstart/kg-extract/median_s")
	p("| `kg extract` cold start on one article | < 0.5 s | %s s | %s |\n", fmtf(cs, 3), verdict(cs < 0.5, ok))

	big := c.sizes[len(c.sizes)-1]
	r, ok = ratio(f, "proc/kg-ingest/"+big+"/wall_s", "proc/extract/"+big+"/wall_s")
	rc, _ := ratio(f, "proc/kg-ingest/"+big+"/cpu_s", "proc/extract/"+big+"/cpu_s")
	p("| embedded ingest vs extraction alone (%s articles, whole runs) | ≤ 1.5× | %s× wall, %s× CPU | %s |\n", label(big), fmtf(r, 2), fmtf(rc, 2), verdict(r <= 1.5, ok))
	if len(c.sizes) >= 2 {
		a, b := c.sizes[len(c.sizes)-2], c.sizes[len(c.sizes)-1]
		na, _ := strconv.Atoi(a)
		nb, _ := strconv.Atoi(b)
		scale := float64(nb) / float64(na)
		rw, okw := ratio(f, "proc/kg-ingest/"+b+"/wall_s", "proc/kg-ingest/"+a+"/wall_s")
		rc, _ := ratio(f, "proc/kg-ingest/"+b+"/cpu_s", "proc/kg-ingest/"+a+"/cpu_s")
		limit := 1.1 * scale
		what := "100k articles take ≤ 11× the time of 10k"
		if !(a == "10000" && b == "100000") {
			what = fmt.Sprintf("growth %s → %s (the goal is stated for 10k → 100k: ≤ 1.1× linear)", label(a), label(b))
		}
		p("| %s | ≤ %s× | %s× wall, %s× CPU | %s |\n", what, fmtf(limit, 1), fmtf(rw, 2), fmtf(rc, 2), verdict(rw <= limit, okw))
	}
	rss, ok := f.med("proc/kg-ingest/" + big + "/maxrss_kb")
	p("| peak memory (max RSS) of `kg ingest` of %s articles | < 1 GiB | %s MiB | %s |\n", label(big), fmtf(rss/1024, 0), verdict(rss < 1024*1024, ok))

	if c.neo4jSize != "" {
		r, ok = ratio(f, "ingest/neo4j-kg/"+c.neo4jSize+"/articles_per_s", "ingest/neo4j-unwind/"+c.neo4jSize+"/articles_per_s")
		p("| Neo4j ingest throughput vs hand-written batched UNWIND … MERGE (%s articles) | ≥ 0.8× | %s× | %s |\n", label(c.neo4jSize), fmtf(r, 2), verdict(r >= 0.8, ok))
		for _, q := range questionNames {
			r, ok = ratio(f, "load/graphql-neo4j/seq/"+q+"/p50_ms", "load/cypher/seq/"+q+"/p50_ms")
			p("| GraphQL on Neo4j, p50 of *%s* vs hand-written Cypher | ≤ 1.3× | %s× | %s |\n", q, fmtf(r, 2), verdict(r <= 1.3, ok))
		}
		r, ok = ratio(f, "load/graphql-neo4j/conc/rps", "load/neo4j-graphql-library/conc/rps")
		p("| GraphQL on Neo4j, throughput vs `@neo4j/graphql` on the same mix | ≥ 2× | %s× | %s |\n", fmtf(r, 2), verdict(r >= 2, ok))
	} else {
		p("| Neo4j goals (ingest ≥ 0.8× hand-written, p50 ≤ 1.3× Cypher, throughput ≥ 2× `@neo4j/graphql`) | | | not measured: %s |\n", c.neo4jReason)
	}
	v, ok := f.med("load/graphql-bolt/seq/neighbourhood2/p50_ms")
	p("| embedded store, p50 of neighbourhood depth 2 over GraphQL (HTTP, %s-article graph) | < 1 ms | %s ms | %s |\n", label(c.querySize), fmtf(v, 3), verdict(v < 1, ok))
	v, ok = f.med("load/store/seq/neighbourhood2/p50_ms")
	p("| embedded store, p50 of neighbourhood depth 2 in process (queries.Service on graph/bolt, %s-article graph) | < 1 ms | %s ms | %s |\n", label(c.querySize), fmtf(v, 3), verdict(v < 1, ok))
	p("\n")
}

var questionNames = []string{"events", "coparticipants", "neighbourhood2", "path", "search"}

func extraction(w io.Writer, f figures, c config) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## 1. Extraction throughput, one core\n\n")
	p("300 generated articles (`internal/gen`, seed 1), read once, then per sub-benchmark every article once; %s runs of the test binary, the sub-benchmarks of each run one after the other in the same process. Figures are medians over runs; ratios are medians of the ratios within each run.\n\n", c.runs)
	p("```sh\ngo test -c -o ingest.test ./ingest && cd ingest && GOMAXPROCS=1 ../ingest.test -test.run '^$' -test.bench '^BenchmarkThroughput$' -test.cpu 1 -test.benchtime 1x\n```\n\n")
	p("| | MB/s | articles/s | runs | time vs `gse` |\n|---|---|---|---|---|\n")
	for _, s := range []struct{ key, what string }{
		{"facts", "`facts`: Pipeline.Facts (what `kg ingest` does per article)"},
		{"extract", "`extract`: Pipeline.Extract (what `kg extract` prints, with the NER tagger)"},
		{"gse", "`gse`: bare gse `Cut(text, true)` with the pipeline's dictionary"},
		{"gse-full", "`gse-full`: bare gse `Cut(text, true)` with gse's full embedded dictionary"},
	} {
		mb, _ := f.med("throughput/" + s.key + "/mb_s")
		as, _ := f.med("throughput/" + s.key + "/articles_s")
		r, _ := ratio(f, "throughput/gse/mb_s", "throughput/"+s.key+"/mb_s")
		p("| %s | %s | %s | %d | %s× |\n", s.what, fmtf(mb, 3), fmtf(as, 1), f.n("throughput/"+s.key+"/mb_s"), fmtf(r, 2))
	}
	p("\n")
	if n := f.n("throughput/interleaved/facts_gse"); n > 0 {
		fi, _ := f.med("throughput/interleaved/facts_gse")
		ei, _ := f.med("throughput/interleaved/extract_gse")
		p("The sub-benchmarks above run one after the other, so a load that changes during the run skews their ratios. `BenchmarkThroughputInterleaved` runs bare gse, Facts and Extract on each chunk of ten articles in turn (the order rotating from chunk to chunk), 9 rounds per run, and reports the median of the rounds' ratios; below, the median over %d runs.\n\n", n)
		p("```sh\ncd ingest && GOMAXPROCS=1 ../ingest.test -test.run '^$' -test.bench '^BenchmarkThroughputInterleaved$' -test.cpu 1 -test.benchtime 9x\n```\n\n")
		p("| | time vs `gse`, interleaved |\n|---|---|\n")
		p("| `facts` | %s× |\n| `extract` | %s× |\n\n", fmtf(fi, 2), fmtf(ei, 2))
	}
}

func coldStart(w io.Writer, f figures) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## 2. Cold start of `kg extract` on one article\n\n")
	p("hyperfine (Debian's), warm-up 3, 20 runs; the floors are a Go program that prints one line and `true`.\n\n")
	p("```sh\nhyperfine -N --warmup 3 --runs 20 'kg extract one.md' 'hello' 'true'\n```\n\n")
	p("| command | median | mean | vs Go floor |\n|---|---|---|---|\n")
	floor, _ := f.med("coldstart/go-hello/median_s")
	for _, k := range []string{"kg-extract", "go-hello", "true"} {
		m, ok := f.med("coldstart/" + k + "/median_s")
		if !ok {
			continue
		}
		mean, _ := f.med("coldstart/" + k + "/mean_s")
		p("| %s | %s ms | %s ms | %s× |\n", k, fmtf(m*1000, 1), fmtf(mean*1000, 1), fmtf(m/floor, 1))
	}
	p("\n")
}

func embedded(w io.Writer, f figures, c config) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## 3. Ingest into the embedded store\n\n")
	p("Generated corpora (`kggen -seed 1 -n N`), pages of 6 articles. `kg ingest` into a fresh store, and, as the baseline, the same reading and extraction with nothing stored (`bench/ingest -mode extract`), each as a whole process under `/usr/bin/time` (wall, user+system CPU, max RSS), alternated, medians of the runs.\n\n")
	p("```sh\nkggen -seed 1 -n N corpus-N\n/usr/bin/time -f '%%e %%U %%S %%M' kg ingest --data DIR corpus-N\n/usr/bin/time -f '%%e %%U %%S %%M' bench-ingest -mode extract corpus-N\n```\n\n")
	p("| articles | `kg ingest` wall | CPU | max RSS | extraction alone wall | CPU | max RSS | ingest ÷ extraction (wall) | (CPU) | runs |\n|---|---|---|---|---|---|---|---|---|---|\n")
	// Ratios per run: each run did both, one after the other.
	for _, s := range c.sizes {
		kw, _ := f.med("proc/kg-ingest/" + s + "/wall_s")
		kc, _ := f.med("proc/kg-ingest/" + s + "/cpu_s")
		km, _ := f.med("proc/kg-ingest/" + s + "/maxrss_kb")
		ew, _ := f.med("proc/extract/" + s + "/wall_s")
		ec, _ := f.med("proc/extract/" + s + "/cpu_s")
		em, _ := f.med("proc/extract/" + s + "/maxrss_kb")
		rw, _ := ratio(f, "proc/kg-ingest/"+s+"/wall_s", "proc/extract/"+s+"/wall_s")
		rc, _ := ratio(f, "proc/kg-ingest/"+s+"/cpu_s", "proc/extract/"+s+"/cpu_s")
		p("| %s | %s s | %s s | %s MiB | %s s | %s s | %s MiB | %s× | %s× | %d |\n", label(s), fmtf(kw, 1), fmtf(kc, 1), fmtf(km/1024, 0), fmtf(ew, 1), fmtf(ec, 1), fmtf(em/1024, 0), fmtf(rw, 2), fmtf(rc, 2), f.n("proc/kg-ingest/"+s+"/wall_s"))
	}
	p("\n")
	for _, s := range c.sizes {
		ns, ok := f.med("proc/bolt-nosync/" + s + "/wall_s")
		if !ok {
			continue
		}
		nc, _ := f.med("proc/bolt-nosync/" + s + "/cpu_s")
		ew, _ := f.med("proc/extract/" + s + "/wall_s")
		kw, _ := f.med("proc/kg-ingest/" + s + "/wall_s")
		p("Without fsync at each commit (`bench-ingest -mode bolt -nosync`, %s articles): %s s wall, %s s CPU, %s× extraction alone; fsync accounts for %s of `kg ingest`'s wall time.\n\n",
			label(s), fmtf(ns, 1), fmtf(nc, 1), fmtf(ns/ew, 2), fmtf(math.Max(0, (kw-ns)/kw)*100, 0)+"%")
	}
	if len(c.sizes) >= 2 {
		p("Growth (time of the larger ÷ time of the smaller; linear growth is the size ratio):\n\n| from → to | size ratio | wall | CPU |\n|---|---|---|---|\n")
		for i := 1; i < len(c.sizes); i++ {
			a, b := c.sizes[i-1], c.sizes[i]
			na, _ := strconv.Atoi(a)
			nb, _ := strconv.Atoi(b)
			rw, _ := ratio(f, "proc/kg-ingest/"+b+"/wall_s", "proc/kg-ingest/"+a+"/wall_s")
			rc, _ := ratio(f, "proc/kg-ingest/"+b+"/cpu_s", "proc/kg-ingest/"+a+"/cpu_s")
			p("| %s → %s | %s× | %s× | %s× |\n", label(a), label(b), fmtf(float64(nb)/float64(na), 0), fmtf(rw, 2), fmtf(rc, 2))
		}
		p("\n")
	}
	if sc, ok := f.med("score/entities_f1"); ok {
		p("Correctness at scale: kgscore on the first 50 generated articles: entities F1 %s, relations F1 %s, events F1 %s, event dates %s.\n\n",
			fmtf(sc, 3), fmtf(first(f, "score/relations_f1"), 3), fmtf(first(f, "score/events_f1"), 3), fmtf(first(f, "score/event_dates"), 3))
	}
}

func first(f figures, k string) float64 {
	v, _ := f.med(k)
	return v
}

func neo4jIngest(w io.Writer, f figures, c config) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## 4. Ingest into Neo4j\n\n")
	if c.neo4jSize == "" {
		p("Not run: %s.\n\n", c.neo4jReason)
		return
	}
	s := c.neo4jSize
	p("Neo4j 5.26 Community (tools/neo4j, one server, 1 GiB heap) on this machine. The %s articles are extracted once; then, per round, the database is emptied and loaded by the hand-written baseline (batched `UNWIND $rows … MERGE`, one statement per label or relationship type and batch of 1000 rows, through the same Go driver), emptied again and loaded by kg's store (`graph/neo4j`, `PutArticles` transactions of 256 articles, as `kg ingest --store neo4j` does by default). Medians of %d rounds.\n\n", label(s), f.n("ingest/neo4j-kg/"+s+"/seconds"))
	p("```sh\nbench-ingest -mode neo4j -uri bolt://127.0.0.1:PORT -rounds 3 corpus-%s\n```\n\n", s)
	kg, _ := f.med("ingest/neo4j-kg/" + s + "/articles_per_s")
	hw, _ := f.med("ingest/neo4j-unwind/" + s + "/articles_per_s")
	kgs, _ := f.med("ingest/neo4j-kg/" + s + "/seconds")
	hws, _ := f.med("ingest/neo4j-unwind/" + s + "/seconds")
	p("| loader | seconds | articles/s | vs hand-written |\n|---|---|---|---|\n")
	r, _ := ratio(f, "ingest/neo4j-kg/"+s+"/articles_per_s", "ingest/neo4j-unwind/"+s+"/articles_per_s")
	p("| kg (`graph/neo4j`) | %s | %s | %s× |\n", fmtf(kgs, 1), fmtf(kg, 1), fmtf(r, 2))
	p("| hand-written UNWIND … MERGE | %s | %s | 1× |\n\n", fmtf(hws, 1), fmtf(hw, 1))
}

func queries(w io.Writer, f figures, c config) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("## 5. Query latency and throughput\n\n")
	p("One load generator (`bench/load`) asks the same questions of every target with the same parameters (drawn from the graph's people with seed 1): *events* (a person's events and roles), *coparticipants* (the 5 people sharing most events), *neighbourhood2* (depth-2 neighbourhood, at most 100 nodes, with the relations among them), *path* (shortest path between two people, at most 6 hops), *search* (names resembling two characters of a name, 10 hits). Per round and target: %d sequential requests of each question (latency without contention), then %d concurrent clients on the mix for %s (requests/s and latency under load); %d rounds, alternating the order of the targets; medians over rounds. Every answer is checked (HTTP 200 without GraphQL errors; records read).\n\n", c.loadN, c.loadC, c.loadD, c.loadRounds)
	p("Targets: `graphql-bolt`: `kg serve` on the embedded store (%s articles); `store`: the same questions in process through `queries.Service` on that store (the store's share, without HTTP and GraphQL)", label(c.querySize))
	if c.neo4jQuery != "" {
		p("; `graphql-neo4j`: `kg serve --store neo4j` on the Neo4j graph loaded by kg (%s articles); `cypher`: hand-written Cypher through the Go driver on the same database", label(c.neo4jQuery))
		if _, ok := f.med("load/neo4j-graphql-library/conc/rps"); ok {
			p("; `neo4j-graphql-library`: `@neo4j/graphql` on Node.js serving the same database (bench/neo4jgraphql)")
		}
	}
	p(".\n\n```sh\nload -graphql graphql-bolt=URL -n %d -c %d -duration %s -rounds %d\nload -store store=DIR …\nload -graphql graphql-neo4j=URL -cypher cypher=bolt://… -neo4jgraphql neo4j-graphql-library=URL …\n```\n\n", c.loadN, c.loadC, c.loadD, c.loadRounds)
	targets := []string{"graphql-bolt", "store", "graphql-neo4j", "cypher", "neo4j-graphql-library"}
	p("Latency without contention, p50 / p99 in ms:\n\n| question |")
	var present []string
	for _, t := range targets {
		if _, ok := f.med("load/" + t + "/seq/events/p50_ms"); ok {
			present = append(present, t)
			p(" %s |", t)
		}
	}
	p("\n|---|%s\n", strings.Repeat("---|", len(present)))
	for _, q := range questionNames {
		p("| %s |", q)
		for _, t := range present {
			a, _ := f.med("load/" + t + "/seq/" + q + "/p50_ms")
			b, _ := f.med("load/" + t + "/seq/" + q + "/p99_ms")
			p(" %s / %s |", fmtf(a, 2), fmtf(b, 1))
		}
		p("\n")
	}
	p("\nUnder load (%d clients on the mix):\n\n| target | requests/s | p50 ms | p99 ms |\n|---|---|---|---|\n", c.loadC)
	for _, t := range present {
		r, _ := f.med("load/" + t + "/conc/rps")
		a, _ := f.med("load/" + t + "/conc/all/p50_ms")
		b, _ := f.med("load/" + t + "/conc/all/p99_ms")
		p("| %s | %s | %s | %s |\n", t, fmtf(r, 0), fmtf(a, 1), fmtf(b, 1))
	}
	p("\n")
}
