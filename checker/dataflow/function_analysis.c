/*
 * function_analysis.c: the per-function lock analysis.
 *
 *   cfg_build -> collect (locks, effects, tracked variables, conditions)
 *   -> forward dataflow to a fixpoint (join at merge points, no path
 *      enumeration) -> one replay that tells rules about lock events
 *   -> exit states -> summary for callers.
 *
 * The cost is linear in the size of the function times the number of locks
 * it touches; loops converge in a few sweeps of the reverse post-order.
 */
#include "dataflow/function_analysis.h"

#include <stdlib.h>
#include <string.h>

#include "annotations/annotations.h"
#include "ast/cursor_util.h"
#include "cfg/cfg_search.h"
#include "driver/tu_context.h"
#include "rules/rule.h"
#include "summary/summary.h"
#include "util/memory.h"

#define MAX_SWEEPS 64
#define CALL_LOOKBACK 256

enum cond_source { COND_NONE, COND_CALL, COND_VAR };
enum pred_op { PRED_EQ, PRED_NE, PRED_LT, PRED_GT, PRED_LE, PRED_GE };

struct node_info {
    struct lock_effect *effects;   /* CALL, CLEANUP */
    unsigned effect_count;
    bool thread_exit;              /* CALL to pthread_exit / thrd_exit */
    /* BRANCH: what the condition tests; ASSIGN: the variable and its new value */
    enum cond_source source;
    unsigned call_node;            /* COND_CALL / ASSIGN: the lock call whose result it is */
    int var;                       /* COND_VAR / ASSIGN: tracked variable, or NO_VAR */
    enum pred_op op;               /* BRANCH: true edge means `value op constant` */
    long long constant;
    uint8_t assigned_truth;        /* ASSIGN: the truth of a constant assigned, or UNKNOWN */
    unsigned *kill_conds;          /* ASSIGN: tracked conditions it changes (members of it) */
    unsigned kill_cond_count;
    unsigned *forget_locks;        /* ASSIGN: locks whose expression now names another lock */
    unsigned forget_lock_count;
    unsigned *move_from, *move_to; /* ASSIGN `p = q`: q->mu's state becomes p->mu's */
    unsigned move_count;
    bool has_value;                /* RETURN: a constant is returned */
    long long value;
};

/* ---- locks ------------------------------------------------------------------ */

static unsigned intern_lock(struct function_analysis *fa, struct lock_expr *expr, const char *kind)
{
    char *key = lock_expr_key(expr);
    for (unsigned i = 0; i < fa->lock_count; i++) {
        if (strcmp(fa->locks[i].key, key) == 0) {
            free(key);
            lock_expr_free(expr);
            return i;
        }
    }
    ARRAY_RESERVE(fa->locks, fa->lock_capacity, fa->lock_count + 1);
    struct lock_info *info = &fa->locks[fa->lock_count];
    memset(info, 0, sizeof *info);
    info->expr = *expr;
    memset(expr, 0, sizeof *expr);
    info->key = key;
    info->display = lock_expr_display(&info->expr);
    info->kind = kind ? kind : "lock";
    return fa->lock_count++;
}

static void add_effect(struct node_info *ni, enum lock_op op, enum lock_mode mode, unsigned lock,
                       long long success, const char *api)
{
    ni->effects = xrealloc(ni->effects, (ni->effect_count + 1) * sizeof *ni->effects);
    struct lock_effect *e = &ni->effects[ni->effect_count++];
    e->op = op;
    e->mode = mode;
    e->lock = lock;
    e->success_value = success;
    e->api = api;
}

/* A local pointer initialised with an address and never assigned again
 * names what it points to: `pthread_mutex_t *m = &q->mu;`. The table of such
 * variables is built once per function, on first use. */
struct alias_entry {
    CXCursor var;
    CXCursor address;     /* the `&...` initialiser */
    bool reassigned;
};

struct alias_table {
    struct alias_entry *items;
    size_t count, capacity;
};

static CXCursor var_initializer(CXCursor var)
{
    CXCursor last = clang_getNullCursor();
    struct cursor_list kids = {0};
    cursor_children(var, &kids);
    for (size_t k = 0; k < kids.count; k++)
        if (clang_isExpression(clang_getCursorKind(kids.items[k])))
            last = kids.items[k];
    cursor_list_free(&kids);
    return last;
}

static void build_alias_table(struct function_analysis *fa)
{
    struct alias_table *t = xcalloc(1, sizeof *t);
    fa->aliases = t;
    const struct cfg *g = &fa->cfg;
    for (unsigned i = 0; i < g->node_count; i++) {
        const struct cfg_node *n = &g->nodes[i];
        if (n->kind != CFG_ASSIGN || clang_getCursorKind(n->cursor) != CXCursor_VarDecl)
            continue;
        CXCursor init = cursor_strip(var_initializer(n->cursor));
        if (clang_getCursorKind(init) != CXCursor_UnaryOperator ||
            cursor_unary_op(init) != CXUnaryOperator_AddrOf)
            continue;
        ARRAY_RESERVE(t->items, t->capacity, t->count + 1);
        t->items[t->count++] = (struct alias_entry){n->cursor, init, false};
    }
    if (t->count == 0)
        return;
    for (unsigned i = 0; i < g->node_count; i++) {
        const struct cfg_node *n = &g->nodes[i];
        if (n->kind != CFG_ASSIGN || clang_getCursorKind(n->cursor) == CXCursor_VarDecl)
            continue;
        CXCursor lhs = cursor_strip(cursor_first_child(n->cursor));
        if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
            continue;
        CXCursor var = clang_getCursorReferenced(lhs);
        for (size_t a = 0; a < t->count; a++)
            if (clang_equalCursors(t->items[a].var, var))
                t->items[a].reassigned = true;
    }
}

