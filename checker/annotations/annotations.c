/*
 * annotations.c: lock annotations as the engine and the rules use them (see
 * annotations.h).
 *
 * Per translation unit, a table caches what each declaration is annotated
 * with (read once by read_attributes.c, lock expressions parsed once by
 * lock_parse.c). The engine turns them into facts of each analysed function
 * (dataflow/annotation_facts.c).
 */
#include "annotations/annotations.h"

#include <stdlib.h>
#include <string.h>

#include "annotations/lock_parse.h"
#include "ast/cursor_util.h"
#include "ast/session.h"
#include "summary/summary.h"
#include "util/memory.h"

struct lock_list {
    struct named_lock *items;
    size_t count, capacity;
};

struct decl_entry {
    CXCursor key;               /* the canonical declaration */
    CXCursor decl;              /* the declaration first asked about */
    struct annotation_list list;
    bool parsed;                /* locks below are filled */
    struct lock_list locks;
    bool no_analysis;
    bool has_summary;
    struct summary summary;     /* functions: what callers see */
};

struct annotation_table {
    struct decl_entry **slots;
    size_t capacity, count;
    bool globals_ready;
    struct cursor_list globals; /* file-scope variables, for names in annotations */
};

/* ---- the table ----------------------------------------------------------------- */

static struct annotation_table *table_of(struct session *session)
{
    if (!session->annotations) {
        session->annotations = xcalloc(1, sizeof *session->annotations);
        session->annotations->capacity = 64;
        session->annotations->slots = xcalloc(64, sizeof *session->annotations->slots);
    }
    return session->annotations;
}

static void lock_list_free(struct lock_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        lock_expr_free(&l->items[i].expr);
    free(l->items);
}

static void entry_free(struct decl_entry *e)
{
    annotation_list_free(&e->list);
    lock_list_free(&e->locks);
    summary_clear(&e->summary);
    free(e);
}

void annotation_table_free(struct annotation_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->capacity; i++)
        if (t->slots[i])
            entry_free(t->slots[i]);
    free(t->slots);
    cursor_list_free(&t->globals);
    free(t);
}

static void table_insert(struct annotation_table *t, struct decl_entry *e)
{
    size_t at = clang_hashCursor(e->key) & (t->capacity - 1);
    while (t->slots[at])
        at = (at + 1) & (t->capacity - 1);
    t->slots[at] = e;
    t->count++;
}

static void table_grow(struct annotation_table *t)
{
    struct decl_entry **old = t->slots;
    size_t old_capacity = t->capacity;
    t->capacity *= 2;
    t->slots = xcalloc(t->capacity, sizeof *t->slots);
    t->count = 0;
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i])
            table_insert(t, old[i]);
    free(old);
}

/* The entry of a declaration; its annotations are those written on it, on
 * its first declaration and on its definition. */
static struct decl_entry *entry_for(struct session *session, CXCursor decl)
{
    struct annotation_table *t = table_of(session);
    CXCursor key = clang_getCanonicalCursor(decl);
    size_t at = clang_hashCursor(key) & (t->capacity - 1);
    while (t->slots[at]) {
        if (clang_equalCursors(t->slots[at]->key, key))
            return t->slots[at];
        at = (at + 1) & (t->capacity - 1);
    }
    if ((t->count + 1) * 2 > t->capacity)
        table_grow(t);
    struct decl_entry *e = xcalloc(1, sizeof *e);
    e->key = key;
    e->decl = decl;
    read_annotations(key, &e->list);
    if (!clang_equalCursors(decl, key))
        read_annotations(decl, &e->list);
    CXCursor definition = clang_getCursorDefinition(decl);
    if (!clang_Cursor_isNull(definition) && !clang_equalCursors(definition, key) &&
        !clang_equalCursors(definition, decl))
        read_annotations(definition, &e->list);
    table_insert(t, e);
    return e;
}

/* ---- names in annotations ------------------------------------------------------- */

