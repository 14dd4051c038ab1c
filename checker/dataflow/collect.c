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
#include "ast/cleanup_attr.h"
#include "ast/cursor_util.h"
#include "ast/session.h"
#include "cfg/cfg_search.h"
#include "config/config.h"
#include "dataflow/annotation_facts.h"
#include "dataflow/inferred_api.h"
#include "dataflow/key_index.h"
#include "summary/summary.h"
#include "util/memory.h"

/* ---- locks ------------------------------------------------------------------ */

static void index_by_root(struct key_index *by_root, const char *key, unsigned value)
{
    if (key)
        key_index_add(by_root, key, key_root_length(key), value);
}

/* Indexes `value` (a condition or a lock) by every root it may read: its
 * own key's (when given), x's and x's indexes' (what condition_depends_on
 * and lock_expr_depends_on may match). */
static void index_roots(struct key_index *by_root, const char *key, const struct lock_expr *x, unsigned value)
{
    index_by_root(by_root, key, value);
    index_by_root(by_root, x->root_id, value);
    for (size_t i = 0; i < x->step_count; i++)
        if (x->steps[i].kind == LOCK_STEP_INDEX)
            index_by_root(by_root, x->steps[i].id, value);
}

/* Indexes lock l by its key, and by every root its expression reads (its
 * own and its indexes': what lock_expr_depends_on may match), so that a
 * function of thousands of locks finds one, or those an assignment renames,
 * without a loop over all of them. */
static void lock_index_new(struct function_analysis *fa, unsigned l)
{
    if (!fa->lock_by_key) {
        fa->lock_by_key = key_index_new();
        fa->lock_by_root = key_index_new();
    }
    const struct lock_info *info = &fa->locks[l];
    key_index_add(fa->lock_by_key, info->key, strlen(info->key), l);
    index_roots(fa->lock_by_root, info->key, &info->expr, l);
}

static int lock_by_key(const struct function_analysis *fa, const char *key)
{
    size_t found = 0;
    const unsigned *same = fa->lock_by_key ? key_index_find(fa->lock_by_key, key, strlen(key), &found) : NULL;
    return found ? (int)same[0] : -1;
}

/* The locks whose key starts with this key's root, or whose indexes read it
 * (a superset, for the caller to decide); *count 0 when none. */
static const unsigned *locks_reading_root(const struct function_analysis *fa, const char *key, size_t *count)
{
    *count = 0;
    return fa->lock_by_root ? key_index_find(fa->lock_by_root, key, key_root_length(key), count) : NULL;
}

static unsigned intern_lock(struct function_analysis *fa, struct lock_expr *expr, const char *kind)
{
    char *key = lock_expr_key(expr);
    int same = lock_by_key(fa, key);
    if (same >= 0) {
        free(key);
        lock_expr_free(expr);
        return (unsigned)same;
    }
    ARRAY_RESERVE(fa->locks, fa->lock_capacity, fa->lock_count + 1);
    struct lock_info *info = &fa->locks[fa->lock_count];
    memset(info, 0, sizeof *info);
    info->expr = *expr;
    memset(expr, 0, sizeof *expr);
    info->key = key;
    info->display = lock_expr_display(&info->expr);
    info->kind = kind ? kind : "lock";
    lock_index_new(fa, fa->lock_count);
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
    CXCursor address;     /* the initialiser: `&...`, a function, or a pointer parameter */
    CXCursor source;      /* that parameter (it must not be assigned either), or null */
    bool reassigned;
};

struct alias_table {
    struct alias_entry *items;
    size_t count, capacity;
};


/* What a pointer is initialised with, seen through a comma (`(lock(m), m)`)
 * and through a call to a function that returns its pointer argument
 * (`guard_lock(&q->mu)` returning the mutex it locked). */
