#!/usr/bin/env python3
"""check_sarif.py: checks that a SARIF file from lockcheck has every field
GitHub code scanning requires (see /work/shared/NOTES.md), using only the
standard library.

    check_sarif.py FILE [--rules LIST_CHECKS_OUTPUT]

With --rules, the driver's rules[] must list exactly the rule ids of that
file (the output of `lockcheck --list-checks`), in that order. Prints one line
per result (`RULE URI:LINE:COLUMN notes=N`) and then `OK: N results, M rules`;
on a problem prints `ERROR: ...` lines and exits 1.
"""
import json
import sys

errors = []


def need(cond, what):
    if not cond:
        errors.append(what)
    return cond


def text_of(obj, key):
    """obj[key]["text"], when it is a non-empty string."""
    value = obj.get(key)
    if isinstance(value, dict) and isinstance(value.get("text"), str) and value["text"]:
        return value["text"]
    return None


def nonempty_str(value):
    return isinstance(value, str) and value != ""


def check_location(loc, where, base_ids):
    phys = loc.get("physicalLocation")
    if not need(isinstance(phys, dict), where + ": no physicalLocation"):
        return None
    art = phys.get("artifactLocation", {})
    uri = art.get("uri")
    need(nonempty_str(uri), where + ": artifactLocation.uri missing or empty")
    base = art.get("uriBaseId")
    if base is not None:
        need(base in base_ids, where + ": uriBaseId %r not in originalUriBaseIds" % base)
        need(nonempty_str(uri) and not uri.startswith("/") and not uri.startswith("./")
             and ":" not in uri, where + ": uri %r is not relative" % uri)
    else:
        need(nonempty_str(uri) and uri.startswith("file:///"),
             where + ": uri %r has no base and is not absolute" % uri)
    region = phys.get("region", {})
    line, col = region.get("startLine"), region.get("startColumn")
    need(isinstance(line, int) and line >= 1, where + ": region.startLine missing or < 1")
    need(isinstance(col, int) and col >= 1, where + ": region.startColumn missing or < 1")
    return "%s:%s:%s" % (uri, line, col)


def check_rules(driver, expected_ids):
    rules = driver.get("rules")
    if not need(isinstance(rules, list) and rules, "tool.driver.rules missing or empty"):
        return []
    ids = []
    for i, rule in enumerate(rules):
        where = "rules[%d]" % i
        need(nonempty_str(rule.get("id")), where + ": no id")
        for field in ("shortDescription", "fullDescription", "help"):
            need(text_of(rule, field), "%s: %s.text missing or empty" % (where, field))
        ids.append(rule.get("id"))
    need(len(set(ids)) == len(ids), "rule ids are not unique: %r" % ids)
    if expected_ids is not None:
        need(ids == expected_ids, "rules[] ids %r differ from --list-checks %r" % (ids, expected_ids))
    return ids


def check_flows(result, where, base_ids):
    flows = result.get("codeFlows", [])
    steps = 0
    for f, flow in enumerate(flows):
        for t, thread_flow in enumerate(flow.get("threadFlows", [])):
            locs = thread_flow.get("locations")
            need(isinstance(locs, list) and locs, "%s: codeFlows[%d].threadFlows[%d] has no locations" % (where, f, t))
            for s, step in enumerate(locs or []):
                loc = step.get("location", {})
                check_location(loc, "%s: codeFlow step %d" % (where, s), base_ids)
                need(text_of(loc, "message"), "%s: codeFlow step %d has no message" % (where, s))
                steps += 1
    related = result.get("relatedLocations", [])
    for r, loc in enumerate(related):
        check_location(loc, "%s: relatedLocations[%d]" % (where, r), base_ids)
        need(text_of(loc, "message"), "%s: relatedLocations[%d] has no message" % (where, r))
    need(bool(flows) == bool(related), where + ": codeFlows and relatedLocations must come together")
    if related:
        need(steps == len(related) + 1, where + ": codeFlow should be the notes then the finding")
    return len(related)


def check_result(result, i, rule_ids, base_ids):
    where = "results[%d]" % i
    rule_id = result.get("ruleId")
    need(rule_id in rule_ids, where + ": ruleId %r is not in rules[]" % rule_id)
    index = result.get("ruleIndex")
    need(isinstance(index, int) and 0 <= index < len(rule_ids) and rule_ids[index] == rule_id,
         where + ": ruleIndex does not point at ruleId")
    need(result.get("level") == "warning", where + ": level is not 'warning'")
    need(text_of(result, "message"), where + ": message.text missing or empty")
    locs = result.get("locations")
    position = None
    if need(isinstance(locs, list) and len(locs) == 1, where + ": needs exactly one location"):
        position = check_location(locs[0], where, base_ids)
    fps = result.get("partialFingerprints")
    need(isinstance(fps, dict) and fps and all(nonempty_str(v) for v in fps.values()),
         where + ": partialFingerprints missing or empty")
    notes = check_flows(result, where, base_ids)
    return "%s %s notes=%d" % (rule_id, position, notes)


def main():
    args = sys.argv[1:]
    expected = None
    if "--rules" in args:
        k = args.index("--rules")
        with open(args[k + 1]) as f:
            expected = [line.split()[0] for line in f if line.strip()]
        del args[k:k + 2]
    with open(args[0]) as f:
        sarif = json.load(f)
    need(sarif.get("version") == "2.1.0", "version is not '2.1.0'")
    need(nonempty_str(sarif.get("$schema")), "$schema missing or empty")
    runs = sarif.get("runs")
    lines = []
    rule_ids = []
    if need(isinstance(runs, list) and len(runs) == 1, "needs exactly one run"):
        run = runs[0]
        driver = run.get("tool", {}).get("driver", {})
        for field in ("name", "version", "informationUri"):
            need(nonempty_str(driver.get(field)), "tool.driver.%s missing or empty" % field)
        rule_ids = check_rules(driver, expected)
        base_ids = run.get("originalUriBaseIds", {})
        for name, base in base_ids.items():
            need(nonempty_str(base.get("uri")) and base["uri"].startswith("file:///") and base["uri"].endswith("/"),
                 "originalUriBaseIds[%s].uri must be a file:/// folder URI ending in /" % name)
        results = run.get("results")
        if need(isinstance(results, list), "results[] missing"):
            for i, result in enumerate(results):
                lines.append(check_result(result, i, rule_ids, base_ids))
            prints = [r.get("partialFingerprints") for r in results]
            need(len({json.dumps(p, sort_keys=True) for p in prints}) == len(prints),
                 "two results share partialFingerprints")
    for line in lines:
        print(line)
    if errors:
        for e in errors:
            print("ERROR: " + e)
        return 1
    print("OK: %d results, %d rules" % (len(lines), len(rule_ids)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
