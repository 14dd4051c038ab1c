/*
 * options.c: parsing lockcheck's command line (see options.h). Every option
 * is listed in options_print_help(); the man page (docs/lockcheck.1) mirrors it.
 */
#include "driver/options.h"

#include <clang-c/Index.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/worker_process.h"
#include "rules/rule.h"
#include "util/memory.h"
#include "util/strings.h"

void options_print_help(void)
{
    printf(
        "USAGE: lockcheck [options] <source files...> [-- <compiler arguments>]\n"
        "       lockcheck [options] -p <build dir>   (every C file of the database)\n"
        "\n"
        "Checks lock discipline in C code: locks left held, double locks, stray unlocks,\n"
        "and the rules listed by --list-checks.\n"
        "\n"
        "Compile commands come from compile_commands.json: the one in the -p folder, or\n"
        "else the first found in the source file's folder or its parents (as clang-tidy).\n"
        "Arguments after `--` are used instead of any compilation database.\n"
        "\n"
        "OPTIONS:\n"
        "  -p <build dir>            Folder holding compile_commands.json.\n"
        "  --extra-arg=<arg>         Append <arg> to every compile command.\n"
        "  --extra-arg-before=<arg>  Prepend <arg> to every compile command.\n"
        "  -j <N>                    Analyse N files at once (default: number of CPUs).\n"
        "  --checks=<globs>          Choose rules, as clang-tidy: comma-separated globs applied\n"
        "                            in order, `-` disables (e.g. -*,missing-unlock).\n"
        "  --list-checks             List the rules enabled (by the configuration and --checks)\n"
        "                            and exit.\n"
        "  --dump-config             Print the effective configuration of the first file (or\n"
        "                            of the current folder) as YAML, and exit.\n"
        "  --format=<text|json|sarif|html>  Report format (default: text); html writes a\n"
        "                            folder of pages (needs -o <folder>).\n"
        "  -o <file>, --output=<file>  Write the report to <file> instead of standard output.\n"
        "  --source-root=<dir>       Root that SARIF paths and fingerprints are relative to\n"
        "                            (default: the git work tree around the -p folder or the\n"
        "                            first file; else the -p folder, else the current folder).\n"
        "  --baseline=<file>         Report only findings whose fingerprint is not in <file>.\n"
        "  --write-baseline=<file>   Record every finding's fingerprint in <file>; exit 0.\n"
        "  --suggest-annotations     Print on standard error, for data whose accesses mostly\n"
        "                            hold one lock, the LC_GUARDED_BY to add to its\n"
        "                            declaration (data-race's analysis; file:line:col).\n"
        "  --quiet                   Print nothing but findings and errors (no progress line,\n"
        "                            no summary).\n"
        "  --color=<auto|always|never>  Colour the text report as clang does (auto: when the\n"
        "                            report goes to a terminal, TERM is not dumb and NO_COLOR\n"
        "                            is not set).\n"
        "  --one-line                One line per warning and note: no source lines, carets or\n"
        "                            note numbers (the default when the report does not go\n"
        "                            to a terminal: editors, scripts, pipes).\n"
        "  --snippets                Source lines, carets and numbered notes under findings\n"
        "                            as clang prints them (the default on a terminal), e.g.\n"
        "                            for CI logs.\n"
        "  --exit-zero               Exit 0 even when findings are reported (a build that\n"
        "                            warns); still 2 when lockcheck could not do its job.\n"
        "  --warnings-as-errors=<globs>  Findings of these rules print as errors and exit 1,\n"
        "                            even with --exit-zero (clang-tidy's globs).\n"
        "  --file-filter=<regex>     With -p and no files: check only the database's files\n"
        "                            whose path matches <regex> (POSIX extended).\n"
        "  --config=<file>           Read this configuration instead of the .lockcheck.yml\n"
        "                            found in each source file's folder or its parents.\n"
        "  --header-filter=<regex>   Report findings in headers whose path matches <regex>\n"
        "                            (POSIX extended; default: no headers).\n"
        "  --stdin-filename=<path>   Check standard input as the contents of <path>, with\n"
        "                            <path>'s compile command (for editors).\n"
        "  --cross-tu                Use summaries of functions defined in the other files\n"
        "                            given (lock wrappers): a first pass over every file.\n"
        "  --summary-cache=<file>    Keep --cross-tu's summaries in the SQLite database <file>;\n"
        "                            unchanged files are not analysed again (implies --cross-tu).\n"
        "  --cache=<file>            Keep each file's findings in the SQLite database <file>:\n"
        "                            a file whose command, contents, headers, configuration\n"
        "                            and options are unchanged is not parsed again.\n"
        "  --emit-summary            The map step: write the summaries of the files given\n"
        "                            (a lockcheck summary file) to -o <file>; no findings.\n"
        "  --merge-summaries         The reduce step: merge the summary files given, in order,\n"
        "                            into one summary file, -o <file>.\n"
        "  --summaries=<file>        The check step: use the summaries of <file> (from\n"
        "                            --emit-summary or --merge-summaries), as --cross-tu would.\n"
        "  --stats                   Print counts on standard error (files summarised, cached).\n"
        "  --allow-compile-errors    Count files with compile errors as checked: exit 0 or 1\n"
        "                            by findings alone (editors, pre-commit). The errors are\n"
        "                            still reported.\n"
        "  --analysis-budget=<n>     Analyse functions of up to <n> million lock facts (block\n"
        "                            heads x tracked locks; default 16). A function beyond\n"
        "                            it is skipped with a note.\n"
        "  --memory-limit=<MiB>      Check each file in a worker process that may grow by at\n"
        "                            most <MiB> MiB: a file that runs out of it, or crashes,\n"
        "                            is that file's error and the others are still checked\n"
        "                            (default: half the memory shared among the -j workers,\n"
        "                            at least 1024; 0: no limit, files checked on threads).\n"
        "  --file-timeout=<s>        Stop the worker process still checking one file after\n"
        "                            <s> seconds: that file's error, the others are still\n"
        "                            checked (default 600; 0: no limit; worker processes only).\n"
        "  --dump-cfg                Print each function's control-flow graph (debugging).\n"
        "  --parse-only              Parse and report errors, analyse nothing (benchmarks).\n"
        "  --help                    Show this help and exit.\n"
        "  --version                 Show the version and exit.\n"
        "\n"
        "OUTPUT: FILE:LINE:COL: warning: MESSAGE [RULE], then FILE:LINE:COL: note: lines;\n"
        "  on a terminal each with its source line and a caret, the notes numbered.\n"
        "On a terminal, a [done/total] progress line is shown on standard error; a summary\n"
        "of the findings ends a run that has some.\n"
        "SUPPRESSING: // NOLINT, // NOLINT(rule,...), // NOLINTNEXTLINE(...),\n"
        "  // NOLINTBEGIN(...) ... // NOLINTEND(...), as clang-tidy (rule globs allowed).\n"
        "COMPILE ERRORS: reported as FILE:LINE:COL: error: MESSAGE [clang-diagnostic-error]\n"
        "  (the first 20 of a file); the functions they do not touch are still checked.\n"
        "EXIT STATUS: 0 no findings, 1 findings, 2 lockcheck could not do its job (including\n"
        "  a file with compile errors, unless --allow-compile-errors).\n");
}

