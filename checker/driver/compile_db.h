/*
 * compile_db.h: from a source file to the compiler command that parses it.
 *
 * Three sources, as in clang-tidy: the arguments after `--`; the
 * compile_commands.json in the -p folder; or else the first
 * compile_commands.json (or compile_flags.txt) found in the file's folder or
 * its parents. compile_commands.json is read with json-c
 * (compile_db_json.c: a malformed one gets a one-line error, and response
 * files are never expanded); libclang reads compile_flags.txt and infers
 * commands for files the JSON does not list. Whatever the source, only the
 * flags compile_flags_filter.c allows reach libclang, no clang
 * configuration file is read (--no-default-config), and of the inputs only
 * the source file is kept.
 */
#ifndef LOCKCHECK_COMPILE_DB_H
#define LOCKCHECK_COMPILE_DB_H

#include <stddef.h>

struct options;

struct compile_command {
    char **argv;            /* argv[0] is the compiler */
    size_t argc;
    char *directory;        /* where the command runs (NULL: current folder) */
};

struct compile_db_cache;

struct compile_db_cache *compile_db_cache_new(void);
void compile_db_cache_free(struct compile_db_cache *cache);

/* Fills `out` for `file`; on failure returns a message (caller frees) that
 * names the file at fault and the reason (an empty command, one that does
 * not start with a compiler...). Dropped flags are named on stderr, once
 * per run each, unless --quiet. Main thread only. */
char *compile_command_for(struct compile_db_cache *cache, const struct options *opts,
                          const char *file, struct compile_command *out);
void compile_command_free(struct compile_command *cmd);

#endif
