"""Builds the English corpus for the word-count example and benchmark.

The text is the copyright and licence files that Debian packages ship
(/usr/share/doc/*/copyright and /usr/share/common-licenses/*), about 17 MB of English on
these machines, concatenated in path order and repeated until the file has at least 50 MB.

Usage: python3 examples/make_corpus.py [OUT] (default: corpus.txt in the system temp folder)
"""
import glob
import os
import sys
import tempfile

MINIMUM = 50 * 1024 * 1024


def build(out: str) -> str:
    texts = []
    for path in sorted(glob.glob("/usr/share/doc/*/copyright")) + sorted(glob.glob("/usr/share/common-licenses/*")):
        try:
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
        except (UnicodeDecodeError, IsADirectoryError, PermissionError):
            continue
    corpus = "\n".join(texts).encode("utf-8")
    if not corpus:
        sys.exit("no Debian copyright files found under /usr/share/doc")
    with open(out, "wb") as f:
        written = 0
        while written < MINIMUM:
            f.write(corpus)
            written += len(corpus)
    return out


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.gettempdir(), "corpus.txt")
    if not (os.path.exists(target) and os.path.getsize(target) >= MINIMUM):
        build(target)
    print(target)
