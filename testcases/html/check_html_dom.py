#!/usr/bin/env python3
"""check_html_dom.py: checks lockcheck's HTML report as a browser shows it.

    check_html_dom.py CHROMIUM REPORT_DIR FINDINGS_JSON SCREENSHOT_PNG

Loads every page in headless Chromium (--dump-dom: the DOM after the pages'
scripts ran) and checks it against the findings of `lockcheck --format=json`
for the same run:
  - index.html lists every finding, in order, with its rule, file, line and
    message, and a count per rule; its script ran (body[data-ready]); loaded
    as index.html#rule=R (or #file=F) it hides exactly the rows of other
    rules (files), and as index.html#sort=line it orders the rows by line;
  - finding-N.html shows the finding's message, marks its line, and every
    step (note) of the path as bubble #step-I placed right after the source
    row of the note's line in the note's file, that row highlighted;
    previous/next links join the steps in order;
  - no page loads anything (no src=, href= to another site, @import, url()).
Takes a screenshot of finding-1.html. Prints `OK: ...` or `ERROR: ...` lines
(exit 1).
"""
import html.parser
import json
import os
import subprocess
import sys
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

errors = []


def need(cond, what):
    if not cond:
        errors.append(what)
    return cond


def chromium(binary, url, extra):
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run([binary] + FLAGS + ["--user-data-dir=" + profile] + extra + [url],
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    if run.returncode != 0:
        sys.exit("ERROR: chromium failed on %s: %s" % (url, run.stderr.decode()[-500:]))
    return run.stdout.decode("utf-8")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], ""

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


class Tree(html.parser.HTMLParser):
    VOID = {"meta", "br", "img", "input", "link", "hr"}

    def __init__(self, text):
        super().__init__()
        self.root = Node("#root", [], None)
        self.cur = self.root
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        # Text after a child goes to the parent: all_text keeps order enough
        # for cell contents, which have no mixed children here.
        self.cur.text += data


def dom(binary, path, fragment=""):
    return Tree(chromium(binary, "file://" + os.path.abspath(path) + fragment, ["--dump-dom"])).root


def by_id(root, ident):
    return next((n for n in root.walk() if n.attrs.get("id") == ident), None)


def classes(node):
    return (node.attrs.get("class") or "").split()


def check_index(binary, report, findings):
    root = dom(binary, os.path.join(report, "index.html"))
    body = next(n for n in root.walk() if n.tag == "body")
    need(body.attrs.get("data-ready") == "1", "index.html: its script did not run")
    rows = [n for n in root.walk() if n.tag == "tr" and "finding" in classes(n)]
    need(len(rows) == len(findings), "index.html lists %d findings, not %d" % (len(rows), len(findings)))
    for i, (row, f) in enumerate(zip(rows, findings), 1):
        cells = [c.all_text() for c in row.children if c.tag == "td"]
        expect = [str(i), "warning", f["rule"], f["file"], str(f["line"]), f["message"]]
        need(cells == expect, "index.html row %d is %r, not %r" % (i, cells, expect))
        link = next((n for n in row.walk() if n.tag == "a"), None)
        need(link is not None and link.attrs.get("href") == "finding-%d.html" % i,
             "index.html row %d does not link finding-%d.html" % (i, i))
    counts = {}
    for f in findings:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    table = by_id(root, "rule-counts")
    shown = {}
    for tr in (n for n in table.walk() if n.tag == "tr"):
        cells = [c.all_text() for c in tr.children if c.tag == "td"]
        shown[cells[0]] = int(cells[1])
    need(shown == counts, "index.html counts %r, not %r" % (shown, counts))
    rule = sorted(counts)[0]
    filtered = dom(binary, os.path.join(report, "index.html"), "#rule=" + rule)
    visible = [n.attrs.get("data-rule") for n in filtered.walk()
               if n.tag == "tr" and "finding" in classes(n) and "hidden" not in n.attrs]
    need(visible == [rule] * counts[rule],
         "index.html#rule=%s shows %r" % (rule, visible))
    file = findings[-1]["file"]
    by_file = dom(binary, os.path.join(report, "index.html"), "#file=" + file)
    visible = [n.attrs.get("data-file") for n in by_file.walk()
               if n.tag == "tr" and "finding" in classes(n) and "hidden" not in n.attrs]
    need(visible == [f["file"] for f in findings if f["file"] == file],
         "index.html#file=%s shows %r" % (file, visible))
    by_line = dom(binary, os.path.join(report, "index.html"), "#sort=line")
    lines = [int([c for c in n.children if c.tag == "td"][4].all_text()) for n in by_line.walk()
             if n.tag == "tr" and "finding" in classes(n)]
    need(lines == sorted(f["line"] for f in findings),
         "index.html#sort=line orders the lines %r" % lines)
    return len(rows), rule


