/*
 * threads_at_once.c: the roots of a translation unit's threads, and the
 * accesses each sees with its locksets, in the creator's frame (see
 * threads_at_once.h).
 */
#include "races/threads_at_once.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ast/call_graph.h"
#include "ast/cursor_util.h"
#include "ast/object_key.h"
#include "ast/session.h"
#include "cfg/cfg_search.h"
#include "cfg/thread_paths.h"
#include "dataflow/function_analysis.h"
#include "summary/summary.h"
#include "util/hash.h"
#include "util/memory.h"

#define MAX_CALL_DEPTH 8
#define MAX_VISITS_PER_ROOT 4000
#define MAX_SEEN_PER_UNIT 200000  /* beyond it, fewer accesses: fewer findings, never wrong ones */

/* ---- each function's accesses, once ---------------------------------------------- */

static const struct function_accesses *recorded(const struct race_functions *table, CXCursor definition)
{
    unsigned hash = clang_hashCursor(definition);
    for (size_t i = 0; i < table->count; i++)
        if (clang_hashCursor(table->items[i]->function) == hash &&
            same_expression(table->items[i]->function, definition))
            return table->items[i];
    return NULL;
}

/* A function's accesses: recorded when the engine analysed it (data-race's
 * on_function_end), or analysed now, which records them. NULL when it was
 * not analysed (compile errors, no body, recursion, beyond the budget). */
static const struct function_accesses *accesses_of(const struct race_inputs *in, CXCursor definition)
{
    const struct function_accesses *fn = recorded(in->functions, definition);
    if (fn)
        return fn;
    analyze_function(in->session, definition);
    return recorded(in->functions, definition);
}

/* ---- frames: from a function's names to the creator's --------------------------- */

struct frame {
    const struct race_root *root;
    const struct lock_expr *args;  /* "$i" in the creator's frame (root_id NULL: unknown) */
    size_t arg_count;
    bool identity;                 /* the creator itself: its names are the frame's */
    const struct held_lock *held;  /* what the callers hold */
    size_t held_count;
    CXCursor first_call;
    int depth;
};

static bool to_creator_frame(const struct frame *fr, const struct lock_expr *e, struct lock_expr *out)
{
    memset(out, 0, sizeof *out);
    switch (e->root_kind) {
    case LOCK_ROOT_GLOBAL:
        lock_expr_copy(out, e);
        return !out->root_thread_local;
    case LOCK_ROOT_LOCAL:
        if (!fr->identity)
            return false; /* the thread's own object, or a callee's */
        lock_expr_copy(out, e);
        return true;
    case LOCK_ROOT_PARAM:
        if (fr->identity) {
            lock_expr_copy(out, e);
            return true;
        }
        return lock_expr_substitute(e, fr->args, fr->arg_count, out);
    default:
        return false;
    }
}

/* The lock's key in the creator's frame, and how messages name it: as the
 * function names it (`s->mu`), but a lock that is a parameter itself
 * (`pthread_mutex_t *m`) by the argument it is bound to (`m1`). */
static char *creator_key(const struct frame *fr, const struct lock_expr *e, char **display)
{
    struct lock_expr out;
    if (!to_creator_frame(fr, e, &out))
        return NULL;
    char *key = lock_expr_key(&out);
    bool parameter_itself = e->root_kind == LOCK_ROOT_PARAM && e->step_count <= 1 && !fr->identity;
    *display = lock_expr_display(parameter_itself ? &out : e);
    lock_expr_free(&out);
    return key;
}

/* ---- locksets ------------------------------------------------------------------- */

static void held_free(struct held_lock *held, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(held[i].key);
        free(held[i].display);
    }
    free(held);
}

static ptrdiff_t held_find(const struct held_lock *held, size_t count, const char *key)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(held[i].key, key) == 0)
            return (ptrdiff_t)i;
    return -1;
}

static void held_remove(struct held_lock *held, size_t *count, ptrdiff_t at)
{
    free(held[at].key);
    free(held[at].display);
    held[at] = held[--*count];
}

/* The locks held at a node: the callers' (unless this function released or
 * may not hold them) and this function's own. False when unknown: the node
 * is not reached, the lock is held on some paths only, or it cannot be
 * named in the creator's frame. */