static void push(const char ***list, size_t *count, const char *value)
{
    *list = xrealloc(*list, (*count + 1) * sizeof **list);
    (*list)[(*count)++] = value;
}

/* The short name the option parsing below (and code added to it) uses. */
static bool starts_with(const char *s, const char *prefix, const char **rest)
{
    return str_starts_with(s, prefix, rest);
}

/* `--name=value` or `--name value` (also with one dash); advances *i. Returns
 * 1 when `arg` is this option with a value, 0 when it is another option, -1
 * (after printing an error) when the value is missing or empty. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    /* clang-tidy style: --checks and -checks are the same option. */
    const char *forms[2] = {name, name[1] == '-' ? name + 1 : NULL};
    const char *rest;
    for (int f = 0; f < 2 && forms[f]; f++) {
        char with_eq[64];
        snprintf(with_eq, sizeof with_eq, "%s=", forms[f]);
        if (strcmp(argv[*i], forms[f]) == 0) {
            if (*i + 1 >= argc)
                rest = "";
            else
                rest = argv[++*i];
        } else if (!starts_with(argv[*i], with_eq, &rest)) {
            continue;
        }
        if (*rest == '\0') {
            fprintf(stderr, "lockcheck: error: %s needs a value\n", name);
            return -1;
        }
        *value = rest;
        return 1;
    }
    return 0;
}

/* The index of `value` in `names` (the option's choices, in enum order), or
 * -1 after printing the error `option: 'value' is not <choices>`. */
static int parse_choice(const char *option, const char *value, const char *const *names,
                        int count, const char *choices)
{
    for (int i = 0; i < count; i++)
        if (strcmp(value, names[i]) == 0)
            return i;
    fprintf(stderr, "lockcheck: error: %s: '%s' is not %s\n", option, value, choices);
    return -1;
}

static bool parse_format(const char *value, enum output_format *format)
{
    static const char *const names[] = {"text", "json", "sarif", "html"};
    int f = parse_choice("--format", value, names, 4, "text, json, sarif or html");
    if (f >= 0)
        *format = (enum output_format)f;
    return f >= 0;
}

