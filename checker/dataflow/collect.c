/*
 * collect.c: the first step of a function's analysis, before the dataflow.
 * For every CFG node: what a call or a cleanup does to locks (lock APIs,
 * annotations, callees' summaries), interning each lock's canonical
 * expression once; what a branch tests (a lock call's result, a tracked
 * condition); what an assignment changes (a tracked condition, locks whose
 * expression it renames); what a return returns.
 */
#include "dataflow/node_info.h"

#include <stdlib.h>
#include <string.h>

#include "annotations/annotations.h"
#include "ast/cursor_util.h"
#include "cfg/cfg_search.h"
#include "driver/cross_tu.h"
#include "driver/tu_context.h"
#include "rules/rule.h"
#include "summary/summary.h"
#include "util/memory.h"

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
    CXCursor address;     /* the initialiser: `&...`, or a function */
    bool reassigned;
};

struct alias_table {
    struct alias_entry *items;
    size_t count, capacity;
};



static void build_alias_table(struct function_analysis *fa)
{
    struct alias_table *t = xcalloc(1, sizeof *t);
    fa->aliases = t;
    const struct cfg *g = &fa->cfg;
    for (unsigned i = 0; i < g->node_count; i++) {
        const struct cfg_node *n = &g->nodes[i];
        if (n->kind != CFG_ASSIGN || clang_getCursorKind(n->cursor) != CXCursor_VarDecl)
            continue;
        CXCursor init = cursor_strip(cursor_last_expression_child(n->cursor));
        bool address = clang_getCursorKind(init) == CXCursor_UnaryOperator &&
                       cursor_unary_op(init) == CXUnaryOperator_AddrOf;
        if (!address && clang_Cursor_isNull(cursor_function_designator(init)))
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

static const struct alias_entry *alias_of(struct function_analysis *fa, CXCursor var)
{
    if (!fa->aliases)
        build_alias_table(fa);
    const struct alias_table *t = fa->aliases;
    for (size_t a = 0; a < t->count; a++)
        if (clang_equalCursors(t->items[a].var, var))
            return t->items[a].reassigned || cfg_is_address_taken(&fa->cfg, var) ? NULL : &t->items[a];
    return NULL;
}

static bool resolve_alias(void *data, CXCursor var, struct lock_expr *value)
{
    struct function_analysis *fa = data;
    const struct alias_entry *a = alias_of(fa, var);
    if (!a || !clang_Cursor_isNull(cursor_function_designator(a->address)))
        return false;
    struct lock_expr_ctx ctx = {.function = fa->function};  /* no nested aliasing */
    return lock_expr_from_value(&ctx, a->address, value);
}

/* A local function pointer initialised with a function and never assigned
 * again calls that function (pthread_cleanup_pop's __cancel_routine). */
static CXCursor function_pointer_target(struct function_analysis *fa, CXCursor var)
{
    const struct alias_entry *a = alias_of(fa, var);
    return a ? cursor_function_designator(a->address) : clang_getNullCursor();
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

/* What a function other than a lock API does to its caller's locks: its
 * annotations, else the summary of its body in this file, else (with
 * --cross-tu) the summary exported by the file that defines it. */
static const struct summary *callee_summary(struct function_analysis *fa, CXCursor function)
{
    const struct summary *s = annotation_summary(fa->tu, function);
    if (s)
        return s;
    CXCursor definition = clang_getCursorDefinition(function);
    if (!clang_Cursor_isNull(definition))
        return summary_for(fa->tu, definition);
    return cross_tu_summary(fa->tu, function);
}

/* A callee not analysed that locks or unlocks (function_analysis.h): this
 * function would take that for a call that does nothing. */
static void note_broken_callee(struct function_analysis *fa, const struct summary *s,
                               CXCursor at)
{
    if (!s || !s->analysis || !s->analysis->broken_lock_function || fa->not_analysed)
        return;
    unsigned line;
    clang_getExpansionLocation(clang_getCursorLocation(at), NULL, &line, NULL, NULL);
    fa->not_analysed = str_printf("line %u: calls '%s', which locks or unlocks in code clang "
                                  "could not build", line, s->name);
    fa->broken_lock_function = true;
}

static void collect_call(struct function_analysis *fa, struct node_info *ni, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) == CXCursor_VarDecl)
        callee = function_pointer_target(fa, callee);
    if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return;
    char *name = cursor_spelling(callee);
    ni->thread_exit = is_thread_exit_function(name);
    const struct lock_api *api = lock_api_find_in(fa->tu->config, name);
    ni->lock_api_call = api != NULL;
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
    const struct summary *s = callee_summary(fa, callee);
    note_broken_callee(fa, s, call);
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
    const struct summary *s = callee_summary(fa, function);
    note_broken_callee(fa, s, var);
    if (!s || s->effect_count == 0)
        return;
    /* The argument is `&var`: the variable itself is the root. */
    struct lock_expr arg = {0};
    arg.root_kind = LOCK_ROOT_LOCAL;
    arg.root_id = cursor_usr(var);
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
                    lock_expr_push_step(&target, &lock.steps[k]);
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
static bool lvalue_expr(struct function_analysis *fa, CXCursor e, struct lock_expr *out)
{
    e = cursor_strip(e);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr && k != CXCursor_UnaryOperator &&
        k != CXCursor_ArraySubscriptExpr)
        return false;
    if (k == CXCursor_DeclRefExpr && !trackable_decl(fa, clang_getCursorReferenced(e)))
        return false;
    struct lock_expr_ctx ctx = {.function = fa->function};
    if (!lock_expr_from_value(&ctx, e, out))
        return false;
    if (out->root_kind == LOCK_ROOT_OPAQUE) {
        lock_expr_free(out);
        return false;
    }
    return true;
}

static char *lvalue_key(struct function_analysis *fa, CXCursor e)
{
    struct lock_expr x;
    if (!lvalue_expr(fa, e, &x))
        return NULL;
    char *key = lock_expr_key(&x);
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
    struct lock_expr x;
    if (!lvalue_expr(fa, operand, &x))
        return NO_VAR;
    char *key = lock_expr_key(&x);
    int found = cond_find(fa, key);
    if (found != NO_VAR) {
        free(key);
        lock_expr_free(&x);
        return found;
    }
    ARRAY_RESERVE(fa->vars, fa->var_capacity, fa->var_count + 1);
    fa->var_exprs = xrealloc(fa->var_exprs, fa->var_capacity * sizeof *fa->var_exprs);
    fa->var_volatile = xrealloc(fa->var_volatile, fa->var_capacity * sizeof *fa->var_volatile);
    fa->vars[fa->var_count] = key;
    fa->var_exprs[fa->var_count] = x;
    /* A global, or anything reached through a pointer, can change in a call. */
    bool through_pointer = x.root_kind == LOCK_ROOT_GLOBAL;
    for (size_t i = 0; i < x.step_count; i++)
        through_pointer |= x.steps[i].kind == LOCK_STEP_DEREF || x.steps[i].kind == LOCK_STEP_INDEX;
    fa->var_volatile[fa->var_count] = through_pointer;
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

bool pred_holds(enum pred_op op, long long value, long long constant)
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
        value = cursor_last_expression_child(c);
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
    /* Conditions on a member of what is written, or indexed by it
     * (`items[i]` after `i++`), now test something else. */
    for (unsigned v = 0; v < fa->var_count; v++)
        if ((int)v != ni->var && lock_expr_depends_on(&fa->var_exprs[v], key))
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
    } else {
        /* `it = search` after `search != NULL`: the truth goes with the value. */
        char *from = lvalue_key(fa, v);
        if (from)
            ni->copied_var = cond_find(fa, from);
        free(from);
    }
}

