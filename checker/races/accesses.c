/*
 * accesses.c: collecting the reads and writes of one function (see
 * accesses.h). One walk per CFG node over the expression the node
 * evaluates; sub-expressions that are CFG nodes of their own (a call inside
 * an assignment, a branch of `?:`) are left to their node, whose entry
 * state is the one that holds when they run.
 */
#include "races/accesses.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apis/lock_api.h"
#include "ast/cursor_util.h"
#include "ast/threads.h"
#include "cfg/cfg_search.h"
#include "config/config.h"
#include "dataflow/function_analysis.h"
#include "dataflow/lock_state.h"
#include "summary/summary.h"
#include "util/memory.h"

enum use { USE_NONE, USE_READ, USE_WRITE };

/* The cursors of a function's CFG nodes, by hash, to tell nested nodes. */
struct node_cursors {
    unsigned *hashes;   /* sorted */
    unsigned *nodes;    /* node of each hash */
    size_t count;
};

struct access_walk {
    struct function_analysis *fa;
    const unsigned *guarded;   /* CFG_ACCESS nodes: uses of annotated data (guarded-access's) */
    size_t guarded_count;
    struct lock_expr_ctx ctx;
    struct function_accesses *out;
    const struct lockcheck_config *config;
    struct node_cursors nodes;
    unsigned node;
    CXCursor top;       /* the current node's own cursor */
};

static int compare_pairs(const void *a, const void *b)
{
    const unsigned *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

static void node_cursors_build(const struct cfg *g, struct node_cursors *out)
{
    unsigned *pairs = xmalloc(((size_t)g->node_count + 1) * 2 * sizeof *pairs);
    size_t count = 0;
    for (unsigned i = 0; i < g->node_count; i++) {
        enum cfg_node_kind k = g->nodes[i].kind;
        if (k == CFG_ENTRY || k == CFG_EXIT || k == CFG_ACCESS || k == CFG_END_OF_BODY ||
            clang_Cursor_isNull(g->nodes[i].cursor))
            continue;
        pairs[2 * count] = clang_hashCursor(g->nodes[i].cursor);
        pairs[2 * count + 1] = i;
        count++;
    }
    qsort(pairs, count, 2 * sizeof *pairs, compare_pairs);
    out->hashes = xmalloc((count + 1) * sizeof *out->hashes);
    out->nodes = xmalloc((count + 1) * sizeof *out->nodes);
    for (size_t i = 0; i < count; i++) {
        out->hashes[i] = pairs[2 * i];
        out->nodes[i] = pairs[2 * i + 1];
    }
    out->count = count;
    free(pairs);
}

/* True when `c` is the cursor of a CFG node other than the current one. */
static bool is_other_node(const struct access_walk *w, CXCursor c)
{
    if (same_expression(c, w->top))
        return false;
    unsigned h = clang_hashCursor(c);
    size_t lo = 0, hi = w->nodes.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w->nodes.hashes[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < w->nodes.count && w->nodes.hashes[i] == h; i++)
        if (same_expression(w->fa->cfg.nodes[w->nodes.nodes[i]].cursor, c))
            return true;
    return false;
}

/* Data that can never race, whatever the locks: atomics, volatile flags,
 * constants; and what is no object read at all (an array or a function
 * used as a pointer). */
static bool type_never_races(CXType t)
{
    if (clang_isConstQualifiedType(t) || clang_isVolatileQualifiedType(t))
        return true;
    CXType c = clang_getCanonicalType(t);
    if (clang_isConstQualifiedType(c) || clang_isVolatileQualifiedType(c))
        return true;
    switch (c.kind) {
    case CXType_Atomic:
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_FunctionProto:
    case CXType_FunctionNoProto:
    case CXType_Invalid:
        return true;
    default:
        return false;
    }
}

static bool declaration_never_races(CXCursor decl)
{
    if (clang_Cursor_isNull(decl))
        return false;
    enum CXCursorKind k = clang_getCursorKind(decl);
    if (k == CXCursor_VarDecl)
        return variable_is_thread_local(decl) || type_never_races(clang_getCursorType(decl));
    if (k == CXCursor_FieldDecl)
        return type_never_races(clang_getCursorType(decl));
    return true; /* an enum constant, a function, a parameter's own name... */
}

static bool is_guarded_use(const struct access_walk *w, CXCursor e)
{
    for (size_t i = 0; i < w->guarded_count; i++)
        if (same_expression(w->fa->cfg.nodes[w->guarded[i]].cursor, e))
            return true;
    return false;
}

/* Data annotated LC_GUARDED_BY / LC_PT_GUARDED_BY (the CFG has an access
 * node for each use): guarded-access checks it against its lock. */
static bool annotated(const struct access_walk *w, CXCursor e)
{
    if (w->guarded_count == 0)
        return false;
    if (is_guarded_use(w, e))
        return true;
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k != CXCursor_UnaryOperator && k != CXCursor_ArraySubscriptExpr && k != CXCursor_MemberRefExpr)
        return false;
    CXCursor base = cursor_first_child(e);
    return !clang_Cursor_isNull(base) && is_guarded_use(w, cursor_strip(base));
}