static bool held_at(const struct function_accesses *fn, unsigned node, const struct frame *fr,
                    struct held_lock **out, size_t *out_count)
{
    const struct race_lockset *set = function_accesses_lockset(fn, node);
    if (!set || !set->known)
        return false;
    size_t count = fr->held_count, capacity = count + fn->lock_count + 1;
    struct held_lock *held = xcalloc(capacity, sizeof *held);
    for (size_t i = 0; i < count; i++)
        held[i] = (struct held_lock){xstrdup(fr->held[i].key), xstrdup(fr->held[i].display),
                                     fr->held[i].exclusive};
    bool known = true;
    for (unsigned l = 0; known && l < fn->lock_count; l++) {
        enum race_lock_hold hold = set->holds[l];
        if (hold == RACE_LOCK_ENTRY)
            continue; /* untouched: whatever the callers hold */
        char *display = NULL;
        char *key = creator_key(fr, &fn->locks[l], &display);
        ptrdiff_t at = key ? held_find(held, count, key) : -1;
        if (hold == RACE_LOCK_HELD_EXCLUSIVE || hold == RACE_LOCK_HELD_SHARED) {
            if (!key) {
                known = false; /* a lock the other side cannot be compared with */
            } else if (at < 0) {
                held[count++] = (struct held_lock){key, display, hold == RACE_LOCK_HELD_EXCLUSIVE};
                key = display = NULL;
            }
        } else if (at >= 0) {
            held_remove(held, &count, at); /* released (or maybe) before this point */
        }
        free(key);
        free(display);
    }
    if (!known) {
        held_free(held, count);
        return false;
    }
    *out = held;
    *out_count = count;
    return true;
}

/* ---- walking a root --------------------------------------------------------------- */

struct root_walk {
    struct race_view *view;
    const struct race_inputs *in;
    unsigned root;
    CXCursor chain[MAX_CALL_DEPTH + 1];
    unsigned visits;
    uint64_t *contexts;      /* hashes of the (function, arguments, locks held) visited */
    size_t context_count, context_capacity;
};

/* A function seen again from the same root with the same arguments and
 * locks adds nothing: true the first time only. */
static bool first_visit(struct root_walk *w, CXCursor definition, const struct frame *fr)
{
    uint64_t h = HASH_SEED ^ clang_hashCursor(definition);
    for (size_t i = 0; i < fr->arg_count; i++) {
        char *key = fr->args[i].root_id ? lock_expr_key(&fr->args[i]) : NULL;
        h = hash_string(h, key);
        free(key);
    }
    for (size_t i = 0; i < fr->held_count; i++)
        h = hash_string(h, fr->held[i].key);
    for (size_t i = 0; i < w->context_count; i++)
        if (w->contexts[i] == h)
            return false;
    ARRAY_RESERVE(w->contexts, w->context_capacity, w->context_count + 1);
    w->contexts[w->context_count++] = h;
    return true;
}

static bool index_is_own(const char *id)
{
    if (!id || !*id)
        return false;
    bool constant = true;
    for (const char *p = id; *p; p++)
        constant &= (*p >= '0' && *p <= '9') || *p == '-';
    return !constant && (id[0] == '$' || id[0] == '?' || strstr(id, "@F@"));
}

static void add_seen(struct root_walk *w, const struct frame *fr, const struct function_accesses *fn,
                     const struct race_access *a)
{
    struct lock_expr data;
    if (!to_creator_frame(fr, &a->data, &data))
        return;
    struct held_lock *held;
    size_t held_count;
    if (!held_at(fn, a->node, fr, &held, &held_count)) {
        lock_expr_free(&data);
        return;
    }
    const struct race_root *root = &w->view->roots[w->root];
    struct seen_access s = {
        .root = w->root, .access = a, .function = fn, .key = lock_expr_key(&data),
        .shape = lock_expr_shape(&data), .held = held, .held_count = held_count, .first_call = fr->first_call};
    s.frame_bound = data.root_kind != LOCK_ROOT_GLOBAL;
    s.via_argument = root->kind == RACE_ROOT_THREAD && root->argument_root &&
                     strcmp(data.root_id, root->argument_root) == 0;
    for (size_t i = 0; i < data.step_count; i++)
        if (data.steps[i].kind == LOCK_STEP_INDEX && index_is_own(data.steps[i].id))
            s.own_index = true;
    lock_expr_free(&data);
    struct race_view *v = w->view;
    ARRAY_RESERVE(v->seen, v->seen_capacity, v->seen_count + 1);
    v->seen[v->seen_count++] = s;
}

static bool node_in_root(const struct race_root *root, const struct frame *fr, unsigned node)
{
    return !(fr->identity && root->window) || root->window[node];
}

static void walk_function(struct root_walk *w, CXCursor definition, const struct frame *fr);

/* The arguments of a call, in the creator's frame. */
static struct lock_expr *call_arguments(const struct frame *fr, const struct race_call *call)
{
    struct lock_expr *args = xcalloc(call->arg_count + 1, sizeof *args);
    for (size_t i = 0; i < call->arg_count; i++)
        if (call->args[i].root_id && !to_creator_frame(fr, &call->args[i], &args[i]))
            memset(&args[i], 0, sizeof args[i]);
    return args;
}

