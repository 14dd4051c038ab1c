/*
 * cross_tu.c: the summary phase of --cross-tu and the table it produces
 * (see cross_tu.h), with the cache's keys and dependency lists.
 *
 *   main thread: cross_tu_prepare_file (cache entry still valid? load it)
 *   -> workers, in the file's check (driver/main.c): cross_tu_watch_session
 *      (record the external callees looked up), cross_tu_export_session
 *      (copy the exported summaries), cross_tu_keep_dependencies (the
 *      files the TU read); or, summaries only, cross_tu_summarise_file
 *   -> main thread: cross_tu_finish (merge in file order, store the cache,
 *      which checked files looked up a summary the table has)
 *   -> the second run: the table for calls without a body.
 */
#include "driver/cross_tu.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ast/cursor_util.h"
#include "config/config.h"
#include "dataflow/node_info.h"
#include "driver/compile_db.h"
#include "driver/crash_guard.h"
#include "driver/dependency_hashes.h"
#include "driver/options.h"
#include "driver/parse.h"
#include "dataflow/engine.h"
#include "summary/summary.h"
#include "summary/summary_cache.h"
#include "summary/summary_io.h"
#include "util/hash.h"
#include "util/memory.h"
#include "util/path.h"
#include "util/strings.h"

struct xtu_file {
    char *path;                 /* absolute: the cache's row */
    bool skip;                  /* cannot be checked: nothing to summarise */
    bool cacheable;             /* not the editor's buffer */
    bool from_cache;
    bool analysed;
    bool checked;               /* the pass was also the file's check */
    bool check_again;           /* checked, and it looked up a summary in the table */
    struct summary *summaries;  /* exported by the file */
    size_t summary_count;
    char **callees;             /* checked: "HASH USR" of each callee its analysis looked up
                                   and what it found (summary_text_hash), sorted, unique */
    size_t callee_count, callee_capacity;
    struct summary_table *seen; /* the table its check saw (worker processes), or NULL */
    struct summary_table *redo; /* its functions whose summary in the check used another
                                   file's: summarised again (empty places in summaries) */
    struct summary_cache_entry entry;  /* analysed: what to store */
};

struct cross_tu {
    const struct options *opts;
    struct xtu_file *files;
    size_t count;
    struct summary_cache *cache;
    char *tool_hash;            /* lockcheck's own binary */
    struct dependency_hashes *file_hashes;  /* disk reads, main thread */
    struct string_pool kinds;
    struct summary_table *table;
    struct summary_table *seen; /* a worker process: the files it checked so far */
};

struct cross_tu *cross_tu_new(const struct options *opts, size_t file_count, char **error)
{
    struct cross_tu *x = xcalloc(1, sizeof *x);
    x->opts = opts;
    x->count = file_count;
    x->files = xcalloc(file_count + 1, sizeof *x->files);
    x->table = summary_table_new();
    x->file_hashes = dependency_hashes_new();
    if (opts->summary_cache) {
        x->cache = summary_cache_open(opts->summary_cache, error);
        if (!x->cache) {
            cross_tu_free(x);
            return NULL;
        }
        /* Any rebuild of lockcheck may change what it infers. */
        x->tool_hash = hash_file("/proc/self/exe");
        if (!x->tool_hash)
            x->tool_hash = xstrdup(LOCKCHECK_VERSION);
    }
    return x;
}

static void free_callees(struct xtu_file *f)
{
    for (size_t c = 0; c < f->callee_count; c++)
        free(f->callees[c]);
    free(f->callees);
    f->callees = NULL;
    f->callee_count = f->callee_capacity = 0;
}

void cross_tu_free(struct cross_tu *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->count; i++) {
        struct xtu_file *f = &x->files[i];
        for (size_t s = 0; s < f->summary_count; s++)
            summary_io_free_fields(&f->summaries[s]);
        free(f->summaries);
        free_callees(f);
        summary_table_free(f->redo);
        summary_cache_entry_free(&f->entry);
        free(f->path);
    }
    free(x->files);
    dependency_hashes_free(x->file_hashes);
    summary_cache_close(x->cache);
    summary_table_free(x->table);
    summary_table_free(x->seen);
    string_pool_free(&x->kinds);
    free(x->tool_hash);
    free(x);
}

