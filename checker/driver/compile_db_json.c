/*
 * compile_db_json.c: compile_commands.json read with json-c (see
 * compile_db_json.h).
 */
#include "driver/compile_db_json.h"

#include <ctype.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/finding.h"
#include "util/memory.h"
#include "util/path.h"
#include "util/strbuf.h"
#include "util/strings.h"

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = xmalloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0)
            buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* Parses the text; NULL with *error set when it is not JSON. */
static json_object *parse_json(const char *path, const char *text, char **error)
{
    json_tokener *tok = json_tokener_new();
    size_t len = strlen(text);
    json_object *root = json_tokener_parse_ex(tok, text, (int)len + 1);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    if (!root || jerr != json_tokener_success) {
        size_t offset = json_tokener_get_parse_end(tok);
        unsigned line = 1;
        for (size_t i = 0; i < offset && i < len; i++)
            line += text[i] == '\n';
        *error = str_printf("%s:%u: malformed compilation database: %s", path, line,
                            jerr == json_tokener_success ? "empty file" : json_tokener_error_desc(jerr));
        json_object_put(root);
        root = NULL;
    }
    json_tokener_free(tok);
    return root;
}

static void push_word(char ***argv, size_t *argc, struct strbuf *word)
{
    *argv = xrealloc(*argv, (*argc + 2) * sizeof **argv);
    (*argv)[(*argc)++] = strbuf_take(word);
    (*argv)[*argc] = NULL;
}

/* One quoted part of a word, from just after the opening quote; returns
 * where the word continues. */
static const char *append_quoted(struct strbuf *word, const char *p, char quote)
{
    while (*p && *p != quote) {
        if (quote == '"' && *p == '\\' && p[1])
            p++;
        strbuf_append_n(word, p++, 1);
    }
    return *p ? p + 1 : p;
}

void json_db_split_command(const char *command, char ***argv, size_t *argc)
{
    *argv = NULL;
    *argc = 0;
    const char *p = command;
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        struct strbuf word = {0};
        strbuf_append(&word, "");
        while (*p && !isspace((unsigned char)*p)) {
            if (*p == '"' || *p == '\'') {
                char quote = *p;
                p = append_quoted(&word, p + 1, quote);
            } else {
                if (*p == '\\' && p[1])
                    p++;
                strbuf_append_n(&word, p++, 1);
            }
        }
        push_word(argv, argc, &word);
    }
}

/* The arguments of an "arguments" array; false if one is not a string. */
static bool read_arguments(json_object *array, char ***argv, size_t *argc)
{
    size_t n = json_object_array_length(array);
    *argv = xcalloc(n + 1, sizeof **argv);
    *argc = 0;
    for (size_t i = 0; i < n; i++) {
        json_object *arg = json_object_array_get_idx(array, i);
        if (!json_object_is_type(arg, json_type_string))
            return false;
        (*argv)[(*argc)++] = xstrdup(json_object_get_string(arg));
    }
    return true;
}

static void entry_free(struct json_db_entry *e)
{
    for (size_t i = 0; i < e->argc; i++)
        free(e->argv[i]);
    free(e->argv);
    free(e->directory);
    free(e->file);
    free(e->key);
    free(e->resolved);
}


/* Fills `e` from the database's entry number `i` (from 0); NULL when fine,
 * else the reason. */
static char *read_entry(const char *path, json_object *entry, size_t i, struct json_db_entry *e)
{
    json_object *file, *directory, *command, *arguments;
    if (!json_object_is_type(entry, json_type_object))
        return str_printf("%s: malformed compilation database: entry %zu is not an object", path, i + 1);
    if (!json_object_object_get_ex(entry, "file", &file) || !json_object_is_type(file, json_type_string))
        return str_printf("%s: malformed compilation database: entry %zu has no \"file\"", path, i + 1);
    if (!json_object_object_get_ex(entry, "directory", &directory) ||
        !json_object_is_type(directory, json_type_string))
        return str_printf("%s: malformed compilation database: entry %zu has no \"directory\"", path, i + 1);
    bool has_arguments = json_object_object_get_ex(entry, "arguments", &arguments) &&
                         json_object_is_type(arguments, json_type_array);
    bool has_command = json_object_object_get_ex(entry, "command", &command) &&
                       json_object_is_type(command, json_type_string);
    if (!has_arguments && !has_command)
        return str_printf("%s: malformed compilation database: entry %zu has neither \"command\" nor \"arguments\"",
                          path, i + 1);
    e->index = i;
    e->directory = xstrdup(json_object_get_string(directory));
    e->file = xstrdup(json_object_get_string(file));
    e->key = path_lexical(e->directory, e->file);
    if (has_arguments) {
        if (!read_arguments(arguments, &e->argv, &e->argc))
            return str_printf("%s: malformed compilation database: entry %zu has an argument that is not a string",
                              path, i + 1);
    } else {
        json_db_split_command(json_object_get_string(command), &e->argv, &e->argc);
    }
    return NULL;
}