static enum CXChildVisitResult collect_global(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct cursor_list *out = data;
    if (clang_getCursorKind(c) == CXCursor_VarDecl) {
        ARRAY_RESERVE(out->items, out->capacity, out->count + 1);
        out->items[out->count++] = c;
    }
    return CXChildVisit_Continue;
}

static bool find_global(void *data, const char *name, CXCursor *out)
{
    struct session *session = data;
    struct annotation_table *t = table_of(session);
    if (!t->globals_ready) {
        t->globals_ready = true;
        clang_visitChildren(clang_getTranslationUnitCursor(session->unit.cx), collect_global,
                            &t->globals);
    }
    for (size_t i = 0; i < t->globals.count; i++) {
        char *spelling = cursor_spelling(t->globals.items[i]);
        bool match = strcmp(spelling, name) == 0;
        free(spelling);
        if (match) {
            *out = t->globals.items[i];
            return true;
        }
    }
    return false;
}

static bool is_guard_kind(enum annotation_kind k)
{
    return k == ANN_GUARDED_BY || k == ANN_PT_GUARDED_BY || k == ANN_WRITE_GUARDED_BY ||
           k == ANN_GUARDED_VAR || k == ANN_PT_GUARDED_VAR;
}

static bool is_function_lock_kind(enum annotation_kind k)
{
    return k == ANN_REQUIRES || k == ANN_REQUIRES_SHARED || k == ANN_ACQUIRES ||
           k == ANN_ACQUIRES_SHARED || k == ANN_RELEASES || k == ANN_TRY_ACQUIRES ||
           k == ANN_TRY_ACQUIRES_SHARED || k == ANN_EXCLUDES;
}

static void add_lock(struct lock_list *l, enum annotation_kind kind, const struct annotation_scope *scope,
                     const char *text, long long success)
{
    struct named_lock n = {.kind = kind, .success_value = success};
    if (text) {
        if (!lock_parse(scope, text, &n.expr, &n.lock_kind))
            return;
        n.has_lock = true;
    }
    ARRAY_RESERVE(l->items, l->capacity, l->count + 1);
    l->items[l->count++] = n;
}

/* Parses one annotation's locks into the entry. */
static void parse_annotation(struct decl_entry *e, const struct annotation *a,
                             const struct annotation_scope *scope)
{
    if (a->kind == ANN_GUARDED_VAR || a->kind == ANN_PT_GUARDED_VAR) {
        add_lock(&e->locks, a->kind, scope, NULL, 0);
        return;
    }
    unsigned count;
    char **args = split_annotation_args(a->args, &count);
    unsigned first = 0;
    long long success = 0;
    if (a->kind == ANN_TRY_ACQUIRES || a->kind == ANN_TRY_ACQUIRES_SHARED) {
        if (count == 0 || !parse_success_value(args[0], &success))
            count = 0;
        first = 1;
    }
    for (unsigned i = first; i < count; i++)
        add_lock(&e->locks, a->kind, scope, args[i], success);
    for (unsigned i = 0; i < count; i++)
        free(args[i]);
    free(args);
}

static void build_summary(struct decl_entry *e)
{
    e->summary.name = cursor_spelling(e->key);
    for (size_t i = 0; i < e->locks.count; i++) {
        const struct named_lock *n = &e->locks.items[i];
        e->has_summary = true;
        switch (n->kind) {
        case ANN_ACQUIRES:
        case ANN_ACQUIRES_SHARED:
            summary_add_effect(&e->summary, &n->expr, LOCK_OP_ACQUIRE,
                               n->kind == ANN_ACQUIRES ? LOCK_MODE_EXCLUSIVE : LOCK_MODE_SHARED, 0,
                               n->lock_kind);
            break;
        case ANN_TRY_ACQUIRES:
        case ANN_TRY_ACQUIRES_SHARED:
            summary_add_effect(&e->summary, &n->expr, LOCK_OP_TRY_ACQUIRE,
                               n->kind == ANN_TRY_ACQUIRES ? LOCK_MODE_EXCLUSIVE : LOCK_MODE_SHARED,
                               n->success_value, n->lock_kind);
            break;
        case ANN_RELEASES:
            summary_add_effect(&e->summary, &n->expr, LOCK_OP_RELEASE, LOCK_MODE_ANY, 0, n->lock_kind);
            break;
        default:
            break;
        }
    }
}