/* A regular file's whole contents, NUL-terminated; NULL when it cannot be read. */
static char *read_whole_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    FILE *in = fopen(path, "rb");
    if (!in)
        return NULL;
    size_t capacity = 65536, length = 0, n;
    char *text = xcalloc(capacity + 1, 1);
    while ((n = fread(text + length, 1, capacity - length, in)) > 0) {
        length += n;
        if (length == capacity) {
            capacity *= 2;
            text = xrealloc(text, capacity + 1);
        }
    }
    bool failed = ferror(in);
    fclose(in);
    text[length] = '\0';
    if (failed) {
        free(text);
        return NULL;
    }
    return text;
}

/* ---- cache keys ------------------------------------------------------------------- */

/* The tool, the summary format and the compile command. The files the
 * translation unit reads are the entry's dependencies. */
static char *command_key(const struct cross_tu *x, const struct compile_command *cmd)
{
    uint64_t h = hash_string(HASH_SEED, x->tool_hash);
    char version[16];
    snprintf(version, sizeof version, "%d", SUMMARY_IO_VERSION);
    h = hash_string(h, version);
    h = hash_string(h, cmd->directory);
    for (size_t i = 0; i < cmd->argc; i++)
        h = hash_string(h, cmd->argv[i]);
    return str_printf("%016llx", (unsigned long long)h);
}

/* ---- before the phase ------------------------------------------------------------- */

/* A malformed entry (text lockcheck did not write) is ignored with a
 * warning, and the file analysed again: the cache may be shared with
 * others, and its entries are data. */
static void load_entry(struct cross_tu *x, struct xtu_file *f, const struct summary_cache_entry *e)
{
    int unchanged = dependency_hashes_unchanged(x->file_hashes, e->deps);
    char *parse_error = NULL;
    if (unchanged > 0 &&
        !summaries_from_text(e->summaries, &f->summaries, &f->summary_count, &x->kinds, &parse_error)) {
        fprintf(stderr, "lockcheck: warning: %s: ignoring the malformed entry for %s (%s)\n",
                x->opts->summary_cache, f->path, parse_error);
        free(parse_error);
        unchanged = 0;
    }
    if (unchanged < 0)
        fprintf(stderr, "lockcheck: warning: %s: ignoring the malformed entry for %s (bad dependency list)\n",
                x->opts->summary_cache, f->path);
    f->from_cache = unchanged > 0;
}

bool cross_tu_prepare_file(struct cross_tu *x, size_t i, const char *file,
                           const struct compile_command *cmd, bool from_stdin, char **error)
{
    struct xtu_file *f = &x->files[i];
    f->skip = cmd == NULL;
    f->cacheable = x->cache && cmd && !from_stdin;
    if (!f->cacheable)
        return true;
    f->path = path_resolved(file);
    f->entry.key = command_key(x, cmd);
    struct summary_cache_entry stored;
    int found = summary_cache_lookup(x->cache, f->path, &stored, error);
    if (found < 0)
        return false;
    if (found && strcmp(stored.key, f->entry.key) == 0)
        load_entry(x, f, &stored);
    summary_cache_entry_free(&stored);
    return true;
}

/* ---- tables of summaries ------------------------------------------------------------ */

static void merge_summary(struct summary_table *table, struct string_pool *kinds, const struct summary *s)
{
    if (summary_table_get(table, s->usr, false))
        return; /* defined in an earlier file too: the first one wins */
    struct summary *into = summary_table_get(table, s->usr, true);
    into->name = xstrdup(s->name);
    for (unsigned e = 0; e < s->effect_count; e++) {
        const struct summary_effect *se = &s->effects[e];
        summary_add_effect(into, &se->lock, se->op, se->mode, se->success_value,
                           string_pool_intern(kinds, se->kind));
    }
}

static char *file_summaries_text(const struct xtu_file *f);

/* summary_io.c's text of summaries merged into `into` (the first of a USR
 * wins); false with *error (caller frees) when it is malformed. */
static bool merge_text(struct cross_tu *x, struct summary_table *into, const char *text, char **error)
{
    struct summary *list = NULL;
    size_t count = 0;
    bool ok = summaries_from_text(text, &list, &count, &x->kinds, error);
    for (size_t s = 0; s < count; s++) {
        if (ok)
            merge_summary(into, &x->kinds, &list[s]);
        summary_io_free_fields(&list[s]);
    }
    free(list);
    return ok;
}

/* A worker process's table of the summaries its checks see. */
static struct summary_table *worker_seen(struct cross_tu *x)
{
    if (!x->seen)
        x->seen = summary_table_new();
    return x->seen;
}

/* In a worker process, a file's summaries once exported join the table
 * the next files' checks see, as the parent will read them (through their
 * text). */
