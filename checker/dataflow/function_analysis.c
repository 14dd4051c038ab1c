/*
 * function_analysis.c: the per-function lock analysis: entry points, the
 * memo of analyses in progress (each one is freed once its summary is in
 * the session's table), and the helpers rules report with.
 *
 *   cfg_build -> collect (locks, effects, tracked variables, conditions)
 *   -> forward dataflow to a fixpoint (join at merge points, no path
 *      enumeration) -> one replay that tells the lock facts and the
 *      session's observers about lock events
 *   -> exit states -> summary for callers (plain data) -> analysis freed.
 *
 * The cost is linear in the size of the function times the number of locks
 * it touches; loops converge in a few sweeps of the reverse post-order.
 */
#include "dataflow/function_analysis.h"

#include <stdlib.h>
#include <string.h>

#include "annotations/annotations.h"
#include "ast/cursor_util.h"
#include "ast/invalid_code.h"
#include "ast/recursive_mutex.h"
#include "ast/session.h"
#include "cfg/cfg_search.h"
#include "config/config.h"
#include "dataflow/annotation_facts.h"
#include "dataflow/node_info.h"
#include "dataflow/summarise.h"
#include "dataflow/var_map.h"
#include "summary/summary.h"
#include "util/memory.h"

/* Lock facts the states of one function may hold in all, unless
 * --analysis-budget says otherwise (session.analysis_budget). */
#define LOCK_STATE_BUDGET ((size_t)16 * 1000 * 1000)

/* ---- entry points ------------------------------------------------------------------- */

/* Whether a function's body calls a lock API: read from its tokens, since
 * clang drops a call it could not build (`pthread_mutex_unlock(undeclared)`). */
static bool calls_lock_function(struct session *session, CXCursor definition)
{
    CXToken *tokens;
    unsigned count;
    clang_tokenize(session->unit.cx, clang_getCursorExtent(definition), &tokens, &count);
    bool found = false;
    for (unsigned i = 0; i + 1 < count && !found; i++) {
        if (clang_getTokenKind(tokens[i]) != CXToken_Identifier)
            continue;
        CXString next = clang_getTokenSpelling(session->unit.cx, tokens[i + 1]);
        bool call = strcmp(clang_getCString(next), "(") == 0;
        clang_disposeString(next);
        if (!call)
            continue;
        CXString name = clang_getTokenSpelling(session->unit.cx, tokens[i]);
        found = lock_api_find_in(session->config, clang_getCString(name)) != NULL;
        clang_disposeString(name);
    }
    clang_disposeTokens(session->unit.cx, tokens, count);
    return found;
}

static struct function_analysis *run_analysis(struct session *session, CXCursor definition)
{
    struct function_analysis *fa = xcalloc(1, sizeof *fa);
    fa->session = session;
    fa->function = definition;
    fa->name = cursor_spelling(definition);
    fa->returns_param = -1;
    /* Compile errors that make the body untrustworthy: no findings, and an
     * empty summary (driver/check_tu.c says why on standard error). */
    fa->not_analysed = invalid_code_reason(session->unit.cx, &session->unit.errors, definition);
    if (fa->not_analysed) {
        fa->broken_lock_function = calls_lock_function(session, definition);
        return fa;
    }
    function_cfg(session, definition, &fa->cfg);
    if (fa->cfg.node_count == 0)
        return fa;
    fa->reporting =
        session_reports_in(session, definition) && !annotation_no_analysis(session, definition);
    fa->is_thread_entry = session_is_thread_entry(session, definition);
    collect(fa);
    annotation_collect(fa);
    if (fa->not_analysed) /* collect met a call to a broken lock function */
        return fa;
    if (fa->lock_count == 0 && !annotation_wants_dataflow(fa)) {
        observers_function_end(fa);
        return fa;
    }
    /* The states take block heads x locks facts (the tracked conditions'
     * facts are shared between states, var_map.h: they grow with what the
     * function's statements change, not with heads x conditions). Real
     * functions stay far below the budget; a generated one with thousands of
     * distinct locks is skipped, with a remark, rather than eating gigabytes. */
    unsigned heads = find_block_heads(fa);
    size_t facts = (size_t)heads * fa->lock_count;
    size_t budget = session->analysis_budget ? session->analysis_budget : LOCK_STATE_BUDGET;
    if (facts > budget) {
        if (fa->reporting) {
            struct source_pos pos = cursor_pos(&session->unit, definition);
            session_remark(session, str_printf("%s:%u: '%s' not analysed: %u block heads (of %u CFG nodes) "
                                     "x %u locks = %zu lock facts, "
                                     "beyond the analysis budget of %zu million "
                                     "(--analysis-budget=N raises it)",
                                     pos.file, pos.line, fa->name, heads, fa->cfg.node_count,
                                     fa->lock_count, facts, budget / 1000000));
        }
        return fa;
    }
    run_dataflow(fa);
    replay(fa);
    note_callers_take_over(fa);
    return fa;
}


