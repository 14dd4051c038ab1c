/*
 * annotation_facts.c: the annotations of one analysed function as facts
 * naming the function's locks (fa_intern_lock): uses of guarded data (the
 * CFG's access nodes), calls to functions that require or exclude a lock,
 * and what the function itself is annotated to do, so the rules can compare
 * them with the lock state the dataflow computed. The annotations come from
 * annotations/annotations.h.
 */
#include "dataflow/annotation_facts.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "dataflow/function_analysis.h"
#include "dataflow/lock_state.h"
#include "util/memory.h"

/* ---- per function facts ------------------------------------------------------------- */

static struct annotation_facts *facts_of(struct function_analysis *fa)
{
    if (!fa->annotations)
        fa->annotations = xcalloc(1, sizeof *fa->annotations);
    return fa->annotations;
}

void annotation_facts_free(struct annotation_facts *facts)
{
    if (!facts)
        return;
    for (size_t i = 0; i < facts->access_count; i++)
        free(facts->accesses[i].what);
    for (size_t i = 0; i < facts->call_count; i++)
        free(facts->calls[i].callee);
    free(facts->accesses);
    free(facts->calls);
    free(facts->own);
    free(facts);
}

/* The object a member access belongs to (`to->balance`: *to), as a value. */
static bool access_object(struct function_analysis *fa, CXCursor ref, struct lock_expr *object)
{
    if (clang_getCursorKind(ref) != CXCursor_MemberRefExpr)
        return false;
    CXCursor base = cursor_first_child(ref);
    struct lock_expr_ctx ctx = fa_lock_expr_ctx(fa);
    if (clang_Cursor_isNull(base) || !lock_expr_from_value(&ctx, base, object))
        return false;
    CXType type = clang_getCanonicalType(clang_getCursorType(base));
    if (type.kind == CXType_Pointer) {
        lock_expr_push(object, LOCK_STEP_DEREF, NULL);
        lock_expr_normalize(object);
    }
    return true;
}

static char *written_as(struct function_analysis *fa, CXCursor ref)
{
    struct lock_expr_ctx ctx = {.function = fa->function};   /* no alias resolution */
    struct lock_expr value;
    if (!lock_expr_from_value(&ctx, ref, &value))
        return cursor_spelling(ref);
    char *text = lock_expr_display(&value);
    lock_expr_free(&value);
    return text;
}

static void collect_access(struct function_analysis *fa, unsigned node)
{
    const struct cfg_node *n = &fa->cfg.nodes[node];
    CXCursor ref = n->cursor;
    CXCursor decl = clang_getCursorReferenced(ref);
    if (clang_Cursor_isNull(decl))
        return;
    size_t lock_count;
    const struct named_lock *locks = annotation_locks(fa->session, decl, &lock_count);
    bool deref = n->access & CFG_ACCESS_DEREF;
    struct lock_expr object = {0};
    bool has_object = access_object(fa, ref, &object);
    for (size_t i = 0; i < lock_count; i++) {
        const struct named_lock *g = &locks[i];
        bool pt = g->kind == ANN_PT_GUARDED_BY || g->kind == ANN_PT_GUARDED_VAR;
        if (pt != deref)
            continue;
        struct annotated_access a = {.node = node, .kind = g->kind, .deref = deref,
                                     .write = n->access & CFG_ACCESS_WRITE};
        if (g->has_lock) {
            struct lock_expr lock;
            if (!lock_expr_substitute(&g->expr, &object, has_object ? 1 : 0, &lock))
                continue;
            a.lock = fa_intern_lock(fa, &lock, g->lock_kind);
        }
        a.what = written_as(fa, ref);
        struct annotation_facts *facts = facts_of(fa);
        ARRAY_RESERVE(facts->accesses, facts->access_capacity, facts->access_count + 1);
        facts->accesses[facts->access_count++] = a;
    }
    lock_expr_free(&object);
}

static void collect_call(struct function_analysis *fa, unsigned node)
{
    CXCursor call = fa->cfg.nodes[node].cursor;
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return;
    size_t lock_count;
    const struct named_lock *locks = annotation_locks(fa->session, callee, &lock_count);
    if (lock_count == 0)
        return;
    int nargs = clang_Cursor_getNumArguments(call);
    unsigned count = nargs > 0 ? (unsigned)nargs : 0;
    struct lock_expr *args = xcalloc(count + 1, sizeof *args);
    struct lock_expr_ctx ctx = fa_lock_expr_ctx(fa);
    for (unsigned i = 0; i < count; i++)
        if (!lock_expr_from_value(&ctx, clang_Cursor_getArgument(call, i), &args[i]))
            memset(&args[i], 0, sizeof args[i]);
    for (size_t i = 0; i < lock_count; i++) {
        const struct named_lock *r = &locks[i];
        if (r->kind != ANN_REQUIRES && r->kind != ANN_REQUIRES_SHARED && r->kind != ANN_EXCLUDES)
            continue;
        struct lock_expr lock;
        if (!lock_expr_substitute(&r->expr, args, count, &lock))
            continue;
        struct annotated_call c = {.node = node, .excluded = r->kind == ANN_EXCLUDES,
                                   .shared = r->kind == ANN_REQUIRES_SHARED};
        c.lock = fa_intern_lock(fa, &lock, r->lock_kind);
        c.callee = cursor_spelling(callee);
        struct annotation_facts *facts = facts_of(fa);
        ARRAY_RESERVE(facts->calls, facts->call_capacity, facts->call_count + 1);
        facts->calls[facts->call_count++] = c;
    }
    for (unsigned i = 0; i < count; i++)
        lock_expr_free(&args[i]);
    free(args);
}