static void follow_call(struct root_walk *w, const struct function_accesses *fn, const struct frame *fr,
                        const struct race_call *call)
{
    CXCursor definition = call->definition;
    if (clang_Cursor_isNull(definition) || is_thread_create_call(call->call))
        return;
    for (int d = 0; d <= fr->depth; d++)
        if (clang_equalCursors(w->chain[d], definition))
            return; /* recursion: the first visit saw its accesses */
    struct frame callee = {.root = fr->root, .depth = fr->depth + 1,
                           .first_call = fr->depth == 0 ? call->call : fr->first_call};
    struct held_lock *held;
    if (!held_at(fn, call->node, fr, &held, &callee.held_count))
        return;
    callee.held = held;
    struct lock_expr *args = call_arguments(fr, call);
    callee.args = args;
    callee.arg_count = call->arg_count;
    walk_function(w, definition, &callee);
    for (size_t i = 0; i < callee.arg_count; i++)
        lock_expr_free(&args[i]);
    free(args);
    held_free(held, callee.held_count);
}

static void walk_function(struct root_walk *w, CXCursor definition, const struct frame *fr)
{
    if (fr->depth > MAX_CALL_DEPTH || ++w->visits > MAX_VISITS_PER_ROOT ||
        w->view->seen_count > MAX_SEEN_PER_UNIT || !first_visit(w, definition, fr))
        return;
    const struct function_accesses *fn = accesses_of(w->in, definition);
    if (!fn || fn->calls_unknown_locker)
        return;
    w->chain[fr->depth] = definition;
    const struct race_root *root = &w->view->roots[w->root];
    for (size_t i = 0; i < fn->count; i++)
        if (node_in_root(root, fr, fn->items[i].node))
            add_seen(w, fr, fn, &fn->items[i]);
    for (size_t c = 0; c < fn->call_count; c++)
        if (node_in_root(root, fr, fn->calls[c].node))
            follow_call(w, fn, fr, &fn->calls[c]);
}

/* ---- what the creator's callers hold ---------------------------------------------- */

bool race_key_is_global(const char *key)
{
    size_t root = strcspn(key, "|");
    if (strncmp(key, "global:", 7) == 0)
        return true;
    if (strncmp(key, "c:", 2) != 0)
        return false;
    for (size_t i = 0; i + 3 <= root; i++)
        if (strncmp(key + i, "@F@", 3) == 0)
            return false; /* a function's local */
    return true;
}

/* A lock the caller holds, named in the callee's frame: a global as it is,
 * else through the argument that reaches it (`&s->mu` given as `s`: `$0|*|.mu`);
 * NULL when the callee cannot name it. */
static char *lock_in_callee(const char *lock, char *const *arg_keys, size_t arg_count)
{
    if (race_key_is_global(lock))
        return xstrdup(lock);
    for (size_t i = 0; i < arg_count; i++) {
        const char *arg = arg_keys[i];
        if (!arg)
            continue;
        size_t n = strlen(arg);
        bool address = n > 2 && strcmp(arg + n - 2, "|&") == 0;
        size_t base = address ? n - 2 : n;
        if (strncmp(lock, arg, base) != 0 || (lock[base] != '|' && lock[base] != '\0'))
            continue;
        if (!address && lock[base] == '\0')
            continue; /* the pointer itself, not what it points to */
        return str_printf("$%zu%s%s", i, address ? "|*" : "", lock + base);
    }
    return NULL;
}

static char **argument_keys(const struct race_call *call)
{
    char **keys = xcalloc(call->arg_count + 1, sizeof *keys);
    for (size_t i = 0; i < call->arg_count; i++)
        if (call->args[i].root_id)
            keys[i] = lock_expr_key(&call->args[i]);
    return keys;
}

/* The locks held at one call, in the callee's frame. False when unknown. */
static bool held_at_call(const struct function_accesses *caller, CXCursor call_cursor,
                         struct held_lock **out, size_t *out_count)
{
    const struct race_call *call = function_accesses_call(caller, call_cursor);
    struct frame fr = {.identity = true, .first_call = clang_getNullCursor()};
    struct held_lock *held;
    size_t count;
    if (!call || !held_at(caller, call->node, &fr, &held, &count))
        return false;
    size_t arg_count = call->arg_count;
    char **args = argument_keys(call);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        char *key = lock_in_callee(held[i].key, args, arg_count);
        free(held[i].key);
        if (key) {
            held[kept] = held[i];
            held[kept++].key = key;
        } else {
            free(held[i].display);
        }
    }
    for (size_t i = 0; i < arg_count; i++)
        free(args[i]);
    free(args);
    *out = held;
    *out_count = kept;
    return true;
}

static void keep_common(struct held_lock *held, size_t *count, const struct held_lock *other,
                        size_t other_count)
{
    for (size_t i = *count; i-- > 0;) {
        ptrdiff_t at = held_find(other, other_count, held[i].key);
        if (at < 0)
            held_remove(held, count, (ptrdiff_t)i);
        else
            held[i].exclusive &= other[at].exclusive;
    }
}