/* ---- the memo: analyses in progress --------------------------------------------------- */

/* The functions being analysed, innermost last: an analysis asks for its
 * callees' summaries, which may be analysed in turn. Only these analyses
 * are alive at a time; each is freed once its summary and findings are out,
 * so memory follows the deepest chain of calls, not the file. */
struct analysis_memo {
    char **in_progress;   /* USRs */
    bool *uses_external;  /* ... whether what it read so far came from another file */
    size_t count, capacity, flag_capacity;
};

static bool memo_in_progress(const struct session *session, const char *usr)
{
    const struct analysis_memo *m = session->memo;
    for (size_t i = 0; m && i < m->count; i++)
        if (strcmp(m->in_progress[i], usr) == 0)
            return true;
    return false;
}

static void memo_push(struct session *session, char *usr)
{
    if (!session->memo)
        session->memo = xcalloc(1, sizeof *session->memo);
    struct analysis_memo *m = session->memo;
    ARRAY_RESERVE(m->in_progress, m->capacity, m->count + 1);
    ARRAY_RESERVE(m->uses_external, m->flag_capacity, m->count + 1);
    m->uses_external[m->count] = false;
    m->in_progress[m->count++] = usr;
}

void analysis_uses_external(struct session *session)
{
    struct analysis_memo *m = session->memo;
    if (m && m->count > 0)
        m->uses_external[m->count - 1] = true;
}

static void memo_pop(struct session *session)
{
    struct analysis_memo *m = session->memo;
    free(m->in_progress[--m->count]);
}

void analysis_memo_free(struct analysis_memo *memo)
{
    if (!memo)
        return;
    for (size_t i = 0; i < memo->count; i++)
        free(memo->in_progress[i]);
    free(memo->in_progress);
    free(memo->uses_external);
    free(memo);
}

const struct summary *summary_for(struct session *session, CXCursor definition)
{
    char *usr = cursor_usr(definition);
    struct summary *s = summary_table_get(session->summaries, usr, true);
    if (s->analysed || memo_in_progress(session, usr)) {
        free(usr);
        if (s->analysed && s->uses_external)
            analysis_uses_external(session); /* the caller in progress reads it */
        return s->analysed ? s : NULL;
    }
    memo_push(session, usr);
    s->name = cursor_spelling(definition);
    struct function_analysis *fa = run_analysis(session, definition);
    summary_from_exits(s, fa);
    summary_record_facts(s, fa);
    s->uses_external = session->memo->uses_external[session->memo->count - 1];
    memo_pop(session);
    function_analysis_free(fa);
    if (s->uses_external)
        analysis_uses_external(session);
    return s;
}

const struct summary *analyze_function(struct session *session, CXCursor definition)
{
    return summary_for(session, definition);
}

void function_cfg(struct session *session, CXCursor definition, struct cfg *out)
{
    struct cfg_access_hook hook = annotation_cfg_hook(session);
    if (!cfg_build_with_accesses(definition, session_functions(session), out, &hook))
        out->node_count = 0;
}

void function_analysis_free(struct function_analysis *fa)
{
    if (!fa)
        return;
    collect_free(fa);
    lock_dataflow_free(fa);
    annotation_facts_free(fa->annotations);
    cfg_free(&fa->cfg);
    free(fa->name);
    free(fa->not_analysed);
    free(fa);
}

/* ---- for rules ------------------------------------------------------------------------ */

struct source_pos fa_node_pos(struct function_analysis *fa, unsigned node)
{
    return cfg_node_pos(&fa->session->unit, &fa->cfg, node);
}