/* The function's own annotations, as locks of its analysis. */
static void collect_own(struct function_analysis *fa)
{
    size_t lock_count;
    const struct named_lock *locks = annotation_locks(fa->session, fa->function, &lock_count);
    for (size_t i = 0; i < lock_count; i++) {
        const struct named_lock *n = &locks[i];
        if (n->kind == ANN_EXCLUDES)
            continue;
        struct lock_expr lock;
        lock_expr_copy(&lock, &n->expr);
        struct own_annotation own = {.kind = n->kind, .success_value = n->success_value};
        own.lock = fa_intern_lock(fa, &lock, n->lock_kind);
        struct annotation_facts *facts = facts_of(fa);
        ARRAY_RESERVE(facts->own, facts->own_capacity, facts->own_count + 1);
        facts->own[facts->own_count++] = own;
    }
}

void annotation_collect(struct function_analysis *fa)
{
    const struct cfg *g = &fa->cfg;
    for (unsigned i = 0; i < g->node_count; i++) {
        if (g->nodes[i].kind == CFG_ACCESS)
            collect_access(fa, i);
        else if (g->nodes[i].kind == CFG_CALL)
            collect_call(fa, i);
    }
    collect_own(fa);
}

bool annotation_wants_dataflow(struct function_analysis *fa)
{
    const struct annotation_facts *f = fa->annotations;
    return f && (f->access_count || f->call_count || f->own_count);
}

void annotation_entry_state(struct function_analysis *fa, struct lock_state *entry)
{
    const struct annotation_facts *f = fa->annotations;
    if (!f)
        return;
    for (size_t i = 0; i < f->own_count; i++) {
        enum annotation_kind k = f->own[i].kind;
        if (k != ANN_REQUIRES && k != ANN_REQUIRES_SHARED && k != ANN_RELEASES)
            continue;
        /* Held by the caller: releasing it is done on the caller's behalf,
         * and holding it again at the end is no leak. */
        entry->locks[f->own[i].lock].mask = k == ANN_REQUIRES_SHARED ? LOCK_HELD_SHARED
                                                                    : LOCK_RETAKEN;
    }
}

/* ---- lookups for the rules ------------------------------------------------------------- */

/* The run of facts at `node` in an array sorted by node; each fact is
 * `size` bytes and starts with its node number. Returns the index of the
 * first and sets *count. */
static size_t facts_at(const void *items, size_t total, size_t size, unsigned node, size_t *count)
{
    const char *base = items;
    size_t lo = 0, hi = total;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (*(const unsigned *)(base + mid * size) < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    *count = 0;
    while (lo + *count < total && *(const unsigned *)(base + (lo + *count) * size) == node)
        (*count)++;
    return lo;
}

const struct annotated_access *annotation_accesses_at(const struct function_analysis *fa,
                                                      unsigned node, size_t *count)
{
    const struct annotation_facts *f = fa->annotations;
    *count = 0;
    if (!f)
        return NULL;
    size_t first = facts_at(f->accesses, f->access_count, sizeof *f->accesses, node, count);
    return *count ? &f->accesses[first] : NULL;
}

const struct annotated_call *annotation_calls_at(const struct function_analysis *fa, unsigned node,
                                                 size_t *count)
{
    const struct annotation_facts *f = fa->annotations;
    *count = 0;
    if (!f)
        return NULL;
    size_t first = facts_at(f->calls, f->call_count, sizeof *f->calls, node, count);
    return *count ? &f->calls[first] : NULL;
}

bool annotation_function_acquires(const struct function_analysis *fa, unsigned lock)
{
    const struct annotation_facts *f = fa->annotations;
    for (size_t i = 0; f && i < f->own_count; i++) {
        enum annotation_kind k = f->own[i].kind;
        if (f->own[i].lock == lock && (k == ANN_ACQUIRES || k == ANN_ACQUIRES_SHARED ||
                                       k == ANN_TRY_ACQUIRES || k == ANN_TRY_ACQUIRES_SHARED))
            return true;
    }
    return false;
}
