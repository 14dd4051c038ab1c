/*
 * severity.h: the severity a finding is shown with, and whether it fails the
 * run under --exit-zero.
 *
 * A finding is a warning unless it carries another severity (compile errors
 * reported as findings are errors) or its rule is selected by
 * --warnings-as-errors=GLOBS (clang-tidy's option: comma-separated globs
 * over rule ids, `-` excludes, the last glob that matches wins).
 */
#ifndef LOCKCHECK_SEVERITY_H
#define LOCKCHECK_SEVERITY_H

#include <stdbool.h>

#include "report/finding.h"

/* True when `rule` is selected by `globs` (NULL or empty: none is). */
bool rule_in_globs(const char *globs, const char *rule);

/* True when the finding is promoted by --warnings-as-errors. */
bool finding_promoted(const struct finding *f, const char *warnings_as_errors);

/* "warning" or "error". */
const char *finding_severity_word(const struct finding *f, const char *warnings_as_errors);

/* The number of findings shown as errors. */
size_t finding_error_count(const struct finding_list *list, const char *warnings_as_errors);

#endif
