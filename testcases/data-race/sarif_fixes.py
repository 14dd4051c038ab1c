#!/usr/bin/env python3
"""sarif_fixes.py SARIF: one line per fix of every result, in order:
"RESULT_LINE FILE:LINE:COLUMN insert 'TEXT': DESCRIPTION" (nothing when no
result has a fix)."""
import json
import sys

with open(sys.argv[1]) as f:
    sarif = json.load(f)
for result in sarif["runs"][0]["results"]:
    line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
    for fix in result.get("fixes", []):
        for change in fix["artifactChanges"]:
            uri = change["artifactLocation"]["uri"]
            for r in change["replacements"]:
                region = r["deletedRegion"]
                assert (region["startLine"], region["startColumn"]) == (region["endLine"], region["endColumn"])
                print("%d %s:%d:%d insert '%s': %s" % (line, uri, region["startLine"], region["startColumn"],
                                                     r["insertedContent"]["text"], fix["description"]["text"]))