static bool resolve_alias(void *data, CXCursor var, struct lock_expr *value)
{
    struct function_analysis *fa = data;
    if (!fa->aliases)
        build_alias_table(fa);
    const struct alias_table *t = fa->aliases;
    for (size_t a = 0; a < t->count; a++) {
        if (!clang_equalCursors(t->items[a].var, var))
            continue;
        if (t->items[a].reassigned || cfg_is_address_taken(&fa->cfg, var))
            return false;
        struct lock_expr_ctx ctx = {.function = fa->function};  /* no nested aliasing */
        return lock_expr_from_value(&ctx, t->items[a].address, value);
    }
    return false;
}

static struct lock_expr_ctx expr_ctx(struct function_analysis *fa)
{
    struct lock_expr_ctx ctx = {.function = fa->function, .alias = resolve_alias, .alias_data = fa};
    return ctx;
}

unsigned fa_intern_lock(struct function_analysis *fa, struct lock_expr *expr, const char *kind)
{
    return intern_lock(fa, expr, kind);
}

struct lock_expr_ctx fa_lock_expr_ctx(struct function_analysis *fa)
{
    return expr_ctx(fa);
}

static const struct summary *summary_for(struct tu_context *tu, CXCursor definition);

/* Applies a callee's summary: its "$i" locks become the caller's arguments. */
static void summary_effects(struct function_analysis *fa, struct node_info *ni, const struct summary *s,
                            const struct lock_expr *args, unsigned arg_count)
{
    for (unsigned i = 0; i < s->effect_count; i++) {
        const struct summary_effect *se = &s->effects[i];
        struct lock_expr lock;
        if (!lock_expr_substitute(&se->lock, args, arg_count, &lock))
            continue;
        unsigned index = intern_lock(fa, &lock, se->kind);
        add_effect(ni, se->op, se->mode, index, se->success_value, s->name);
    }
}

static void argument_values(struct function_analysis *fa, CXCursor call, struct lock_expr **out,
                            unsigned *count)
{
    int n = clang_Cursor_getNumArguments(call);
    *count = n > 0 ? (unsigned)n : 0;
    *out = xcalloc(*count + 1, sizeof **out);
    struct lock_expr_ctx ctx = expr_ctx(fa);
    for (unsigned i = 0; i < *count; i++)
        if (!lock_expr_from_value(&ctx, clang_Cursor_getArgument(call, i), &(*out)[i]))
            memset(&(*out)[i], 0, sizeof (*out)[i]);
}

static void free_values(struct lock_expr *values, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        lock_expr_free(&values[i]);
    free(values);
}

static void collect_call(struct function_analysis *fa, struct node_info *ni, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return;
    char *name = cursor_spelling(callee);
    ni->thread_exit = is_thread_exit_function(name);
    const struct lock_api *api = lock_api_find_in(fa->tu->config, name);
    if (api) {
        int nargs = clang_Cursor_getNumArguments(call);
        struct lock_expr lock;
        struct lock_expr_ctx ctx = expr_ctx(fa);
        if (api->lock_arg < nargs &&
            lock_expr_from_pointer(&ctx, clang_Cursor_getArgument(call, (unsigned)api->lock_arg), &lock)) {
            unsigned index = intern_lock(fa, &lock, api->kind);
            add_effect(ni, api->op, api->mode, index, api->success_value, api->function);
        }
        free(name);
        return;
    }
    free(name);
    /* Annotated lock functions, then summaries of functions defined here. */
    const struct summary *annotated = annotation_summary(fa->tu, callee);
    const struct summary *s = annotated;
    if (!s) {
        CXCursor definition = clang_getCursorDefinition(callee);
        if (!clang_Cursor_isNull(definition))
            s = summary_for(fa->tu, definition);
    }
    if (!s || s->effect_count == 0)
        return;
    struct lock_expr *args;
    unsigned count;
    argument_values(fa, call, &args, &count);
    summary_effects(fa, ni, s, args, count);
    free_values(args, count);
}

/* A cleanup variable leaving scope calls f(&var). */
static void collect_cleanup(struct function_analysis *fa, struct node_info *ni, CXCursor var)
{
    CXCursor function = var_cleanup_function(var);
    if (clang_Cursor_isNull(function))
        return;
    CXCursor definition = clang_getCursorDefinition(function);
    const struct summary *s = annotation_summary(fa->tu, function);
    if (!s && !clang_Cursor_isNull(definition))
        s = summary_for(fa->tu, definition);
    if (!s || s->effect_count == 0)
        return;
    /* The argument is `&var`: the variable itself is the root. */
    struct lock_expr arg = {0};
    arg.root_kind = LOCK_ROOT_LOCAL;
    CXString usr = clang_getCursorUSR(var);
    arg.root_id = xstrdup(clang_getCString(usr));
    clang_disposeString(usr);
    arg.root_name = cursor_spelling(var);
    lock_expr_push(&arg, LOCK_STEP_ADDR, NULL);
    /* Locks reached through the variable resolve like any other expression:
     * `*guard` where `guard = &mu` is mu. */
    for (unsigned i = 0; i < s->effect_count; i++) {
        struct lock_expr lock;
        if (!lock_expr_substitute(&s->effects[i].lock, &arg, 1, &lock))
            continue;
        /* Re-resolve an alias at the root: the guard pointer's initialiser. */
        if (lock.root_kind == LOCK_ROOT_LOCAL && lock.step_count >= 1 &&
            lock.steps[0].kind == LOCK_STEP_DEREF) {
            struct lock_expr target;
            if (resolve_alias(fa, var, &target)) {
                for (size_t k = 0; k < lock.step_count; k++)
                    lock_expr_push(&target, lock.steps[k].kind, lock.steps[k].name);
                lock_expr_normalize(&target);
                lock_expr_free(&lock);
                lock = target;
            }
        }
        unsigned index = intern_lock(fa, &lock, s->effects[i].kind);
        add_effect(ni, s->effects[i].op, s->effects[i].mode, index, s->effects[i].success_value,
                   s->name);
    }
    lock_expr_free(&arg);
}

/* ---- tracked variables and conditions ---------------------------------------- */