static void add_to_seen(struct cross_tu *x, const struct xtu_file *f)
{
    if (!f->seen)
        return;
    char *text = file_summaries_text(f), *error = NULL;
    merge_text(x, x->seen, text, &error);
    free(error);
    free(text);
}

/* ---- the phase (workers) ---------------------------------------------------------- */

struct summarise_ctx {
    struct session *session;
    struct xtu_file *file;
    enum {
        SUMMARISE_ALL,          /* every exported function's summary */
        SUMMARISE_CHECKED,      /* the check's session: those that used no other file's
                                   summary, an empty place for the others (file->redo) */
        SUMMARISE_REDO,         /* a session without other files' summaries: the empty places */
    } mode;
};

/* What summary_io.c exchanges, so that a file summarised here, in a worker
 * process or read from the cache gives the same table: an
 * argument-dependent release or acquisition is left out (it is not true of
 * every call), a TAKES kept as unconditional. */
static bool exchanged(const struct summary_effect *e)
{
    return e->if_arg < 0 || e->op == LOCK_OP_TAKES;
}

/* An exported summary with no effect: the place of one summarised again. */
static struct summary *add_summary(struct xtu_file *f, const struct summary *s)
{
    f->summaries = xrealloc(f->summaries, (f->summary_count + 1) * sizeof *f->summaries);
    struct summary *copy = &f->summaries[f->summary_count++];
    memset(copy, 0, sizeof *copy);
    copy->usr = xstrdup(s->usr);
    copy->name = xstrdup(s->name);
    return copy;
}

/* The effects of `s` callers in other files see, into `copy`. */
static void copy_exchanged(struct summary *copy, const struct summary *s, unsigned kept)
{
    copy->effects = xcalloc(kept, sizeof *copy->effects);
    for (unsigned e = 0; e < s->effect_count; e++) {
        if (!exchanged(&s->effects[e]))
            continue;
        struct summary_effect *into = &copy->effects[copy->effect_count++];
        *into = s->effects[e];
        into->if_arg = -1;
        into->if_op = 0;
        into->if_constant = 0;
        lock_expr_copy(&into->lock, &s->effects[e].lock);
    }
}

static unsigned exchanged_count(const struct summary *s)
{
    unsigned kept = 0;
    for (unsigned e = 0; e < s->effect_count; e++)
        kept += exchanged(&s->effects[e]);
    return kept;
}

static void keep_summary(struct xtu_file *f, const struct summary *s)
{
    unsigned kept = exchanged_count(s);
    if (kept > 0)
        copy_exchanged(add_summary(f, s), s, kept);
}

/* The empty place of `s` in the file's list, filled. */
static void fill_place(struct xtu_file *f, const struct summary *s)
{
    unsigned kept = exchanged_count(s);
    for (size_t i = 0; i < f->summary_count && kept > 0; i++)
        if (f->summaries[i].effect_count == 0 && strcmp(f->summaries[i].usr, s->usr) == 0) {
            copy_exchanged(&f->summaries[i], s, kept);
            return;
        }
}

/* The places left empty (no effect after all) taken out, in order. */
static void drop_empty_places(struct xtu_file *f)
{
    size_t kept = 0;
    for (size_t i = 0; i < f->summary_count; i++)
        if (f->summaries[i].effect_count > 0)
            f->summaries[kept++] = f->summaries[i];
        else
            summary_io_free_fields(&f->summaries[i]);
    f->summary_count = kept;
}

static enum CXChildVisitResult visit_definition(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct summarise_ctx *ctx = data;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
        clang_getCursorLinkage(c) != CXLinkage_External || !cursor_in_main_file(&ctx->session->unit, c))
        return CXChildVisit_Continue;
    struct xtu_file *f = ctx->file;
    if (ctx->mode == SUMMARISE_REDO) {
        CXString usr = clang_getCursorUSR(c);
        bool redo = summary_table_get(f->redo, clang_getCString(usr), false) != NULL;
        clang_disposeString(usr);
        const struct summary *s = redo ? summary_for(ctx->session, c) : NULL;
        if (s)
            fill_place(f, s);
        return CXChildVisit_Continue;
    }
    const struct summary *s = summary_for(ctx->session, c);
    if (s && s->uses_external && ctx->mode == SUMMARISE_CHECKED) {
        if (!f->redo)
            f->redo = summary_table_new();
        summary_table_get(f->redo, s->usr, true);
        add_summary(f, s);
    } else if (s && s->effect_count > 0) {
        keep_summary(f, s);
    }
    return CXChildVisit_Continue;
}

