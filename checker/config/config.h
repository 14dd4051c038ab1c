/*
 * config.h: the configuration file, `.lockcheck.yml`.
 *
 * For each source file lockcheck uses the first `.lockcheck.yml` found in
 * the file's folder or its parents (or the one named by --config=FILE), and
 * the command line overrides it. The file tells lockcheck what it cannot see
 * for itself:
 *
 *   checks: "-*,missing-unlock"          # clang-tidy-style globs
 *   header-filter: "src/.*\\.h$"         # report findings in these headers
 *   lock-functions:                      # lock APIs without visible bodies
 *     - {name: os_lock, op: acquire, lock-arg: 0, kind: oslock}
 *     - {name: os_trylock, op: try-acquire, lock-arg: 0, success: 1}
 *     - {name: os_rdlock, op: acquire, lock-arg: 0, mode: shared}
 *     - {name: os_unlock, op: release, lock-arg: 0}
 *   thread-create-functions:             # functions that start threads
 *     - {name: spawn, start-routine-arg: 0, argument-arg: 1}
 *   not-thread-safe-types: [struct conn, parser_t]
 *   infer-lock-apis: false               # no lock/unlock pairs guessed from names
 *
 * Unknown keys and bad values are errors naming the file and line. The
 * lock functions behave like the built-in lock APIs (apis/lock_api.c
 * consults them), the thread-creation functions like pthread_create
 * (ast/threads.c).
 */
#ifndef LOCKCHECK_CONFIG_H
#define LOCKCHECK_CONFIG_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "apis/lock_api.h"

struct thread_create_function {
    char *name;
    int start_routine_arg;  /* which argument is the start routine */
    int argument_arg;       /* which argument is passed to it (-1: none) */
};

struct lockcheck_config {
    char *path;                 /* the file it was read from; NULL: no file */
    char *checks;               /* `checks:` globs; NULL when absent */
    struct lock_api *lock_functions;
    size_t lock_function_count;
    struct thread_create_function *thread_create_functions;
    size_t thread_create_function_count;
    char **not_thread_safe_types;
    size_t not_thread_safe_type_count;
    bool no_lock_api_inference; /* `infer-lock-apis: false`: no lock APIs guessed from names */
    char *header_filter;        /* the regex, from the file or --header-filter */
    regex_t header_regex;       /* compiled header_filter */
};

/* Checks a `checks:` value (the rules are above this layer: the driver
 * gives rule_checks_valid). False, with a message (caller frees), when a
 * glob names no rule. */
typedef bool (*config_checks_validator)(const char *globs, char **error);

/* Reads `path` into `out`, `checks:` validated with `checks_valid` (NULL:
 * any). On failure returns false and sets *error to "PATH:LINE: reason"
 * (caller frees). */
bool config_load(const char *path, struct lockcheck_config *out,
                 config_checks_validator checks_valid, char **error);
void config_free(struct lockcheck_config *config);

/* The first `.lockcheck.yml` in the source file's folder or its parents
 * (caller frees), or NULL. */
char *config_find_for(const char *source_file);

/* Replaces the header filter (from --header-filter). False, with a message,
 * when `regex` is not an extended POSIX regular expression. */
bool config_set_header_filter(struct lockcheck_config *config, const char *regex, char **error);

/* True when findings in the header `path` are reported. */
bool config_reports_header(const struct lockcheck_config *config, const char *path);

/* The configured thread-creation function called `name`, or NULL. */
const struct thread_create_function *config_thread_create_function(
    const struct lockcheck_config *config, const char *name);

/* The configuration's `lock-functions:` entry for a function name (they
 * override the table), else the built-in entry (apis/lock_api.c), else NULL. */
const struct lock_api *lock_api_find_in(const struct lockcheck_config *config, const char *function);

/* True when `type_name` ("struct conn", "conn_t") is listed as not
 * thread-safe; "struct x" and "x" name the same type here. */
bool config_type_not_thread_safe(const struct lockcheck_config *config, const char *type_name);

/* The configuration of every file of one run: loaded once per file found,
 * with the command line's overrides applied. */
struct config_cache;
/* `explicit_path`: --config=FILE (NULL: look up from each file);
 * `header_filter`: --header-filter (NULL: the file's, else none). */
struct config_cache *config_cache_new(const char *explicit_path, const char *header_filter,
                                      config_checks_validator checks_valid);
void config_cache_free(struct config_cache *cache);
/* The configuration for `source_file`, or NULL with *error set (caller
 * frees) the first time a configuration file turns out to be bad, and with
 * *error NULL for later files using the same bad file. */
const struct lockcheck_config *config_for_file(struct config_cache *cache,
                                               const char *source_file, char **error);

#endif
