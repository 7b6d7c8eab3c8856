#!/usr/bin/env python3
"""Writes a BEIR queries file from the questions of MedQuAD's NIH pages: short consumer-health
questions ("What are the treatments for Menkes syndrome ?"), the kind Evident is asked, to time
search on a scale corpus beside the long SciFact claims.

Usage: bench/medquad_queries.py [--medquad ../shared/data/medquad] [--count 2000] [--seed 7] OUTPUT.jsonl
"""
import argparse, glob, json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--medquad", default=os.path.join(HERE, "..", "..", "shared", "data", "medquad"))
    parser.add_argument("--count", type=int, default=2000, help="distinct questions to keep (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="shuffle seed (the same seed gives the same file)")
    args = parser.parse_args()
    files = sorted(glob.glob(os.path.join(args.medquad, "*", "*.xml")))
    if not files:
        sys.exit(f"error: no MedQuAD XML files under {args.medquad}")
    questions = []
    for path in files:
        text = open(path, encoding="utf-8", errors="replace").read()
        for match in re.finditer(r"<Question[^>]*>(.*?)</Question>", text, re.S):
            question = re.sub(r"\s+", " ", match.group(1)).strip()
            if question:
                questions.append(question)
    random.Random(args.seed).shuffle(questions)
    chosen = list(dict.fromkeys(questions))[: args.count]
    with open(args.output, "w", encoding="utf-8") as out:
        for number, question in enumerate(chosen):
            out.write(json.dumps({"_id": str(number), "text": question}) + "\n")
    print(f"{len(chosen)} questions from {len(files)} files -> {args.output}")


if __name__ == "__main__":
    main()
