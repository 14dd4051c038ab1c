/*
 * report.h: the machine-readable views of the findings (the text view is
 * report_text in finding.h) and the baseline file.
 *
 * All of them are written with json-c: no hand-made escaping.
 */
#ifndef LOCKCHECK_REPORT_H
#define LOCKCHECK_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "report/finding.h"

/* The JSON view, documented in docs/json-format.md. */
void report_json(const struct finding_list *list, FILE *out);

/* SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Paths are
 * made relative to `source_root_abs` (absolute) under the base id %SRCROOT%;
 * `execution_successful` is false when some file could not be checked.
 * `baselined` (NULL without --baseline): the findings the baseline hides;
 * they are kept as results with baselineState "unchanged" and an external
 * suppression, and the others get baselineState "new". `texts` (may be
 * NULL): the files' text, for regions' ends and code-point columns. */
struct source_texts;
/* The rules SARIF's tool.driver.rules[] lists, in order (the driver gives
 * the table of rules; results refer to theirs by index). */
struct rule_description;
struct sarif_rules {
    const struct rule_description *const *items;
    unsigned count;
};
void report_sarif(const struct finding_list *list, const struct finding_list *baselined,
                  const struct sarif_rules *rules, struct source_texts *texts,
                  const char *source_root_abs,
                  bool execution_successful, FILE *out);

/* Writes every finding's fingerprint to `path`. Returns NULL or an allocated
 * one-line error naming the file. */
char *baseline_write(const struct finding_list *list, const char *path);

struct baseline_counts {
    size_t hidden;   /* findings dropped */
    size_t stale;    /* entries that matched no finding (fixed, or changed) */
};

/* Moves the findings whose fingerprint is in the baseline at `path` from
 * `list` to `baselined` (SARIF still shows them, marked). Returns NULL or an
 * allocated one-line error naming the file (nothing moved). */
char *baseline_filter(struct finding_list *list, const char *path, struct baseline_counts *counts,
                      struct finding_list *baselined);

#endif