/* A constant returned, or a tracked condition returned (`return ce->meta;`
 * after `if (ce->meta == NULL) unlock();`: whether the lock is held then
 * follows the value returned). */
static void collect_return(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    ni->var = NO_VAR;
    CXCursor value = cursor_first_child(fa->cfg.nodes[node].cursor);
    if (clang_Cursor_isNull(value))
        return;
    if (cursor_int_value(value, &ni->value)) {
        ni->has_value = true;
        return;
    }
    char *key = lvalue_key(fa, value);
    if (key)
        ni->var = cond_find(fa, key);
    free(key);
}

void collect(struct function_analysis *fa)
{
    struct cfg *g = &fa->cfg;
    fa->info = xcalloc(g->node_count + 1, sizeof *fa->info);
    for (unsigned i = 0; i < g->node_count; i++) {
        fa->info[i].var = NO_VAR;
        fa->info[i].copied_var = NO_VAR;
        fa->info[i].call_node = NO_NODE_ID;
    }
    /* Calls and cleanups first: conditions and assignments refer to them. */
    for (unsigned i = 0; i < g->node_count; i++) {
        if (g->nodes[i].kind == CFG_CALL)
            collect_call(fa, &fa->info[i], g->nodes[i].cursor);
        else if (g->nodes[i].kind == CFG_CLEANUP)
            collect_cleanup(fa, &fa->info[i], g->nodes[i].cursor);
    }
    for (unsigned i = 0; i < g->node_count; i++)
        if (g->nodes[i].kind == CFG_BRANCH)
            collect_branch(fa, i, &fa->info[i]);
    for (unsigned i = 0; i < g->node_count; i++)
        if (g->nodes[i].kind == CFG_RETURN)
            collect_return(fa, i, &fa->info[i]);
    for (unsigned i = 0; i < g->node_count; i++)
        if (g->nodes[i].kind == CFG_ASSIGN)
            collect_assign(fa, i, &fa->info[i]);
}

void collect_free(struct function_analysis *fa)
{
    for (unsigned i = 0; i < fa->lock_count; i++) {
        lock_expr_free(&fa->locks[i].expr);
        free(fa->locks[i].key);
        free(fa->locks[i].display);
    }
    free(fa->locks);
    for (unsigned i = 0; i < fa->var_count; i++) {
        free(fa->vars[i]);
        lock_expr_free(&fa->var_exprs[i]);
    }
    free(fa->vars);
    free(fa->var_exprs);
    free(fa->var_volatile);
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
}