/* Parses the entry's lock expressions once: a field's relative to its struct,
 * a function's relative to its parameters (names from any declaration). */
static void parse_entry(struct session *session, struct decl_entry *e)
{
    if (e->parsed)
        return;
    e->parsed = true;
    struct annotation_scope scope = {.find_global = find_global, .find_global_data = session};
    scope.record = clang_getNullCursor();
    enum CXCursorKind kind = clang_getCursorKind(e->key);
    if (kind == CXCursor_FieldDecl) {
        scope.record = clang_getCursorSemanticParent(e->key);
    } else if (kind == CXCursor_FunctionDecl) {
        scope.functions[scope.function_count++] = e->decl;
        scope.functions[scope.function_count++] = e->key;
        CXCursor definition = clang_getCursorDefinition(e->key);
        if (!clang_Cursor_isNull(definition))
            scope.functions[scope.function_count++] = definition;
    }
    for (size_t i = 0; i < e->list.count; i++) {
        const struct annotation *a = &e->list.items[i];
        if (a->kind == ANN_NO_ANALYSIS)
            e->no_analysis = true;
        bool wanted = kind == CXCursor_FunctionDecl ? is_function_lock_kind(a->kind)
                                                    : is_guard_kind(a->kind);
        if (wanted)
            parse_annotation(e, a, &scope);
    }
    if (kind == CXCursor_FunctionDecl)
        build_summary(e);
}

static struct decl_entry *parsed_entry(struct session *session, CXCursor decl)
{
    struct decl_entry *e = entry_for(session, decl);
    parse_entry(session, e);
    return e;
}

/* ---- hooks the engine calls ------------------------------------------------------ */

const struct summary *annotation_summary(struct session *session, CXCursor function)
{
    if (clang_getCursorKind(function) != CXCursor_FunctionDecl)
        return NULL;
    struct decl_entry *e = parsed_entry(session, function);
    return e->has_summary ? &e->summary : NULL;
}

bool annotation_no_analysis(struct session *session, CXCursor function)
{
    return parsed_entry(session, function)->no_analysis;
}

bool annotation_type_not_thread_safe(struct session *session, CXCursor record)
{
    struct decl_entry *e = entry_for(session, record);
    for (size_t i = 0; i < e->list.count; i++)
        if (e->list.items[i].kind == ANN_NOT_THREAD_SAFE)
            return true;
    return false;
}

static bool file_scope_variable(CXCursor decl)
{
    if (clang_Cursor_getStorageClass(decl) == CX_SC_Static ||
        clang_Cursor_getStorageClass(decl) == CX_SC_Extern)
        return true;
    return clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_TranslationUnit;
}

static unsigned guard_bits(void *data, CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    if (kind != CXCursor_FieldDecl && !(kind == CXCursor_VarDecl && file_scope_variable(decl)))
        return 0;
    struct decl_entry *e = entry_for(data, decl);
    unsigned bits = 0;
    for (size_t i = 0; i < e->list.count; i++) {
        enum annotation_kind k = e->list.items[i].kind;
        if (k == ANN_GUARDED_BY || k == ANN_WRITE_GUARDED_BY || k == ANN_GUARDED_VAR)
            bits |= CFG_GUARDED;
        else if (k == ANN_PT_GUARDED_BY || k == ANN_PT_GUARDED_VAR)
            bits |= CFG_PT_GUARDED;
    }
    return bits;
}

struct cfg_access_hook annotation_cfg_hook(struct session *session)
{
    struct cfg_access_hook hook = {.guard_bits = guard_bits, .data = session};
    return hook;
}

const struct named_lock *annotation_locks(struct session *session, CXCursor decl, size_t *count)
{
    struct decl_entry *e = parsed_entry(session, decl);
    *count = e->locks.count;
    return e->locks.items;
}