/* The locks every caller in the translation unit holds when it calls the
 * creator (none when nothing here calls it). False when some call's
 * lockset is unknown. */
static bool callers_hold(const struct race_inputs *in, CXCursor creator, struct held_lock **out,
                         size_t *out_count)
{
    *out = NULL;
    *out_count = 0;
    const struct call_graph *graph = in->functions->graph;
    int index = call_graph_find(graph, creator);
    bool first = true, known = true;
    for (size_t f = 0; index >= 0 && f < graph->count && known; f++) {
        const struct cg_function *fn = &graph->functions[f];
        for (size_t c = 0; c < fn->call_count && known; c++) {
            if (fn->calls[c].callee != index)
                continue;
            const struct function_accesses *caller = accesses_of(in, fn->definition);
            struct held_lock *held;
            size_t count;
            known = caller && held_at_call(caller, fn->calls[c].call, &held, &count);
            if (!known)
                break;
            if (first) {
                *out = held;
                *out_count = count;
                first = false;
            } else {
                keep_common(*out, out_count, held, count);
                held_free(held, count);
            }
        }
    }
    if (!known) {
        held_free(*out, *out_count);
        *out = NULL;
        *out_count = 0;
    }
    return known;
}

/* ---- threads that synchronise through atomics -------------------------------------- */

static bool is_atomic_name(const char *name)
{
    return strncmp(name, "__atomic", 8) == 0 || strncmp(name, "atomic_", 7) == 0 ||
           strncmp(name, "__sync_", 7) == 0 || strncmp(name, "__c11_atomic", 12) == 0;
}

struct atomic_search {
    int depth;
    bool found;
};

static bool mentions_atomic(CXCursor c, int depth);

static enum CXChildVisitResult visit_for_atomic(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct atomic_search *s = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    if ((k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) &&
        clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Atomic) {
        s->found = true;
    } else if (k == CXCursor_CallExpr) {
        char *name = call_callee_name(c);
        s->found = *name && is_atomic_name(name);
        free(name);
        if (!s->found && s->depth == 0) {
            CXCursor callee = clang_getCursorReferenced(c);
            CXCursor body = clang_getCursorKind(callee) == CXCursor_FunctionDecl
                                ? cursor_function_body(clang_getCursorDefinition(callee))
                                : clang_getNullCursor();
            s->found = !clang_Cursor_isNull(body) && mentions_atomic(body, s->depth + 1);
        }
    }
    return s->found ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static bool mentions_atomic(CXCursor c, int depth)
{
    struct atomic_search s = {.depth = depth};
    visit_for_atomic(c, c, &s);
    if (!s.found)
        clang_visitChildren(c, visit_for_atomic, &s);
    return s.found;
}

/* A root whose own code branches on an atomic (`while (atomic_load(&pending))`,
 * or a helper that reads one): it hands data over by a protocol of its own,
 * which lockcheck does not follow, so its accesses are left alone. */
static bool waits_on_atomic(const struct function_accesses *fn, const bool *window)
{
    for (size_t b = 0; b < fn->branch_count; b++)
        if ((!window || window[fn->branches[b].node]) && mentions_atomic(fn->branches[b].cursor, 0))
            return true;
    return false;
}

/* ---- roots ------------------------------------------------------------------------ */

struct window_search {
    struct thread_paths paths;   /* first: the thread_paths callbacks take it */
    bool *window;
    const struct call_graph *graph;
    const bool *joiners;         /* per function of the graph: it may join a thread */
};

/* The functions that join a thread, directly or through the functions of
 * the file they call. */
static bool *functions_that_join(const struct call_graph *g)
{
    bool *joins = xcalloc(g->count + 1, sizeof *joins);
    for (size_t f = 0; f < g->count; f++)
        for (size_t c = 0; c < g->functions[f].call_count && !joins[f]; c++)
            joins[f] = is_thread_join_call(g->functions[f].calls[c].call);
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t f = 0; f < g->count; f++)
            for (size_t c = 0; c < g->functions[f].call_count && !joins[f]; c++) {
                int callee = g->functions[f].calls[c].callee;
                if (callee >= 0 && joins[callee])
                    joins[f] = changed = true;
            }
    }
    return joins;
}

/* A call to a function of the file that may join a thread, or (when
 * `direct_joins`) a join itself. */
static bool calls_joiner(const struct cfg *cfg, const struct call_graph *graph, const bool *joiners,
                         unsigned node, bool direct_joins)
{
    const struct cfg_node *n = &cfg->nodes[node];
    if (n->kind != CFG_CALL)
        return false;
    if (is_thread_join_call(n->cursor))
        return direct_joins;
    CXCursor callee = clang_getCursorReferenced(n->cursor);
    CXCursor definition = clang_getCursorKind(callee) == CXCursor_FunctionDecl
                              ? clang_getCursorDefinition(callee) : clang_getNullCursor();
    int index = clang_Cursor_isNull(definition) ? -1 : call_graph_find(graph, definition);
    return index >= 0 && joiners[index];
}