static void record(struct access_walk *w, CXCursor e, enum use use)
{
    if (use == USE_NONE || type_never_races(clang_getCursorType(e)) || annotated(w, e))
        return;
    enum CXCursorKind k = clang_getCursorKind(e);
    CXCursor decl = clang_getNullCursor();
    if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) {
        decl = clang_getCursorReferenced(e);
        if (clang_getCursorKind(decl) == CXCursor_ParmDecl)
            return; /* a parameter is the function's own copy */
        if (declaration_never_races(decl))
            return;
    }
    struct lock_expr data;
    if (!lock_expr_from_value(&w->ctx, e, &data))
        return;
    /* A thread-local variable, and what a thread-local pointer points to
     * (most often the thread's own buffer): never shared, as far as we know. */
    /* A local pointer that names a parameter's value (`t = arg`) is the
     * function's own variable; an address is no object read. */
    bool own_pointer = data.root_kind == LOCK_ROOT_PARAM && data.step_count == 0;
    bool address = data.step_count && data.steps[data.step_count - 1].kind == LOCK_STEP_ADDR;
    if (data.root_kind == LOCK_ROOT_OPAQUE || data.root_thread_local || own_pointer || address) {
        lock_expr_free(&data);
        return;
    }
    struct function_accesses *out = w->out;
    ARRAY_RESERVE(out->items, out->capacity, out->count + 1);
    out->items[out->count++] = (struct race_access){
        .node = w->node, .at = e, .decl = decl, .data = data, .write = use == USE_WRITE};
}

static bool is_pointer(CXCursor e)
{
    return clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer;
}

static void walk_expr(struct access_walk *w, CXCursor e, enum use use);

static void walk_children(struct access_walk *w, CXCursor e, enum use use)
{
    struct cursor_list kids = {0};
    cursor_children(e, &kids);
    for (size_t i = 0; i < kids.count; i++)
        walk_expr(w, kids.items[i], use);
    cursor_list_free(&kids);
}

static void walk_member(struct access_walk *w, CXCursor e, enum use use)
{
    record(w, e, use);
    CXCursor base = cursor_first_child(e);
    if (!clang_Cursor_isNull(base))
        walk_expr(w, base, is_pointer(base) || is_pointer(cursor_strip(base)) ? USE_READ : USE_NONE);
}

static void walk_subscript(struct access_walk *w, CXCursor e, enum use use)
{
    record(w, e, use);
    struct cursor_list kids = {0};
    cursor_children(e, &kids);
    if (kids.count == 2) {
        walk_expr(w, kids.items[0], is_pointer(cursor_strip(kids.items[0])) ? USE_READ : USE_NONE);
        walk_expr(w, kids.items[1], USE_READ);
    }
    cursor_list_free(&kids);
}

static void walk_unary(struct access_walk *w, CXCursor e, enum use use)
{
    CXCursor operand = cursor_first_child(e);
    switch (cursor_unary_op(e)) {
    case CXUnaryOperator_Deref:
        record(w, e, use);
        walk_expr(w, operand, USE_READ);
        break;
    case CXUnaryOperator_AddrOf:
        walk_expr(w, operand, USE_NONE);
        break;
    case CXUnaryOperator_PreInc:
    case CXUnaryOperator_PreDec:
    case CXUnaryOperator_PostInc:
    case CXUnaryOperator_PostDec:
        walk_expr(w, operand, USE_WRITE);
        break;
    default:
        walk_expr(w, operand, USE_READ);
        break;
    }
}

