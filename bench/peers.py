#!/usr/bin/env python3
"""Runs Evident and its peers (tantivy, bm25s, SQLite FTS5) on the same BEIR corpus and queries
in one run, and prints one side-by-side table: quality (nDCG@10, Recall@100 by pytrec_eval, the
same code for every system) and speed (indexing documents/second, single-thread query latency
and queries/second), with Evident's ratio to each peer.

Usage (from the repository root, after `swift build -c release`):
    bench/peers.sh [--corpus C --queries Q --qrels R]      # creates bench/.venv, then runs this

For a scale corpus without judgements (`evident bench generate`), measure speed only, and pick
the peers:
    bench/peers.sh --corpus /tmp/scale-1m/corpus.jsonl --queries Q --qrels none --peers tantivy

Every system gets the same in-memory documents (title + text), the same queries, one thread for
queries, and is asked for the top 10 when timed and the top 100 when judged.
"""
import argparse, json, os, re, sqlite3, statistics, subprocess, sys, tempfile, time

import pytrec_eval

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "data", "scifact")


def load(args):
    corpus = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    queries = [json.loads(line) for line in open(args.queries, encoding="utf-8") if line.strip()]
    if args.qrels == "none":
        return corpus, queries, None
    qrels = {}
    for number, line in enumerate(open(args.qrels, encoding="utf-8")):
        fields = line.split()
        if number == 0 and fields[0] == "query-id":
            continue
        query, doc, grade = (fields[0], fields[1], fields[2]) if len(fields) == 3 else (fields[0], fields[2], fields[3])
        qrels.setdefault(query, {})[doc] = int(grade)
    queries = [q for q in queries if q["_id"] in qrels]
    return corpus, queries, qrels


def quality(run, qrels):
    measures = pytrec_eval.RelevanceEvaluator(qrels, {"ndcg_cut_10", "recall_100"}).evaluate(run)
    judged = [q for q in qrels if any(g > 0 for g in qrels[q].values())]
    ndcg = sum(measures.get(q, {}).get("ndcg_cut_10", 0.0) for q in judged) / len(judged)
    recall = sum(measures.get(q, {}).get("recall_100", 0.0) for q in judged) / len(judged)
    return ndcg, recall


def timed_queries(search, queries, rounds=3):
    """Best-of-rounds latency per query (ms) and overall queries/second (best round)."""
    best = [float("inf")] * len(queries)
    best_total = float("inf")
    for _ in range(rounds):
        start_round = time.perf_counter()
        for index, query in enumerate(queries):
            start = time.perf_counter()
            search(query["text"], 10)
            best[index] = min(best[index], (time.perf_counter() - start) * 1000)
        best_total = min(best_total, time.perf_counter() - start_round)
    ordered = sorted(best)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered) + 0.999) - 1)]
    return statistics.median(ordered), p99, len(queries) / best_total


def run_evident(args, corpus, queries):
    binary = os.path.join(ROOT, ".build", "release", "evident")
    if not os.access(binary, os.X_OK):
        sys.exit("error: build Evident first: swift build -c release")
    with tempfile.TemporaryDirectory() as scratch:
        run_file = os.path.join(scratch, "run.txt")
        command = [binary, "bench", "search", "--corpus", args.corpus, "--queries", args.queries, "--run-file", run_file,
                   "--threads", "1", "--json"]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        report = json.loads(output)
        run = {}
        for line in open(run_file):
            query, _, doc, _, score, _ = line.split()
            run.setdefault(query, {})[doc] = float(score)
    return {
        "name": "Evident", "docs_per_s": report["documentsPerSecond"], "index_ratio": report["indexToTextRatio"],
        "p50": report["latencyP50Milliseconds"], "p99": report["latencyP99Milliseconds"], "qps": report["queriesPerSecond"],
        "run": run,
    }


def run_tantivy(args, corpus, queries, raw_bytes):
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name="en_stem")
    builder.add_text_field("body", tokenizer_name="en_stem")
    schema = builder.build()
    with tempfile.TemporaryDirectory() as directory:
        index = tantivy.Index(schema, path=directory)
        start = time.perf_counter()
        writer = index.writer(heap_size=200_000_000, num_threads=1)
        for doc in corpus:
            writer.add_document(tantivy.Document(id=doc["_id"], title=doc.get("title", ""), body=doc["text"]))
        writer.commit()
        writer.wait_merging_threads()
        seconds = time.perf_counter() - start
        index.reload()
        size = sum(os.path.getsize(os.path.join(directory, f)) for f in os.listdir(directory))
        searcher = index.searcher()
        cleaner = re.compile(r"[^\w\s]", re.UNICODE)

        def search(text, limit):
            terms = cleaner.sub(" ", text).split()
            if not terms:
                return []
            query = index.parse_query(" ".join(terms), ["title", "body"])
            return searcher.search(query, limit).hits

        p50, p99, qps = timed_queries(search, queries)
        run = {}
        for query in queries:
            hits = search(query["text"], 100)
            run[query["_id"]] = {searcher.doc(address)["id"][0]: float(score) for score, address in hits}
    return {"name": "tantivy", "docs_per_s": len(corpus) / seconds, "index_ratio": size / raw_bytes,
            "p50": p50, "p99": p99, "qps": qps, "run": run}


