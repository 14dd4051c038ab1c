/*
 * output.c: findings -> fingerprints -> baseline -> report (see output.h).
 * The report goes to exactly one place: standard output, or the -o file.
 */
#include "driver/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/options.h"
#include "report/fingerprint.h"
#include "report/report.h"

static void print_error(char *error)
{
    fprintf(stderr, "lockcheck: error: %s\n", error);
    free(error);
}

static void write_report(const struct finding_list *list, const struct options *opts,
                         bool all_files_checked, FILE *out)
{
    switch (opts->format) {
    case FORMAT_TEXT:
        report_text(list, out);
        break;
    case FORMAT_JSON:
        report_json(list, out);
        break;
    case FORMAT_SARIF:
        report_sarif(list, opts->source_root_abs, all_files_checked, out);
        break;
    }
}

/* Returns false (after printing why) when the report could not be written. */
static bool emit_report(const struct finding_list *list, const struct options *opts,
                        bool all_files_checked)
{
    if (!opts->output_file) {
        write_report(list, opts, all_files_checked, stdout);
        if (fflush(stdout) == 0 && !ferror(stdout))
            return true;
        print_error(str_printf("standard output: cannot write the report: %s", strerror(errno)));
        return false;
    }
    FILE *out = fopen(opts->output_file, "w");
    if (out) {
        write_report(list, opts, all_files_checked, out);
        if (!ferror(out) & (fclose(out) == 0))
            return true;
    }
    print_error(str_printf("%s: cannot write the report: %s", opts->output_file, strerror(errno)));
    return false;
}

int output_findings(struct finding_list *all, const struct options *opts, bool all_files_checked)
{
    int status = all_files_checked ? 0 : 2;
    /* Compile errors are reported, never baselined, and do not count as
     * findings (main.c decides what they do to the exit status). */
    struct finding_list errors = {0};
    finding_list_take_errors(all, &errors);
    finding_list_sort_unique(all);
    fingerprint_assign(all);
    char *error;
    if (opts->write_baseline_file && (error = baseline_write(all, opts->write_baseline_file))) {
        print_error(error);
        status = 2;
    }
    if (opts->baseline_file && (error = baseline_filter(all, opts->baseline_file))) {
        print_error(error);
        status = 2;
    }
    size_t finding_count = all->count;
    bool compiled = errors.count == 0;
    finding_list_merge(all, &errors);
    finding_list_sort_unique(all);
    if (!emit_report(all, opts, all_files_checked && compiled))
        status = 2;
    if (status == 0 && finding_count > 0 && !opts->write_baseline_file)
        status = 1;
    return status;
}
