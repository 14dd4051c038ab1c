/*
 * result_cache.c: the result cache (see result_cache.h): the SQLite file,
 * the keys, and a file's outcome as JSON (json-c).
 *
 *   main: result_cache_open -> per file: result_cache_key, result_cache_lookup
 *   -> workers parse and analyse the files not found
 *   -> main: result_cache_put per analysed file -> result_cache_close writes.
 */
#include "driver/result_cache.h"

#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "driver/compile_db.h"
#include "driver/dependency_hashes.h"
#include "driver/options.h"
#include "rules/rule.h"
#include "summary/summary_cache.h"
#include "util/hash.h"
#include "util/memory.h"
#include "util/path.h"
#include "util/strings.h"

/* What the `meta` table says a result cache of this layout is. */
#define RESULT_CACHE_FORMAT "lockcheck-result-cache 1"
/* How long a run waits for another run's write (milliseconds). */
#define RESULT_CACHE_BUSY_MS 60000
#define RESULT_CACHE_RETRY_MS 20

static const char *const result_schema =
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS results (id TEXT PRIMARY KEY, key TEXT NOT NULL,"
    "                                    deps TEXT NOT NULL, outcome TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES ('format', '" RESULT_CACHE_FORMAT "');";

struct pending_entry {
    char *id, *key, *deps, *outcome;
};

struct result_cache {
    sqlite3 *db;
    const char *path;               /* --cache's FILE */
    char *run_hash;                 /* what every key of this run shares */
    struct dependency_hashes *file_hashes;
    struct pending_entry *pending;  /* written by result_cache_close */
    size_t pending_count;
    size_t hits, misses;
    bool busy;                      /* the last warning came from another run's lock */
};

/* ---- the SQLite file ------------------------------------------------------------- */

static char *sqlite_warning(struct result_cache *cache, const char *what)
{
    int code = sqlite3_errcode(cache->db) & 0xff;
    cache->busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
    return str_printf("%s: %s (%s); running without the result cache", cache->path, what,
                      sqlite3_errmsg(cache->db));
}

/* The first column of a one-row query ("" when no row), or NULL. */
static char *single_text(struct result_cache *cache, const char *sql)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(cache->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return NULL;
    char *text = NULL;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0))
        text = xstrdup((const char *)sqlite3_column_text(stmt, 0));
    else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        text = xstrdup("");
    sqlite3_finalize(stmt);
    return text;
}

/* Inside the write transaction: an empty database gets the schema, any
 * other must say it is a result cache of this format. */
static char *create_or_check_format(struct result_cache *cache)
{
    char *tables = single_text(cache, "SELECT count(*) FROM sqlite_master");
    if (!tables)
        return sqlite_warning(cache, "not a usable result cache");
    bool empty = strcmp(tables, "0") == 0;
    free(tables);
    if (empty)
        return sqlite3_exec(cache->db, result_schema, NULL, NULL, NULL) == SQLITE_OK
                   ? NULL
                   : sqlite_warning(cache, "cannot create the result cache");
    char *format = single_text(cache, "SELECT value FROM meta WHERE name = 'format'");
    char *warning = NULL;
    if (!format || strcmp(format, RESULT_CACHE_FORMAT) != 0)
        warning = str_printf("%s: not a lockcheck result cache of this version; running without "
                             "the result cache (delete the file to start a new one)",
                             cache->path);
    free(format);
    return warning;
}