/* The options of the report: 1 handled, 0 not one of them, -1 error. */
static int parse_report_option(int argc, char **argv, int *i, struct options *out)
{
    const char *value;
    int r;
    if ((r = option_value(argc, argv, i, "--format", &value)) != 0)
        return r < 0 || !parse_format(value, &out->format) ? -1 : 1;
    if ((r = option_value(argc, argv, i, "-o", &value)) != 0 ||
        (r = option_value(argc, argv, i, "--output", &value)) != 0)
        return r < 0 ? -1 : (out->output_file = value, 1);
    if ((r = option_value(argc, argv, i, "--source-root", &value)) != 0)
        return r < 0 ? -1 : (out->source_root = value, 1);
    if ((r = option_value(argc, argv, i, "--checks", &value)) != 0)
        return r < 0 ? -1 : (out->checks = value, 1);
    if ((r = option_value(argc, argv, i, "--baseline", &value)) != 0)
        return r < 0 ? -1 : (out->baseline_file = value, 1);
    if ((r = option_value(argc, argv, i, "--write-baseline", &value)) != 0)
        return r < 0 ? -1 : (out->write_baseline_file = value, 1);
    return 0;
}

static bool parse_color(const char *value, enum color_choice *color)
{
    static const char *const names[] = {"auto", "always", "never"};
    int c = parse_choice("--color", value, names, 3, "auto, always or never");
    if (c >= 0)
        *color = (enum color_choice)c;
    return c >= 0;
}

/* The options of how the report reads and what fails the run: 1 handled,
 * 0 not one of them, -1 error. */
static int parse_view_option(int argc, char **argv, int *i, struct options *out)
{
    const char *value;
    int r;
    char *error = NULL;
    if ((r = option_value(argc, argv, i, "--color", &value)) != 0)
        return r < 0 || !parse_color(value, &out->color) ? -1 : 1;
    if (strcmp(argv[*i], "--one-line") == 0)
        return out->view = VIEW_ONE_LINE, 1;
    if (strcmp(argv[*i], "--snippets") == 0)
        return out->view = VIEW_SNIPPETS, 1;
    if (strcmp(argv[*i], "--exit-zero") == 0)
        return out->exit_zero = true, 1;
    if ((r = option_value(argc, argv, i, "--file-filter", &value)) != 0)
        return r < 0 ? -1 : (out->file_filter = value, 1);
    if ((r = option_value(argc, argv, i, "--warnings-as-errors", &value)) == 0)
        return 0;
    if (r < 0)
        return -1;
    if (!rule_checks_valid(value, &error)) {
        fprintf(stderr, "lockcheck: error: --warnings-as-errors: %s\n", error);
        free(error);
        return -1;
    }
    out->warnings_as_errors = value;
    return 1;
}

/* A number from `min` to `max`, or false after printing the error
 * `option: 'value' is not a number of <unit> (min to max)`. */
static bool parse_number(const char *option, const char *value, long min, long max,
                         const char *unit, unsigned *out)
{
    char *end;
    long n = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || n < min || n > max) {
        fprintf(stderr, "lockcheck: error: %s: '%s' is not a number of %s (%ld to %ld)\n", option,
                value, unit, min, max);
        return false;
    }
    *out = (unsigned)n;
    return true;
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