/* Whether a local variable's value can be followed: not through its address. */
static bool trackable_decl(struct function_analysis *fa, CXCursor decl)
{
    enum CXCursorKind k = clang_getCursorKind(decl);
    if (k != CXCursor_ParmDecl && k != CXCursor_VarDecl)
        return false;
    return !cfg_is_address_taken(&fa->cfg, decl);
}

/* The canonical key of an lvalue (a variable, a member path, a dereference),
 * the same form lock expressions use; NULL for anything else. */
static char *lvalue_key(struct function_analysis *fa, CXCursor e)
{
    e = cursor_strip(e);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr && k != CXCursor_UnaryOperator &&
        k != CXCursor_ArraySubscriptExpr)
        return NULL;
    if (k == CXCursor_DeclRefExpr && !trackable_decl(fa, clang_getCursorReferenced(e)))
        return NULL;
    struct lock_expr_ctx ctx = {.function = fa->function};
    struct lock_expr x;
    if (!lock_expr_from_value(&ctx, e, &x))
        return NULL;
    char *key = x.root_kind == LOCK_ROOT_OPAQUE ? NULL : lock_expr_key(&x);
    lock_expr_free(&x);
    return key;
}

static int cond_find(struct function_analysis *fa, const char *key)
{
    for (unsigned i = 0; i < fa->var_count; i++)
        if (strcmp(fa->vars[i], key) == 0)
            return (int)i;
    return NO_VAR;
}

/* The tracked condition for an lvalue tested by a branch (added on first use). */
static int cond_index(struct function_analysis *fa, CXCursor operand)
{
    char *key = lvalue_key(fa, operand);
    if (!key)
        return NO_VAR;
    int found = cond_find(fa, key);
    if (found != NO_VAR) {
        free(key);
        return found;
    }
    ARRAY_RESERVE(fa->vars, fa->var_capacity, fa->var_count + 1);
    fa->vars[fa->var_count] = key;
    return (int)fa->var_count++;
}

static unsigned find_call_node(struct function_analysis *fa, unsigned before, CXCursor call)
{
    unsigned stop = before > CALL_LOOKBACK ? before - CALL_LOOKBACK : 0;
    for (unsigned i = before; i-- > stop;) {
        const struct cfg_node *n = &fa->cfg.nodes[i];
        if (n->kind == CFG_CALL && clang_equalCursors(n->cursor, call))
            return i;
    }
    return NO_NODE_ID;
}

static enum pred_op flip(enum pred_op op)
{
    switch (op) {
    case PRED_LT: return PRED_GT;
    case PRED_GT: return PRED_LT;
    case PRED_LE: return PRED_GE;
    case PRED_GE: return PRED_LE;
    default: return op;
    }
}

static bool pred_from_opcode(enum CXBinaryOperatorKind k, enum pred_op *op)
{
    switch (k) {
    case CXBinaryOperator_EQ: *op = PRED_EQ; return true;
    case CXBinaryOperator_NE: *op = PRED_NE; return true;
    case CXBinaryOperator_LT: *op = PRED_LT; return true;
    case CXBinaryOperator_GT: *op = PRED_GT; return true;
    case CXBinaryOperator_LE: *op = PRED_LE; return true;
    case CXBinaryOperator_GE: *op = PRED_GE; return true;
    default: return false;
    }
}

static bool pred_holds(enum pred_op op, long long value, long long constant)
{
    switch (op) {
    case PRED_EQ: return value == constant;
    case PRED_NE: return value != constant;
    case PRED_LT: return value < constant;
    case PRED_GT: return value > constant;
    case PRED_LE: return value <= constant;
    case PRED_GE: return value >= constant;
    }
    return false;
}

/* `x`, `!x` (split by the CFG), `x == c`, `c != x`, `(err = lock()) != 0`... */
static void collect_branch(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    CXCursor e = cursor_strip(fa->cfg.nodes[node].cursor);
    ni->op = PRED_NE;
    ni->constant = 0;
    CXCursor operand = e;
    if (clang_getCursorKind(e) == CXCursor_BinaryOperator) {
        enum pred_op op;
        if (pred_from_opcode(cursor_binary_op(e), &op)) {
            struct cursor_list kids = {0};
            cursor_children(e, &kids);
            long long c;
            if (kids.count == 2 && cursor_int_value(kids.items[1], &c)) {
                operand = kids.items[0];
                ni->op = op;
                ni->constant = c;
            } else if (kids.count == 2 && cursor_int_value(kids.items[0], &c)) {
                operand = kids.items[1];
                ni->op = flip(op);
                ni->constant = c;
            } else {
                cursor_list_free(&kids);
                return;
            }
            cursor_list_free(&kids);
        }
    }
    operand = cursor_strip(operand);
    if (clang_getCursorKind(operand) == CXCursor_BinaryOperator &&
        cursor_binary_op(operand) == CXBinaryOperator_Assign) {
        struct cursor_list kids = {0};
        cursor_children(operand, &kids);
        CXCursor rhs = kids.count == 2 ? cursor_strip(kids.items[1]) : clang_getNullCursor();
        CXCursor lhs = kids.count == 2 ? cursor_strip(kids.items[0]) : clang_getNullCursor();
        cursor_list_free(&kids);
        operand = clang_getCursorKind(rhs) == CXCursor_CallExpr ? rhs : lhs;
    }
    if (clang_getCursorKind(operand) == CXCursor_CallExpr) {
        unsigned call = find_call_node(fa, node, operand);
        if (call != NO_NODE_ID && fa->info[call].effect_count) {
            ni->source = COND_CALL;
            ni->call_node = call;
        }
    } else {
        int v = cond_index(fa, operand);
        if (v != NO_VAR) {
            ni->source = COND_VAR;
            ni->var = v;
        }
    }
}

static void push_index(unsigned **items, unsigned *count, unsigned value)
{
    *items = xrealloc(*items, (*count + 1) * sizeof **items);
    (*items)[(*count)++] = value;
}

static int lock_by_key(struct function_analysis *fa, const char *key)
{
    for (unsigned l = 0; l < fa->lock_count; l++)
        if (strcmp(fa->locks[l].key, key) == 0)
            return (int)l;
    return -1;
}

