#!/usr/bin/env python3
"""Measures how much of Ember's Python package repeats Apache PySpark's sources.

Usage: scripts/provenance.py REF_PYSPARK_DIR [--json]

REF_PYSPARK_DIR is an installed ``pyspark`` package directory (for example the one that
``scripts/connect-server.sh install`` puts in its virtualenv). Every ``.py`` file under
``src/python/`` is compared with the file at the same path under REF_PYSPARK_DIR; a file
with no counterpart there is compared with every PySpark file at once.

A line counts when, stripped of surrounding white space, it is longer than 20 characters,
is not an ``import``/``from ... import`` line and is not a lone string literal (the text of
an error-message template, which Ember must reproduce byte for byte). For each file the
script reports the counted lines, how many of them appear verbatim in the reference, that
share, and the longest run of consecutive counted lines that all appear there.

The check fails (exit status 1) when a file of 20 or more counted lines is 15% or more
identical, or when any file has a run of 6 or more identical lines. Exit status 2 means
the reference directory is missing.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "src", "python")
MIN_LENGTH = 20
MIN_LINES = 20
MAX_SHARE = 0.15
MAX_RUN = 6

# A line that is only a string literal, possibly followed by a comma, a bracket or a
# colon: a piece of an error-message template or of a table of names.
_LONE_STRING = re.compile(r"""^[rbuf]{0,2}(\"[^\"]*\"|'[^']*')\s*[,\)\]\}:]*\s*$""")


def counted(line):
    """The stripped line if it is measured, else None."""
    text = line.strip()
    if len(text) <= MIN_LENGTH:
        return None
    if text.startswith("import ") or (text.startswith("from ") and " import " in text):
        return None
    if _LONE_STRING.match(text):
        return None
    return text


def measured_lines(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return [text for text in map(counted, handle) if text is not None]


def reference_lines(path):
    """The set of stripped lines of a reference file (all lines; matching is by text)."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        return {line.strip() for line in handle}


def python_files(top):
    for directory, subdirectories, files in os.walk(top):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(directory, name)


def measure(path, reference):
    """(counted lines, identical lines, longest identical run) of one file."""
    lines = measured_lines(path)
    identical = run = longest = 0
    for text in lines:
        if text in reference:
            identical += 1
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return len(lines), identical, longest


def main(argv):
    arguments = [a for a in argv if not a.startswith("--")]
    if len(arguments) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    reference_root = arguments[0]
    if not os.path.isdir(reference_root):
        print("provenance: no reference directory %s" % reference_root, file=sys.stderr)
        return 2
    everything = set()
    for path in python_files(reference_root):
        everything |= reference_lines(path)
    results = []
    for path in python_files(PACKAGE):
        relative = os.path.relpath(path, PACKAGE)
        inside = relative.split(os.sep, 1)[1] if relative.startswith("pyspark" + os.sep) else None
        counterpart = os.path.join(reference_root, inside) if inside else None
        if counterpart and os.path.isfile(counterpart):
            reference, against = reference_lines(counterpart), inside
        else:
            reference, against = everything, "(all of PySpark)"
        total, identical, longest = measure(path, reference)
        share = identical / total if total else 0.0
        failed = (total >= MIN_LINES and share >= MAX_SHARE) or longest >= MAX_RUN
        results.append({"file": relative, "against": against, "lines": total, "identical": identical,
                        "share": round(share, 4), "longest_run": longest, "failed": failed})
    if "--json" in argv:
        print(json.dumps(results, indent=1))
    else:
        print("%-48s %6s %6s %7s %4s" % ("file", "lines", "same", "share", "run"))
        for result in results:
            print("%-48s %6d %6d %6.1f%% %4d%s" % (result["file"], result["lines"], result["identical"],
                                                   100 * result["share"], result["longest_run"],
                                                   "  FAIL" if result["failed"] else ""))
    failures = [r["file"] for r in results if r["failed"]]
    if failures:
        print("provenance: %d file(s) over the limits (%d%% identical, a run of %d lines): %s"
              % (len(failures), MAX_SHARE * 100, MAX_RUN, ", ".join(failures)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
