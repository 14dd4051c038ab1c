/*
 * summary.h: the end-of-run summary on standard error, as scan-build and
 * CodeChecker print one: findings by rule and by file (the ten files with
 * most), the files that could not be checked, and how many findings NOLINT
 * comments and the baseline hid. Printed when the run reported or hid
 * findings; --quiet drops it.
 */
#ifndef LOCKCHECK_DRIVER_SUMMARY_H
#define LOCKCHECK_DRIVER_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct finding_list;

struct run_facts {
    bool incomplete;             /* lockcheck could not do all its job (exit 2) */
    const char **failed_files;   /* files that could not be checked */
    size_t failed_count;
    size_t suppressed;           /* findings dropped by NOLINT comments */
    size_t baselined;            /* findings hidden by --baseline */
    size_t stale_baseline;       /* --baseline entries that matched no finding */
    size_t compile_errors;       /* compile errors reported (SARIF: execution not successful) */
    const char *stdin_name;      /* --stdin-filename: its text is this buffer */
    const char *stdin_contents;
    size_t stdin_size;
};

/* `list`: the findings reported; `errors`: how many of them show as errors. */
void summary_print(const struct finding_list *list, size_t errors, const struct run_facts *facts,
                   FILE *out);

#endif