static int compare_entries(const void *a, const void *b)
{
    const struct json_db_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static bool mentions_response_file(const struct json_db_entry *e)
{
    for (size_t i = 0; i < e->argc; i++)
        if (e->argv[i][0] == '@')
            return true;
    return false;
}

static char *read_entries(const char *path, json_object *root, struct json_db *out)
{
    if (!json_object_is_type(root, json_type_array))
        return str_printf("%s: malformed compilation database: the top level is not an array", path);
    size_t n = json_object_array_length(root);
    out->entries = xcalloc(n + 1, sizeof *out->entries);
    for (size_t i = 0; i < n; i++) {
        struct json_db_entry *e = &out->entries[out->count++];
        char *error = read_entry(path, json_object_array_get_idx(root, i), i, e);
        if (error)
            return error;
        out->has_response_file |= mentions_response_file(e);
    }
    qsort(out->entries, out->count, sizeof *out->entries, compare_entries);
    return NULL;
}

char *json_db_load(const char *path, struct json_db *out)
{
    memset(out, 0, sizeof *out);
    char *text = read_file(path);
    if (!text)
        return str_printf("%s: cannot read: %s", path, strerror(errno));
    char *error = NULL;
    json_object *root = parse_json(path, text, &error);
    free(text);
    if (root)
        error = read_entries(path, root, out);
    json_object_put(root);
    if (error)
        json_db_free(out);
    return error;
}

void json_db_free(struct json_db *db)
{
    for (size_t i = 0; i < db->count; i++)
        entry_free(&db->entries[i]);
    free(db->entries);
    free(db->by_resolved);
    memset(db, 0, sizeof *db);
}

/* The first of `count` items whose text (what `text_of` gives) is >= key. */
static size_t lower_bound(const void *items, size_t count, size_t size, const char *key,
                          const char *(*text_of)(const void *item))
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(text_of((const char *)items + mid * size), key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const char *key_of(const void *item)
{
    return ((const struct json_db_entry *)item)->key;
}

static const char *resolved_of(const void *item)
{
    return (*(struct json_db_entry *const *)item)->resolved;
}

static int compare_resolved(const void *a, const void *b)
{
    const struct json_db_entry *x = *(struct json_db_entry *const *)a, *y = *(struct json_db_entry *const *)b;
    int c = strcmp(x->resolved, y->resolved);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The entries by symlink-free path, built on the first lookup that needs it. */
static void index_resolved(struct json_db *db)
{
    if (db->by_resolved)
        return;
    db->by_resolved = xcalloc(db->count + 1, sizeof *db->by_resolved);
    for (size_t i = 0; i < db->count; i++) {
        db->entries[i].resolved = path_resolved(db->entries[i].key);
        db->by_resolved[i] = &db->entries[i];
    }
    qsort(db->by_resolved, db->count, sizeof *db->by_resolved, compare_resolved);
}

const struct json_db_entry *json_db_find(struct json_db *db, const char *abs_file)
{
    char *key = path_lexical("/", abs_file);
    size_t at = lower_bound(db->entries, db->count, sizeof *db->entries, key, key_of);
    const struct json_db_entry *found =
        at < db->count && strcmp(db->entries[at].key, key) == 0 ? &db->entries[at] : NULL;
    free(key);
    if (found || db->count == 0)
        return found;
    index_resolved(db);
    char *resolved = path_resolved(abs_file);
    at = lower_bound(db->by_resolved, db->count, sizeof *db->by_resolved, resolved, resolved_of);
    found = at < db->count && strcmp(db->by_resolved[at]->resolved, resolved) == 0 ? db->by_resolved[at] : NULL;
    free(resolved);
    return found;
}