/* NULL when the file is a result cache (made one if it was empty). */
static char *check_or_create(struct result_cache *cache)
{
    sqlite3_busy_timeout(cache->db, RESULT_CACHE_BUSY_MS);
    char *integrity = single_text(cache, "PRAGMA quick_check");
    bool intact = integrity && strcmp(integrity, "ok") == 0;
    free(integrity);
    if (!intact)
        return sqlite_warning(cache, "not a usable result cache");
    if (sqlite3_exec(cache->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_warning(cache, "cannot lock the result cache");
    char *warning = create_or_check_format(cache);
    if (warning || sqlite3_exec(cache->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
        return warning ? warning : sqlite_warning(cache, "cannot create the result cache");
    }
    /* Readers never wait for a writer; SQLite removes the -wal and -shm
     * files when the last run closes the cache. */
    /* In WAL mode NORMAL never corrupts the cache; a power loss may only
     * drop the last run's entries, and it spares a sync per run. */
    if (sqlite3_exec(cache->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL,
                     NULL) != SQLITE_OK)
        return sqlite_warning(cache, "cannot use the result cache");
    return NULL;
}

/* ---- keys ------------------------------------------------------------------------ */

/* Everything of the run, not of a file, that changes findings. */
static char *run_hash(const struct options *opts, const char *summaries_hash)
{
    char *tool = hash_file("/proc/self/exe"); /* any rebuild may change findings */
    CXString clang = clang_getClangVersion();
    char *cwd = getcwd(NULL, 0);
    uint64_t h = hash_string(HASH_SEED, RESULT_CACHE_FORMAT);
    h = hash_string(h, LOCKCHECK_VERSION);
    h = hash_string(h, tool);
    h = hash_string(h, clang_getCString(clang));
    h = hash_string(h, cwd);
    h = hash_string(h, opts->source_root_abs);
    h = hash_string(h, opts->checks);
    h = hash_string(h, opts->parse_only ? "parse-only" : "analyse");
    h = hash_string(h, opts->cross_tu ? "cross-tu" : "one file");
    h = hash_string(h, opts->suggest_annotations ? "suggest" : "");
    char budget[32];
    snprintf(budget, sizeof budget, "budget %u", opts->analysis_budget);
    h = hash_string(h, budget);
    h = hash_string(h, summaries_hash);
    free(tool);
    free(cwd);
    clang_disposeString(clang);
    return str_printf("%016llx", (unsigned long long)h);
}

/* The configuration's own fields; the file it came from is a dependency. */
static uint64_t hash_config(uint64_t h, const struct lockcheck_config *config)
{
    if (!config)
        return hash_string(h, NULL);
    h = hash_string(h, config->path);
    h = hash_string(h, config->checks);
    h = hash_string(h, config->header_filter);
    return hash_string(h, config->no_lock_api_inference ? "no inference" : "inference");
}

char *result_cache_key(const struct result_cache *cache, const char *file,
                       const struct compile_command *cmd, const struct lockcheck_config *config,
                       const struct CXUnsavedFile *unsaved)
{
    uint64_t h = hash_string(HASH_SEED, cache->run_hash);
    h = hash_string(h, file);
    h = hash_string(h, cmd->directory);
    for (size_t i = 0; i < cmd->argc; i++)
        h = hash_string(h, cmd->argv[i]);
    h = hash_config(h, config);
    char *buffer = unsaved ? hash_text(unsaved->Contents, unsaved->Length) : NULL;
    h = hash_string(h, buffer);
    free(buffer);
    return str_printf("%016llx", (unsigned long long)h);
}

/* The row of a file: its absolute path; the editor's buffer has its own. */
static char *row_id(const char *file, bool from_stdin)
{
    char *path = path_resolved(file);
    char *id = from_stdin ? str_printf("stdin:%s", path) : xstrdup(path);
    free(path);
    return id;
}

/* ---- outcomes as JSON ------------------------------------------------------------ */

static json_object *pos_json(json_object *o, const struct source_pos *pos)
{
    json_object_object_add(o, "file", json_object_new_string(pos->file));
    json_object_object_add(o, "line", json_object_new_int64(pos->line));
    json_object_object_add(o, "column", json_object_new_int64(pos->column));
    return o;
}

static json_object *finding_json(const struct finding *f)
{
    json_object *o = pos_json(json_object_new_object(), &f->pos);
    json_object_object_add(o, "rule", json_object_new_string(f->rule));
    json_object_object_add(o, "error", json_object_new_boolean(f->severity == FINDING_ERROR));
    json_object_object_add(o, "message", json_object_new_string(f->message));
    char fingerprint[24];
    snprintf(fingerprint, sizeof fingerprint, "%016llx", (unsigned long long)f->fingerprint_hash);
    json_object_object_add(o, "fingerprint", json_object_new_string(fingerprint));
    json_object *notes = json_object_new_array();
    for (size_t n = 0; n < f->note_count; n++) {
        json_object *note = pos_json(json_object_new_object(), &f->notes[n].pos);
        json_object_object_add(note, "message", json_object_new_string(f->notes[n].message));
        json_object_array_add(notes, note);
    }
    json_object_object_add(o, "notes", notes);
    if (f->fix) {
        json_object *fix = pos_json(json_object_new_object(), &f->fix->pos);
        json_object_object_add(fix, "text", json_object_new_string(f->fix->text));
        json_object_object_add(fix, "description", json_object_new_string(f->fix->description));
        json_object_object_add(o, "fix", fix);
    }
    return o;
}

char *file_outcome_to_text(const struct file_outcome *outcome)
{
    json_object *o = json_object_new_object();
    json_object *findings = json_object_new_array();
    for (size_t i = 0; i < outcome->findings.count; i++)
        json_object_array_add(findings, finding_json(&outcome->findings.items[i]));
    json_object_object_add(o, "findings", findings);
    json_object *remarks = json_object_new_array();
    for (size_t i = 0; i < outcome->remark_count; i++)
        json_object_array_add(remarks, json_object_new_string(outcome->remarks[i]));
    json_object_object_add(o, "remarks", remarks);
    json_object_object_add(o, "compile_errors", json_object_new_int64((int64_t)outcome->compile_errors));
    json_object_object_add(o, "missing_header", json_object_new_boolean(outcome->missing_header));
    json_object_object_add(o, "suppressed", json_object_new_int64((int64_t)outcome->suppressed));
    char *text = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
    return text;
}

/* Members read from an entry: NULL or false when missing or of another type. */
static const char *string_member(json_object *o, const char *name)
{
    json_object *v;
    return json_object_object_get_ex(o, name, &v) && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

static bool count_member(json_object *o, const char *name, size_t *out)
{
    json_object *v;
    if (!json_object_object_get_ex(o, name, &v) || !json_object_is_type(v, json_type_int) ||
        json_object_get_int64(v) < 0)
        return false;
    *out = (size_t)json_object_get_int64(v);
    return true;
}

static bool bool_member(json_object *o, const char *name, bool *out)
{
    json_object *v;
    if (!json_object_object_get_ex(o, name, &v) || !json_object_is_type(v, json_type_boolean))
        return false;
    *out = json_object_get_boolean(v);
    return true;
}

static json_object *array_member(json_object *o, const char *name)
{
    json_object *v;
    return json_object_object_get_ex(o, name, &v) && json_object_is_type(v, json_type_array) ? v : NULL;
}

static bool pos_from_json(json_object *o, struct source_pos *pos)
{
    size_t line, column;
    pos->file = (char *)string_member(o, "file");
    if (!pos->file || !count_member(o, "line", &line) || !count_member(o, "column", &column) ||
        line > 0xffffffffu || column > 0xffffffffu)
        return false;
    pos->line = (unsigned)line;
    pos->column = (unsigned)column;
    return true;
}

/* The rule of a stored finding (findings point to their rule's description). */
static const struct rule_description *known_rule(const char *id, bool error)
{
    if (error)
        return id && strcmp(id, COMPILE_ERROR_RULE) == 0 ? &compile_error_rule : NULL;
    const struct rule *rule = id ? rule_find(id) : NULL;
    return rule ? &rule->description : NULL;
}

static bool note_from_json(json_object *o, struct finding *f)
{
    struct source_pos pos;
    const char *message = string_member(o, "message");
    if (!message || !pos_from_json(o, &pos))
        return false;
    finding_add_note(f, pos, message);
    return true;
}

static bool fix_from_json(json_object *o, struct finding *f)
{
    struct source_pos pos;
    const char *text = string_member(o, "text"), *description = string_member(o, "description");
    if (!text || !description || !pos_from_json(o, &pos))
        return false;
    finding_set_fix(f, pos, text, description);
    return true;
}

static bool finding_from_json(json_object *o, struct finding_list *list)
{
    bool error = false;
    struct source_pos pos;
    const char *message = string_member(o, "message");
    const char *fingerprint = string_member(o, "fingerprint");
    json_object *notes = array_member(o, "notes");
    if (!bool_member(o, "error", &error) || !message || !fingerprint || !notes ||
        !pos_from_json(o, &pos))
        return false;
    const struct rule_description *rule = known_rule(string_member(o, "rule"), error);
    char *end = NULL;
    unsigned long long hash = strtoull(fingerprint, &end, 16);
    if (!rule || strlen(fingerprint) != 16 || *end)
        return false;
    struct finding *f = finding_begin(list, rule, pos, message);
    f->severity = error ? FINDING_ERROR : FINDING_WARNING;
    f->fingerprint_hash = hash;
    for (size_t n = 0; n < json_object_array_length(notes); n++)
        if (!note_from_json(json_object_array_get_idx(notes, n), f))
            return false;
    json_object *fix = NULL;
    return !json_object_object_get_ex(o, "fix", &fix) || fix_from_json(fix, f);
}

static void outcome_free(struct file_outcome *outcome)
{
    finding_list_free(&outcome->findings);
    for (size_t i = 0; i < outcome->remark_count; i++)
        free(outcome->remarks[i]);
    free(outcome->remarks);
    memset(outcome, 0, sizeof *outcome);
}

static bool remarks_from_json(json_object *remarks, struct file_outcome *out)
{
    size_t n = json_object_array_length(remarks);
    out->remarks = xcalloc(n + 1, sizeof *out->remarks);
    for (size_t i = 0; i < n; i++) {
        json_object *r = json_object_array_get_idx(remarks, i);
        if (!json_object_is_type(r, json_type_string))
            return false;
        out->remarks[out->remark_count++] = xstrdup(json_object_get_string(r));
    }
    return true;
}

bool file_outcome_from_text(const char *text, struct file_outcome *out)
{
    memset(out, 0, sizeof *out);
    json_object *o = json_tokener_parse(text);
    json_object *findings = o ? array_member(o, "findings") : NULL;
    json_object *remarks = o ? array_member(o, "remarks") : NULL;
    bool ok = findings && remarks && count_member(o, "compile_errors", &out->compile_errors) &&
              bool_member(o, "missing_header", &out->missing_header) &&
              count_member(o, "suppressed", &out->suppressed) && remarks_from_json(remarks, out);
    for (size_t i = 0; ok && i < json_object_array_length(findings); i++)
        ok = finding_from_json(json_object_array_get_idx(findings, i), &out->findings);
    json_object_put(o);
    if (!ok)
        outcome_free(out);
    return ok;
}

/* ---- the run --------------------------------------------------------------------- */

struct result_cache *result_cache_open(const struct options *opts, const char *summaries_hash,
                                       char **warning)
{
    struct result_cache *cache = xcalloc(1, sizeof *cache);
    cache->path = opts->cache;
    /* Runs started together meet SQLite locks its busy handler does not
     * wait for (a journal-mode change, a WAL file being recovered): those
     * are tried again, as long as the busy timeout. */
    for (int waited = 0;; waited += RESULT_CACHE_RETRY_MS) {
        cache->busy = false;
        if (sqlite3_open_v2(opts->cache, &cache->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
            *warning = cache->db ? sqlite_warning(cache, "cannot open the result cache")
                                 : str_printf("%s: cannot open the result cache; running without it", opts->cache);
        else
            *warning = check_or_create(cache);
        if (!*warning || !cache->busy || waited >= RESULT_CACHE_BUSY_MS)
            break;
        free(*warning);
        sqlite3_close(cache->db);
        cache->db = NULL;
        sqlite3_sleep(RESULT_CACHE_RETRY_MS);
    }
    if (*warning) {
        sqlite3_close(cache->db);
        free(cache);
        return NULL;
    }
    cache->run_hash = run_hash(opts, summaries_hash);
    cache->file_hashes = dependency_hashes_new();
    return cache;
}

/* One row per run's file; NULL when there is none (or it cannot be read). */
static bool read_row(struct result_cache *cache, const char *id, char **key, char **deps, char **outcome)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(cache->db, "SELECT key, deps, outcome FROM results WHERE id = ?", -1, &stmt,
                           NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    bool found = sqlite3_step(stmt) == SQLITE_ROW;
    const unsigned char *columns[3] = {NULL, NULL, NULL};
    for (int c = 0; found && c < 3; c++)
        columns[c] = sqlite3_column_text(stmt, c);
    found = found && columns[0] && columns[1] && columns[2];
    if (found) {
        *key = xstrdup((const char *)columns[0]);
        *deps = xstrdup((const char *)columns[1]);
        *outcome = xstrdup((const char *)columns[2]);
    }
    sqlite3_finalize(stmt);
    return found;
}

static void warn_malformed(const struct result_cache *cache, const char *id, const char *what)
{
    fprintf(stderr, "lockcheck: warning: %s: ignoring the malformed entry for %s (%s)\n", cache->path,
            id, what);
}

bool result_cache_lookup(struct result_cache *cache, const char *file, bool from_stdin,
                         const char *key, struct file_outcome *out)
{
    char *id = row_id(file, from_stdin), *stored_key = NULL, *deps = NULL, *outcome = NULL;
    bool hit = read_row(cache, id, &stored_key, &deps, &outcome) && strcmp(stored_key, key) == 0;
    int unchanged = hit ? dependency_hashes_unchanged(cache->file_hashes, deps) : 0;
    if (unchanged < 0)
        warn_malformed(cache, id, "bad dependency list");
    hit = unchanged > 0;
    if (hit && !file_outcome_from_text(outcome, out)) {
        warn_malformed(cache, id, "bad findings");
        hit = false;
    }
    cache->hits += hit;
    cache->misses += !hit;
    free(id);
    free(stored_key);
    free(deps);
    free(outcome);
    return hit;
}

void result_cache_put(struct result_cache *cache, const char *file, bool from_stdin,
                      const char *key, const char *deps, const struct file_outcome *outcome)
{
    cache->pending = xrealloc(cache->pending, (cache->pending_count + 1) * sizeof *cache->pending);
    struct pending_entry *e = &cache->pending[cache->pending_count++];
    e->id = row_id(file, from_stdin);
    e->key = xstrdup(key);
    e->deps = xstrdup(deps);
    e->outcome = file_outcome_to_text(outcome);
}

static bool write_pending(struct result_cache *cache)
{
    if (cache->pending_count == 0)
        return true;
    if (sqlite3_exec(cache->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return false;
    sqlite3_stmt *stmt;
    bool ok = sqlite3_prepare_v2(cache->db, "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", -1,
                                 &stmt, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < cache->pending_count; i++) {
        const struct pending_entry *e = &cache->pending[i];
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, e->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, e->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, e->deps, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 4, e->outcome, -1, SQLITE_STATIC);
        ok = sqlite3_step(stmt) == SQLITE_DONE;
    }
    sqlite3_finalize(stmt);
    ok = ok && sqlite3_exec(cache->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
    return ok;
}

void result_cache_close(struct result_cache *cache)
{
    if (!cache)
        return;
    if (!write_pending(cache))
        fprintf(stderr, "lockcheck: warning: %s: cannot write the result cache (%s)\n", cache->path,
                sqlite3_errmsg(cache->db));
    for (size_t i = 0; i < cache->pending_count; i++) {
        free(cache->pending[i].id);
        free(cache->pending[i].key);
        free(cache->pending[i].deps);
        free(cache->pending[i].outcome);
    }
    free(cache->pending);
    sqlite3_close(cache->db);
    dependency_hashes_free(cache->file_hashes);
    free(cache->run_hash);
    free(cache);
}

void result_cache_count_analysed(struct result_cache *cache)
{
    cache->misses++;
}

char *result_cache_stats(const struct result_cache *cache)
{
    return str_printf("results: %zu files from cache, %zu analysed", cache->hits, cache->misses);
}