static void walk_binary(struct access_walk *w, CXCursor e)
{
    struct cursor_list kids = {0};
    cursor_children(e, &kids);
    if (kids.count == 2) {
        enum CXBinaryOperatorKind op = cursor_binary_op(e);
        bool assigns = op >= CXBinaryOperator_Assign && op <= CXBinaryOperator_OrAssign;
        walk_expr(w, kids.items[0], assigns ? USE_WRITE : USE_READ);
        walk_expr(w, kids.items[1], USE_READ);
    }
    cursor_list_free(&kids);
}

/* Calls whose arguments are locks or thread handles, not data. */
static bool call_takes_no_data(struct access_walk *w, CXCursor call)
{
    if (is_thread_create_call(call) || is_thread_join_call(call))
        return true;
    char *name = call_callee_name(call);
    bool lock = *name && lock_api_find_in(w->config, name) != NULL;
    free(name);
    return lock;
}

static void walk_expr(struct access_walk *w, CXCursor e, enum use use)
{
    if (clang_Cursor_isNull(e) || is_other_node(w, e))
        return;
    enum CXCursorKind k = clang_getCursorKind(e);
    switch (k) {
    case CXCursor_DeclRefExpr:
        if (clang_getCursorKind(clang_getCursorReferenced(e)) == CXCursor_VarDecl)
            record(w, e, use);
        return;
    case CXCursor_MemberRefExpr:
        walk_member(w, e, use);
        return;
    case CXCursor_ArraySubscriptExpr:
        walk_subscript(w, e, use);
        return;
    case CXCursor_UnaryOperator:
        walk_unary(w, e, use);
        return;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        walk_binary(w, e);
        return;
    case CXCursor_CallExpr:
        if (!call_takes_no_data(w, e))
            walk_children(w, e, USE_READ);
        return;
    case CXCursor_UnaryExpr:          /* sizeof, _Alignof: not evaluated */
    case CXCursor_GenericSelectionExpr:
    case CXCursor_StmtExpr:           /* its statements are nodes of their own */
        return;
    case CXCursor_ParenExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_CStyleCastExpr:
        walk_children(w, e, use);
        return;
    default:
        if (clang_isExpression(k))
            walk_children(w, e, USE_READ);
        return;
    }
}

/* What a node evaluates: the expression, the condition of a switch, the
 * value of a return or of a local's initialiser. */
static void walk_node(struct access_walk *w, unsigned node)
{
    const struct cfg_node *n = &w->fa->cfg.nodes[node];
    w->node = node;
    w->top = n->cursor;
    switch (n->kind) {
    case CFG_CALL:
    case CFG_BRANCH:
        walk_expr(w, n->cursor, USE_READ);
        break;
    case CFG_ASSIGN:
        if (clang_getCursorKind(n->cursor) != CXCursor_VarDecl)
            walk_expr(w, n->cursor, USE_READ);
        else if (clang_Cursor_getStorageClass(n->cursor) != CX_SC_Static)
            walk_expr(w, cursor_last_expression_child(n->cursor), USE_READ);
        break;
    case CFG_RETURN:
    case CFG_SWITCH: {
        struct cursor_list kids = {0};
        cursor_children(n->cursor, &kids);
        for (size_t i = 0; i < kids.count; i++)
            if (clang_isExpression(clang_getCursorKind(kids.items[i]))) {
                walk_expr(w, kids.items[i], USE_READ);
                break;
            }
        cursor_list_free(&kids);
        break;
    }
    default:
        break;
    }
}

/* Whether --cross-tu's summaries (NULL without it) know the callee. */
static bool summarised_elsewhere(struct summary_table *external, CXCursor callee)
{
    if (!external || clang_getCursorLinkage(callee) != CXLinkage_External)
        return false;
    char *usr = cursor_usr(callee);
    bool known = summary_table_get(external, usr, false) != NULL;
    free(usr);
    return known;
}

/* A call to a function with no body here, no summary and no place in the
 * lock API table, whose name says it locks. */
