/*
 * report_html.h: --format=html -o DIR, a report to triage in a browser.
 *
 * DIR/index.html lists every finding (sortable by column, filterable by rule
 * and file, with counts per rule); DIR/finding-N.html shows one finding: the
 * source around it with every step of the path numbered and highlighted on
 * its line, the message at the finding, links from step to step, and the
 * rule's explanation. Every page is self-contained: inline CSS and script,
 * no network, no external files.
 */
#ifndef LOCKCHECK_REPORT_HTML_H
#define LOCKCHECK_REPORT_HTML_H

#include "report/finding.h"

struct source_texts;

/* Writes the pages into `dir` (created if missing; other files in it are
 * left alone). `warnings_as_errors`: the rules shown as errors. Returns NULL
 * or an allocated one-line error naming the file. */
char *report_html(const struct finding_list *list, struct source_texts *texts, const char *dir,
                  const char *warnings_as_errors);

#endif