/* summary_io.c's text of the summaries a file exported. Caller frees. */
static char *file_summaries_text(const struct xtu_file *f)
{
    const struct summary **list = xcalloc(f->summary_count + 1, sizeof *list);
    for (size_t i = 0; i < f->summary_count; i++)
        list[i] = &f->summaries[i];
    char *text = summaries_to_text(list, f->summary_count);
    free(list);
    return text;
}

static void fill_entry(struct xtu_file *f, CXTranslationUnit unit, const struct lockcheck_config *config)
{
    f->entry.deps = dependency_list(unit, config ? config->path : NULL, NULL);
    f->entry.summaries = file_summaries_text(f);
}

static void summarise_definitions(void *data)
{
    struct summarise_ctx *ctx = data;
    clang_visitChildren(clang_getTranslationUnitCursor(ctx->session->unit.cx), visit_definition, ctx);
}

bool cross_tu_summarise_file(struct cross_tu *x, size_t i, CXIndex index,
                             const struct compile_command *cmd, struct CXUnsavedFile *unsaved,
                             const struct lockcheck_config *config)
{
    struct xtu_file *f = &x->files[i];
    if (f->skip || f->from_cache)
        return true;
    const char *file = x->opts->files[i];
    char *error = NULL;
    CXTranslationUnit unit = parse_translation_unit(index, file, cmd, unsaved, &error);
    free(error);
    if (!unit)
        return true;
    if (!cross_tu_summarise_unit(x, i, index, unit, config))
        return false;
    if (f->cacheable)
        fill_entry(f, unit, config);
    clang_disposeTranslationUnit(unit);
    return true;
}

bool cross_tu_summarise_ahead(struct cross_tu *x, size_t i, CXIndex index, CXTranslationUnit unit,
                              const struct lockcheck_config *config)
{
    x->files[i].seen = worker_seen(x);
    return cross_tu_summarise_unit(x, i, index, unit, config);
}

bool cross_tu_summarise_unit(struct cross_tu *x, size_t i, CXIndex index, CXTranslationUnit unit,
                             const struct lockcheck_config *config)
{
    struct xtu_file *f = &x->files[i];
    const char *file = x->opts->files[i];
    struct finding_list discarded = {0};
    struct session session;
    engine_session_open(&session, unit, file, config, &discarded);
    session.summaries_only = true;
    session.analysis_budget = (size_t)x->opts->analysis_budget * 1000000; /* as the check's */
    struct summarise_ctx ctx = {&session, f, f->redo ? SUMMARISE_REDO : SUMMARISE_ALL};
    if (!crash_guard_run(index, unit, file, summarise_definitions, &ctx))
        return false; /* the session may be half-updated: leaked, not closed */
    engine_session_close(&session);
    finding_list_free(&discarded);
    drop_empty_places(f);
    f->analysed = true;
    add_to_seen(x, f);
    return true;
}

/* ---- the pass as the files' check (workers) --------------------------------------- */

/* A summary as a check saw it: a hash of its text (0: no summary). Two
 * summaries with the same text act the same on their callers. */
static uint64_t summary_text_hash(const struct summary *s)
{
    if (!s)
        return 0;
    char *text = summaries_to_text(&s, 1);
    uint64_t h = hash_string(HASH_SEED, text);
    free(text);
    return h | 1; /* never 0 */
}

/* Each callee looked up as "HASH USR": the USR and what the lookup found. */
#define CALLEE_HASH_DIGITS 16

static void add_callee(struct xtu_file *f, char *callee)
{
    ARRAY_RESERVE(f->callees, f->callee_capacity, f->callee_count + 1);
    f->callees[f->callee_count++] = callee;
}

static void record_callee(void *data, const char *usr)
{
    struct xtu_file *f = data;
    const struct summary *s = f->seen ? summary_table_get(f->seen, usr, false) : NULL;
    add_callee(f, str_printf("%016llx %s", (unsigned long long)summary_text_hash(s), usr));
}

/* What the lookup of a recorded callee finds in `table`, against what it
 * found in the check. */
static bool callee_answer_changed(struct summary_table *table, const char *callee)
{
    if (strlen(callee) <= CALLEE_HASH_DIGITS)
        return true;
    unsigned long long seen = strtoull(callee, NULL, 16);
    return summary_text_hash(summary_table_get(table, callee + CALLEE_HASH_DIGITS + 1, false)) != seen;
}

