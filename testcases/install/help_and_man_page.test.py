"""Helper of help_and_man_page.test: every option of `lockcheck --help`
(argv[1]) must appear in the man page (argv[2]) as an option heading."""
import re
import sys

help_text = open(sys.argv[1]).read()
man = open(sys.argv[2]).read().replace("\\-", "-")
options = []
for line in help_text.splitlines():
    m = re.match(r"\s+(-[^\s]*)(?:[^,]*,\s*(-[^\s=<]+))?", line)
    if m:
        for opt in m.groups():
            if opt:
                options.append(re.split(r"[=<]", opt)[0])
options += ["--config", "--header-filter", "--stdin-filename"]
missing = []
for opt in options:
    # An option heading: `.B opt`, `.BI opt` or `.BR opt` at a line start.
    if re.search(r'^\.(B|BI|BR) (.*[ "])?' + re.escape(opt) + r"(\b|[= ]|$)", man, re.M):
        print("documented: " + opt)
    else:
        missing.append(opt)
for opt in missing:
    print("MISSING from the man page: " + opt)
# Every rule of --list-checks (argv[3], when given) has an entry under RULES.
if len(sys.argv) > 3:
    for line in open(sys.argv[3]).read().splitlines():
        rule = line.split()[0]
        if re.search(r"^\.B " + re.escape(rule) + r"$", man, re.M):
            print("rule documented: " + rule)
        else:
            missing.append(rule)
            print("MISSING rule from the man page: " + rule)
if not missing:
    print("all options documented")
sys.exit(1 if missing else 0)
