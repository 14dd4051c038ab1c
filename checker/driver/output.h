/*
 * output.h: the last stage of a run, after every file is analysed: sort and
 * de-duplicate, fingerprint, baseline (write and filter), then the report in
 * the chosen format to standard output or -o, and the summary on standard
 * error.
 */
#ifndef LOCKCHECK_OUTPUT_H
#define LOCKCHECK_OUTPUT_H

#include <stdbool.h>

struct finding_list;
struct options;
struct run_facts;

/* Returns the exit status: 2 when some file could not be checked
 * (facts->incomplete) or the baseline or the report could not be read or
 * written; else 1 when findings are left (with --exit-zero: only findings
 * shown as errors), else 0. */
int output_findings(struct finding_list *all, const struct options *opts, struct run_facts *facts);

#endif