void cross_tu_watch_session(struct cross_tu *x, size_t i, struct session *session, bool exchange)
{
    struct xtu_file *f = &x->files[i];
    f->seen = exchange ? worker_seen(x) : NULL;
    session->external_summaries = f->seen;
    session->on_external_lookup = record_callee;
    session->external_lookup_data = f;
}

bool cross_tu_wants_summaries_again(const struct cross_tu *x, size_t i)
{
    return x->files[i].checked && !x->files[i].analysed;
}

void cross_tu_export_session(struct cross_tu *x, size_t i, struct session *session)
{
    struct xtu_file *f = &x->files[i];
    session->on_external_lookup = NULL;
    f->callee_count = str_sort_unique(f->callees, f->callee_count); /* printf, many times */
    f->checked = true;
    /* A function the check did not analyse (none should be left) is
     * summarised as the summaries-only pass would: without reports, and
     * without counting its lookups, which the check never made. One whose
     * summary used another file's (its own lookups, or a callee's here)
     * is summarised again without them (cross_tu_summarise_unit): one
     * round. */
    session->summaries_only = true;
    struct summarise_ctx ctx = {session, f, SUMMARISE_CHECKED};
    summarise_definitions(&ctx);
    session->summaries_only = false;
    if (f->redo)
        return;
    f->analysed = true;
    add_to_seen(x, f);
}

bool cross_tu_wants_dependencies(const struct cross_tu *x, size_t i)
{
    return x->files[i].cacheable;
}

void cross_tu_keep_dependencies(struct cross_tu *x, size_t i, const char *deps)
{
    struct xtu_file *f = &x->files[i];
    if (!f->cacheable || !f->analysed || !deps)
        return;
    f->entry.deps = xstrdup(deps);
    f->entry.summaries = file_summaries_text(f);
}

/* ---- a worker process's outcome ----------------------------------------------------- */

/* The callees as a JSON array of strings. Caller frees. */
static char *callees_to_text(const struct xtu_file *f)
{
    json_object *list = json_object_new_array();
    for (size_t c = 0; c < f->callee_count; c++)
        json_object_array_add(list, json_object_new_string(f->callees[c]));
    char *text = xstrdup(json_object_to_json_string_ext(list, JSON_C_TO_STRING_PLAIN));
    json_object_put(list);
    return text;
}

static bool callees_from_text(struct xtu_file *f, const char *text)
{
    json_object *list = json_tokener_parse(text);
    bool ok = list && json_object_is_type(list, json_type_array);
    size_t count = ok ? json_object_array_length(list) : 0;
    for (size_t c = 0; ok && c < count; c++) {
        json_object *usr = json_object_array_get_idx(list, c);
        ok = json_object_is_type(usr, json_type_string);
        if (ok)
            add_callee(f, xstrdup(json_object_get_string(usr)));
    }
    json_object_put(list);
    return ok;
}

void cross_tu_file_result(const struct cross_tu *x, size_t i, char **summaries, char **deps,
                          char **callees)
{
    const struct xtu_file *f = &x->files[i];
    *summaries = f->analysed ? file_summaries_text(f) : NULL;
    *deps = f->analysed && f->entry.deps ? xstrdup(f->entry.deps) : NULL;
    *callees = f->checked ? callees_to_text(f) : NULL;
}

bool cross_tu_take_file_result(struct cross_tu *x, size_t i, const char *summaries,
                               const char *deps, const char *callees, char **error)
{
    struct xtu_file *f = &x->files[i];
    if (!summaries)
        return true; /* not analysed: the normal run reports why */
    if (!summaries_from_text(summaries, &f->summaries, &f->summary_count, &x->kinds, error))
        return false;
    if (callees && !callees_from_text(f, callees)) {
        *error = xstrdup("not a list of callees");
        return false;
    }
    f->analysed = true;
    f->checked = callees != NULL;
    if (f->cacheable && deps) {
        f->entry.deps = xstrdup(deps);
        f->entry.summaries = xstrdup(summaries);
    }
    return true;
}

/* ---- after the phase -------------------------------------------------------------- */


/* After the merge: a checked file whose analysis would have found
 * something else in the table (another summary, or one where it found
 * none) would have been analysed otherwise with it. */
static bool looked_up_a_summary(const struct cross_tu *x, const struct xtu_file *f)
{
    for (size_t c = 0; c < f->callee_count; c++)
        if (callee_answer_changed(x->table, f->callees[c]))
            return true;
    return false;
}