def source_row_before(bubble):
    """The source row (id L<n>) a bubble follows, skipping other bubbles."""
    rows = bubble.parent.children
    i = rows.index(bubble) - 1
    while i >= 0 and "bubble" in classes(rows[i]):
        i -= 1
    return rows[i] if i >= 0 else None


def block_file(row):
    """The file name shown above the source table the row is in."""
    table = row.parent
    while table.tag != "table":
        table = table.parent
    siblings = table.parent.children
    before = siblings[:siblings.index(table)]
    names = [n.all_text() for n in before if n.tag == "p" and "file" in classes(n)]
    return names[-1] if names else None


def check_mark(page, bubble, pos, what, line_class):
    if not need(bubble is not None, "%s: %s has no bubble" % (page, what)):
        return
    need(bubble.attrs.get("data-line") == str(pos["line"]),
         "%s: %s bubble is for line %s, not %d" % (page, what, bubble.attrs.get("data-line"), pos["line"]))
    row = source_row_before(bubble)
    need(row is not None and row.attrs.get("id") == "L%d" % pos["line"],
         "%s: %s is not placed after line %d" % (page, what, pos["line"]))
    if row is not None:
        need(line_class in classes(row) or "finding-line" in classes(row),
             "%s: line %d of %s is not highlighted" % (page, pos["line"], what))
        need(block_file(row) == pos["file"],
             "%s: %s is shown in %s, not %s" % (page, what, block_file(row), pos["file"]))


def check_finding_page(binary, report, number, f):
    page = "finding-%d.html" % number
    root = dom(binary, os.path.join(report, page))
    title = by_id(root, "message")
    need(title is not None and f["message"] in title.all_text(), "%s: no message" % page)
    check_mark(page, by_id(root, "finding"), f, "the finding", "finding-line")
    for i, note in enumerate(f["notes"], 1):
        bubble = by_id(root, "step-%d" % i)
        check_mark(page, bubble, note, "step %d" % i, "step-line")
        if bubble is not None:
            need(note["message"] in bubble.all_text(), "%s: step %d lacks its message" % (page, i))
            links = [n.attrs.get("href") for n in bubble.walk() if n.tag == "a"]
            want = (["#step-%d" % (i - 1)] if i > 1 else []) + \
                   (["#step-%d" % (i + 1)] if i < len(f["notes"]) else ["#finding"])
            need(links == want, "%s: step %d links %r, not %r" % (page, i, links, want))
    need(by_id(root, "explanation") is not None, "%s: no rule explanation" % page)
    return len(f["notes"])


def check_self_contained(report):
    for name in sorted(os.listdir(report)):
        text = open(os.path.join(report, name), encoding="utf-8").read()
        for bad in (" src=", "<link", "@import", "url(", "http://", "https://"):
            need(bad not in text, "%s contains %r: it must load nothing" % (name, bad))


def main():
    binary, report, findings_json, screenshot = sys.argv[1:5]
    findings = json.load(open(findings_json))["findings"]
    listed, rule = check_index(binary, report, findings)
    steps = sum(check_finding_page(binary, report, i, f) for i, f in enumerate(findings, 1))
    check_self_contained(report)
    chromium(binary, "file://" + os.path.abspath(os.path.join(report, "finding-1.html")),
             ["--window-size=1200,1000", "--screenshot=" + os.path.abspath(screenshot)])
    with open(screenshot, "rb") as f:
        need(f.read(8) == b"\x89PNG\r\n\x1a\n", "no PNG screenshot")
    for e in errors:
        print("ERROR: " + e)
    if errors:
        sys.exit(1)
    print("OK: %d findings listed, %d pages, %d steps marked, filter by %s" %
          (listed, len(findings), steps, rule))


main()
