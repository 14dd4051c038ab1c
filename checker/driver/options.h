/*
 * options.h: lockcheck's command line, shaped like clang-tidy's:
 *   lockcheck [options] <files...> [-- <compiler args>]
 */
#ifndef LOCKCHECK_OPTIONS_H
#define LOCKCHECK_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_HTML };
enum color_choice { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
enum view_choice { VIEW_AUTO, VIEW_SNIPPETS, VIEW_ONE_LINE };

struct options {
    const char **files;
    size_t file_count;
    const char *build_dir;          /* -p */
    bool has_compiler_args;         /* a `--` was given */
    const char **compiler_args;     /* after `--` */
    size_t compiler_arg_count;
    const char **extra_args;        /* --extra-arg=: appended to every command */
    size_t extra_arg_count;
    const char **extra_args_before; /* --extra-arg-before=: prepended */
    size_t extra_arg_before_count;
    unsigned jobs;                  /* -j */
    bool dump_cfg;                  /* --dump-cfg (debugging) */
    bool suggest_annotations;       /* --suggest-annotations: LC_GUARDED_BY lines on stderr */
    bool parse_only;                /* --parse-only (the benchmark's floor) */
    bool list_checks;               /* --list-checks */
    bool dump_config;               /* --dump-config */
    bool quiet;
    const char *config_file;        /* --config=FILE: instead of looking up .lockcheck.yml */
    const char *header_filter;      /* --header-filter=REGEX: overrides the config file's */
    const char *stdin_filename;     /* --stdin-filename=PATH: PATH's contents come from stdin */
    enum output_format format;      /* --format= */
    const char *output_file;        /* -o: the report goes there, not to stdout */
    const char *source_root;        /* --source-root= (default: the current folder) */
    const char *checks;             /* --checks= */
    const char *baseline_file;      /* --baseline */
    const char *write_baseline_file; /* --write-baseline */
    bool cross_tu;                  /* --cross-tu: summaries across files */
    const char *summary_cache;      /* --summary-cache=FILE (implies --cross-tu) */
    const char *cache;              /* --cache=FILE: the result cache (driver/result_cache.h) */
    bool emit_summary;              /* --emit-summary: the map step (cross_tu.h) */
    bool merge_summaries;           /* --merge-summaries: the reduce step */
    const char *summaries_file;     /* --summaries=FILE: the check step's summaries */
    bool stats;                     /* --stats: counts on standard error */
    bool allow_compile_errors;      /* --allow-compile-errors: exit status by findings alone */
    unsigned analysis_budget;       /* --analysis-budget: millions of lock facts per function
                                       (0: the default) */
    unsigned memory_limit;          /* --memory-limit=MiB: each file in a worker process that
                                       may grow by that much (worker_process.h); 0: on threads */
    unsigned file_timeout;          /* --file-timeout=SECONDS: a worker process still checking
                                       one file after that long is stopped (0: no limit) */
    char *source_root_abs;          /* absolute source root, set by main */
    /* How the report reads (report/report_text.h, driver/summary.c). */
    enum color_choice color;        /* --color=auto|always|never */
    enum view_choice view;          /* --one-line / --snippets (auto: snippets on a terminal) */
    bool exit_zero;                 /* --exit-zero: findings alone do not fail the run */
    const char *warnings_as_errors; /* --warnings-as-errors=GLOBS: these rules fail it anyway */
    const char *file_filter;        /* --file-filter=REGEX: the database's files to check */
};

enum options_result { OPTIONS_OK, OPTIONS_EXIT_0, OPTIONS_ERROR };

/* Parses argv; prints --help / --version / errors itself. */
enum options_result options_parse(int argc, char **argv, struct options *out);
void options_free(struct options *opts);
void options_print_help(void);

#endif
