#!/usr/bin/env python3
"""apply_suggestions.py SOURCE LOG: prints SOURCE with every annotation that
`lockcheck --suggest-annotations` suggested for it in LOG (its standard
error) inserted where the suggestion says, as a developer would apply them."""
import os
import re
import sys

SUGGESTION = re.compile(r"(?:lockcheck: note: )?(.+):(\d+):(\d+): suggestion: add (\S+\)) after '")


def main(source, log):
    lines = open(source).read().split("\n")
    edits = []
    for entry in open(log):
        m = SUGGESTION.match(entry.strip())
        if m and os.path.basename(m.group(1)) == os.path.basename(source):
            edits.append((int(m.group(2)), int(m.group(3)), m.group(4)))
    for line, column, text in sorted(edits, reverse=True):
        row = lines[line - 1]
        lines[line - 1] = row[:column - 1] + " " + text + row[column - 1:]
    sys.stdout.write("\n".join(lines))
    return 0 if edits else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