/* `p = q` (q a variable or member path): the locks reached through q are
 * now reached through p. Their state moves with the pointer (hand-over-hand
 * locking: `n = next` after taking next->mu). */
static void collect_moves(struct function_analysis *fa, struct node_info *ni, const char *key,
                          CXCursor value)
{
    if (clang_Cursor_isNull(value) || fa->lock_count == 0)
        return;
    char *from = lvalue_key(fa, value);
    if (!from)
        return;
    size_t n = strlen(from);
    for (unsigned l = 0; l < fa->lock_count; l++) {
        const char *lk = fa->locks[l].key;
        if (strncmp(lk, from, n) != 0 || lk[n] != '|')
            continue;
        char *target = str_printf("%s%s", key, lk + n);
        int to = lock_by_key(fa, target);
        free(target);
        if (to < 0 || (unsigned)to == l)
            continue;
        ni->move_from = xrealloc(ni->move_from, (ni->move_count + 1) * sizeof *ni->move_from);
        ni->move_to = xrealloc(ni->move_to, (ni->move_count + 1) * sizeof *ni->move_to);
        ni->move_from[ni->move_count] = l;
        ni->move_to[ni->move_count++] = (unsigned)to;
    }
    free(from);
}

/* The lvalue an assignment writes and what it now holds; which tracked
 * conditions it changes and which lock expressions now name another lock. */
static void collect_assign(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    CXCursor c = fa->cfg.nodes[node].cursor;
    CXCursor value = clang_getNullCursor();
    char *key = NULL;
    struct lock_expr_ctx ctx = {.function = fa->function};
    if (clang_getCursorKind(c) == CXCursor_VarDecl) {
        struct lock_expr x;
        if (lock_expr_from_decl(&ctx, c, &x)) {
            key = lock_expr_key(&x);
            lock_expr_free(&x);
        }
        value = var_initializer(c);
    } else {
        struct cursor_list kids = {0};
        cursor_children(c, &kids);
        if (kids.count >= 1) {
            struct lock_expr x;
            if (lock_expr_from_value(&ctx, kids.items[0], &x)) {
                if (x.root_kind != LOCK_ROOT_OPAQUE)
                    key = lock_expr_key(&x);
                lock_expr_free(&x);
            }
        }
        if (clang_getCursorKind(c) == CXCursor_BinaryOperator && kids.count == 2)
            value = kids.items[1];
        cursor_list_free(&kids);
    }
    ni->var = NO_VAR;
    ni->call_node = NO_NODE_ID;
    if (!key)
        return;
    ni->var = cond_find(fa, key);
    for (unsigned v = 0; v < fa->var_count; v++)
        if ((int)v != ni->var && strncmp(fa->vars[v], key, strlen(key)) == 0 &&
            fa->vars[v][strlen(key)] == '|')
            push_index(&ni->kill_conds, &ni->kill_cond_count, v);
    for (unsigned l = 0; l < fa->lock_count; l++)
        if (lock_expr_depends_on(&fa->locks[l].expr, key))
            push_index(&ni->forget_locks, &ni->forget_lock_count, l);
    collect_moves(fa, ni, key, value);
    free(key);
    if (ni->var == NO_VAR || clang_Cursor_isNull(value))
        return;
    CXCursor v = cursor_strip(value);
    long long constant;
    if (clang_getCursorKind(v) == CXCursor_CallExpr) {
        unsigned call = find_call_node(fa, node, v);
        if (call != NO_NODE_ID && fa->info[call].effect_count)
            ni->call_node = call;
    } else if (cursor_int_value(v, &constant)) {
        ni->assigned_truth = constant ? TRUTH_NONZERO : TRUTH_ZERO;
    }
}

static void collect_return(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    CXCursor value = cursor_first_child(fa->cfg.nodes[node].cursor);
    if (!clang_Cursor_isNull(value) && cursor_int_value(value, &ni->value))
        ni->has_value = true;
}

static void collect(struct function_analysis *fa)
{
    struct cfg *g = &fa->cfg;
    fa->info = xcalloc(g->node_count + 1, sizeof *fa->info);
    for (unsigned i = 0; i < g->node_count; i++) {
        fa->info[i].var = NO_VAR;
        fa->info[i].call_node = NO_NODE_ID;
    }
    /* Calls and cleanups first: conditions and assignments refer to them. */
    for (unsigned i = 0; i < g->node_count; i++) {
        if (g->nodes[i].kind == CFG_CALL)
            collect_call(fa, &fa->info[i], g->nodes[i].cursor);
        else if (g->nodes[i].kind == CFG_CLEANUP)
            collect_cleanup(fa, &fa->info[i], g->nodes[i].cursor);
    }
    for (unsigned i = 0; i < g->node_count; i++) {
        if (g->nodes[i].kind == CFG_BRANCH)
            collect_branch(fa, i, &fa->info[i]);
        else if (g->nodes[i].kind == CFG_RETURN)
            collect_return(fa, i, &fa->info[i]);
    }
    for (unsigned i = 0; i < g->node_count; i++)
        if (g->nodes[i].kind == CFG_ASSIGN)
            collect_assign(fa, i, &fa->info[i]);
}

/* ---- states ------------------------------------------------------------------- */

static void state_alloc(struct function_analysis *fa, struct lock_state *s)
{
    s->reached = false;
    s->locks = xcalloc(fa->lock_count + 1, sizeof *s->locks);
    s->vars = xcalloc(fa->var_count + 1, sizeof *s->vars);
}

static void state_free(struct lock_state *s)
{
    free(s->locks);
    free(s->vars);
}

static void state_copy(struct function_analysis *fa, struct lock_state *dst, const struct lock_state *src)
{
    dst->reached = src->reached;
    memcpy(dst->locks, src->locks, fa->lock_count * sizeof *dst->locks);
    memcpy(dst->vars, src->vars, fa->var_count * sizeof *dst->vars);
}