/* The window ends at a join of the thread, and at a call to a function
 * that may join it (`pool_stop(p)`): what follows may run after the join. */
static bool window_ends(void *ctx, unsigned node)
{
    const struct window_search *s = ctx;
    /* (its own joins are thread_paths': joining another thread ends nothing) */
    return thread_paths_joined(ctx, node) || calls_joiner(s->paths.cfg, s->graph, s->joiners, node, false);
}

static bool window_visit(void *ctx, unsigned node)
{
    struct window_search *s = ctx;
    s->window[node] = true;
    return false;
}

/* Marks the nodes reached after the creation without a join: where the
 * thread may run (the creation itself, when a loop runs it again). */
static void mark_window(struct window_search *s)
{
    struct cfg_search q = {.is_target = window_visit, .blocks = window_ends,
                           .blocks_edge = thread_paths_failed, .ctx = s};
    cfg_search_forward(s->paths.cfg, s->paths.spawn_node, &q);
}

static bool reaches_return(const struct window_search *s)
{
    const struct cfg *g = s->paths.cfg;
    for (unsigned n = 0; n < g->node_count; n++)
        if ((g->nodes[n].kind == CFG_RETURN || g->nodes[n].kind == CFG_END_OF_BODY) && s->window[n])
            return true;
    return false;
}

/* Through calls to functions that return one of their arguments
 * (`rc_clone(&counter)` is `&counter`), the expression a value is. */
static CXCursor returned_argument(struct session *session, CXCursor e)
{
    for (int depth = 0; depth < 8; depth++) {
        e = cursor_strip(e);
        if (clang_getCursorKind(e) != CXCursor_CallExpr)
            return e;
        CXCursor definition = race_callee_definition(e);
        const struct summary *s =
            clang_Cursor_isNull(definition) ? NULL : analyze_function(session, definition);
        if (!s || s->returns_param < 0 || s->returns_param >= clang_Cursor_getNumArguments(e))
            return e;
        e = clang_Cursor_getArgument(e, (unsigned)s->returns_param);
    }
    return e;
}

/* The argument handed to the thread, in the creator's frame (false: unknown). */
static bool argument_expr(struct function_analysis *creator,
                          const struct thread_spawn *spawn, struct lock_expr *out)
{
    memset(out, 0, sizeof *out);
    if (clang_Cursor_isNull(spawn->arg))
        return false;
    struct lock_expr_ctx ctx = fa_lock_expr_ctx(creator);
    if (!lock_expr_from_value(&ctx, returned_argument(creator->session, spawn->arg), out))
        return false;
    if (out->root_kind == LOCK_ROOT_OPAQUE) {
        lock_expr_free(out);
        return false;
    }
    return true;
}

/* Every thread of a creation in a loop gets the same object when the
 * argument has no variable index and its variable is not assigned again
 * while the threads run (`&args[i]`, `p = malloc(...)` in the loop: not). */
static bool same_argument_each_time(struct function_analysis *creator, const struct window_search *s,
                                    const struct lock_expr *arg)
{
    for (size_t i = 0; i < arg->step_count; i++)
        if (arg->steps[i].kind == LOCK_STEP_INDEX && index_is_own(arg->steps[i].id))
            return false;
    if (arg->root_kind == LOCK_ROOT_GLOBAL)
        return true;
    struct lock_expr_ctx ctx = fa_lock_expr_ctx(creator);
    const struct cfg *g = s->paths.cfg;
    for (unsigned n = 0; n < g->node_count; n++) {
        if (!s->window[n] || g->nodes[n].kind != CFG_ASSIGN)
            continue;
        CXCursor var = cfg_assigned_variable(&g->nodes[n]);
        struct lock_expr assigned;
        if (clang_Cursor_isNull(var) || !lock_expr_from_decl(&ctx, var, &assigned))
            continue;
        bool same = strcmp(assigned.root_id, arg->root_id) == 0;
        lock_expr_free(&assigned);
        if (same)
            return false;
    }
    return true;
}

static void add_root(struct race_view *view, struct race_root root)
{
    ARRAY_RESERVE(view->roots, view->root_capacity, view->root_count + 1);
    view->roots[view->root_count++] = root;
}

struct caller_window {
    const struct cfg *cfg;
    bool *window;
    const struct call_graph *graph;
    const bool *joiners;
};

static bool caller_visit(void *ctx, unsigned node)
{
    struct caller_window *c = ctx;
    c->window[node] = true;
    return false;
}

