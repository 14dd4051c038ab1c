/*
 * output.c: findings -> fingerprints -> baseline -> report -> summary (see
 * output.h). The report goes to exactly one place: standard output, or the
 * -o file (a folder for --format=html).
 */
#include "driver/output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/options.h"
#include "driver/summary.h"
#include "report/fingerprint.h"
#include "report/report.h"
#include "report/report_html.h"
#include "report/report_text.h"
#include "report/severity.h"
#include "report/source_text.h"
#include "rules/rule.h"
#include "util/strings.h"

static void print_error(char *error)
{
    fprintf(stderr, "lockcheck: error: %s\n", error);
    free(error);
}

/* --color=auto: a terminal that is not TERM=dumb, and no NO_COLOR
 * (https://no-color.org: set and not empty). */
static bool use_color(const struct options *opts, FILE *out)
{
    if (opts->color != COLOR_AUTO)
        return opts->color == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if ((no_color && *no_color) || (term && strcmp(term, "dumb") == 0))
        return false;
    return isatty(fileno(out));
}

/* Source lines under findings: asked for, or by default on a terminal. */
static bool use_snippets(const struct options *opts, FILE *out)
{
    if (opts->view != VIEW_AUTO)
        return opts->view == VIEW_SNIPPETS;
    return isatty(fileno(out));
}

static struct source_texts *texts_for(const struct run_facts *facts)
{
    struct source_texts *texts = source_texts_new();
    if (facts->stdin_name)
        source_texts_add_buffer(texts, facts->stdin_name, facts->stdin_contents, facts->stdin_size);
    return texts;
}

static void write_report(const struct finding_list *list, const struct finding_list *baselined,
                         const struct options *opts, const struct run_facts *facts, FILE *out)
{
    struct text_style style = {.warnings_as_errors = opts->warnings_as_errors};
    switch (opts->format) {
    case FORMAT_TEXT:
        style.color = use_color(opts, out);
        style.one_line = !use_snippets(opts, out);
        style.sources = style.one_line ? NULL : texts_for(facts);
        report_text_styled(list, &style, out);
        source_texts_free(style.sources);
        break;
    case FORMAT_JSON:
        report_json(list, out);
        break;
    case FORMAT_SARIF:
        style.sources = texts_for(facts);
        report_sarif(list, opts->baseline_file ? baselined : NULL,
                     &(struct sarif_rules){all_rule_descriptions, rule_count}, style.sources,
                     opts->source_root_abs, !facts->incomplete && facts->compile_errors == 0, out);
        source_texts_free(style.sources);
        break;
    case FORMAT_HTML:
        break; /* a folder, written by emit_report */
    }
}

/* --format=html -o DIR. */
static bool emit_html(const struct finding_list *list, const struct options *opts,
                      const struct run_facts *facts)
{
    if (!opts->output_file) {
        print_error(str_printf("--format=html needs -o <folder>"));
        return false;
    }
    struct source_texts *texts = texts_for(facts);
    char *error = report_html(list, texts, opts->output_file, opts->warnings_as_errors);
    source_texts_free(texts);
    if (error)
        print_error(error);
    return error == NULL;
}

/* Returns false (after printing why) when the report could not be written. */
static bool emit_report(const struct finding_list *list, const struct finding_list *baselined,
                        const struct options *opts, const struct run_facts *facts)
{
    if (opts->format == FORMAT_HTML)
        return emit_html(list, opts, facts);
    if (!opts->output_file) {
        write_report(list, baselined, opts, facts, stdout);
        if (fflush(stdout) == 0 && !ferror(stdout))
            return true;
        print_error(str_printf("standard output: cannot write the report: %s", strerror(errno)));
        return false;
    }
    FILE *out = fopen(opts->output_file, "w");
    if (out) {
        write_report(list, baselined, opts, facts, out);
        bool written = !ferror(out);
        bool closed = fclose(out) == 0; /* always closed, even after a write error */
        if (written && closed)
            return true;
    }
    print_error(str_printf("%s: cannot write the report: %s", opts->output_file, strerror(errno)));
    return false;
}

/* `finding_count`: the findings of lockcheck's rules (compile errors are
 * not findings; main.c decides what they do to the exit status). */
static int findings_status(size_t finding_count, const struct options *opts, size_t errors)
{
    if (finding_count == 0 || opts->write_baseline_file)
        return 0;
    if (opts->exit_zero)
        return errors > 0 ? 1 : 0;
    return 1;
}

int output_findings(struct finding_list *all, const struct options *opts, struct run_facts *facts)
{
    int status = facts->incomplete ? 2 : 0;
    /* Compile errors are reported, never baselined, never promoted. */
    struct finding_list compile_errors = {0};
    finding_list_take_errors(all, &compile_errors);
    finding_list_sort_unique(all);
    fingerprint_assign(all);
    char *error;
    if (opts->write_baseline_file && (error = baseline_write(all, opts->write_baseline_file))) {
        print_error(error);
        status = 2;
    }
    struct baseline_counts counts = {0};
    struct finding_list baselined = {0};
    if (opts->baseline_file && (error = baseline_filter(all, opts->baseline_file, &counts, &baselined))) {
        print_error(error);
        status = 2;
    }
    facts->baselined = counts.hidden;
    facts->stale_baseline = counts.stale;
    size_t finding_count = all->count;
    size_t errors = finding_error_count(all, opts->warnings_as_errors);
    facts->compile_errors = compile_errors.count;
    finding_list_merge(all, &compile_errors);
    finding_list_sort_unique(all);
    if (!emit_report(all, &baselined, opts, facts))
        status = 2;
    finding_list_free(&baselined);
    if (!opts->quiet) {
        /* The summary counts the rules' findings; the files with compile
         * errors are among facts->failed_files. */
        finding_list_take_errors(all, &compile_errors);
        summary_print(all, errors, facts, stderr);
        finding_list_merge(all, &compile_errors);
    }
    if (status == 0)
        status = findings_status(finding_count, opts, errors);
    return status;
}