/* A lock nothing is known about: as at entry. */
static void fact_reset(struct lock_fact *f)
{
    memset(f, 0, sizeof *f);
    f->mask = LOCK_ENTRY;
    f->acquired_at = f->released_at = f->branch_at = NO_NODE_ID;
}

static void state_entry(struct function_analysis *fa, struct lock_state *s)
{
    s->reached = true;
    for (unsigned i = 0; i < fa->lock_count; i++)
        fact_reset(&s->locks[i]);
    for (unsigned i = 0; i < fa->var_count; i++) {
        s->vars[i].truth = TRUTH_UNKNOWN;
        s->vars[i].set_at = NO_NODE_ID;
        s->vars[i].result_of = NO_NODE_ID;
    }
    annotation_entry_state(fa, s);
}

static uint32_t min_node(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* The tracked conditions whose known truth differs between two states. */
static uint32_t distinguishing_vars(struct function_analysis *fa, const struct var_fact *a,
                                    const struct var_fact *b, uint32_t *nonzero_in_a)
{
    uint32_t mask = 0;
    *nonzero_in_a = 0;
    for (unsigned v = 0; v < fa->var_count && v < MAX_GUARD_VARS; v++)
        if (a[v].truth != TRUTH_UNKNOWN && b[v].truth != TRUTH_UNKNOWN && a[v].truth != b[v].truth) {
            mask |= 1u << v;
            if (a[v].truth == TRUTH_NONZERO)
                *nonzero_in_a |= 1u << v;
        }
    return mask;
}

enum side { SIDE_NONE, SIDE_A, SIDE_B };

/* Which side of a guard a state whose conditions are `vars` lies on. */
static enum side classify(const struct lock_fact *guarded, const struct var_fact *vars)
{
    for (unsigned v = 0; v < MAX_GUARD_VARS; v++) {
        uint32_t bit = 1u << v;
        if (!(guarded->guard_vars & bit) || vars[v].truth == TRUTH_UNKNOWN)
            continue;
        bool nonzero = vars[v].truth == TRUTH_NONZERO;
        return nonzero == ((guarded->guard_nonzero & bit) != 0) ? SIDE_A : SIDE_B;
    }
    return SIDE_NONE;
}

static void unguard(struct lock_fact *f)
{
    f->guard_vars = f->guard_nonzero = 0;
    f->side_a = f->side_b = 0;
}

/* The guard part of a join: keep the sides apart when the states say
 * which side they are on; otherwise the join is a plain union. */
static void join_guard(struct function_analysis *fa, struct lock_fact *r, const struct lock_fact *a,
                       const struct var_fact *avars, const struct lock_fact *b,
                       const struct var_fact *bvars)
{
    unguard(r);
    if (a->guard_vars && b->guard_vars) {
        if (a->guard_vars == b->guard_vars && a->guard_nonzero == b->guard_nonzero) {
            r->guard_vars = a->guard_vars;
            r->guard_nonzero = a->guard_nonzero;
            r->side_a = a->side_a | b->side_a;
            r->side_b = a->side_b | b->side_b;
        }
        return;
    }
    if (a->guard_vars || b->guard_vars) {
        const struct lock_fact *g = a->guard_vars ? a : b, *o = a->guard_vars ? b : a;
        enum side side = classify(g, a->guard_vars ? bvars : avars);
        if (side == SIDE_NONE)
            return;
        r->guard_vars = g->guard_vars;
        r->guard_nonzero = g->guard_nonzero;
        r->side_a = g->side_a | (side == SIDE_A ? o->mask : 0);
        r->side_b = g->side_b | (side == SIDE_B ? o->mask : 0);
        return;
    }
    if (a->mask == b->mask)
        return;
    uint32_t nonzero;
    uint32_t vars = distinguishing_vars(fa, avars, bvars, &nonzero);
    if (!vars)
        return;
    r->guard_vars = vars;
    r->guard_nonzero = nonzero;
    r->side_a = a->mask;
    r->side_b = b->mask;
}

static struct lock_fact join_fact(struct function_analysis *fa, const struct lock_fact *a,
                                  const struct var_fact *avars, const struct lock_fact *b,
                                  const struct var_fact *bvars)
{
    struct lock_fact r = *a;
    r.mask = a->mask | b->mask;
    r.prev_mask = a->prev_mask | b->prev_mask;
    join_guard(fa, &r, a, avars, b, bvars);
    bool ha = a->mask & LOCK_HELD, hb = b->mask & LOCK_HELD;
    if (ha && hb) {
        r.acquired_at = min_node(a->acquired_at, b->acquired_at);
        const struct lock_fact *br = a->branch_at <= b->branch_at ? a : b;
        r.branch_at = br->branch_at;
        r.branch_kind = br->branch_kind;
    } else if (ha || hb) {
        const struct lock_fact *h = ha ? a : b;
        r.acquired_at = h->acquired_at;
        r.branch_at = h->branch_at;
        r.branch_kind = h->branch_kind;
    } else {
        r.acquired_at = min_node(a->acquired_at, b->acquired_at);
        r.branch_at = NO_NODE_ID;
        r.branch_kind = 0;
    }
    bool ra = a->mask & LOCK_ANY_RELEASED, rb = b->mask & LOCK_ANY_RELEASED;
    r.released_at = ra && rb ? min_node(a->released_at, b->released_at)
                    : ra     ? a->released_at
                    : rb     ? b->released_at
                             : min_node(a->released_at, b->released_at);
    return r;
}

/* Joins src into dst; true when dst changed. */
static bool state_join(struct function_analysis *fa, struct lock_state *dst, const struct lock_state *src)
{
    if (!src->reached)
        return false;
    if (!dst->reached) {
        state_copy(fa, dst, src);
        return true;
    }
    bool changed = false;
    for (unsigned i = 0; i < fa->lock_count; i++) {
        struct lock_fact r = join_fact(fa, &dst->locks[i], dst->vars, &src->locks[i], src->vars);
        if (memcmp(&r, &dst->locks[i], sizeof r) != 0) {
            dst->locks[i] = r;
            changed = true;
        }
    }
    for (unsigned i = 0; i < fa->var_count; i++) {
        struct var_fact r = dst->vars[i];
        const struct var_fact *s = &src->vars[i];
        if (r.truth != s->truth)
            r.truth = TRUTH_UNKNOWN;
        if (r.result_of != s->result_of)
            r.result_of = NO_NODE_ID;
        r.set_at = r.set_at == NO_NODE_ID ? s->set_at : s->set_at == NO_NODE_ID ? r.set_at
                   : r.set_at > s->set_at ? r.set_at : s->set_at;
        if (memcmp(&r, &dst->vars[i], sizeof r) != 0) {
            dst->vars[i] = r;
            changed = true;
        }
    }
    return changed;
}

/* ---- transfer --------------------------------------------------------------------- */

static void emit_event(struct function_analysis *fa, enum lock_event_kind kind, unsigned node,
                       const struct lock_effect *effect, const struct lock_state *state)
{
    if (!fa->reporting)
        return;
    struct lock_event ev = {.kind = kind, .node = node, .effect = effect, .state = state};
    for (unsigned r = 0; r < rule_count; r++)
        if (all_rules[r]->on_lock_event && rule_enabled(all_rules[r]))
            all_rules[r]->on_lock_event(fa, &ev);
}

static void drop_held(struct lock_fact *f)
{
    uint8_t rest = (f->mask & ~LOCK_HELD) | (f->prev_mask & ~LOCK_HELD);
    f->mask = rest ? rest : LOCK_ENTRY;
    unguard(f);
    if (!(f->mask & LOCK_HELD))
        f->branch_at = NO_NODE_ID;
}

static uint8_t mask_after_release(uint8_t before)
{
    if (!before)
        return 0;
    uint8_t mask = 0;
    if (before & LOCK_HELD_SHARED_TWICE)
        mask |= LOCK_HELD_SHARED;
    if (before & (LOCK_HELD_EXCLUSIVE | LOCK_HELD_SHARED | LOCK_RELEASED))
        mask |= LOCK_RELEASED;
    if (before & (LOCK_ENTRY | LOCK_RELEASED_ENTRY))
        mask |= LOCK_RELEASED_ENTRY;
    return mask;
}

static void apply_effect(struct function_analysis *fa, unsigned node, const struct lock_effect *e,
                         struct lock_state *s, bool replay)
{
    struct lock_fact *f = &s->locks[e->lock];
    switch (e->op) {
    case LOCK_OP_ACQUIRE:
    case LOCK_OP_TRY_ACQUIRE:
        if (replay)
            emit_event(fa, LOCK_EVENT_ACQUIRE, node, e, s);
        f->prev_mask = f->mask;
        if (f->mask == LOCK_RELEASED_ENTRY) {
            /* Taking back the caller's lock after releasing it (a function
             * that drops its caller's lock around a sleep): as at entry. */
            f->mask = LOCK_ENTRY;
        } else if (e->mode == LOCK_MODE_SHARED)
            f->mask = f->mask & (LOCK_HELD_SHARED | LOCK_HELD_SHARED_TWICE) ? LOCK_HELD_SHARED_TWICE
                                                                             : LOCK_HELD_SHARED;
        else
            f->mask = LOCK_HELD_EXCLUSIVE;
        f->acquired_at = node;
        f->branch_at = NO_NODE_ID;
        unguard(f);
        break;
    case LOCK_OP_RELEASE:
        if (replay) {
            emit_event(fa, LOCK_EVENT_RELEASE, node, e, s);
            if (f->mask & LOCK_HELD)
                fa->locks[e->lock].released_after_acquire = true;
        }
        /* Each side of a guard is released on its own. */
        f->mask = mask_after_release(f->mask);
        if (f->guard_vars) {
            f->side_a = mask_after_release(f->side_a);
            f->side_b = mask_after_release(f->side_b);
        }
        f->released_at = node;
        f->branch_at = NO_NODE_ID;
        break;
    case LOCK_OP_WAIT:
        if (replay)
            emit_event(fa, LOCK_EVENT_WAIT, node, e, s);
        break;
    }
}

static void record_exit(struct function_analysis *fa, unsigned node, const struct lock_state *s)
{
    ARRAY_RESERVE(fa->exits, fa->exit_capacity, fa->exit_count + 1);
    struct exit_state *x = &fa->exits[fa->exit_count++];
    x->node = node;
    x->locks = xmalloc((fa->lock_count + 1) * sizeof *x->locks);
    memcpy(x->locks, s->locks, fa->lock_count * sizeof *x->locks);
    x->has_value = fa->info[node].has_value;
    x->value = fa->info[node].value;
}

/* A tracked condition changed: it no longer tells any guard's sides apart. */
static void forget_guard(struct function_analysis *fa, struct lock_state *s, int var)
{
    if (var < 0 || var >= MAX_GUARD_VARS)
        return;
    for (unsigned i = 0; i < fa->lock_count; i++) {
        struct lock_fact *f = &s->locks[i];
        f->guard_vars &= ~(1u << var);
        f->guard_nonzero &= f->guard_vars;
        if (!f->guard_vars)
            unguard(f);
    }
}

static void transfer_node(struct function_analysis *fa, unsigned node, struct lock_state *s, bool replay)
{
    const struct cfg_node *n = &fa->cfg.nodes[node];
    const struct node_info *ni = &fa->info[node];
    switch (n->kind) {
    case CFG_CALL:
        if (replay)
            emit_event(fa, LOCK_EVENT_CALL, node, NULL, s);
        if (ni->thread_exit && replay) {
            emit_event(fa, LOCK_EVENT_THREAD_EXIT, node, NULL, s);
        }
        /* fall through */
    case CFG_CLEANUP:
        for (unsigned i = 0; i < ni->effect_count; i++)
            apply_effect(fa, node, &ni->effects[i], s, replay);
        break;
    case CFG_ASSIGN:
        if (ni->var != NO_VAR) {
            struct var_fact *v = &s->vars[ni->var];
            v->truth = ni->assigned_truth;
            v->set_at = node;
            v->result_of = ni->call_node;
            forget_guard(fa, s, ni->var);
        }
        for (unsigned k = 0; k < ni->kill_cond_count; k++) {
            struct var_fact *v = &s->vars[ni->kill_conds[k]];
            v->truth = TRUTH_UNKNOWN;
            v->result_of = NO_NODE_ID;
            forget_guard(fa, s, (int)ni->kill_conds[k]);
        }
        for (unsigned k = 0; k < ni->forget_lock_count; k++)
            fact_reset(&s->locks[ni->forget_locks[k]]);
        for (unsigned k = 0; k < ni->move_count; k++) {
            s->locks[ni->move_to[k]] = s->locks[ni->move_from[k]];
            fact_reset(&s->locks[ni->move_from[k]]);
        }
        break;
    case CFG_ACCESS:
        if (replay)
            emit_event(fa, LOCK_EVENT_ACCESS, node, NULL, s);
        break;
    case CFG_RETURN:
    case CFG_END_OF_BODY:
        if (replay) {
            emit_event(fa, LOCK_EVENT_RETURN, node, NULL, s);
            record_exit(fa, node, s);
        }
        break;
    default:
        break;
    }
}

/* What taking an edge out of a branch tells: a lock call failed or
 * succeeded, a variable is zero or not. */
static void transfer_edge(struct function_analysis *fa, const struct cfg_edge *edge, struct lock_state *s)
{
    unsigned node = edge->from;
    const struct cfg_node *n = &fa->cfg.nodes[node];
    if (n->kind == CFG_SWITCH) {
        unsigned at = edge->to;
        enum CXCursorKind k = clang_getCursorKind(fa->cfg.nodes[at].cursor);
        bool labelled = k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt;
        for (unsigned i = 0; i < fa->lock_count; i++)
            if (s->locks[i].mask & LOCK_HELD) {
                s->locks[i].branch_at = labelled ? at : node;
                s->locks[i].branch_kind = labelled ? edge->kind : CFG_EDGE_DEFAULT;
            }
        return;
    }
    if (n->kind != CFG_BRANCH)
        return;
    const struct node_info *ni = &fa->info[node];
    bool taken = edge->kind == CFG_EDGE_TRUE;
    unsigned call = ni->source == COND_CALL ? ni->call_node
                    : ni->source == COND_VAR ? s->vars[ni->var].result_of
                                             : NO_NODE_ID;
    if (call != NO_NODE_ID) {
        const struct node_info *ci = &fa->info[call];
        for (unsigned i = 0; i < ci->effect_count; i++) {
            const struct lock_effect *e = &ci->effects[i];
            if (e->op != LOCK_OP_ACQUIRE && e->op != LOCK_OP_TRY_ACQUIRE)
                continue;
            bool success = pred_holds(ni->op, e->success_value, ni->constant) == taken;
            struct lock_fact *f = &s->locks[e->lock];
            if (!success && f->acquired_at == call)
                drop_held(f);
        }
    }
    if (ni->source == COND_VAR && ni->constant == 0 && (ni->op == PRED_EQ || ni->op == PRED_NE)) {
        bool nonzero = (ni->op == PRED_NE) == taken;
        uint8_t truth = nonzero ? TRUTH_NONZERO : TRUTH_ZERO;
        s->vars[ni->var].truth = truth;
        s->vars[ni->var].set_at = node;
        /* Guards on this condition: only the matching side is possible here. */
        uint32_t bit = ni->var < MAX_GUARD_VARS ? 1u << ni->var : 0;
        for (unsigned i = 0; i < fa->lock_count; i++) {
            struct lock_fact *f = &s->locks[i];
            if (!(f->guard_vars & bit))
                continue;
            uint8_t side = ((f->guard_nonzero & bit) != 0) == nonzero ? f->side_a : f->side_b;
            f->mask = side ? side : f->mask;
            if (!(f->mask & LOCK_HELD))
                f->branch_at = NO_NODE_ID;
            unguard(f);
        }
    }
    for (unsigned i = 0; i < fa->lock_count; i++)
        if (s->locks[i].mask & LOCK_HELD) {
            s->locks[i].branch_at = node;
            s->locks[i].branch_kind = edge->kind;
        }
}

static void run_dataflow(struct function_analysis *fa)
{
    struct cfg *g = &fa->cfg;
    fa->in = xcalloc(g->node_count + 1, sizeof *fa->in);
    for (unsigned i = 0; i < g->node_count; i++)
        state_alloc(fa, &fa->in[i]);
    state_entry(fa, &fa->in[g->entry]);
    unsigned *order = xmalloc((g->node_count + 1) * sizeof *order);
    bool *dirty = xcalloc(g->node_count + 1, sizeof *dirty);
    for (unsigned r = 0; r < g->rpo_count; r++)
        order[g->rpo[r]] = r;
    dirty[g->entry] = true;
    struct lock_state out, edge_state;
    state_alloc(fa, &out);
    state_alloc(fa, &edge_state);
    bool again = true;
    for (unsigned sweep = 0; again && sweep < MAX_SWEEPS; sweep++) {
        again = false;
        for (unsigned r = 0; r < g->rpo_count; r++) {
            unsigned node = g->rpo[r];
            if (!dirty[node])
                continue;
            dirty[node] = false;
            state_copy(fa, &out, &fa->in[node]);
            transfer_node(fa, node, &out, false);
            const struct cfg_node *n = &g->nodes[node];
            for (unsigned k = 0; k < n->out_count; k++) {
                const struct cfg_edge *e = &g->edges[g->out_edges[n->first_out + k]];
                const struct lock_state *give = &out;
                if (n->kind == CFG_BRANCH || n->kind == CFG_SWITCH) {
                    state_copy(fa, &edge_state, &out);
                    transfer_edge(fa, e, &edge_state);
                    give = &edge_state;
                }
                if (state_join(fa, &fa->in[e->to], give)) {
                    dirty[e->to] = true;
                    if (order[e->to] <= r)
                        again = true;
                }
            }
        }
    }
    state_free(&out);
    state_free(&edge_state);
    free(order);
    free(dirty);
}

/* The replay: every reached node once, in order, with its fixpoint state. */
static void replay(struct function_analysis *fa)
{
    struct lock_state s;
    state_alloc(fa, &s);
    for (unsigned r = 0; r < fa->cfg.rpo_count; r++) {
        unsigned node = fa->cfg.rpo[r];
        if (!fa->in[node].reached)
            continue;
        state_copy(fa, &s, &fa->in[node]);
        transfer_node(fa, node, &s, true);
    }
    state_free(&s);
    if (fa->reporting)
        for (unsigned r = 0; r < rule_count; r++)
            if (all_rules[r]->on_function_end && rule_enabled(all_rules[r]))
                all_rules[r]->on_function_end(fa);
}

/* ---- entry points ------------------------------------------------------------------- */

static struct function_analysis *run_analysis(struct tu_context *tu, CXCursor definition)
{
    struct function_analysis *fa = xcalloc(1, sizeof *fa);
    fa->tu = tu;
    fa->function = definition;
    fa->name = cursor_spelling(definition);
    struct cfg_access_hook hook = annotation_cfg_hook(tu);
    if (!cfg_build_with_accesses(definition, &fa->cfg, &hook)) {
        fa->cfg.node_count = 0;
        return fa;
    }
    fa->reporting = tu_reports_in(tu, definition) && !annotation_no_analysis(tu, definition);
    fa->is_thread_entry = tu_is_thread_entry(tu, definition);
    collect(fa);
    annotation_collect(fa);
    if (fa->lock_count == 0 && !annotation_wants_dataflow(fa))
        return fa;
    run_dataflow(fa);
    replay(fa);
    return fa;
}

static char *usr_of(CXCursor c)
{
    CXString s = clang_getCursorUSR(c);
    char *usr = xstrdup(clang_getCString(s));
    clang_disposeString(s);
    return usr;
}

static const struct summary *summary_for(struct tu_context *tu, CXCursor definition)
{
    char *usr = usr_of(definition);
    struct summary *s = summary_table_get(tu->summaries, usr, true);
    free(usr);
    if (s->analysis)
        return s;
    if (s->in_progress)
        return NULL;
    s->in_progress = true;
    s->name = cursor_spelling(definition);
    struct function_analysis *fa = run_analysis(tu, definition);
    summary_from_exits(s, fa);
    s->analysis = fa;
    s->in_progress = false;
    return s;
}

const struct function_analysis *analyze_function(struct tu_context *tu, CXCursor definition)
{
    const struct summary *s = summary_for(tu, definition);
    return s ? s->analysis : NULL;
}

void function_analysis_free(struct function_analysis *fa)
{
    if (!fa)
        return;
    for (unsigned i = 0; i < fa->lock_count; i++) {
        lock_expr_free(&fa->locks[i].expr);
        free(fa->locks[i].key);
        free(fa->locks[i].display);
    }
    free(fa->locks);
    for (unsigned i = 0; i < fa->var_count; i++)
        free(fa->vars[i]);
    free(fa->vars);
    if (fa->aliases) {
        free(fa->aliases->items);
        free(fa->aliases);
    }
    if (fa->info)
        for (unsigned i = 0; i < fa->cfg.node_count; i++) {
            free(fa->info[i].effects);
            free(fa->info[i].kill_conds);
            free(fa->info[i].forget_locks);
            free(fa->info[i].move_from);
            free(fa->info[i].move_to);
        }
    free(fa->info);
    if (fa->in)
        for (unsigned i = 0; i < fa->cfg.node_count; i++)
            state_free(&fa->in[i]);
    free(fa->in);
    for (unsigned i = 0; i < fa->exit_count; i++)
        free(fa->exits[i].locks);
    free(fa->exits);
    annotation_facts_free(fa->annotations);
    cfg_free(&fa->cfg);
    free(fa->name);
    free(fa);
}

/* ---- for rules ------------------------------------------------------------------------ */

struct source_pos fa_node_pos(struct function_analysis *fa, unsigned node)
{
    return cfg_node_pos(fa->tu, &fa->cfg, node);
}

struct finding *fa_report(struct function_analysis *fa, const struct rule *rule, unsigned node,
                          const char *message)
{
    if (!rule_enabled(rule) || !fa->reporting)
        return NULL;
    return finding_begin(fa->tu->findings, rule->id, fa_node_pos(fa, node), message);
}

void fa_note(struct function_analysis *fa, struct finding *f, unsigned node, const char *message)
{
    if (f && node != NO_NODE_ID)
        finding_add_note(f, fa_node_pos(fa, node), message);
}

void fa_note_path(struct function_analysis *fa, struct finding *f, unsigned lock,
                  const struct lock_fact *fact)
{
    if (!f)
        return;
    if (fact->acquired_at != NO_NODE_ID) {
        char *msg = str_printf("'%s' acquired here", fa->locks[lock].display);
        fa_note(fa, f, fact->acquired_at, msg);
        free(msg);
    }
    if (fact->branch_at != NO_NODE_ID) {
        const char *msg;
        switch (fact->branch_kind) {
        case CFG_EDGE_TRUE: msg = "on the path where this condition is true"; break;
        case CFG_EDGE_FALSE: msg = "on the path where this condition is false"; break;
        case CFG_EDGE_CASE: msg = "on the path through this case"; break;
        default:
            msg = fa->cfg.nodes[fact->branch_at].kind == CFG_SWITCH
                      ? "on the path where no case of this switch matches"
                      : "on the path through the default case";
            break;
        }
        fa_note(fa, f, fact->branch_at, msg);
    }
}

void fa_note_released(struct function_analysis *fa, struct finding *f, unsigned lock,
                      const struct lock_fact *fact)
{
    if (!f || !(fact->mask & LOCK_ANY_RELEASED) || fact->released_at == NO_NODE_ID)
        return;
    char *msg = str_printf("'%s' released here", fa->locks[lock].display);
    fa_note(fa, f, fact->released_at, msg);
    free(msg);
}