static bool caller_window_ends(void *ctx, unsigned node)
{
    const struct caller_window *c = ctx;
    return calls_joiner(c->cfg, c->graph, c->joiners, node, true); /* the handle is the callee's */
}

/* ---- windows, while the function's analysis is alive ------------------------------ */

static bool creates_threads(const struct thread_spawn_list *spawns, CXCursor definition)
{
    for (size_t i = 0; !clang_Cursor_isNull(definition) && i < spawns->count; i++)
        if (same_expression(spawns->items[i].function, definition))
            return true;
    return false;
}

/* Where each thread the function creates may run, and what it is handed. */
static void collect_spawn_windows(struct function_analysis *fa, const struct race_functions *table,
                                  struct function_accesses *out)
{
    const struct thread_spawn_list *spawns = fa->session->spawns;
    out->spawns = xcalloc(spawns->count + 1, sizeof *out->spawns);
    for (size_t i = 0; i < spawns->count; i++) {
        const struct thread_spawn *spawn = &spawns->items[i];
        if (!same_expression(spawn->function, fa->function))
            continue;
        struct window_search s = {.graph = table->graph, .joiners = table->joiners};
        if (!thread_paths_init(&s.paths, &fa->cfg, spawn))
            continue;
        s.window = xcalloc(fa->cfg.node_count + 1, sizeof *s.window);
        mark_window(&s);
        struct race_spawn_window *w = &out->spawns[out->spawn_count++];
        *w = (struct race_spawn_window){.call = spawn->call, .spawn_node = s.paths.spawn_node,
                                        .window = s.window, .repeats = s.window[s.paths.spawn_node],
                                        .outlives = reaches_return(&s)};
        w->arg_known = argument_expr(fa, spawn, &w->arg);
        w->same_argument = w->repeats && w->arg_known && same_argument_each_time(fa, &s, &w->arg);
        thread_paths_free(&s.paths);
    }
}

/* After each call of a function that creates threads: where they may run
 * if they outlive it (threads_at_once.h's callers). */
static void collect_call_windows(struct function_analysis *fa, const struct race_functions *table,
                                 struct function_accesses *out)
{
    out->call_windows = xcalloc(out->call_count + 1, sizeof *out->call_windows);
    for (size_t c = 0; c < out->call_count; c++) {
        if (!creates_threads(fa->session->spawns, out->calls[c].definition))
            continue;
        struct caller_window w = {&fa->cfg, xcalloc(fa->cfg.node_count + 1, sizeof(bool)), table->graph,
                                  table->joiners};
        struct cfg_search q = {.is_target = caller_visit, .blocks = caller_window_ends, .ctx = &w};
        cfg_search_forward(&fa->cfg, out->calls[c].node, &q);
        out->call_windows[out->call_window_count++] =
            (struct race_call_window){.call_node = out->calls[c].node, .window = w.window};
    }
}

/* ---- the functions threads may run, as data ---------------------------------------- */

static void mark_callers(const struct call_graph *g, size_t callee, bool *marks)
{
    for (size_t f = 0; f < g->count; f++)
        for (size_t c = 0; c < g->functions[f].call_count; c++)
            if (g->functions[f].calls[c].callee == (int)callee)
                marks[f] = true;
}

/* The functions whose accesses a root may see: the creators, the threads'
 * routines and the creators' callers, with everything they call; and the
 * callers of those callers, whose locks a caller root starts with. */
static bool *functions_needed(const struct call_graph *g, const struct thread_spawn_list *spawns)
{
    bool *needed = xcalloc(g->count + 1, sizeof *needed);
    bool *creators = xcalloc(g->count + 1, sizeof *creators);
    for (size_t i = 0; i < spawns->count; i++) {
        const struct thread_spawn *spawn = &spawns->items[i];
        int creator = call_graph_find(g, spawn->function);
        if (creator >= 0)
            creators[creator] = needed[creator] = true;
        for (size_t e = 0; e < spawn->entry_count; e++) {
            CXCursor entry = clang_getCursorDefinition(spawn->entries[e]);
            int index = clang_Cursor_isNull(entry) ? -1 : call_graph_find(g, entry);
            if (index >= 0)
                needed[index] = true;
        }
    }
    for (size_t f = 0; f < g->count; f++)
        if (creators[f])
            mark_callers(g, f, needed);
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t f = 0; f < g->count; f++)
            for (size_t c = 0; needed[f] && c < g->functions[f].call_count; c++) {
                int callee = g->functions[f].calls[c].callee;
                if (callee >= 0 && !needed[callee])
                    needed[callee] = changed = true;
            }
    }
    bool *callers = xcalloc(g->count + 1, sizeof *callers);
    for (size_t f = 0; f < g->count; f++)
        if (creators[f])
            mark_callers(g, f, callers);
    for (size_t f = 0; f < g->count; f++)
        if (callers[f])
            mark_callers(g, f, needed);
    free(callers);
    free(creators);
    return needed;
}

