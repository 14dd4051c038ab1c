/*
 * output.h: the last stage of a run, after every file is analysed: sort and
 * de-duplicate, fingerprint, baseline (write and filter), then the report in
 * the chosen format to standard output or -o.
 */
#ifndef LOCKCHECK_OUTPUT_H
#define LOCKCHECK_OUTPUT_H

#include <stdbool.h>

struct finding_list;
struct options;

/* Returns the exit status: 0 no findings left, 1 findings, 2 when the
 * baseline or the report could not be read or written (or
 * `all_files_checked` is false). */
int output_findings(struct finding_list *all, const struct options *opts, bool all_files_checked);

#endif