def run_bm25s(args, corpus, queries, raw_bytes):
    import bm25s, Stemmer
    stemmer = Stemmer.Stemmer("english")
    texts = [(doc.get("title", "") + " " + doc["text"]) for doc in corpus]
    ids = [doc["_id"] for doc in corpus]
    start = time.perf_counter()
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25(method="lucene", k1=0.9, b=0.4)
    retriever.index(tokens, show_progress=False)
    seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as directory:
        retriever.save(directory)
        size = sum(os.path.getsize(os.path.join(directory, f)) for f in os.listdir(directory))

    def search(text, limit):
        query_tokens = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, show_progress=False)
        return retriever.retrieve(query_tokens, k=limit, show_progress=False, n_threads=1)

    p50, p99, qps = timed_queries(search, queries)
    run = {}
    for query in queries:
        results, scores = search(query["text"], 100)
        run[query["_id"]] = {ids[int(doc)]: float(score) for doc, score in zip(results[0], scores[0])}
    return {"name": "bm25s", "docs_per_s": len(corpus) / seconds, "index_ratio": size / raw_bytes,
            "p50": p50, "p99": p99, "qps": qps, "run": run}


def run_fts5(args, corpus, queries, raw_bytes):
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "fts.sqlite")
        connection = sqlite3.connect(path)
        connection.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61')")
        start = time.perf_counter()
        with connection:
            connection.executemany("INSERT INTO docs(id, title, body) VALUES (?, ?, ?)",
                                   ((doc["_id"], doc.get("title", ""), doc["text"]) for doc in corpus))
        connection.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        connection.commit()
        seconds = time.perf_counter() - start
        # Size of the full-text index alone (the shadow tables), not the stored text.
        size = os.path.getsize(path)
        stored = sum(len(d.get("title", "").encode()) + len(d["text"].encode()) for d in corpus)
        size = max(0, size - stored)
        word = re.compile(r"\w+", re.UNICODE)

        def search(text, limit):
            terms = ['"%s"' % t for t in word.findall(text.lower())]
            if not terms:
                return []
            return connection.execute("SELECT id, -bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                                      (" OR ".join(terms), limit)).fetchall()

        p50, p99, qps = timed_queries(search, queries)
        run = {query["_id"]: {doc: float(score) for doc, score in search(query["text"], 100)} for query in queries}
        connection.close()
    return {"name": "SQLite FTS5", "docs_per_s": len(corpus) / seconds, "index_ratio": size / raw_bytes,
            "p50": p50, "p99": p99, "qps": qps, "run": run}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.join(SHARED, "corpus.jsonl"))
    parser.add_argument("--queries", default=os.path.join(SHARED, "queries.train.jsonl"))
    parser.add_argument("--qrels", default=os.path.join(SHARED, "qrels", "train.tsv"),
                        help="BEIR qrels.tsv, or 'none' to measure speed only (every query is timed)")
    parser.add_argument("--peers", default="tantivy,bm25s,fts5",
                        help="comma-separated peers to run beside Evident: tantivy, bm25s, fts5 (default: all)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    corpus, queries, qrels = load(args)
    raw_bytes = sum(len(d.get("title", "").encode()) + len(d["text"].encode()) for d in corpus)
    runners = {"tantivy": run_tantivy, "bm25s": run_bm25s, "fts5": run_fts5}
    chosen = [name.strip() for name in args.peers.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in runners]
    if unknown:
        sys.exit(f"error: unknown peer(s) {', '.join(unknown)}; choose from {', '.join(runners)}")
    rows = [run_evident(args, corpus, queries)]
    for name in chosen:
        rows.append(runners[name](args, corpus, queries, raw_bytes))
    for row in rows:
        run = row.pop("run")
        row["ndcg10"], row["recall100"] = quality(run, qrels) if qrels is not None else (None, None)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    evident = rows[0]
    judged = "judged " if qrels is not None else ""
    print(f"{len(corpus):,} documents, {len(queries):,} {judged}queries ({os.path.basename(args.queries)}); one run, this machine")
    print(f"{'system':<12} {'nDCG@10':>8} {'R@100':>7} {'index docs/s':>13} {'index/text':>10} {'p50 ms':>8} {'p99 ms':>8} {'QPS':>9}   Evident speed-up (QPS, indexing)")
    for row in rows:
        ratio = "" if row is evident else f"{evident['qps'] / row['qps']:.1f}x, {evident['docs_per_s'] / row['docs_per_s']:.1f}x"
        ndcg = "-" if row["ndcg10"] is None else f"{row['ndcg10']:.4f}"
        recall = "-" if row["recall100"] is None else f"{row['recall100']:.4f}"
        print(f"{row['name']:<12} {ndcg:>8} {recall:>7} {row['docs_per_s']:>13,.0f} {row['index_ratio']:>9.0%} "
              f"{row['p50']:>8.3f} {row['p99']:>8.3f} {row['qps']:>9,.0f}   {ratio}")


if __name__ == "__main__":
    main()