/* The call graph and what is computed from it, on first use. */
static void prepare(struct race_functions *table, struct session *session)
{
    if (table->graph)
        return;
    table->graph = session_call_graph(session);
    table->joiners = functions_that_join(table->graph);
    table->needed = functions_needed(table->graph, session->spawns);
}

static bool wanted(struct race_functions *table, struct function_analysis *fa)
{
    if (fa->session->spawns->count == 0 || fa->not_analysed || fa->cfg.node_count == 0 ||
        (fa->lock_count && !fa->in))
        return false;
    prepare(table, fa->session);
    int index = call_graph_find(table->graph, fa->function);
    return (index < 0 || table->needed[index]) && !recorded(table, fa->function);
}

void race_functions_record(struct race_functions *table, struct function_analysis *fa)
{
    if (!wanted(table, fa))
        return;
    struct function_accesses *fn = xcalloc(1, sizeof *fn);
    function_accesses_collect(fa, fa->session->config, fa->session->external_summaries, fn);
    collect_spawn_windows(fa, table, fn);
    collect_call_windows(fa, table, fn);
    /* Each on its own: walks keep pointers to them while the table grows. */
    ARRAY_RESERVE(table->items, table->capacity, table->count + 1);
    table->items[table->count++] = fn;
}

void race_functions_free(struct race_functions *table)
{
    for (size_t i = 0; i < table->count; i++) {
        function_accesses_free(table->items[i]);
        free(table->items[i]);
    }
    free(table->items);
    free(table->joiners);
    free(table->needed);
    memset(table, 0, sizeof *table);
}

/* ---- roots ------------------------------------------------------------------------ */

static const struct race_spawn_window *spawn_window(const struct function_accesses *creator,
                                                   const struct thread_spawn *spawn)
{
    for (size_t i = 0; creator && i < creator->spawn_count; i++)
        if (same_expression(creator->spawns[i].call, spawn->call))
            return &creator->spawns[i];
    return NULL;
}

static const bool *call_window(const struct function_accesses *caller, CXCursor call)
{
    const struct race_call *c = caller ? function_accesses_call(caller, call) : NULL;
    for (size_t i = 0; c && i < caller->call_window_count; i++)
        if (caller->call_windows[i].call_node == c->node)
            return caller->call_windows[i].window;
    return NULL;
}

/* A creating function whose thread may outlive it: each caller's code
 * after the call runs while the thread does (until it may join one). */
static void add_caller_roots(struct race_view *view, const struct race_inputs *in,
                             const struct thread_spawn *spawn)
{
    int index = call_graph_find(view->graph, spawn->function);
    for (size_t f = 0; index >= 0 && f < view->graph->count; f++) {
        const struct cg_function *fn = &view->graph->functions[f];
        for (size_t c = 0; c < fn->call_count; c++) {
            if (fn->calls[c].callee != index)
                continue;
            const struct function_accesses *caller = accesses_of(in, fn->definition);
            const bool *window = call_window(caller, fn->calls[c].call);
            if (!window)
                continue;
            add_root(view, (struct race_root){.kind = RACE_ROOT_CALLER, .spawn = spawn,
                                              .function = fn->definition, .frame = fn->definition,
                                              .call = fn->calls[c].call, .window = window,
                                              .spawn_node = function_accesses_call(caller, fn->calls[c].call)->node});
        }
    }
}

static void add_roots(struct race_view *view, const struct race_inputs *in, size_t spawn_index)
{
    const struct thread_spawn *spawn = &in->session->spawns->items[spawn_index];
    const struct race_spawn_window *sw = spawn_window(accesses_of(in, spawn->function), spawn);
    if (!sw)
        return;
    unsigned creator_root = (unsigned)view->root_count;
    add_root(view, (struct race_root){.kind = RACE_ROOT_CREATOR, .spawn = spawn,
                                      .function = spawn->function, .frame = spawn->function,
                                      .outlives = sw->outlives, .window = sw->window,
                                      .spawn_node = sw->spawn_node});
    for (size_t e = 0; e < spawn->entry_count; e++) {
        CXCursor entry = clang_getCursorDefinition(spawn->entries[e]);
        if (clang_Cursor_isNull(entry))
            continue;
        add_root(view, (struct race_root){
            .kind = RACE_ROOT_THREAD, .spawn = spawn, .function = entry, .frame = spawn->function,
            .repeats = sw->repeats, .same_argument = sw->same_argument, .outlives = sw->outlives,
            .argument_root = sw->arg_known ? xstrdup(sw->arg.root_id) : NULL,
            .creator_root = creator_root, .spawn_node = sw->spawn_node});
    }
    if (sw->outlives)
        add_caller_roots(view, in, spawn);
}