bool cross_tu_finish(struct cross_tu *x, char **error)
{
    const char **paths = xcalloc(x->count + 1, sizeof *paths);
    struct summary_cache_entry *entries = xcalloc(x->count + 1, sizeof *entries);
    size_t stored = 0;
    for (size_t i = 0; i < x->count; i++) {
        struct xtu_file *f = &x->files[i];
        for (size_t s = 0; s < f->summary_count; s++)
            merge_summary(x->table, &x->kinds, &f->summaries[s]);
        if (f->analysed && f->cacheable) {
            paths[stored] = f->path;
            entries[stored++] = f->entry;
        }
    }
    for (size_t i = 0; i < x->count; i++)
        x->files[i].check_again = x->files[i].checked && looked_up_a_summary(x, &x->files[i]);
    bool ok = !x->cache || summary_cache_store(x->cache, paths, entries, stored, error);
    free(paths);
    free(entries);
    return ok;
}

bool cross_tu_checked(const struct cross_tu *x, size_t i)
{
    return x && x->files[i].checked;
}

bool cross_tu_summarised_ahead(const struct cross_tu *x, size_t i)
{
    return x && x->files[i].analysed && !x->files[i].checked;
}

bool cross_tu_outcome_final(const struct cross_tu *x, size_t i)
{
    return x && x->files[i].checked && !x->files[i].check_again;
}

char *cross_tu_stats(const struct cross_tu *x)
{
    size_t cached = 0, analysed = 0;
    for (size_t i = 0; i < x->count; i++) {
        cached += x->files[i].from_cache;
        analysed += x->files[i].analysed;
    }
    return str_printf("summaries: %zu files from cache, %zu analysed", cached, analysed);
}

char *cross_tu_summaries_hash(const struct cross_tu *x)
{
    uint64_t h = HASH_SEED;
    for (size_t i = 0; x && i < x->count; i++) {
        char *text = file_summaries_text(&x->files[i]);
        h = hash_string(h, text);
        free(text);
    }
    return str_printf("%016llx", (unsigned long long)h);
}

char *cross_tu_news(const struct cross_tu *x, const size_t *files, size_t count)
{
    const struct summary **list = NULL;
    size_t listed = 0;
    for (size_t k = 0; k < count; k++) {
        const struct xtu_file *f = &x->files[files[k]];
        list = xrealloc(list, (listed + f->summary_count + 1) * sizeof *list);
        for (size_t s = 0; s < f->summary_count; s++)
            list[listed++] = &f->summaries[s];
    }
    char *text = listed > 0 ? summaries_to_text(list, listed) : NULL;
    free(list);
    return text;
}

void cross_tu_hear(struct cross_tu *x, const char *text)
{
    char *error = NULL;
    merge_text(x, worker_seen(x), text, &error); /* the parent's own text */
    free(error);
}

bool cross_tu_take_table(struct cross_tu *x, const char *text, char **error)
{
    return merge_text(x, x->table, text, error);
}

/* ---- map and reduce steps ------------------------------------------------------- */

char *cross_tu_document(const struct cross_tu *x)
{
    struct summary_table *seen = summary_table_new();
    const struct summary **list = NULL;
    size_t count = 0;
    for (size_t i = 0; i < x->count; i++)
        for (size_t s = 0; s < x->files[i].summary_count; s++) {
            const struct summary *sum = &x->files[i].summaries[s];
            if (summary_table_get(seen, sum->usr, false))
                continue; /* defined in an earlier file too: the first one wins */
            summary_table_get(seen, sum->usr, true);
            list = xrealloc(list, (count + 1) * sizeof *list);
            list[count++] = sum;
        }
    char *text = summaries_to_text(list, count);
    free(list);
    summary_table_free(seen);
    return text;
}

bool cross_tu_file_summarised(const struct cross_tu *x, size_t i)
{
    return x->files[i].analysed || x->files[i].from_cache;
}

bool cross_tu_load_document(struct cross_tu *x, size_t i, const char *path, char **error)
{
    struct xtu_file *f = &x->files[i];
    char *text = read_whole_file(path);
    char *parse_error = NULL;
    bool ok = text && summaries_from_text(text, &f->summaries, &f->summary_count, &x->kinds, &parse_error);
    if (!ok)
        *error = text ? str_printf("%s: not a lockcheck summary file (%s)", path, parse_error)
                      : str_printf("%s: cannot read it", path);
    f->from_cache = ok;
    f->skip = !ok;
    free(parse_error);
    free(text);
    return ok;
}

struct summary_table *cross_tu_table(struct cross_tu *x)
{
    return x ? x->table : NULL;
}