enum options_result options_parse(int argc, char **argv, struct options *out)
{
    memset(out, 0, sizeof *out);
    out->jobs = default_jobs();
    out->file_timeout = 600;
    bool memory_limit_given = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value;
        int report_option = parse_report_option(argc, argv, &i, out);
        if (report_option == 0)
            report_option = parse_view_option(argc, argv, &i, out);
        if (report_option < 0)
            return OPTIONS_ERROR;
        if (report_option > 0)
            continue;
        if (strcmp(arg, "--") == 0) {
            out->has_compiler_args = true;
            for (i++; i < argc; i++)
                push(&out->compiler_args, &out->compiler_arg_count, argv[i]);
            break;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "-help") == 0) {
            options_print_help();
            return OPTIONS_EXIT_0;
        } else if (strcmp(arg, "--version") == 0 || strcmp(arg, "-version") == 0) {
            CXString clang = clang_getClangVersion();
            printf("lockcheck %s (libclang: %s)\n", LOCKCHECK_VERSION, clang_getCString(clang));
            clang_disposeString(clang);
            return OPTIONS_EXIT_0;
        } else if (strcmp(arg, "--list-checks") == 0 || strcmp(arg, "-list-checks") == 0) {
            out->list_checks = true;
        } else if (strcmp(arg, "--dump-config") == 0 || strcmp(arg, "-dump-config") == 0) {
            out->dump_config = true;
        } else if (strcmp(arg, "-p") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "lockcheck: error: -p needs a folder\n");
                return OPTIONS_ERROR;
            }
            out->build_dir = argv[++i];
        } else if (starts_with(arg, "-p=", &value) || starts_with(arg, "--p=", &value)) {
            out->build_dir = value;
        } else if (starts_with(arg, "--extra-arg=", &value) || starts_with(arg, "-extra-arg=", &value)) {
            push(&out->extra_args, &out->extra_arg_count, value);
        } else if (starts_with(arg, "--extra-arg-before=", &value) ||
                   starts_with(arg, "-extra-arg-before=", &value)) {
            push(&out->extra_args_before, &out->extra_arg_before_count, value);
        } else if (strcmp(arg, "-j") == 0 || starts_with(arg, "-j", &value)) {
            if (strcmp(arg, "-j") == 0) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "lockcheck: error: -j needs a number\n");
                    return OPTIONS_ERROR;
                }
                value = argv[++i];
            }
            char *end;
            long n = strtol(value, &end, 10);
            if (*value == '\0' || *end != '\0' || n < 1 || n > 1024) {
                fprintf(stderr, "lockcheck: error: -j: '%s' is not a number of jobs (1 to 1024)\n", value);
                return OPTIONS_ERROR;
            }
            out->jobs = (unsigned)n;
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-quiet") == 0) {
            out->quiet = true;
        } else if (strcmp(arg, "--parse-only") == 0) {
            out->parse_only = true;
        } else if (starts_with(arg, "--config=", &value) || starts_with(arg, "--config-file=", &value)) {
            out->config_file = value;
        } else if (starts_with(arg, "--header-filter=", &value) || starts_with(arg, "-header-filter=", &value)) {
            out->header_filter = value;
        } else if (starts_with(arg, "--stdin-filename=", &value)) {
            out->stdin_filename = value;
        } else if (strcmp(arg, "--cross-tu") == 0) {
            out->cross_tu = true;
        } else if (starts_with(arg, "--summary-cache=", &value) && *value) {
            out->summary_cache = value;
            out->cross_tu = true;
        } else if (strcmp(arg, "--allow-compile-errors") == 0) {
            out->allow_compile_errors = true;
        } else if (starts_with(arg, "--cache=", &value) && *value) {
            out->cache = value;
        } else if (strcmp(arg, "--emit-summary") == 0) {
            out->emit_summary = true;
        } else if (strcmp(arg, "--merge-summaries") == 0) {
            out->merge_summaries = true;
        } else if (starts_with(arg, "--summaries=", &value) && *value) {
            out->summaries_file = value;
        } else if (strcmp(arg, "--stats") == 0) {
            out->stats = true;
        } else if (starts_with(arg, "--analysis-budget=", &value)) {
            if (!parse_number("--analysis-budget", value, 1, 4096, "millions of lock facts",
                              &out->analysis_budget))
                return OPTIONS_ERROR;
        } else if (starts_with(arg, "--memory-limit=", &value)) {
            if (!parse_number("--memory-limit", value, 0, 16777216, "MiB", &out->memory_limit))
                return OPTIONS_ERROR;
            memory_limit_given = true;
        } else if (starts_with(arg, "--file-timeout=", &value)) {
            if (!parse_number("--file-timeout", value, 0, 86400 * 7, "seconds", &out->file_timeout))
                return OPTIONS_ERROR;
        } else if (strcmp(arg, "--dump-cfg") == 0) {
            out->dump_cfg = true;
        } else if (strcmp(arg, "--suggest-annotations") == 0) {
            out->suggest_annotations = true;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "lockcheck: error: unknown option '%s' (see lockcheck --help)\n", arg);
            return OPTIONS_ERROR;
        } else {
            push(&out->files, &out->file_count, arg);
        }
    }
    if (!memory_limit_given)
        out->memory_limit = worker_default_memory_limit(out->jobs);
    if (out->list_checks || out->dump_config)
        return OPTIONS_OK; /* printed by driver/config_report.c, after --checks */
    if (out->stdin_filename && out->file_count == 0)
        push(&out->files, &out->file_count, out->stdin_filename);
    if (out->file_count == 0 && !out->build_dir) {
        fprintf(stderr, "lockcheck: error: no input files (see lockcheck --help)\n");
        return OPTIONS_ERROR;
    }
    if (out->file_filter && out->file_count > 0) {
        fprintf(stderr, "lockcheck: error: --file-filter selects files of the -p database: give no files\n");
        return OPTIONS_ERROR;
    }
    return OPTIONS_OK;
}

void options_free(struct options *opts)
{
    free(opts->files);
    free(opts->compiler_args);
    free(opts->extra_args);
    free(opts->extra_args_before);
    free(opts->source_root_abs);
    memset(opts, 0, sizeof *opts);
}
