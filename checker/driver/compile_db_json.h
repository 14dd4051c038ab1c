/*
 * compile_db_json.h: reading compile_commands.json with json-c.
 *
 * lockcheck reads the database itself rather than through libclang's
 * JSONCompilationDatabase, which expands `@file` response files while
 * loading: a repository's database could make it read /dev/zero, a FIFO or a
 * private file into compiler arguments. Here an `@file` argument stays an
 * argument (the flag filter drops it). Entries are validated (a malformed
 * database is a one-line error naming the entry) and indexed by the file's
 * absolute path with `.` and `..` removed, so finding a file's command is a
 * binary search; only when that misses are the paths resolved (symbolic
 * links), once per database.
 */
#ifndef LOCKCHECK_COMPILE_DB_JSON_H
#define LOCKCHECK_COMPILE_DB_JSON_H

#include <stdbool.h>
#include <stddef.h>

struct json_db_entry {
    char *directory;
    char *file;     /* as written in the entry */
    char *key;      /* the file's absolute path, `.` and `..` removed */
    char *resolved; /* its symlink-free path, once a lookup needed it */
    char **argv;    /* "arguments", or "command" split as a shell would */
    size_t argc;
    size_t index;   /* position in the database: the first entry wins */
};

struct json_db {
    struct json_db_entry *entries; /* sorted by key, then index */
    size_t count;
    bool has_response_file;        /* some argument starts with `@` */
    struct json_db_entry **by_resolved; /* sorted by resolved path; NULL until needed */
};

/* Loads and validates `path`; NULL on success, else a message naming the
 * file (and line or entry) and the reason (allocated). */
char *json_db_load(const char *path, struct json_db *out);
void json_db_free(struct json_db *db);

/* The first entry for the file `abs_file` (absolute), or NULL. */
const struct json_db_entry *json_db_find(struct json_db *db, const char *abs_file);

/* Splits a "command" string as clang's JSON database does: blanks separate
 * arguments, quotes group, a backslash escapes the next character. */
void json_db_split_command(const char *command, char ***argv, size_t *argc);

#endif
