"""The single-process baseline of benches/wordcount.py: collections.Counter over the corpus."""
import sys
from collections import Counter

with open(sys.argv[1], encoding="utf-8") as f:
    counts = Counter(word for line in f for word in line.split())
for word, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
    print(f"{word}\t{count}")