static bool calls_unknown_locker(const struct lockcheck_config *config, struct summary_table *external,
                                 CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl ||
        !clang_Cursor_isNull(clang_getCursorDefinition(callee)) || summarised_elsewhere(external, callee))
        return false;
    char *name = call_callee_name(call);
    bool unknown = *name && lock_api_find_in(config, name) == NULL && name_says_it_locks(name);
    free(name);
    return unknown;
}

/* What the state at a node says of each lock, as data (state NULL: the
 * node was not reached, or no dataflow ran because the function has no lock). */
static struct race_lockset lockset_at(const struct function_analysis *fa, unsigned node,
                                      const struct lock_state *state)
{
    struct race_lockset set = {.node = node, .holds = xcalloc(fa->lock_count + 1, 1)};
    set.known = (!fa->in && fa->lock_count == 0) || (state && state->reached);
    for (unsigned l = 0; set.known && state && l < fa->lock_count; l++) {
        const struct lock_fact *fact = &state->locks[l];
        uint8_t mask = fact->mask;
        if (FACT_LOST_TRACK(fact))
            set.known = false;
        else if (LOCK_ONLY(mask, LOCK_HELD_NOW))
            set.holds[l] = LOCK_ONLY(mask, LOCK_HELD_NOW_EXCLUSIVE) ? RACE_LOCK_HELD_EXCLUSIVE
                                                                     : RACE_LOCK_HELD_SHARED;
        else if (LOCK_ONLY(mask, LOCK_ENTRY))
            set.holds[l] = RACE_LOCK_ENTRY;
        else if (mask & LOCK_HELD_NOW)
            set.known = false; /* held on some paths only */
        else
            set.holds[l] = RACE_LOCK_RELEASED;
    }
    return set;
}

/* The locksets wanted, in node order; slot[node] is a node's index in
 * out->locksets, or -1. */
struct lockset_walk {
    struct function_accesses *out;
    const long *slot;
};

static void record_lockset(struct function_analysis *fa, unsigned node, const struct lock_state *state,
                           void *ctx)
{
    struct lockset_walk *walk = ctx;
    if (walk->slot[node] < 0)
        return;
    struct race_lockset *set = &walk->out->locksets[walk->slot[node]];
    free(set->holds);
    *set = lockset_at(fa, node, state);
}

static void collect_locksets(struct function_analysis *fa, struct function_accesses *out)
{
    long *slot = xcalloc(fa->cfg.node_count + 1, sizeof *slot);
    for (unsigned n = 0; n < fa->cfg.node_count; n++)
        slot[n] = -1;
    for (size_t i = 0; i < out->count; i++)
        slot[out->items[i].node] = 0;
    for (size_t i = 0; i < out->call_count; i++)
        slot[out->calls[i].node] = 0;
    size_t count = 0;
    for (unsigned n = 0; n < fa->cfg.node_count; n++)
        if (slot[n] == 0)
            slot[n] = (long)count++;
        else
            slot[n] = -1;
    out->locksets = xcalloc(count + 1, sizeof *out->locksets);
    for (unsigned n = 0; n < fa->cfg.node_count; n++)
        if (slot[n] >= 0)
            out->locksets[out->lockset_count++] = lockset_at(fa, n, NULL);
    if (fa->in) {
        struct lockset_walk walk = {out, slot};
        for_each_node_state(fa, false, record_lockset, &walk);
    }
    free(slot);
    out->lock_count = fa->lock_count;
    out->locks = xcalloc(fa->lock_count + 1, sizeof *out->locks);
    for (unsigned l = 0; l < fa->lock_count; l++)
        lock_expr_copy(&out->locks[l], &fa->locks[l].expr);
}

CXCursor race_callee_definition(CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return clang_getNullCursor();
    return clang_getCursorDefinition(callee);
}

/* A call's arguments in the function's frame (what no lock expression
 * names, or an opaque one: unknown). */
static struct race_call call_at(struct function_analysis *fa, unsigned node)
{
    CXCursor call = fa->cfg.nodes[node].cursor;
    struct race_call out = {.node = node, .call = call, .definition = race_callee_definition(call)};
    int n = clang_Cursor_getNumArguments(call);
    out.arg_count = n > 0 ? (size_t)n : 0;
    out.args = xcalloc(out.arg_count + 1, sizeof *out.args);
    struct lock_expr_ctx ctx = fa_lock_expr_ctx(fa);
    for (size_t i = 0; i < out.arg_count; i++) {
        struct lock_expr value;
        if (!lock_expr_from_value(&ctx, clang_Cursor_getArgument(call, (unsigned)i), &value))
            continue;
        if (value.root_kind == LOCK_ROOT_OPAQUE)
            lock_expr_free(&value);
        else
            out.args[i] = value;
    }
    return out;
}