static CXCursor alias_initialiser(struct function_analysis *fa, CXCursor init)
{
    for (int depth = 0; depth < 8; depth++) {
        init = cursor_strip(init);
        enum CXCursorKind k = clang_getCursorKind(init);
        if (k == CXCursor_BinaryOperator && cursor_binary_op(init) == CXBinaryOperator_Comma) {
            init = cursor_last_expression_child(init);
            continue;
        }
        if (k != CXCursor_CallExpr)
            return init;
        CXCursor callee = clang_getCursorReferenced(init);
        CXCursor definition = clang_getCursorKind(callee) == CXCursor_FunctionDecl
                                  ? clang_getCursorDefinition(callee) : clang_getNullCursor();
        if (clang_Cursor_isNull(definition))
            return init;
        const struct summary *s = summary_for(fa->session, definition);
        if (!s || !s->analysed || s->returns_param < 0 ||
            s->returns_param >= clang_Cursor_getNumArguments(init))
            return init;
        init = clang_Cursor_getArgument(init, (unsigned)s->returns_param);
    }
    return init;
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
        CXCursor init = alias_initialiser(fa, cursor_last_expression_child(n->cursor));
        bool address = clang_getCursorKind(init) == CXCursor_UnaryOperator &&
                       cursor_unary_op(init) == CXUnaryOperator_AddrOf;
        /* `struct queue *q = arg;`: the object a pointer parameter points to
         * (a callback's context: `q->lock` is `arg`'s lock). */
        CXCursor source = clang_getNullCursor();
        if (clang_getCursorKind(init) == CXCursor_DeclRefExpr &&
            clang_getCursorKind(clang_getCursorReferenced(init)) == CXCursor_ParmDecl &&
            clang_getCanonicalType(clang_getCursorType(init)).kind == CXType_Pointer)
            source = clang_getCursorReferenced(init);
        if (!address && clang_Cursor_isNull(source) &&
            clang_Cursor_isNull(cursor_function_designator(init)))
            continue;
        ARRAY_RESERVE(t->items, t->capacity, t->count + 1);
        t->items[t->count++] = (struct alias_entry){n->cursor, init, source, false};
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
            if (clang_equalCursors(t->items[a].var, var) || clang_equalCursors(t->items[a].source, var))
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
    if (!lock_expr_from_value(&ctx, a->address, value))
        return false;
    if (!clang_Cursor_isNull(a->source) && value->step_count == 0) {
        /* Messages keep the name the code uses (`c->mu`, not `arg->mu`). */
        free(value->root_name);
        value->root_name = cursor_spelling(var);
    }
    return true;
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

/* An effect that applies only for some value of an argument (`helper(s, 0)`
 * where the callee locks only `if (lock_it)`): whether this call rules it
 * out. Taking a lock and giving it back is ruled out only by a constant that
 * fails the test; a release or an acquisition needs a constant that passes
 * it (otherwise the call's effect on the lock is not known: none is applied). */
static bool ruled_out_by_argument(const struct summary_effect *se, CXCursor call)
{
    long long value;
    if (se->if_arg < 0)
        return false;
    if (se->if_arg >= clang_Cursor_getNumArguments(call) ||
        !cursor_int_value(clang_Cursor_getArgument(call, (unsigned)se->if_arg), &value))
        return se->op != LOCK_OP_TAKES;
    return !pred_holds((enum pred_op)se->if_op, value, se->if_constant);
}

/* Applies a callee's summary: its "$i" locks become the caller's arguments. */

static void summary_effects(struct function_analysis *fa, struct node_info *ni, const struct summary *s,
                            CXCursor call, const struct lock_expr *args, unsigned arg_count)
{
    for (unsigned i = 0; i < s->effect_count; i++) {
        const struct summary_effect *se = &s->effects[i];
        if (ruled_out_by_argument(se, call))
            continue;
        struct lock_expr lock;
        if (!lock_expr_substitute(&se->lock, args, arg_count, &lock))
            continue;
        unsigned index = intern_lock(fa, &lock, se->kind);
        add_effect(ni, se->op, se->mode, index, se->success_value, s->name);
        if (s->inferred_pair && !fa->locks[index].inferred_api) {
            fa->locks[index].inferred_api = s->name;
            fa->locks[index].inferred_pair = s->inferred_pair;
        }
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

/* The summary another file exported for a callee with external linkage
 * (--cross-tu), or NULL. The session's on_external_lookup hears of it. */
static const struct summary *external_summary(struct session *session, CXCursor callee)
{
    if ((!session->external_summaries && !session->on_external_lookup) ||
        clang_getCursorLinkage(callee) != CXLinkage_External)
        return NULL;
    CXString usr = clang_getCursorUSR(callee);
    if (session->on_external_lookup)
        session->on_external_lookup(session->external_lookup_data, clang_getCString(usr));
    const struct summary *s = !session->external_summaries ? NULL :
        summary_table_get(session->external_summaries, clang_getCString(usr), false);
    clang_disposeString(usr);
    if (s)
        analysis_uses_external(session);
    return s;
}

/* What a function other than a lock API does to its caller's locks: its
 * annotations, else the summary of its body in this file, else (with
 * --cross-tu) the summary exported by the file that defines it. */
static const struct summary *callee_summary(struct function_analysis *fa, CXCursor function)
{
    const struct summary *s = annotation_summary(fa->session, function);
    if (s)
        return s;
    CXCursor definition = clang_getCursorDefinition(function);
    if (!clang_Cursor_isNull(definition))
        s = summary_for(fa->session, definition);
    else
        s = external_summary(fa->session, function);
    if (s && s->effect_count)
        return s;
    const struct summary *inferred = inferred_lock_api(fa->session, function);
    return inferred ? inferred : s;
}

/* A callee not analysed that locks or unlocks (function_analysis.h): this
 * function would take that for a call that does nothing. */
static void note_broken_callee(struct function_analysis *fa, const struct summary *s,
                               CXCursor at)
{
    if (!s || !s->analysed || !s->broken_lock_function || fa->not_analysed)
        return;
    unsigned line;
    clang_getExpansionLocation(clang_getCursorLocation(at), NULL, &line, NULL, NULL);
    fa->not_analysed = str_printf("line %u: calls '%s', which locks or unlocks in code clang "
                                  "could not build", line, s->name);
    fa->broken_lock_function = true;
}

/* The kind of lock a pointer argument points to, seen through a local
 * pointer initialised with its address (`void *__cancel_arg = &mu`);
 * NULL when it is not a lock type. */
static const char *pointed_lock_kind(struct function_analysis *fa, CXCursor arg)
{
    arg = cursor_strip(arg);
    if (clang_getCursorKind(arg) == CXCursor_DeclRefExpr) {
        const struct alias_entry *a = alias_of(fa, clang_getCursorReferenced(arg));
        if (a)
            arg = cursor_strip(a->address);
    }
    CXType t = clang_getCanonicalType(clang_getCursorType(arg));
    if (t.kind != CXType_Pointer)
        return NULL;
    CXString spelling = clang_getTypeSpelling(clang_getPointeeType(clang_getCursorType(arg)));
    const char *name = clang_getCString(spelling);
    const char *kind = strstr(name, "pthread_mutex_t") || strcmp(name, "mtx_t") == 0 ? "mutex"
                       : strstr(name, "pthread_spinlock_t") ? "spinlock"
                       : strstr(name, "pthread_rwlock_t") ? "rwlock" : NULL;
    clang_disposeString(spelling);
    return kind;
}

/* `pthread_cleanup_pop(1)` runs the handler pushed with a lock's address
 * (`pthread_cleanup_push(unlock_on_cancel, &mu)`): a handler defined
 * where lockcheck cannot see it is taken to release that lock (it is
 * there to unlock it when the thread is cancelled). */
static void collect_unseen_cleanup_handler(struct function_analysis *fa, struct node_info *ni, CXCursor call,
                                           CXCursor pointer_var, CXCursor handler)
{
    char *name = cursor_spelling(pointer_var);
    bool cancel_routine = strcmp(name, "__cancel_routine") == 0;
    free(name);
    if (!cancel_routine || !clang_Cursor_isNull(clang_getCursorDefinition(handler)) ||
        clang_Cursor_getNumArguments(call) != 1)
        return;
    CXCursor arg = clang_Cursor_getArgument(call, 0);
    const char *kind = pointed_lock_kind(fa, arg);
    struct lock_expr lock;
    struct lock_expr_ctx ctx = expr_ctx(fa);
    if (!kind || !lock_expr_from_pointer(&ctx, arg, &lock))
        return;
    unsigned index = intern_lock(fa, &lock, kind);
    add_effect(ni, LOCK_OP_RELEASE, LOCK_MODE_ANY, index, 0, "pthread_cleanup_pop");
}

static void collect_call(struct function_analysis *fa, struct node_info *ni, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    CXCursor pointer_var = clang_getNullCursor();
    if (clang_getCursorKind(callee) == CXCursor_VarDecl) {
        pointer_var = callee;
        callee = function_pointer_target(fa, callee);
    }
    if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return;
    ni->callee = callee;
    char *name = cursor_spelling(callee);
    ni->thread_exit = is_thread_exit_function(name);
    const struct lock_api *api = lock_api_find_in(fa->session->config, name);
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
    if ((!s || s->effect_count == 0) && !clang_Cursor_isNull(pointer_var))
        collect_unseen_cleanup_handler(fa, ni, call, pointer_var, callee);
    if (!s || s->effect_count == 0)
        return;
    struct lock_expr *args;
    unsigned count;
    argument_values(fa, call, &args, &count);
    summary_effects(fa, ni, s, call, args, count);
    free_values(args, count);
}

/* Whether this function releases the lock anywhere, or returns holding it
 * as a wrapper itself (by its name or an annotation). */
static bool takes_over(struct function_analysis *fa, unsigned lock)
{
    for (unsigned i = 0; i < fa->cfg.node_count; i++)
        for (unsigned k = 0; k < fa->info[i].effect_count; k++)
            if (fa->info[i].effects[k].lock == lock && fa->info[i].effects[k].op == LOCK_OP_RELEASE)
                return true;
    if (!name_says_it_locks(fa->name) && !annotation_function_acquires(fa, lock))
        return false;
    for (unsigned i = 0; i < fa->exit_count; i++)
        if (fa->exits[i].locks[lock].mask & LOCK_HELD)
            return true;
    return false;
}

static void note_call_takes_over(struct function_analysis *fa, unsigned node)
{
    char *usr = cursor_usr(fa->info[node].callee);
    struct summary *s = summary_table_get(fa->session->summaries, usr, false);
    free(usr);
    if (!s || s->kept_count == 0)
        return;
    struct lock_expr *args;
    unsigned count;
    argument_values(fa, fa->cfg.nodes[node].cursor, &args, &count);
    for (unsigned k = 0; k < s->kept_count; k++) {
        struct lock_expr lock;
        if (s->kept[k].taken_over_by_caller ||
            !lock_expr_substitute(&s->kept[k].lock, args, count, &lock))
            continue;
        char *key = lock_expr_key(&lock);
        int index = lock_by_key(fa, key);
        if (index >= 0 && takes_over(fa, (unsigned)index))
            s->kept[k].taken_over_by_caller = true;
        free(key);
        lock_expr_free(&lock);
    }
    free_values(args, count);
}

void note_callers_take_over(struct function_analysis *fa)
{
    for (unsigned i = 0; i < fa->cfg.node_count; i++)
        if (fa->cfg.nodes[i].kind == CFG_CALL && !clang_Cursor_isNull(fa->info[i].callee))
            note_call_takes_over(fa, i);
}

/* A cleanup variable leaving scope calls f(&var). */
static void collect_cleanup(struct function_analysis *fa, struct node_info *ni, CXCursor var)
{
    CXCursor function = var_cleanup_function(session_functions(fa->session), var);
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
    size_t count = 0;
    const unsigned *found = fa->var_by_key ? key_index_find(fa->var_by_key, key, strlen(key), &count) : NULL;
    return count ? (int)found[0] : NO_VAR;
}

/* Indexes condition v by its key and by every root it reads: its operands'
 * and their indexes' (what condition_depends_on may match). */
static void cond_index_new(struct function_analysis *fa, unsigned v)
{
    if (!fa->var_by_key) {
        fa->var_by_key = key_index_new();
        fa->var_by_root = key_index_new();
    }
    key_index_add(fa->var_by_key, fa->vars[v], strlen(fa->vars[v]), v);
    index_roots(fa->var_by_root, fa->vars[v], &fa->var_exprs[v], v);
    index_roots(fa->var_by_root, NULL, &fa->var_exprs2[v], v);
}

/* The conditions that may read the lvalue with this key or be it (in the
 * order they were added); a superset, for condition_depends_on to decide. */
static const unsigned *conds_reading_root(const struct function_analysis *fa, const char *key, size_t *count)
{
    *count = 0;
    return fa->var_by_root ? key_index_find(fa->var_by_root, key, key_root_length(key), count) : NULL;
}

/* A global, or anything reached through a pointer, can change in a call. */
static bool changes_in_calls(const struct lock_expr *x)
{
    bool through_pointer = x->root_kind == LOCK_ROOT_GLOBAL;
    for (size_t i = 0; i < x->step_count; i++)
        through_pointer |= x->steps[i].kind == LOCK_STEP_DEREF || x->steps[i].kind == LOCK_STEP_INDEX;
    return through_pointer;
}

/* The tracked condition with this key, added if new: it depends on x (and
 * on y, a comparison's second operand, when y->root_id is set). Takes
 * ownership of key, x and y. */
static int cond_add(struct function_analysis *fa, char *key, struct lock_expr *x, struct lock_expr *y)
{
    int found = cond_find(fa, key);
    if (found != NO_VAR) {
        free(key);
        lock_expr_free(x);
        lock_expr_free(y);
        return found;
    }
    ARRAY_RESERVE(fa->vars, fa->var_capacity, fa->var_count + 1);
    fa->var_exprs = xrealloc(fa->var_exprs, fa->var_capacity * sizeof *fa->var_exprs);
    fa->var_exprs2 = xrealloc(fa->var_exprs2, fa->var_capacity * sizeof *fa->var_exprs2);
    fa->var_volatile = xrealloc(fa->var_volatile, fa->var_capacity * sizeof *fa->var_volatile);
    fa->var_cmp_op = xrealloc(fa->var_cmp_op, fa->var_capacity * sizeof *fa->var_cmp_op);
    fa->var_cmp_constant = xrealloc(fa->var_cmp_constant, fa->var_capacity * sizeof *fa->var_cmp_constant);
    fa->var_cmp_group = xrealloc(fa->var_cmp_group, fa->var_capacity * sizeof *fa->var_cmp_group);
    fa->var_cmp_group[fa->var_count] = (int)fa->var_count;
    fa->var_cmp_op[fa->var_count] = -1;
    fa->var_cmp_constant[fa->var_count] = 0;
    fa->vars[fa->var_count] = key;
    fa->var_exprs[fa->var_count] = *x;
    fa->var_exprs2[fa->var_count] = *y;
    fa->var_volatile[fa->var_count] = changes_in_calls(x) || (y->root_id && changes_in_calls(y));
    cond_index_new(fa, fa->var_count);
    return (int)fa->var_count++;
}

/* The tracked condition for an lvalue tested by a branch (added on first use). */
static int cond_index(struct function_analysis *fa, CXCursor operand)
{
    struct lock_expr x, none = {0};
    if (!lvalue_expr(fa, operand, &x))
        return NO_VAR;
    return cond_add(fa, lock_expr_key(&x), &x, &none);
}

/* `operand op constant` with a non-zero constant or an ordering
 * (`lock_it == LOCK_MUTEX`, `n > 3`) as a tracked condition of its own,
 * keyed by its structure: `!=` is the negation of `==`, `>=` of `<` and `>`
 * of `<=`, so that `if (x == C) lock(); ... if (x != C) {} else unlock();`
 * pairs up. *negated: the comparison is true when the condition is zero. */
static int comparison_cond(struct function_analysis *fa, CXCursor operand, enum pred_op op,
                           long long constant, bool *negated)
{
    struct lock_expr x, none = {0};
    if (!lvalue_expr(fa, operand, &x))
        return NO_VAR;
    *negated = op == PRED_NE || op == PRED_GE || op == PRED_GT;
    enum pred_op base = op == PRED_NE ? PRED_EQ : op == PRED_GE ? PRED_LT : op == PRED_GT ? PRED_LE : op;
    const char *form = base == PRED_EQ ? "==" : base == PRED_LT ? "<" : "<=";
    char *k = lock_expr_key(&x);
    char *key = str_printf("(%s %s #%lld)", k, form, constant);
    int v = cond_add(fa, key, &x, &none);
    if (fa->var_cmp_op[v] < 0) {
        fa->var_cmp_op[v] = (int)base;
        fa->var_cmp_constant[v] = constant;
        for (int u = 0; u < v; u++) {
            char *other = fa->var_cmp_op[u] >= 0 ? lock_expr_key(&fa->var_exprs[u]) : NULL;
            bool same = other && strcmp(other, k) == 0;
            free(other);
            if (same) {
                fa->var_cmp_group[v] = fa->var_cmp_group[u];
                break;
            }
        }
    }
    free(k);
    return v;
}

/* The structural key of a side-effect-free condition made of lvalues and
 * constants with `!`, `&&`, `||`, comparisons and bit tests (`(a && !b)`,
 * `(s->x > 0 || s->y)`); its lvalues go to deps (two at most). NULL when it
 * is anything else. */
static char *condition_key(struct function_analysis *fa, CXCursor e, struct lock_expr *deps, unsigned *ndeps)
{
    e = cursor_strip(e);
    long long c;
    if (cursor_int_value(e, &c))
        return str_printf("#%lld", c);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k == CXCursor_UnaryOperator && cursor_unary_op(e) == CXUnaryOperator_LNot) {
        char *inner = condition_key(fa, cursor_first_child(e), deps, ndeps);
        char *key = inner ? str_printf("!%s", inner) : NULL;
        free(inner);
        return key;
    }
    if (k == CXCursor_BinaryOperator) {
        const char *op;
        switch (cursor_binary_op(e)) {
        case CXBinaryOperator_LAnd: op = "&&"; break;
        case CXBinaryOperator_LOr: op = "||"; break;
        case CXBinaryOperator_EQ: op = "=="; break;
        case CXBinaryOperator_NE: op = "!="; break;
        case CXBinaryOperator_LT: op = "<"; break;
        case CXBinaryOperator_GT: op = ">"; break;
        case CXBinaryOperator_LE: op = "<="; break;
        case CXBinaryOperator_GE: op = ">="; break;
        case CXBinaryOperator_And: op = "&"; break;
        default: return NULL;
        }
        struct cursor_list kids = {0};
        cursor_children(e, &kids);
        char *l = kids.count == 2 ? condition_key(fa, kids.items[0], deps, ndeps) : NULL;
        char *r = l ? condition_key(fa, kids.items[1], deps, ndeps) : NULL;
        cursor_list_free(&kids);
        char *key = l && r ? str_printf("(%s %s %s)", l, op, r) : NULL;
        free(l);
        free(r);
        return key;
    }
    struct lock_expr x;
    if (!lvalue_expr(fa, e, &x))
        return NULL;
    char *key = lock_expr_key(&x);
    for (unsigned i = 0; i < *ndeps; i++) {
        char *other = lock_expr_key(&deps[i]);
        bool same = strcmp(other, key) == 0;
        free(other);
        if (same) {
            lock_expr_free(&x);
            return key;
        }
    }
    if (*ndeps == 2) {
        lock_expr_free(&x);
        free(key);
        return NULL;
    }
    deps[(*ndeps)++] = x;
    return key;
}

/* The outcome node after `a && b` / `a || b`: the whole condition is a
 * tracked condition of its own. */
static void collect_outcome(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    struct lock_expr deps[2] = {{0}, {0}};
    unsigned ndeps = 0;
    char *key = condition_key(fa, fa->cfg.nodes[node].cursor, deps, &ndeps);
    if (!key || ndeps == 0) {
        free(key);
        lock_expr_free(&deps[0]);
        lock_expr_free(&deps[1]);
        return;
    }
    ni->var = cond_add(fa, key, &deps[0], &deps[1]);
}

/* A condition on two lvalues, or on an lvalue's bits (`a == b`,
 * `s->lo < s->hi`, `flags & NEEDS_LOCK`, through macros alike), has no side
 * effects: it is tracked as a condition of its own, keyed by its structure
 * (`a != b` is the negation of `a == b`, `a > b` is `b < a`), so that
 * `if (C) lock(); ... if (C) unlock();` pairs up for such C too. */
static bool composite_condition(struct function_analysis *fa, CXCursor e, struct node_info *ni)
{
    if (clang_getCursorKind(e) != CXCursor_BinaryOperator)
        return false;
    struct cursor_list kids = {0};
    cursor_children(e, &kids);
    if (kids.count != 2) {
        cursor_list_free(&kids);
        return false;
    }
    CXCursor left = kids.items[0], right = kids.items[1];
    cursor_list_free(&kids);
    enum CXBinaryOperatorKind bop = cursor_binary_op(e);
    long long c;
    const char *form;
    bool negated = false, swap = false;
    struct lock_expr x, y = {0};
    if (bop == CXBinaryOperator_And) {
        if (cursor_int_value(left, &c)) {
            CXCursor t = left;
            left = right;
            right = t;
        } else if (!cursor_int_value(right, &c)) {
            return false;
        }
        if (!lvalue_expr(fa, left, &x))
            return false;
        char *k = lock_expr_key(&x);
        char *key = str_printf("(%s & %lld)", k, c);
        free(k);
        ni->source = COND_VAR;
        ni->var = cond_add(fa, key, &x, &y);
        ni->op = PRED_NE;
        ni->constant = 0;
        return true;
    }
    switch (bop) {
    case CXBinaryOperator_EQ: form = "=="; break;
    case CXBinaryOperator_NE: form = "=="; negated = true; break;
    case CXBinaryOperator_LT: form = "<"; break;
    case CXBinaryOperator_GT: form = "<"; swap = true; break;
    case CXBinaryOperator_GE: form = "<"; negated = true; break;
    case CXBinaryOperator_LE: form = "<"; negated = true; swap = true; break;
    default: return false;
    }
    if (cursor_int_value(left, &c) || cursor_int_value(right, &c))
        return false; /* `x OP constant`: the operand itself is the condition */
    if (!lvalue_expr(fa, left, &x))
        return false;
    if (!lvalue_expr(fa, right, &y)) {
        lock_expr_free(&x);
        return false;
    }
    char *kx = lock_expr_key(&x), *ky = lock_expr_key(&y);
    if (swap || (form[0] == '=' && strcmp(kx, ky) > 0)) {
        char *t = kx;
        kx = ky;
        ky = t;
    }
    char *key = str_printf("(%s %s %s)", kx, form, ky);
    free(kx);
    free(ky);
    ni->source = COND_VAR;
    ni->var = cond_add(fa, key, &x, &y);
    ni->op = negated ? PRED_EQ : PRED_NE;
    ni->constant = 0;
    return true;
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

static void push_index(unsigned **items, unsigned *count, unsigned value);

/* `if (mu != NULL) unlock(mu);`: the locks this function reaches through
 * the pointer tested (`*mu`, `mu->lock`), whatever the pointer is (its
 * address may have been given to a helper that picked the lock). Where one
 * of them is held, the pointer was dereferenced to take it: not NULL. */
static void collect_null_test(struct function_analysis *fa, CXCursor operand, struct node_info *ni)
{
    if (clang_getCanonicalType(clang_getCursorType(operand)).kind != CXType_Pointer)
        return;
    struct lock_expr x;
    struct lock_expr_ctx ctx = {.function = fa->function};
    if (!lock_expr_from_value(&ctx, operand, &x))
        return;
    char *key = x.root_kind == LOCK_ROOT_OPAQUE ? NULL : lock_expr_key(&x);
    lock_expr_free(&x);
    if (!key)
        return;
    size_t n = strlen(key), count;
    const unsigned *candidates = locks_reading_root(fa, key, &count);
    for (size_t i = 0; i < count; i++) {
        const char *lk = fa->locks[candidates[i]].key;
        if (strncmp(lk, key, n) == 0 && strncmp(lk + n, "|*", 2) == 0)
            push_index(&ni->null_locks, &ni->null_lock_count, candidates[i]);
    }
    ni->null_on_true = ni->op == PRED_EQ;
    free(key);
}

/* `x`, `!x` (split by the CFG), `x == c`, `c != x`, `(err = lock()) != 0`... */
static void collect_branch(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    CXCursor e = cursor_strip(fa->cfg.nodes[node].cursor);
    ni->op = PRED_NE;
    ni->constant = 0;
    if (composite_condition(fa, e, ni))
        return;
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
        if (ni->constant == 0 && (ni->op == PRED_EQ || ni->op == PRED_NE))
            collect_null_test(fa, operand, ni);
        int v = cond_index(fa, operand);
        if (v != NO_VAR) {
            ni->source = COND_VAR;
            ni->var = v;
        }
        if (v != NO_VAR && (ni->constant != 0 || (ni->op != PRED_EQ && ni->op != PRED_NE)))
            ni->cmp_var = comparison_cond(fa, operand, ni->op, ni->constant, &ni->cmp_negated);
    }
}

/* `switch (status)`: each case is the tracked condition `status == value`,
 * so a case picks the side of a lock's state where the status was set to
 * that value (and the default edge the side where it was none of them).
 * Nothing when a case is not a plain constant. */
static void collect_switch(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    struct cursor_list kids = {0};
    cursor_children(fa->cfg.nodes[node].cursor, &kids);
    CXCursor operand = kids.count >= 2 ? cursor_strip(kids.items[kids.count - 2]) : clang_getNullCursor();
    cursor_list_free(&kids);
    const struct cfg_node *n = &fa->cfg.nodes[node];
    unsigned cases = 0;
    for (unsigned k = 0; k < n->out_count; k++)
        cases += fa->cfg.edges[fa->cfg.out_edges[n->first_out + k]].kind == CFG_EDGE_CASE;
    if (clang_Cursor_isNull(operand) || cases == 0)
        return;
    unsigned *edges = xcalloc(cases, sizeof *edges);
    int *vars = xcalloc(cases, sizeof *vars);
    unsigned count = 0;
    for (unsigned k = 0; k < n->out_count; k++) {
        unsigned e = fa->cfg.out_edges[n->first_out + k];
        if (fa->cfg.edges[e].kind != CFG_EDGE_CASE)
            continue;
        long long value;
        bool negated;
        CXCursor label = fa->cfg.edges[e].label;
        int v = cursor_int_value(cursor_first_child(label), &value)
                    ? comparison_cond(fa, operand, PRED_EQ, value, &negated) : NO_VAR;
        if (v == NO_VAR)
            break;
        edges[count] = e;
        vars[count++] = v;
    }
    if (count < cases) {
        free(edges);
        free(vars);
        return;
    }
    ni->case_edges = edges;
    ni->case_vars = vars;
    ni->case_count = count;
}

/* Whether tracked condition v reads the lvalue with this key (an operand
 * is it, or is reached through it). */
static bool condition_depends_on(const struct function_analysis *fa, unsigned v, const char *key)
{
    for (int k = 0; k < 2; k++) {
        const struct lock_expr *x = k == 0 ? &fa->var_exprs[v] : &fa->var_exprs2[v];
        if (x->root_id && lock_expr_reads(x, key))
            return true;
    }
    return false;
}

/* Appends to a list without a capacity: it doubles when its count reaches
 * a power of two. */
static void push_index(unsigned **items, unsigned *count, unsigned value)
{
    if (*count >= 4 && (*count & (*count - 1)) == 0)
        *items = xrealloc(*items, 2 * (size_t)*count * sizeof **items);
    else if (*count == 0)
        *items = xrealloc(*items, 4 * sizeof **items);
    (*items)[(*count)++] = value;
}

/* The tracked conditions an assignment to `key` changes: those reading it,
 * but the one it assigns (`excluded`). Every assignment to one lvalue
 * changes the same ones, so the list is made once per key and shared by
 * those nodes (a long function assigns `rc` a thousand times, and `rc` may
 * be compared with a hundred constants). */
struct kill_list {
    unsigned *conds;
    unsigned count;
    unsigned var_count;   /* conditions there were when it was made */
};

static const struct kill_list *kills_of(struct function_analysis *fa, const char *key, int excluded)
{
    size_t found = 0;
    const unsigned *slot = fa->kill_lists_by_key
                               ? key_index_find(fa->kill_lists_by_key, key, strlen(key), &found)
                               : NULL;
    if (found && fa->kill_lists[slot[found - 1]].var_count == fa->var_count)
        return &fa->kill_lists[slot[found - 1]];
    if (!fa->kill_lists_by_key)
        fa->kill_lists_by_key = key_index_new();
    ARRAY_RESERVE(fa->kill_lists, fa->kill_list_capacity, fa->kill_list_count + 1);
    struct kill_list *list = &fa->kill_lists[fa->kill_list_count];
    *list = (struct kill_list){.var_count = fa->var_count};
    size_t count;
    const unsigned *candidates = conds_reading_root(fa, key, &count);
    for (size_t i = 0; i < count; i++) {
        unsigned v = candidates[i];
        if ((int)v != excluded && condition_depends_on(fa, v, key))
            push_index(&list->conds, &list->count, v);
    }
    key_index_add(fa->kill_lists_by_key, key, strlen(key), fa->kill_list_count);
    return &fa->kill_lists[fa->kill_list_count++];
}

/* Tracked condition v changes at this node, to unknown. */
static void push_kill(struct node_info *ni, unsigned v)
{
    push_index(&ni->kill_conds, &ni->kill_cond_count, v);
}

/* The truth tracked condition v has after `key = value` when it compares
 * exactly that lvalue with a constant and value is a constant. */
static uint8_t comparison_after_assign(const struct function_analysis *fa, unsigned v, const char *key,
                                       bool known, long long value)
{
    if (!known || fa->var_cmp_op[v] < 0)
        return TRUTH_UNKNOWN;
    char *own = lock_expr_key(&fa->var_exprs[v]);
    bool same = strcmp(own, key) == 0;
    free(own);
    if (!same)
        return TRUTH_UNKNOWN;
    return pred_holds((enum pred_op)fa->var_cmp_op[v], value, fa->var_cmp_constant[v]) ? TRUTH_NONZERO
                                                                                      : TRUTH_ZERO;
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
    size_t n = strlen(from), count;
    const unsigned *candidates = locks_reading_root(fa, from, &count);
    for (size_t i = 0; i < count; i++) {
        unsigned l = candidates[i];
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

/* The constant a called function always returns (its summary says so). */
static bool call_returns_constant(struct function_analysis *fa, CXCursor call, long long *value)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return false;
    CXCursor definition = clang_getCursorDefinition(callee);
    if (clang_Cursor_isNull(definition))
        return false;
    const struct summary *s = summary_for(fa->session, definition);
    if (!s || !s->analysed || !s->returns_constant)
        return false;
    *value = s->return_constant;
    return true;
}

/* `ok = !trylock(&m)`, `r = trylock(&m) == 0`, `busy = trylock(&m) != 0`:
 * a lock call's result tested against its success value and kept. The
 * variable is then non-zero exactly when the call succeeded, or exactly
 * when it failed. */
static bool collect_tested_result(struct function_analysis *fa, unsigned node, CXCursor v,
                                  struct node_info *ni)
{
    bool equal = true;       /* v is (result == c) when true, (result != c) when false */
    long long c = 0;
    bool tested = false;
    for (;;) {
        v = cursor_strip(v);
        enum CXCursorKind k = clang_getCursorKind(v);
        if (k == CXCursor_UnaryOperator && cursor_unary_op(v) == CXUnaryOperator_LNot) {
            equal = tested ? !equal : true;
            tested = true;
            v = cursor_first_child(v);
            continue;
        }
        if (k != CXCursor_BinaryOperator || tested)
            break;
        enum CXBinaryOperatorKind op = cursor_binary_op(v);
        if (op != CXBinaryOperator_EQ && op != CXBinaryOperator_NE)
            break;
        struct cursor_list kids = {0};
        cursor_children(v, &kids);
        bool split = kids.count == 2;
        if (split && cursor_int_value(kids.items[1], &c))
            v = kids.items[0];
        else if (split && cursor_int_value(kids.items[0], &c))
            v = kids.items[1];
        else
            split = false;
        cursor_list_free(&kids);
        if (!split)
            break;
        equal = op == CXBinaryOperator_EQ;
        tested = true;
    }
    if (!tested || clang_getCursorKind(v) != CXCursor_CallExpr)
        return false;
    unsigned call = find_call_node(fa, node, v);
    if (call == NO_NODE_ID)
        return false;
    for (unsigned i = 0; i < fa->info[call].effect_count; i++) {
        const struct lock_effect *e = &fa->info[call].effects[i];
        if ((e->op != LOCK_OP_ACQUIRE && e->op != LOCK_OP_TRY_ACQUIRE) || e->success_value != c)
            continue;
        ni->call_node = call;
        ni->result_form = equal ? RESULT_SUCCESS_NONZERO : RESULT_SUCCESS_ZERO;
        return true;
    }
    return false;
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
    long long assigned;
    bool known = clang_getCursorKind(c) != CXCursor_CompoundAssignOperator && !clang_Cursor_isNull(value) &&
                 cursor_int_value(value, &assigned);
    /* Conditions on a member of what is written, or indexed by it
     * (`items[i]` after `i++`), now test something else; a comparison of
     * it with a constant is decided when a constant is assigned. */
    const struct kill_list *kills = kills_of(fa, key, ni->var);
    ni->kill_conds = kills->conds;
    ni->kill_cond_count = kills->count;
    ni->kill_shared = true;
    for (unsigned i = 0; i < kills->count && known; i++) {
        uint8_t truth = comparison_after_assign(fa, kills->conds[i], key, known, assigned);
        if (truth != TRUTH_UNKNOWN && !ni->kill_truths)
            ni->kill_truths = xcalloc(kills->count, sizeof *ni->kill_truths);  /* TRUTH_UNKNOWN is 0 */
        if (truth != TRUTH_UNKNOWN)
            ni->kill_truths[i] = truth;
    }
    size_t lock_candidates;
    const unsigned *locks = locks_reading_root(fa, key, &lock_candidates);
    for (size_t i = 0; i < lock_candidates; i++)
        if (lock_expr_depends_on(&fa->locks[locks[i]].expr, key))
            push_index(&ni->forget_locks, &ni->forget_lock_count, locks[i]);
    collect_moves(fa, ni, key, value);
    free(key);
    if (ni->var == NO_VAR || clang_Cursor_isNull(value))
        return;
    CXCursor v = cursor_strip(value);
    long long constant;
    if (collect_tested_result(fa, node, v, ni))
        return;
    if (clang_getCursorKind(v) == CXCursor_CallExpr) {
        unsigned call = find_call_node(fa, node, v);
        if (call != NO_NODE_ID && fa->info[call].effect_count)
            ni->call_node = call;
        if (call_returns_constant(fa, v, &constant))
            ni->assigned_truth = constant ? TRUTH_NONZERO : TRUTH_ZERO;
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

/* Whether code is spelled with an errno-style name (`return ENOMEM;`,
 * `-EINVAL`): an identifier token of E and capitals or digits. */
static bool spelled_with_errno_name(struct function_analysis *fa, CXCursor written)
{
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(fa->session->unit.cx, clang_getCursorExtent(written), &tokens, &count);
    bool found = false;
    for (unsigned i = 0; i < count && !found; i++) {
        if (clang_getTokenKind(tokens[i]) != CXToken_Identifier)
            continue;
        CXString spelling = clang_getTokenSpelling(fa->session->unit.cx, tokens[i]);
        const char *s = clang_getCString(spelling);
        bool errno_like = s[0] == 'E' && s[1] >= 'A' && s[1] <= 'Z';
        for (const char *c = s + 1; errno_like && *c; c++)
            errno_like = (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9');
        found = errno_like;
        clang_disposeString(spelling);
    }
    clang_disposeTokens(fa->session->unit.cx, tokens, count);
    return found;
}

/* A returned constant that says "failed": NULL from a function returning a
 * pointer, false from one returning bool, a negative number, an errno name
 * (looked for in the tokens of `written`, the return statement). */
static bool is_failure_value(struct function_analysis *fa, CXCursor written, long long constant)
{
    if (constant < 0)
        return true;
    if (constant == 0) {
        enum CXTypeKind k = clang_getCanonicalType(clang_getCursorResultType(fa->function)).kind;
        if (k == CXType_Pointer || k == CXType_Bool)
            return true;
    }
    return constant > 0 && spelled_with_errno_name(fa, written);
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
        /* The statement's tokens: a value from a macro has its extent in the
         * macro's header, the return statement is where it is written. */
        ni->failure = is_failure_value(fa, fa->cfg.nodes[node].cursor, ni->value);
        return;
    }
    char *key = lvalue_key(fa, value);
    if (key)
        ni->var = cond_find(fa, key);
    free(key);
}

/* Calls fn on every reachable return; false as soon as fn does, or when
 * control can fall off the closing brace (no value returned there). */
static bool each_return(struct function_analysis *fa,
                        bool (*fn)(struct function_analysis *fa, unsigned node, void *data), void *data)
{
    for (unsigned r = 0; r < fa->cfg.rpo_count; r++) {
        unsigned node = fa->cfg.rpo[r];
        enum cfg_node_kind kind = fa->cfg.nodes[node].kind;
        if (kind == CFG_END_OF_BODY || (kind == CFG_RETURN && !fn(fa, node, data)))
            return false;
    }
    return true;
}

/* Whether a statement of the function assigns the variable. */
static bool is_assigned(const struct function_analysis *fa, CXCursor var)
{
    for (unsigned i = 0; i < fa->cfg.node_count; i++) {
        const struct cfg_node *n = &fa->cfg.nodes[i];
        if (n->kind != CFG_ASSIGN || clang_getCursorKind(n->cursor) == CXCursor_VarDecl)
            continue;
        CXCursor lhs = cursor_strip(cursor_first_child(n->cursor));
        if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr &&
            clang_equalCursors(clang_getCursorReferenced(lhs), var))
            return true;
    }
    return false;
}

static bool returns_same_parameter(struct function_analysis *fa, unsigned node, void *data)
{
    int *param = data;
    CXCursor value = cursor_strip(cursor_first_child(fa->cfg.nodes[node].cursor));
    CXCursor decl = clang_getCursorReferenced(value);
    if (clang_getCursorKind(value) != CXCursor_DeclRefExpr ||
        clang_getCursorKind(decl) != CXCursor_ParmDecl ||
        clang_getCanonicalType(clang_getCursorType(decl)).kind != CXType_Pointer)
        return false;
    int index = -1;
    for (int i = 0; i < clang_Cursor_getNumArguments(fa->function); i++)
        if (clang_equalCursors(clang_Cursor_getArgument(fa->function, (unsigned)i), decl))
            index = i;
    if (index < 0 || (*param >= 0 && index != *param) || cfg_is_address_taken(&fa->cfg, decl))
        return false;
    *param = index;
    return true;
}

/* Every reachable return gives back the same pointer parameter, never
 * assigned: `pthread_mutex_t *guard_lock(pthread_mutex_t *m) { ...; return m; }`. */
static void find_parameter_return(struct function_analysis *fa)
{
    int param = -1;
    fa->returns_param = -1;
    if (each_return(fa, returns_same_parameter, &param) && param >= 0 &&
        !is_assigned(fa, clang_Cursor_getArgument(fa->function, (unsigned)param)))
        fa->returns_param = param;
}

static bool returns_same_constant(struct function_analysis *fa, unsigned node, void *data)
{
    unsigned *returns = data;
    const struct node_info *ni = &fa->info[node];
    if (!ni->has_value || (*returns && ni->value != fa->return_constant))
        return false;
    fa->return_constant = ni->value;
    (*returns)++;
    return true;
}

/* Every reachable return gives the same constant, and control never falls
 * off the end: `static int ctx_lock(void) { lock(&m); return 1; }`. */
static void find_constant_return(struct function_analysis *fa)
{
    unsigned returns = 0;
    fa->returns_constant = each_return(fa, returns_same_constant, &returns) && returns > 0;
}

/* The variable whose address a call argument passes (`&flag`, `&s->state`). */
static char *address_passed(struct function_analysis *fa, CXCursor arg)
{
    arg = cursor_strip(arg);
    if (clang_getCursorKind(arg) != CXCursor_UnaryOperator || cursor_unary_op(arg) != CXUnaryOperator_AddrOf)
        return NULL;
    struct lock_expr x;
    struct lock_expr_ctx ctx = {.function = fa->function};
    if (!lock_expr_from_value(&ctx, cursor_first_child(arg), &x))
        return NULL;
    char *key = x.root_kind == LOCK_ROOT_OPAQUE ? NULL : lock_expr_key(&x);
    lock_expr_free(&x);
    return key;
}

/* A call given the address of a tracked condition's operand may change it:
 * the correlation it made between the lock and the condition ends there.
 * (Other calls keep it: lockcheck does not look into what callees write.) */
static void collect_escaping_operands(struct function_analysis *fa, unsigned node, struct node_info *ni)
{
    CXCursor call = fa->cfg.nodes[node].cursor;
    int n = clang_Cursor_getNumArguments(call);
    for (int a = 0; a < n; a++) {
        char *key = address_passed(fa, clang_Cursor_getArgument(call, (unsigned)a));
        if (!key)
            continue;
        size_t count;
        const unsigned *candidates = conds_reading_root(fa, key, &count);
        for (size_t i = 0; i < count; i++) {
            unsigned v = candidates[i];
            if (strcmp(fa->vars[v], key) == 0 || condition_depends_on(fa, v, key))
                push_kill(ni, v);
        }
        free(key);
    }
}

/* Whether a called function is known to write nothing its caller can see:
 * a lock API, a function that does not return, or a body in this file that
 * writes only its own locals and calls only such functions. */
static bool call_keeps_memory(struct function_analysis *fa, unsigned node)
{
    const struct node_info *ni = &fa->info[node];
    if (ni->lock_api_call || fa->cfg.nodes[node].noreturn)
        return true;
    if (clang_Cursor_isNull(ni->callee))
        return false;
    CXCursor definition = clang_getCursorDefinition(ni->callee);
    if (clang_Cursor_isNull(definition))
        return false;
    const struct summary *s = summary_for(fa->session, definition);
    return s && s->analysed && !s->writes_memory;
}

/* An assignment to something other than a local variable whose address
 * is not taken. */
static bool assign_writes_memory(struct function_analysis *fa, unsigned node)
{
    CXCursor c = fa->cfg.nodes[node].cursor;
    if (clang_getCursorKind(c) == CXCursor_VarDecl)
        return clang_Cursor_getStorageClass(c) == CX_SC_Static;
    CXCursor lhs = cursor_strip(cursor_first_child(c));
    if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr)
        return true;
    CXCursor var = clang_getCursorReferenced(lhs);
    enum CXCursorKind k = clang_getCursorKind(var);
    if (k == CXCursor_ParmDecl)
        return cfg_is_address_taken(&fa->cfg, var);
    return k != CXCursor_VarDecl || clang_Cursor_hasVarDeclGlobalStorage(var) ||
           cfg_is_address_taken(&fa->cfg, var);
}

static void find_memory_writes(struct function_analysis *fa)
{
    fa->writes_memory = false;
    for (unsigned i = 0; i < fa->cfg.node_count; i++) {
        enum cfg_node_kind k = fa->cfg.nodes[i].kind;
        if (k == CFG_CALL) {
            fa->info[i].keeps_memory = call_keeps_memory(fa, i);
            fa->writes_memory |= !fa->info[i].keeps_memory;
        } else if (k == CFG_ASSIGN) {
            fa->writes_memory |= assign_writes_memory(fa, i);
        }
    }
}

void collect(struct function_analysis *fa)
{
    struct cfg *g = &fa->cfg;
    fa->info = xcalloc(g->node_count + 1, sizeof *fa->info);
    for (unsigned i = 0; i < g->node_count; i++) {
        fa->info[i].var = NO_VAR;
        fa->info[i].copied_var = NO_VAR;
        fa->info[i].cmp_var = NO_VAR;
        fa->info[i].call_node = NO_NODE_ID;
        fa->info[i].callee = clang_getNullCursor();
    }
    /* Calls and cleanups first: conditions and assignments refer to them. */
    for (unsigned i = 0; i < g->node_count; i++) {
        if (g->nodes[i].kind == CFG_CALL)
            collect_call(fa, &fa->info[i], g->nodes[i].cursor);
        else if (g->nodes[i].kind == CFG_CLEANUP)
            collect_cleanup(fa, &fa->info[i], g->nodes[i].cursor);
    }
    find_memory_writes(fa);
    for (unsigned i = 0; i < g->node_count; i++) {
        if (g->nodes[i].kind == CFG_BRANCH)
            collect_branch(fa, i, &fa->info[i]);
        else if (g->nodes[i].kind == CFG_SWITCH)
            collect_switch(fa, i, &fa->info[i]);
        else if (g->nodes[i].kind == CFG_JOIN && g->nodes[i].outcome != CFG_OUTCOME_NONE)
            collect_outcome(fa, i, &fa->info[i]);
    }
    for (unsigned i = 0; i < g->node_count; i++)
        if (g->nodes[i].kind == CFG_RETURN)
            collect_return(fa, i, &fa->info[i]);
    find_constant_return(fa);
    find_parameter_return(fa);
    for (unsigned i = 0; i < g->node_count; i++)
        if (g->nodes[i].kind == CFG_ASSIGN)
            collect_assign(fa, i, &fa->info[i]);
    for (unsigned i = 0; i < g->node_count; i++)
        if (g->nodes[i].kind == CFG_CALL && fa->var_count)
            collect_escaping_operands(fa, i, &fa->info[i]);
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
        lock_expr_free(&fa->var_exprs2[i]);
    }
    free(fa->var_exprs2);
    free(fa->vars);
    free(fa->var_exprs);
    free(fa->var_volatile);
    free(fa->var_cmp_op);
    free(fa->var_cmp_constant);
    free(fa->var_cmp_group);
    key_index_free(fa->var_by_key);
    key_index_free(fa->var_by_root);
    key_index_free(fa->lock_by_key);
    key_index_free(fa->lock_by_root);
    for (size_t i = 0; i < fa->kill_list_count; i++)
        free(fa->kill_lists[i].conds);
    free(fa->kill_lists);
    key_index_free(fa->kill_lists_by_key);
    if (fa->aliases) {
        free(fa->aliases->items);
        free(fa->aliases);
    }
    if (fa->info)
        for (unsigned i = 0; i < fa->cfg.node_count; i++) {
            free(fa->info[i].effects);
            if (!fa->info[i].kill_shared)
                free(fa->info[i].kill_conds);
            free(fa->info[i].kill_truths);
            free(fa->info[i].null_locks);
            free(fa->info[i].case_edges);
            free(fa->info[i].case_vars);
            free(fa->info[i].forget_locks);
            free(fa->info[i].move_from);
            free(fa->info[i].move_to);
        }
    free(fa->info);
}