/* The thread's routine takes the argument as its parameter 0. */
static void walk_root(struct race_view *view, const struct race_inputs *in, unsigned r)
{
    const struct race_root *root = &view->roots[r];
    struct root_walk w = {.view = view, .in = in, .root = r};
    struct frame fr = {.root = root, .first_call = clang_getNullCursor()};
    struct lock_expr arg = {0};
    const struct function_accesses *fn = accesses_of(in, root->function);
    if (!fn || waits_on_atomic(fn, root->window))
        return;
    struct held_lock *entry_held = NULL;
    if (root->kind != RACE_ROOT_THREAD) {
        fr.identity = true;
        if (!callers_hold(in, root->function, &entry_held, &fr.held_count))
            return;
        fr.held = entry_held;
    } else {
        const struct race_spawn_window *sw = spawn_window(accesses_of(in, root->spawn->function), root->spawn);
        if (sw && sw->arg_known)
            lock_expr_copy(&arg, &sw->arg);
        fr.args = &arg;
        fr.arg_count = 1;
    }
    walk_function(&w, root->function, &fr);
    free(w.contexts);
    lock_expr_free(&arg);
    held_free(entry_held, fr.held_count);
}

void race_view_build(const struct race_inputs *in, struct race_view *out)
{
    memset(out, 0, sizeof *out);
    const struct thread_spawn_list *spawns = in->session->spawns;
    if (!spawns || spawns->count == 0)
        return;
    prepare(in->functions, in->session);
    out->graph = in->functions->graph;
    out->joiners = in->functions->joiners;
    for (size_t i = 0; i < spawns->count; i++)
        add_roots(out, in, i);
    for (unsigned r = 0; r < out->root_count; r++)
        walk_root(out, in, r);
}

void race_view_free(struct race_view *view)
{
    for (size_t i = 0; i < view->root_count; i++)
        free(view->roots[i].argument_root);
    free(view->roots);
    for (size_t i = 0; i < view->seen_count; i++) {
        free(view->seen[i].key);
        free(view->seen[i].shape);
        held_free(view->seen[i].held, view->seen[i].held_count);
    }
    free(view->seen);
    memset(view, 0, sizeof *view);
}

/* ---- which roots run at once -------------------------------------------------------- */

/* Two threads of one creation in a loop: what they reach through their
 * argument is the same object only when every thread gets the same one;
 * an index of a thread's own value is its own slot. */
static bool same_root_at_once(const struct race_root *root, const struct seen_access *a,
                              const struct seen_access *b)
{
    if (root->kind != RACE_ROOT_THREAD || !root->repeats)
        return false;
    return !((a->via_argument || b->via_argument) && !root->same_argument);
}

/* Two creations: in one function, one runs while the other's thread runs;
 * in two, both threads outlive their creators. */
static bool threads_at_once(const struct race_view *view, const struct race_root *x,
                            const struct race_root *y)
{
    if (!clang_equalCursors(x->spawn->function, y->spawn->function))
        return x->outlives && y->outlives;
    const bool *x_runs = view->roots[x->creator_root].window;
    const bool *y_runs = view->roots[y->creator_root].window;
    return x_runs[y->spawn_node] || y_runs[x->spawn_node];
}

bool race_roots_at_once(const struct race_view *view, const struct seen_access *a,
                        const struct seen_access *b)
{
    const struct race_root *x = &view->roots[a->root], *y = &view->roots[b->root];
    /* Two indices that are each side's own values (`slots[id]` in a worker,
     * `slots[i]` in the creating loop): each thread's own slot, we assume. */
    if (a->own_index && b->own_index)
        return false;
    if (a->root == b->root)
        return same_root_at_once(x, a, b);
    if ((a->frame_bound || b->frame_bound) && !clang_equalCursors(x->frame, y->frame))
        return false; /* names of two different frames */
    if (x->kind != RACE_ROOT_THREAD || y->kind != RACE_ROOT_THREAD) {
        const struct race_root *thread = x->kind == RACE_ROOT_THREAD ? x : y;
        const struct seen_access *in_thread = thread == x ? a : b;
        /* A creation in a loop handing each thread its own object (`&jobs[i]`):
         * what the creator touches after it is the next thread's. */
        if (thread->repeats && !thread->same_argument && in_thread->via_argument)
            return false;
        return x->spawn == y->spawn && (x->kind == RACE_ROOT_THREAD) != (y->kind == RACE_ROOT_THREAD);
    }
    if (x->spawn == y->spawn)
        return true; /* two start routines of one creation */
    return threads_at_once(view, x, y);
}

const struct held_lock *seen_access_holds(const struct seen_access *a, const char *lock)
{
    ptrdiff_t at = held_find(a->held, a->held_count, lock);
    return at < 0 ? NULL : &a->held[at];
}