static void collect_calls_and_branches(struct function_analysis *fa, const struct lockcheck_config *config,
                                       struct summary_table *external, struct function_accesses *out)
{
    size_t calls = 0, branches = 0;
    for (unsigned i = 0; i < fa->cfg.node_count; i++) {
        calls += fa->cfg.nodes[i].kind == CFG_CALL;
        branches += fa->cfg.nodes[i].kind == CFG_BRANCH;
    }
    out->calls = xcalloc(calls + 1, sizeof *out->calls);
    out->branches = xcalloc(branches + 1, sizeof *out->branches);
    for (unsigned i = 0; i < fa->cfg.node_count; i++) {
        const struct cfg_node *n = &fa->cfg.nodes[i];
        if (n->kind == CFG_BRANCH)
            out->branches[out->branch_count++] = (struct race_branch){i, n->cursor};
        if (n->kind != CFG_CALL)
            continue;
        out->calls[out->call_count++] = call_at(fa, i);
        if (calls_unknown_locker(config, external, n->cursor))
            out->calls_unknown_locker = true;
    }
}

void function_accesses_collect(struct function_analysis *fa, const struct lockcheck_config *config,
                               struct summary_table *external, struct function_accesses *out)
{
    memset(out, 0, sizeof *out);
    out->function = fa->function;
    out->node_count = fa->cfg.node_count;
    struct access_walk w = {.fa = fa, .ctx = fa_lock_expr_ctx(fa), .out = out, .config = config};
    node_cursors_build(&fa->cfg, &w.nodes);
    unsigned *guarded = xmalloc((fa->cfg.node_count + 1) * sizeof *guarded);
    for (unsigned i = 0; i < fa->cfg.node_count; i++)
        if (fa->cfg.nodes[i].kind == CFG_ACCESS)
            guarded[w.guarded_count++] = i;
    w.guarded = guarded;
    for (unsigned i = 0; i < fa->cfg.node_count; i++)
        walk_node(&w, i);
    free(w.nodes.hashes);
    free(w.nodes.nodes);
    free(guarded);
    collect_calls_and_branches(fa, config, external, out);
    collect_locksets(fa, out);
}

const struct race_lockset *function_accesses_lockset(const struct function_accesses *fn, unsigned node)
{
    size_t lo = 0, hi = fn->lockset_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (fn->locksets[mid].node < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < fn->lockset_count && fn->locksets[lo].node == node ? &fn->locksets[lo] : NULL;
}

const struct race_call *function_accesses_call(const struct function_accesses *fn, CXCursor call)
{
    for (size_t i = 0; i < fn->call_count; i++)
        if (same_expression(fn->calls[i].call, call))
            return &fn->calls[i];
    return NULL;
}

static void free_lock_exprs(struct lock_expr *exprs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        lock_expr_free(&exprs[i]);
    free(exprs);
}

void function_accesses_free(struct function_accesses *accesses)
{
    for (size_t i = 0; i < accesses->count; i++)
        lock_expr_free(&accesses->items[i].data);
    free(accesses->items);
    free_lock_exprs(accesses->locks, accesses->lock_count);
    for (size_t i = 0; i < accesses->lockset_count; i++)
        free(accesses->locksets[i].holds);
    free(accesses->locksets);
    for (size_t i = 0; i < accesses->call_count; i++)
        free_lock_exprs(accesses->calls[i].args, accesses->calls[i].arg_count);
    free(accesses->calls);
    free(accesses->branches);
    for (size_t i = 0; i < accesses->spawn_count; i++) {
        free(accesses->spawns[i].window);
        if (accesses->spawns[i].arg_known)
            lock_expr_free(&accesses->spawns[i].arg);
    }
    free(accesses->spawns);
    for (size_t i = 0; i < accesses->call_window_count; i++)
        free(accesses->call_windows[i].window);
    free(accesses->call_windows);
    memset(accesses, 0, sizeof *accesses);
}