struct finding *fa_report(struct function_analysis *fa, const struct rule_description *rule,
                          unsigned node, const char *message)
{
    if (!fa->reporting)
        return NULL;
    return report_at(fa->session, rule, fa_node_pos(fa, node), message);
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
        fa_note_inferred(fa, f, lock, fact->acquired_at);
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

void fa_note_inferred(struct function_analysis *fa, struct finding *f, unsigned lock, unsigned node)
{
    const struct lock_info *info = &fa->locks[lock];
    if (!f || !info->inferred_api || node == NO_NODE_ID)
        return;
    char *msg = str_printf("'%s' and '%s' are taken for a lock API from their names (inferred; "
                           "'lock-functions' or 'infer-lock-apis: false' in .lockcheck.yml "
                           "change that)",
                           info->inferred_api, info->inferred_pair);
    fa_note(fa, f, node, msg);
    free(msg);
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

bool fa_lock_is_recursive(struct function_analysis *fa, unsigned lock)
{
    struct lock_info *info = &fa->locks[lock];
    if (info->recursion == 0)
        info->recursion = lock_is_recursive(fa->session, &info->expr) ? 2 : 1;
    return info->recursion == 2;
}

static enum pred_op negate_pred(enum pred_op op)
{
    switch (op) {
    case PRED_EQ: return PRED_NE;
    case PRED_NE: return PRED_EQ;
    case PRED_LT: return PRED_GE;
    case PRED_GE: return PRED_LT;
    case PRED_LE: return PRED_GT;
    case PRED_GT: return PRED_LE;
    }
    return op;
}

uint8_t fa_var_truth(const struct function_analysis *fa, const struct var_map *vars, unsigned v)
{
    const struct var_fact *f = var_map_get(vars, v);
    if (f->truth != TRUTH_UNKNOWN || fa->var_cmp_op[v] != PRED_EQ)
        return f->truth;
    uint32_t equal = var_map_get(vars, (unsigned)fa->var_cmp_group[v])->equal_to;
    return equal != NO_CONDITION && equal != v ? TRUTH_ZERO : TRUTH_UNKNOWN;
}

bool fa_is_parameter_test(const struct function_analysis *fa, unsigned v)
{
    const struct lock_expr *x = &fa->var_exprs[v];
    return x->root_kind == LOCK_ROOT_PARAM && !x->step_count && !fa->var_exprs2[v].root_id;
}

int fa_parameter_test(const struct function_analysis *fa, unsigned v, uint8_t truth,
                      enum pred_op *op, long long *constant)
{
    const struct lock_expr *x = &fa->var_exprs[v];
    if (truth == TRUTH_UNKNOWN || !fa_is_parameter_test(fa, v))
        return -1;
    bool nonzero = truth == TRUTH_NONZERO;
    if (fa->var_cmp_op[v] < 0) {
        *op = nonzero ? PRED_NE : PRED_EQ;
        *constant = 0;
    } else {
        *op = nonzero ? (enum pred_op)fa->var_cmp_op[v] : negate_pred((enum pred_op)fa->var_cmp_op[v]);
        *constant = fa->var_cmp_constant[v];
    }
    return atoi(x->root_id + 1);
}

/* Tracked condition v is a parameter's field (not a comparison): it may be
 * a hold record. */
static bool may_be_hold_record(const struct function_analysis *fa, unsigned v)
{
    const struct lock_expr *x = &fa->var_exprs[v];
    return x->root_kind == LOCK_ROOT_PARAM && x->step_count >= 2 && !fa->var_exprs2[v].root_id &&
           fa->var_cmp_op[v] < 0;
}

/* Every tracked condition that is a parameter's field the function sets
 * both to a non-zero constant and to zero, in one pass over the nodes. */
void fa_list_hold_records(struct function_analysis *fa)
{
    uint8_t *assigned = xcalloc(fa->var_count + 1, 1);  /* bit 0: set, bit 1: cleared */
    for (unsigned i = 0; i < fa->cfg.node_count; i++) {
        const struct node_info *ni = &fa->info[i];
        if (fa->cfg.nodes[i].kind != CFG_ASSIGN || ni->var == NO_VAR)
            continue;
        assigned[ni->var] |= (ni->assigned_truth == TRUTH_NONZERO ? 1 : 0) | (ni->assigned_truth == TRUTH_ZERO ? 2 : 0);
    }
    fa->hold_records = xmalloc((fa->var_count + 1) * sizeof *fa->hold_records);
    fa->hold_record_count = 0;
    for (unsigned v = 0; v < fa->var_count; v++)
        if (assigned[v] == 3 && may_be_hold_record(fa, v))
            fa->hold_records[fa->hold_record_count++] = v;
    free(assigned);
}

bool fa_hold_recorded(const struct function_analysis *fa, const struct var_map *vars)
{
    for (unsigned k = 0; k < fa->hold_record_count; k++)
        if (var_map_get(vars, fa->hold_records[k])->truth == TRUTH_NONZERO)
            return true;
    return false;
}

bool fa_hold_recorded_at_exit(const struct function_analysis *fa, const struct exit_state *x, unsigned lock)
{
    const struct lock_fact *f = &x->locks[lock];
    for (unsigned k = 0; k < fa->hold_record_count; k++) {
        unsigned v = fa->hold_records[k];
        if (var_map_get(&x->vars, v)->truth == TRUTH_NONZERO)
            return true;
        /* Held exactly on the side where the record is set. */
        uint32_t bit = v < MAX_GUARD_VARS ? 1u << v : 0;
        if (!(f->guard_vars & bit))
            continue;
        bool a_nonzero = (f->guard_nonzero & bit) != 0;
        uint8_t set_side = a_nonzero ? f->side_a : f->side_b, clear_side = a_nonzero ? f->side_b : f->side_a;
        if (!(clear_side & LOCK_HELD) && (set_side & LOCK_HELD))
            return true;
    }
    return false;
}
