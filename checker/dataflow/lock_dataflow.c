/*
 * lock_dataflow.c: the forward lock-state dataflow of one function.
 *
 * States (lock_state.h) are joined at merge points, never enumerated per
 * path; the fixpoint sweeps the CFG in reverse post-order until nothing
 * changes (loops converge in a few sweeps; MAX_SWEEPS bounds it). Only
 * block heads keep a state (a join, a branch's target, the entry): a node
 * that merely continues its predecessor gets its state by walking the
 * block from its head, so that memory grows with the branches, not with
 * the statements. Then one
 * replay visits each reachable node with its fixpoint state, records the
 * exit states, and tells each lock event to the engine's lock facts
 * (lock_facts.c) and to the session's observers (the rules).
 */
#define _GNU_SOURCE /* qsort_r */
#include "dataflow/node_info.h"

#include <stdlib.h>
#include <string.h>

#include "annotations/annotations.h"
#include "ast/cursor_util.h"
#include "ast/session.h"
#include "cfg/cfg_search.h"
#include "dataflow/annotation_facts.h"
#include "dataflow/lock_facts.h"
#include "dataflow/observer.h"
#include "dataflow/var_map.h"
#include "summary/summary.h"
#include "util/memory.h"

#define MAX_SWEEPS 64  /* fixpoint sweeps of the reverse post-order, at most */
/* Branches a block continues through, at most: each edge leaving the block
 * from a branch inside it is evaluated by walking the block from its head
 * to that branch, so a block of `if (x == i) return;` a thousand long
 * would cost quadratic time, and its states would not share their facts. */
#define MAX_BLOCK_BRANCHES 8

/* ---- states ------------------------------------------------------------------- */

static void state_alloc(struct function_analysis *fa, struct lock_state *s)
{
    s->reached = false;
    s->locks = xcalloc(fa->lock_count + 1, sizeof *s->locks);
    var_map_init(&s->vars, fa->var_count);
}

static void state_free(struct lock_state *s)
{
    free(s->locks);
    var_map_clear(&s->vars);
}

static void state_copy(struct function_analysis *fa, struct lock_state *dst, const struct lock_state *src)
{
    dst->reached = src->reached;
    memcpy(dst->locks, src->locks, fa->lock_count * sizeof *dst->locks);
    var_map_assign(&dst->vars, &src->vars);
}

static const struct var_fact *var_get(const struct lock_state *s, int v)
{
    return var_map_get(&s->vars, (unsigned)v);
}

/* What the path knows of v's truth (fa_var_truth). */
static uint8_t truth_of(const struct function_analysis *fa, const struct lock_state *s, int v)
{
    return fa_var_truth(fa, &s->vars, (unsigned)v);
}

static struct var_fact *var_set(struct lock_state *s, int v)
{
    return var_map_set(&s->vars, (unsigned)v);
}

/* A lock nothing is known about: as at entry. */
static void fact_reset(struct lock_fact *f)
{
    memset(f, 0, sizeof *f);
    f->mask = LOCK_ENTRY;
    f->acquired_at = f->released_at = f->branch_at = f->mixed_at = NO_NODE_ID;
}

static void state_entry(struct function_analysis *fa, struct lock_state *s)
{
    s->reached = true;
    for (unsigned i = 0; i < fa->lock_count; i++)
        fact_reset(&s->locks[i]);
    var_map_clear(&s->vars);   /* every condition unknown */
    annotation_entry_state(fa, s);
}

static uint32_t min_node(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

static void unguard(struct lock_fact *f)
{
    f->guard_vars = f->guard_nonzero = 0;
    f->side_a = f->side_b = 0;
}

/* ---- joins -------------------------------------------------------------------- *
 *
 * A node's state is the join of the states on all its incoming edges at
 * once (not accumulated pair by pair, which would make guards depend on the
 * order paths arrive in). For each lock, every incoming state contributes
 * its mask, or its two guarded sides with the conditions that select them;
 * tracked conditions whose truth is known in every contribution and that
 * split them the same way become the guard of the result. */

struct contribution {
    uint8_t mask;
    const struct var_map *vars;
    uint32_t fixed_vars, fixed_nonzero;  /* truths a guarded side implies */
};

static uint8_t contribution_truth(const struct contribution *c, unsigned v)
{
    uint32_t bit = 1u << v;
    if (c->fixed_vars & bit)
        return c->fixed_nonzero & bit ? TRUTH_NONZERO : TRUTH_ZERO;
    return var_map_get(c->vars, v)->truth;
}

static unsigned contributions_of(const struct lock_state *const *in, unsigned count, unsigned lock,
                                 struct contribution *out)
{
    unsigned n = 0;
    for (unsigned i = 0; i < count; i++) {
        const struct lock_fact *f = &in[i]->locks[lock];
        if (!f->guard_vars) {
            out[n++] = (struct contribution){f->mask, &in[i]->vars, 0, 0};
            continue;
        }
        if (f->side_a)
            out[n++] = (struct contribution){f->side_a, &in[i]->vars, f->guard_vars, f->guard_nonzero};
        if (f->side_b)
            out[n++] = (struct contribution){f->side_b, &in[i]->vars, f->guard_vars,
                                             f->guard_vars & ~f->guard_nonzero};
    }
    return n;
}

/* Whether every contribution knows v, and both truths occur. A path that
 * does not hold the lock may not know v: it is on both sides (`goto done`
 * before `if (s->async) lock(...)`, where done tests s->async). */
static bool splits(const struct contribution *c, unsigned n, unsigned v)
{
    bool zero = false, nonzero = false;
    for (unsigned i = 0; i < n; i++) {
        uint8_t t = contribution_truth(&c[i], v);
        if (t == TRUTH_UNKNOWN && !(c[i].mask & LOCK_HELD))
            continue;
        if (t == TRUTH_UNKNOWN)
            return false;
        zero |= t == TRUTH_ZERO;
        nonzero |= t == TRUTH_NONZERO;
    }
    return zero && nonzero;
}

static void join_guard(struct function_analysis *fa, struct lock_fact *r, const struct lock_state *const *in,
                       unsigned count, unsigned lock, uint32_t split_vars, struct contribution *c)
{
    unguard(r);
    if (count == 1) {
        const struct lock_fact *f = &in[0]->locks[lock];
        r->guard_vars = f->guard_vars;
        r->guard_nonzero = f->guard_nonzero;
        r->side_a = f->side_a;
        r->side_b = f->side_b;
        return;
    }
    /* Conditions that can split: those the states disagree on, and those a
     * guarded state fixes on each side. */
    uint32_t candidates = split_vars;
    for (unsigned i = 0; i < count; i++)
        candidates |= in[i]->locks[lock].guard_vars;
    if (!candidates)
        return;
    unsigned n = contributions_of(in, count, lock, c);
    unsigned limit = fa->var_count < MAX_GUARD_VARS ? fa->var_count : MAX_GUARD_VARS;
    /* The condition that tells the lock's states apart best: the one whose
     * two sides differ most (a flag about something else splits the paths
     * too, but into sides that look alike). */
    int best = -1;
    int best_score = -1;
    uint8_t best_a = 0, best_b = 0;
    for (unsigned v = 0; v < limit; v++) {
        if (!(candidates & (1u << v)) || !splits(c, n, v))
            continue;
        uint8_t a = 0, b = 0;
        for (unsigned i = 0; i < n; i++) {
            uint8_t t = contribution_truth(&c[i], v);
            if (t != TRUTH_ZERO)
                a |= c[i].mask;
            if (t != TRUTH_NONZERO)
                b |= c[i].mask;
        }
        int score = __builtin_popcount((unsigned)(a ^ b));
        /* Conditions splitting three ways or more (a status set to one of
         * several values): prefer one that isolates the held paths, so a
         * later test of any of them tells held from not held. */
        if ((LOCK_ONLY(a, LOCK_HELD) && !(b & LOCK_HELD)) || (LOCK_ONLY(b, LOCK_HELD) && !(a & LOCK_HELD)))
            score += 8;
        if (score > best_score) {
            best = (int)v;
            best_score = score;
            best_a = a;
            best_b = b;
        }
    }
    if (best < 0)
        return;
    /* Every condition that splits the paths exactly as the best one does
     * (or the other way round) guards the result too. */
    uint32_t chosen = 0, nonzero_a = 0;
    for (unsigned v = 0; v < limit; v++) {
        if (!(candidates & (1u << v)) || !splits(c, n, v))
            continue;
        bool same = true, opposite = true;
        for (unsigned i = 0; i < n && (unsigned)best != v; i++) {
            uint8_t tb = contribution_truth(&c[i], (unsigned)best), tv = contribution_truth(&c[i], v);
            if (tb == TRUTH_UNKNOWN || tv == TRUTH_UNKNOWN) {
                same = opposite = false;   /* a path on both sides: only the best one guards */
                break;
            }
            bool a = tb == TRUTH_NONZERO;
            bool x = tv == TRUTH_NONZERO;
            same &= x == a;
            opposite &= x != a;
        }
        if (same || opposite) {
            chosen |= 1u << v;
            if (same)
                nonzero_a |= 1u << v;   /* side a: where the best condition is non-zero */
        }
    }
    r->guard_vars = chosen;
    r->guard_nonzero = nonzero_a;
    r->side_a = best_a;
    r->side_b = best_b;
}

/* Everything but the guard: masks, and where the lock was taken, released
 * and last branched, for notes. */
static struct lock_fact join_fact_plain(const struct lock_fact *a, const struct lock_fact *b)
{
    struct lock_fact r = *a;
    r.mask = a->mask | b->mask;
    r.prev_mask = a->prev_mask | b->prev_mask;
    r.flags = a->flags | b->flags;
    r.mixed_at = min_node(a->mixed_at, b->mixed_at);
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

/* Held on some paths and not on others (taken or not: ENTRY, RELEASED). */
static bool mask_is_mixed(uint8_t mask)
{
    return (mask & LOCK_HELD) && (mask & (LOCK_ENTRY | LOCK_RELEASED | LOCK_RELEASED_ENTRY));
}

/* The `x == c` conditions of group g one of which holds in state s (see
 * var_fact.values); false when unknown. */
static bool group_values(struct function_analysis *fa, const struct lock_state *s, unsigned g, uint32_t *values)
{
    const struct var_fact *gf = var_get(s, (int)g);
    if (gf->values_known) {
        *values = gf->values;
        return true;
    }
    for (unsigned v = 0; v < fa->var_count && v < MAX_GUARD_VARS; v++)
        if (fa->var_cmp_group[v] == (int)g && fa->var_cmp_op[v] == PRED_EQ && var_get(s, (int)v)->truth == TRUTH_NONZERO) {
            *values = 1u << v;
            return true;
        }
    return false;
}

/* After a join: what each compared operand may be, where every way in
 * knows it (`st = KEEP` on one path, `st = DROP` on the other). */
static void join_values(struct function_analysis *fa, const struct lock_state *const *in, unsigned count,
                        struct lock_state *out)
{
    for (unsigned g = 0; g < fa->var_count && g < MAX_GUARD_VARS; g++) {
        if (fa->var_cmp_group[g] != (int)g || fa->var_cmp_op[g] < 0)
            continue;
        uint32_t all = 0, one;
        bool known = true;
        for (unsigned i = 0; i < count && known; i++) {
            known = group_values(fa, in[i], g, &one);
            all |= one;
        }
        uint32_t values = known ? all : 0;
        const struct var_fact *now = var_get(out, (int)g);
        if (now->values_known != known || now->values != values) {
            struct var_fact *f = var_set(out, (int)g);
            f->values_known = known;
            f->values = values;
        }
    }
}

/* What a join needs for count ways in: 2 * count contributions (a guarded
 * state gives two), count var maps. */
struct join_scratch {
    struct contribution *contributions;
    const struct var_map **maps;
};

/* out = the join, at `node`, of in[0..count) (count >= 1). */
static void join_all(struct function_analysis *fa, unsigned node, const struct lock_state *const *in,
                     unsigned count, struct lock_state *out, struct join_scratch *scratch)
{
    out->reached = true;
    memcpy(out->locks, in[0]->locks, fa->lock_count * sizeof *out->locks);
    for (unsigned i = 1; i < count; i++)
        for (unsigned l = 0; l < fa->lock_count; l++)
            out->locks[l] = join_fact_plain(&out->locks[l], &in[i]->locks[l]);
    for (unsigned i = 0; i < count; i++)
        scratch->maps[i] = &in[i]->vars;
    var_map_join(&out->vars, scratch->maps, count);
    /* Conditions known on every way in, with both truths among them. */
    uint32_t zero = 0, nonzero = 0, unknown = 0;
    unsigned limit = fa->var_count < MAX_GUARD_VARS ? fa->var_count : MAX_GUARD_VARS;
    for (unsigned i = 0; i < count; i++)
        for (unsigned v = 0; v < limit; v++) {
            uint8_t t = var_get(in[i], (int)v)->truth;
            uint32_t bit = 1u << v;
            if (t == TRUTH_ZERO)
                zero |= bit;
            else if (t == TRUTH_NONZERO)
                nonzero |= bit;
            else
                unknown |= bit;
        }
    uint32_t split_vars = zero & nonzero & ~unknown;
    join_values(fa, in, count, out);
    for (unsigned l = 0; l < fa->lock_count; l++) {
        join_guard(fa, &out->locks[l], in, count, l, split_vars, scratch->contributions);
        struct lock_fact *f = &out->locks[l];
        /* Conditions beyond the budget cannot guard: lose the findings
         * that a guard might have told apart, never gain them. */
        if (fa->var_count > MAX_GUARD_VARS && !f->guard_vars && mask_is_mixed(f->mask))
            f->flags |= FACT_UNTRACKED;
        if (mask_is_mixed(f->mask) && f->mixed_at == NO_NODE_ID)
            f->mixed_at = node;
    }
}

static bool state_equal(struct function_analysis *fa, const struct lock_state *a, const struct lock_state *b)
{
    return a->reached == b->reached &&
           memcmp(a->locks, b->locks, fa->lock_count * sizeof *a->locks) == 0 &&
           var_map_equal(&a->vars, &b->vars);
}

/* ---- transfer --------------------------------------------------------------------- */

/* One event of the replay: first to the engine's own lock facts (for every
 * rule and the summary), then, where findings are reported, to the
 * session's observers (the rules). */
static void emit_event(struct function_analysis *fa, enum lock_event_kind kind, unsigned node,
                       const struct lock_effect *effect, const struct lock_state *state)
{
    struct lock_event ev = {.kind = kind, .node = node, .effect = effect, .state = state};
    lock_facts_observe(fa, &ev);
    if (!fa->reporting)
        return;
    const struct session *session = fa->session;
    for (unsigned i = 0; i < session->observer_count; i++) {
        const struct analysis_observer *o = &session->observers[i];
        if (o->on_lock_event)
            o->on_lock_event(fa, &ev, o->state);
    }
}

static void drop_held(struct lock_fact *f)
{
    f->flags |= FACT_TRIED;
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
    if (before & LOCK_HELD_EXCLUSIVE_TWICE)
        mask |= LOCK_HELD_EXCLUSIVE;
    if (before & (LOCK_HELD_EXCLUSIVE | LOCK_HELD_SHARED | LOCK_RELEASED))
        mask |= LOCK_RELEASED;
    if (before & (LOCK_ENTRY | LOCK_RELEASED_ENTRY | LOCK_RETAKEN))
        mask |= LOCK_RELEASED_ENTRY;
    return mask;
}

/* Taking the lock while this function may hold it already (what double-lock
 * reports): a read lock may be taken twice, a recursive mutex too. */
static bool is_double_lock(struct function_analysis *fa, const struct lock_effect *e,
                           const struct lock_fact *f)
{
    uint8_t conflicting = e->mode == LOCK_MODE_SHARED ? LOCK_HELD_NOW_EXCLUSIVE : LOCK_HELD_NOW;
    return (f->mask & conflicting) && !fa_lock_is_recursive(fa, e->lock);
}

static void apply_effect(struct function_analysis *fa, unsigned node, const struct lock_effect *e,
                         struct lock_state *s, bool replay)
{
    struct lock_fact *f = &s->locks[e->lock];
    switch (e->op) {
    case LOCK_OP_TAKES:
        /* Nothing changes for this function; rules see an acquisition. */
        if (replay)
            emit_event(fa, LOCK_EVENT_ACQUIRE, node, e, s);
        break;
    case LOCK_OP_ACQUIRE:
    case LOCK_OP_TRY_ACQUIRE:
        if (replay)
            emit_event(fa, LOCK_EVENT_ACQUIRE, node, e, s);
        f->prev_mask = f->mask;
        if (e->op == LOCK_OP_ACQUIRE && is_double_lock(fa, e, f))
            f->flags |= FACT_DOUBLED;
        else
            f->flags &= (uint8_t)~FACT_DOUBLED;
        f->flags &= (uint8_t)~(FACT_UNTRACKED | FACT_TRIED);
        f->mixed_at = NO_NODE_ID;
        if (f->mask == LOCK_RELEASED_ENTRY) {
            /* Taking back the caller's lock after releasing it (a function
             * that drops its caller's lock around a sleep): as at entry for
             * the caller, and held here. */
            f->mask = LOCK_RETAKEN;
        } else if (e->mode == LOCK_MODE_SHARED) {
            f->mask = f->mask & LOCK_HELD_SHARED_ANY ? LOCK_HELD_SHARED_TWICE : LOCK_HELD_SHARED;
        } else {
            /* Counted only for recursive mutexes; a second hold of any other
             * lock is a double lock, reported once, not a second hold. */
            bool again = (f->mask & LOCK_HELD_EXCLUSIVE_ANY) && fa_lock_is_recursive(fa, e->lock);
            f->mask = again ? LOCK_HELD_EXCLUSIVE_TWICE : LOCK_HELD_EXCLUSIVE;
        }
        f->acquired_at = node;
        f->branch_at = NO_NODE_ID;
        unguard(f);
        break;
    case LOCK_OP_RELEASE:
        if (replay)
            emit_event(fa, LOCK_EVENT_RELEASE, node, e, s);
        /* The twin of a double lock's first unlock ends that story. */
        if ((f->flags & FACT_DOUBLED) && !(f->mask & LOCK_HELD))
            f->flags &= (uint8_t)~FACT_DOUBLED;
        /* Each side of a guard is released on its own. */
        f->mask = mask_after_release(f->mask);
        f->mixed_at = NO_NODE_ID;
        f->flags &= (uint8_t)~FACT_UNTRACKED;
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
    x->returned_var = fa->info[node].var; /* NO_VAR at the closing brace */
    x->value = fa->info[node].value;
    x->failure = fa->info[node].failure;
    x->returned_truth = x->returned_var != NO_VAR ? truth_of(fa, s, x->returned_var) : TRUTH_UNKNOWN;
    var_map_init(&x->vars, fa->var_count);
    var_map_assign(&x->vars, &s->vars);
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

/* A call may have changed the condition (it was given its address): the
 * locks it guarded are held on some paths only, lockcheck no longer knows
 * which. */
static void lose_guard(struct function_analysis *fa, struct lock_state *s, int var)
{
    if (var < 0 || var >= MAX_GUARD_VARS)
        return;
    for (unsigned i = 0; i < fa->lock_count; i++)
        if (s->locks[i].guard_vars & (1u << var))
            s->locks[i].flags |= FACT_UNTRACKED;
}

/* Conditions the node may change (written, or their address passed). */
/* The path no longer knows v's value (nor, with `result`, which lock
 * call's result it holds). A fact that knows nothing already is not
 * written, so the state keeps sharing it. */
static void forget_value(struct lock_state *s, int v, bool result)
{
    const struct var_fact *now = var_get(s, v);
    if (now->truth == TRUTH_UNKNOWN && !now->values_known && now->equal_to == NO_CONDITION &&
        (!result || now->result_of == NO_NODE_ID))
        return;
    struct var_fact *f = var_set(s, v);
    f->truth = TRUTH_UNKNOWN;
    f->values_known = 0;
    f->equal_to = NO_CONDITION;
    if (result)
        f->result_of = NO_NODE_ID;
}

static void forget_conditions(struct function_analysis *fa, struct lock_state *s, const struct node_info *ni,
                              bool by_call)
{
    for (unsigned k = 0; k < ni->kill_cond_count; k++) {
        forget_value(s, (int)ni->kill_conds[k], true);
        if (by_call)
            lose_guard(fa, s, (int)ni->kill_conds[k]);
        forget_guard(fa, s, (int)ni->kill_conds[k]);
    }
    /* `lock_it = LOCK_MUTEX;`: what a comparison of it now says. */
    for (unsigned k = 0; k < ni->kill_cond_count; k++)
        if (ni->kill_truths && ni->kill_truths[k] != TRUTH_UNKNOWN) {
            struct var_fact *v = var_set(s, (int)ni->kill_conds[k]);
            v->truth = ni->kill_truths[k];
            v->set_at = NO_NODE_ID;
        }
}

/* The path now knows whether a tracked condition is non-zero: guards on it
 * keep only the matching side. */
static void learn_truth(struct function_analysis *fa, struct lock_state *s, int var, bool nonzero,
                        unsigned node)
{
    struct var_fact *v = var_set(s, var);
    v->truth = nonzero ? TRUTH_NONZERO : TRUTH_ZERO;
    v->set_at = node;
    uint32_t bit = var < MAX_GUARD_VARS ? 1u << var : 0;
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

/* `x == c` learned true: every other `x == d` is false (and guards on
 * them pick their side: `if (st == DROP) unlock(); switch (st) case KEEP:`). */
static void learn_comparison(struct function_analysis *fa, struct lock_state *s, int var, bool nonzero,
                             unsigned node)
{
    learn_truth(fa, s, var, nonzero, node);
    if (fa->var_cmp_op[var] != PRED_EQ)
        return;
    int group = fa->var_cmp_group[var];
    if (nonzero) {
        /* Written for the conditions that may guard a lock; the others
         * read it from the group's equal_to. */
        for (int u = group; u != NO_VAR && u < MAX_GUARD_VARS; u = fa->var_group_next[u])
            if (u != var && fa->var_cmp_op[u] == PRED_EQ && var_get(s, u)->truth != TRUTH_ZERO)
                learn_truth(fa, s, u, false, node);
        struct var_fact *g = var_set(s, group);
        g->values_known = var < MAX_GUARD_VARS;
        g->values = var < MAX_GUARD_VARS ? 1u << var : 0;
        g->equal_to = (uint32_t)var;
        return;
    }
    /* `x != d` where x is c or d: x is c. */
    if (!var_get(s, group)->values_known || var >= MAX_GUARD_VARS)
        return;
    struct var_fact *g = var_set(s, group);
    g->values &= ~(1u << var);
    if (g->values && !(g->values & (g->values - 1))) {
        int last = __builtin_ctz(g->values);
        if (var_get(s, last)->truth == TRUTH_UNKNOWN)
            learn_comparison(fa, s, last, true, node);
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
        /* The callee may change globals and what pointers reach: what the
         * path knew of those conditions is gone (guards stay: they relate
         * the lock to the condition as it was tested). */
        for (unsigned k = 0; k < fa->volatile_var_count && !ni->keeps_memory; k++)
            forget_value(s, (int)fa->volatile_vars[k], false);
        forget_conditions(fa, s, ni, true);
        /* fall through */
    case CFG_CLEANUP:
        for (unsigned i = 0; i < ni->effect_count; i++)
            apply_effect(fa, node, &ni->effects[i], s, replay);
        break;
    case CFG_ASSIGN:
        if (ni->var != NO_VAR) {
            uint8_t truth = ni->copied_var != NO_VAR ? truth_of(fa, s, ni->copied_var) : ni->assigned_truth;
            struct var_fact *v = var_set(s, ni->var);
            v->truth = truth;
            v->set_at = node;
            v->result_of = ni->call_node;
            v->result_form = ni->result_form;
            forget_guard(fa, s, ni->var);
        }
        forget_conditions(fa, s, ni, false);
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
    case CFG_JOIN:
        /* After `a && b`: the whole condition's outcome is known here. */
        if (n->outcome != CFG_OUTCOME_NONE && ni->var != NO_VAR)
            learn_truth(fa, s, ni->var, n->outcome == CFG_OUTCOME_TRUE, node);
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

/* On a path where the pointer a lock is reached through is NULL, this
 * function does not hold that lock (it would have dereferenced NULL to take
 * it): the held part of the fact goes. A fact held on every path is left
 * alone (lockcheck does not decide the path cannot happen). */
static void drop_held_through_null(struct lock_fact *f)
{
    if (!(f->mask & LOCK_HELD) || !(f->mask & ~LOCK_HELD))
        return;
    if (f->guard_vars) {
        uint8_t a = f->side_a & (uint8_t)~LOCK_HELD, b = f->side_b & (uint8_t)~LOCK_HELD;
        f->side_a = a;
        f->side_b = b;
        if (!a || !b)
            unguard(f);
    }
    f->mask &= (uint8_t)~LOCK_HELD;
    f->branch_at = NO_NODE_ID;
}

/* Whether what the path knows x may be (var_fact.values) rules out
 * `x == c` (condition var) having this truth. */
static bool values_rule_out(struct function_analysis *fa, const struct lock_state *s, int var, bool nonzero)
{
    if (var == NO_VAR || var >= MAX_GUARD_VARS || fa->var_cmp_op[var] != PRED_EQ)
        return false;
    const struct var_fact *g = var_get(s, fa->var_cmp_group[var]);
    if (!g->values_known)
        return false;
    uint32_t bit = 1u << var;
    return nonzero ? !(g->values & bit) : g->values == bit;
}

/* A switch's edge: the case `x == value` is true, the others false (the
 * default edge: all false). False when the path already knows otherwise. */
static bool switch_edge_feasible(struct function_analysis *fa, const struct cfg_edge *edge, struct lock_state *s)
{
    const struct node_info *ni = &fa->info[edge->from];
    if (!ni->case_count)
        return true;
    unsigned index = (unsigned)(edge - fa->cfg.edges);
    int taken = NO_VAR;
    for (unsigned i = 0; i < ni->case_count; i++)
        if (ni->case_edges[i] == index)
            taken = ni->case_vars[i];
    uint32_t cases = 0;
    for (unsigned i = 0; i < ni->case_count; i++) {
        uint8_t want = ni->case_vars[i] == taken ? TRUTH_NONZERO : TRUTH_ZERO;
        uint8_t known = truth_of(fa, s, ni->case_vars[i]);
        if ((known != TRUTH_UNKNOWN && known != want) || values_rule_out(fa, s, ni->case_vars[i], want == TRUTH_NONZERO))
            return false;
        cases |= ni->case_vars[i] < MAX_GUARD_VARS ? 1u << ni->case_vars[i] : 0;
    }
    /* The default edge: x is none of the cases, and the path knows it is one. */
    const struct var_fact *g = var_get(s, fa->var_cmp_group[ni->case_vars[0]]);
    if (taken == NO_VAR && g->values_known && !(g->values & ~cases))
        return false;
    for (unsigned i = 0; i < ni->case_count; i++)
        learn_comparison(fa, s, ni->case_vars[i], ni->case_vars[i] == taken, edge->from);
    return true;
}

/* What taking an edge out of a branch tells: a lock call failed or
 * succeeded, a variable is zero or not. False when the edge cannot be taken
 * from this state. */
static bool transfer_edge(struct function_analysis *fa, const struct cfg_edge *edge, struct lock_state *s)
{
    unsigned node = edge->from;
    const struct cfg_node *n = &fa->cfg.nodes[node];
    if (n->kind == CFG_SWITCH) {
        if (!switch_edge_feasible(fa, edge, s))
            return false;
        unsigned at = edge->to;
        enum CXCursorKind k = clang_getCursorKind(fa->cfg.nodes[at].cursor);
        bool labelled = k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt;
        for (unsigned i = 0; i < fa->lock_count; i++)
            if (s->locks[i].mask & LOCK_HELD) {
                s->locks[i].branch_at = labelled ? at : node;
                s->locks[i].branch_kind = labelled ? edge->kind : CFG_EDGE_DEFAULT;
            }
        return true;
    }
    if (n->kind != CFG_BRANCH)
        return true;
    const struct node_info *ni = &fa->info[node];
    bool taken = edge->kind == CFG_EDGE_TRUE;
    /* A condition whose truth this path already knows: the other edge is
     * not taken here (`locked` is 0 on the first iteration). */
    if (ni->source == COND_VAR && ni->constant == 0 && (ni->op == PRED_EQ || ni->op == PRED_NE) &&
        truth_of(fa, s, ni->var) != TRUTH_UNKNOWN) {
        bool nonzero = (ni->op == PRED_NE) == taken;
        if ((truth_of(fa, s, ni->var) == TRUTH_NONZERO) != nonzero)
            return false;
    }
    bool cmp_nonzero = taken != ni->cmp_negated;
    uint8_t cmp_truth = ni->cmp_var != NO_VAR ? truth_of(fa, s, ni->cmp_var) : TRUTH_UNKNOWN;
    if (cmp_truth != TRUTH_UNKNOWN && (cmp_truth == TRUTH_NONZERO) != cmp_nonzero)
        return false;
    if (ni->cmp_var != NO_VAR && values_rule_out(fa, s, ni->cmp_var, cmp_nonzero))
        return false;
    unsigned call = ni->source == COND_CALL ? ni->call_node
                    : ni->source == COND_VAR ? var_get(s, ni->var)->result_of
                                             : NO_NODE_ID;
    uint8_t form = ni->source == COND_VAR ? var_get(s, ni->var)->result_form : RESULT_VALUE;
    if (call != NO_NODE_ID) {
        const struct node_info *ci = &fa->info[call];
        for (unsigned i = 0; i < ci->effect_count; i++) {
            const struct lock_effect *e = &ci->effects[i];
            if (e->op != LOCK_OP_ACQUIRE && e->op != LOCK_OP_TRY_ACQUIRE)
                continue;
            bool success;
            if (form == RESULT_VALUE) {
                success = pred_holds(ni->op, e->success_value, ni->constant) == taken;
            } else {
                /* The variable is 1 or 0 as the call succeeded or not. */
                long long on_success = form == RESULT_SUCCESS_NONZERO;
                bool if_success = pred_holds(ni->op, on_success, ni->constant);
                if (if_success == pred_holds(ni->op, !on_success, ni->constant))
                    continue;
                success = if_success == taken;
            }
            struct lock_fact *f = &s->locks[e->lock];
            if (!success && f->acquired_at == call)
                drop_held(f);
        }
    }
    for (unsigned i = 0; i < fa->lock_count; i++)
        s->locks[i].flags = s->locks[i].guard_vars ? s->locks[i].flags | FACT_GUARDED
                                                   : s->locks[i].flags & (uint8_t)~FACT_GUARDED;
    if (ni->source == COND_VAR && ni->constant == 0 && (ni->op == PRED_EQ || ni->op == PRED_NE))
        learn_truth(fa, s, ni->var, (ni->op == PRED_NE) == taken, node);
    if (ni->cmp_var != NO_VAR)
        learn_comparison(fa, s, ni->cmp_var, cmp_nonzero, node);
    /* A guard's side that is itself held on some paths only (a path that
     * skipped the lock joined without knowing the condition): held and not
     * held meet here, at the edge's target. */
    for (unsigned i = 0; i < fa->lock_count; i++) {
        struct lock_fact *f = &s->locks[i];
        if ((f->flags & FACT_GUARDED) && !f->guard_vars && mask_is_mixed(f->mask))
            f->mixed_at = edge->to;
        f->flags &= (uint8_t)~FACT_GUARDED;
    }
    if (taken == ni->null_on_true)
        for (unsigned i = 0; i < ni->null_lock_count; i++)
            drop_held_through_null(&s->locks[ni->null_locks[i]]);
    for (unsigned i = 0; i < fa->lock_count; i++)
        if (s->locks[i].mask & LOCK_HELD) {
            s->locks[i].branch_at = node;
            s->locks[i].branch_kind = edge->kind;
        }
    return true;
}

/* ---- blocks ------------------------------------------------------------------------ */

/* Whether `node` only continues its one predecessor: it has one way in,
 * from the node placed just before it in the reverse post-order (a branch
 * too: `if (x) return;` continues into what follows, or into the return).
 * Its state is then that predecessor's state through the predecessor and
 * the edge: not stored, recomputed when walked. */
static bool continues_predecessor(const struct cfg *g, const unsigned *in_first, const unsigned *in_edges,
                                  const unsigned *order, unsigned node)
{
    if (node == g->entry || in_first[node + 1] - in_first[node] != 1)
        return false;
    unsigned from = g->edges[in_edges[in_first[node]]].from;
    return order[from] != NO_NODE_ID && order[from] + 1 == order[node];
}

/* Incoming edges grouped by target (in_first, in_edges), the reverse
 * post-order position of each node (order: NO_NODE_ID when unreached),
 * and the block heads: the nodes whose state is kept (fa->block_head). */
struct flow_graph {
    unsigned *in_first, *in_edges, *order;
    unsigned max_in;
};

static void flow_graph_build(struct function_analysis *fa, struct flow_graph *fg)
{
    const struct cfg *g = &fa->cfg;
    fg->in_first = xcalloc(g->node_count + 2, sizeof *fg->in_first);
    fg->in_edges = xmalloc((g->edge_count + 1) * sizeof *fg->in_edges);
    for (unsigned e = 0; e < g->edge_count; e++)
        if (g->edges[e].to < g->node_count)
            fg->in_first[g->edges[e].to + 1]++;
    fg->max_in = 0;
    for (unsigned n = 0; n < g->node_count; n++) {
        if (fg->in_first[n + 1] > fg->max_in)
            fg->max_in = fg->in_first[n + 1];
        fg->in_first[n + 1] += fg->in_first[n];
    }
    unsigned *fill = xcalloc(g->node_count + 1, sizeof *fill);
    for (unsigned n = 0; n < g->node_count; n++)
        fill[n] = fg->in_first[n];
    for (unsigned e = 0; e < g->edge_count; e++)
        if (g->edges[e].to < g->node_count)
            fg->in_edges[fill[g->edges[e].to]++] = e;
    free(fill);
    fg->order = xmalloc((g->node_count + 1) * sizeof *fg->order);
    for (unsigned n = 0; n < g->node_count; n++)
        fg->order[n] = NO_NODE_ID;
    for (unsigned r = 0; r < g->rpo_count; r++)
        fg->order[g->rpo[r]] = r;
}

static void flow_graph_free(struct flow_graph *fg)
{
    free(fg->in_first);
    free(fg->in_edges);
    free(fg->order);
}

unsigned find_block_heads(struct function_analysis *fa)
{
    const struct cfg *g = &fa->cfg;
    struct flow_graph fg;
    flow_graph_build(fa, &fg);
    free(fa->block_head);
    free(fa->block_edge);
    fa->block_head = xcalloc(g->node_count + 1, sizeof *fa->block_head);
    fa->block_edge = xmalloc((g->node_count + 1) * sizeof *fa->block_edge);
    unsigned heads = 0, branches = 0;   /* branches the current block continues through */
    for (unsigned r = 0; r < g->rpo_count; r++) {
        unsigned node = g->rpo[r];
        bool head = !continues_predecessor(g, fg.in_first, fg.in_edges, fg.order, node);
        if (!head) {
            enum cfg_node_kind from = g->nodes[g->edges[fg.in_edges[fg.in_first[node]]].from].kind;
            bool through_branch = from == CFG_BRANCH || from == CFG_SWITCH;
            head = through_branch && branches == MAX_BLOCK_BRANCHES;
            branches += through_branch;
        }
        if (head)
            branches = 0;
        fa->block_head[node] = head;
        fa->block_edge[node] = head ? NO_NODE_ID : fg.in_edges[fg.in_first[node]];
        heads += head;
    }
    flow_graph_free(&fg);
    return heads;
}

/* The last node of the block that starts at reverse post-order position r. */
static unsigned block_end(const struct function_analysis *fa, unsigned r)
{
    while (r + 1 < fa->cfg.rpo_count && !fa->block_head[fa->cfg.rpo[r + 1]])
        r++;
    return r;
}

/* Carries s, the state after the node before `node` in its block, into
 * node: through the edge between them when that node branches. False when
 * the edge cannot be taken from s. */
static bool continue_into(struct function_analysis *fa, unsigned node, struct lock_state *s)
{
    const struct cfg_edge *e = &fa->cfg.edges[fa->block_edge[node]];
    enum cfg_node_kind kind = fa->cfg.nodes[e->from].kind;
    return (kind != CFG_BRANCH && kind != CFG_SWITCH) || transfer_edge(fa, e, s);
}

/* s = the state after the node at reverse post-order position `last`, its
 * block's head (at position r) walked through the nodes before it. False
 * when no path through the block reaches it. */
static bool state_through(struct function_analysis *fa, unsigned r, unsigned last, struct lock_state *s)
{
    state_copy(fa, s, &fa->in[fa->cfg.rpo[r]]);
    for (;; r++) {
        unsigned node = fa->cfg.rpo[r];
        if (!fa->block_head[node] && !continue_into(fa, node, s))
            return false;
        transfer_node(fa, node, s, false);
        if (r == last)
            return true;
    }
}

/* The head of the block `node` is in, as a reverse post-order position. */
static unsigned block_start(const struct function_analysis *fa, const unsigned *order, unsigned node)
{
    unsigned r = order[node];
    while (!fa->block_head[fa->cfg.rpo[r]])
        r--;
    return r;
}

/* The last branch node at which the path may learn condition v with its
 * set_at (transfer_edge: the condition it tests, and for a comparison
 * learned true, the group's first MAX_GUARD_VARS). */
static void find_last_branches(struct function_analysis *fa, uint32_t *last)
{
    uint32_t *group_last = xcalloc(fa->var_count + 1, sizeof *group_last);
    for (unsigned n = 0; n < fa->cfg.node_count; n++) {
        const struct node_info *ni = &fa->info[n];
        if (fa->cfg.nodes[n].kind != CFG_BRANCH)
            continue;
        if (ni->source == COND_VAR && ni->var != NO_VAR)
            last[ni->var] = n;
        if (ni->cmp_var != NO_VAR) {
            last[ni->cmp_var] = n;
            group_last[fa->var_cmp_group[ni->cmp_var]] = n;
        }
    }
    for (unsigned v = 0; v < fa->var_count && v < MAX_GUARD_VARS; v++)
        if (fa->var_cmp_op[v] >= 0 && group_last[fa->var_cmp_group[v]] > last[v])
            last[v] = group_last[fa->var_cmp_group[v]];
    free(group_last);
}

static int by_last_branch(const void *a, const void *b, void *last_branch)
{
    const uint32_t *last = last_branch;
    uint32_t x = last[*(const unsigned *)a], y = last[*(const unsigned *)b];
    if (x != y)
        return x < y ? 1 : -1;
    return *(const unsigned *)a < *(const unsigned *)b ? 1 : -1;
}

static void list_parameter_tests_by_branch(struct function_analysis *fa)
{
    fa->param_test_last_branch = xcalloc(fa->var_count + 1, sizeof *fa->param_test_last_branch);
    find_last_branches(fa, fa->param_test_last_branch);
    fa->param_tests_by_branch = xmalloc((fa->param_test_count + 1) * sizeof *fa->param_tests_by_branch);
    memcpy(fa->param_tests_by_branch, fa->param_tests, fa->param_test_count * sizeof *fa->param_tests);
    qsort_r(fa->param_tests_by_branch, fa->param_test_count, sizeof *fa->param_tests_by_branch, by_last_branch,
            fa->param_test_last_branch);
}

/* The conditions some transfers visit, listed once, so that a call or a
 * comparison costs what it touches rather than a loop over every tracked
 * condition: those a call may change, the comparisons of each operand
 * (var_group_next), the tests of parameters and the hold records. */
static void list_conditions(struct function_analysis *fa)
{
    unsigned n = fa->var_count;
    fa->volatile_vars = xmalloc((n + 1) * sizeof *fa->volatile_vars);
    fa->param_tests = xmalloc((n + 1) * sizeof *fa->param_tests);
    fa->var_group_next = xmalloc((n + 1) * sizeof *fa->var_group_next);
    fa->volatile_var_count = fa->param_test_count = 0;
    fa_list_hold_records(fa);
    int *last_of_group = xmalloc((n + 1) * sizeof *last_of_group);
    for (unsigned v = 0; v < n; v++) {
        if (fa->var_volatile[v])
            fa->volatile_vars[fa->volatile_var_count++] = v;
        if (fa_is_parameter_test(fa, v))
            fa->param_tests[fa->param_test_count++] = v;
        fa->var_group_next[v] = NO_VAR;
        unsigned group = (unsigned)fa->var_cmp_group[v];
        if (group != v)
            fa->var_group_next[last_of_group[group]] = (int)v;
        last_of_group[group] = (int)v;
    }
    free(last_of_group);
    list_parameter_tests_by_branch(fa);
}

/* The fixpoint over block heads: a head's state is the join of the states
 * its incoming edges carry; the nodes inside a block keep none. */
void run_dataflow(struct function_analysis *fa)
{
    struct cfg *g = &fa->cfg;
    struct flow_graph fg;
    flow_graph_build(fa, &fg);
    list_conditions(fa);
    if (!fa->block_head)
        find_block_heads(fa);
    /* The heads' lock facts in one allocation: a long function has
     * thousands of heads. */
    fa->in = xcalloc(g->node_count + 1, sizeof *fa->in);
    size_t heads = 0;
    for (unsigned i = 0; i < g->node_count; i++)
        heads += fa->block_head[i];
    fa->head_locks = xcalloc(heads * fa->lock_count + 1, sizeof *fa->head_locks);
    struct lock_fact *next = fa->head_locks;
    for (unsigned i = 0; i < g->node_count; i++)
        if (fa->block_head[i]) {
            fa->in[i].locks = next;
            next += fa->lock_count;
            var_map_init(&fa->in[i].vars, fa->var_count);
        }
    state_entry(fa, &fa->in[g->entry]);

    /* The states on the ways into a head, allocated as many as a head
     * needs (the exit node, never joined, has thousands). */
    unsigned max_in = fg.max_in, allocated = 0;
    struct lock_state *incoming = xcalloc(max_in + 1, sizeof *incoming);
    const struct lock_state **views = xcalloc(max_in + 1, sizeof *views);
    struct join_scratch scratch = {
        .contributions = xcalloc(2 * max_in + 2, sizeof *scratch.contributions),
        .maps = xcalloc(max_in + 1, sizeof *scratch.maps),
    };
    struct lock_state joined;
    state_alloc(fa, &joined);

    bool *dirty = xcalloc(g->node_count + 1, sizeof *dirty);
    for (unsigned r = 0; r < g->rpo_count; r++)
        dirty[g->rpo[r]] = fa->block_head[g->rpo[r]];
    dirty[g->entry] = false;
    /* The exit node joins every return, and nothing reads its state (the
     * returns record theirs): with thousands of returns that join alone
     * was quadratic. It is left unreached. */
    if (g->exit < g->node_count)
        dirty[g->exit] = false;
    bool again = true;
    for (unsigned sweep = 0; again && sweep < MAX_SWEEPS; sweep++) {
        again = false;
        for (unsigned r = 0; r < g->rpo_count; r++) {
            unsigned node = g->rpo[r];
            if (!dirty[node])
                continue;
            dirty[node] = false;
            /* The state on each incoming edge: the source's state, walked
             * from its block's head, through the edge; infeasible edges
             * give nothing. */
            unsigned count = 0;
            for (unsigned k = fg.in_first[node]; k < fg.in_first[node + 1]; k++) {
                const struct cfg_edge *e = &g->edges[fg.in_edges[k]];
                if (fg.order[e->from] == NO_NODE_ID)
                    continue;
                unsigned from_head = block_start(fa, fg.order, e->from);
                if (!fa->in[g->rpo[from_head]].reached)
                    continue;
                struct lock_state *s = &incoming[count];
                if (count == allocated)
                    state_alloc(fa, &incoming[allocated++]);
                if (!state_through(fa, from_head, fg.order[e->from], s))
                    continue;
                enum cfg_node_kind kind = g->nodes[e->from].kind;
                if ((kind == CFG_BRANCH || kind == CFG_SWITCH) && !transfer_edge(fa, e, s))
                    continue;
                views[count++] = s;
            }
            if (count == 0)
                continue;
            const struct lock_state *result = views[0];   /* one way in: no join */
            if (count > 1) {
                join_all(fa, node, views, count, &joined, &scratch);
                result = &joined;
            }
            if (state_equal(fa, result, &fa->in[node]))
                continue;
            state_copy(fa, &fa->in[node], result);
            /* Every edge leaving the block (from its last node, or from a
             * branch within it) leads to a head. */
            unsigned last = block_end(fa, r);
            for (unsigned q = r; q <= last; q++) {
                const struct cfg_node *n = &g->nodes[g->rpo[q]];
                for (unsigned k = 0; k < n->out_count; k++) {
                    unsigned to = g->edges[g->out_edges[n->first_out + k]].to;
                    if (to >= g->node_count || !fa->block_head[to] || to == g->exit)
                        continue;
                    dirty[to] = true;
                    if (fg.order[to] <= last)
                        again = true;
                }
            }
        }
    }
    for (unsigned i = 0; i < allocated; i++)
        state_free(&incoming[i]);
    free(incoming);
    free(views);
    free(scratch.contributions);
    free(scratch.maps);
    state_free(&joined);
    flow_graph_free(&fg);
    free(dirty);
}

void for_each_node_state(struct function_analysis *fa, bool replay,
                         void (*visit)(struct function_analysis *fa, unsigned node,
                                       const struct lock_state *state, void *ctx),
                         void *ctx)
{
    struct lock_state s;
    state_alloc(fa, &s);
    bool reached = false;
    for (unsigned r = 0; r < fa->cfg.rpo_count; r++) {
        unsigned node = fa->cfg.rpo[r];
        if (fa->block_head[node]) {
            reached = fa->in[node].reached;
            if (reached)
                state_copy(fa, &s, &fa->in[node]);
        } else if (reached) {
            reached = continue_into(fa, node, &s);
        }
        if (!reached)
            continue;
        if (visit)
            visit(fa, node, &s, ctx);
        transfer_node(fa, node, &s, replay);
    }
    state_free(&s);
}

/* The replay: every reached node once, in order, with its fixpoint state. */
void replay(struct function_analysis *fa)
{
    lock_facts_before_replay(fa);
    for_each_node_state(fa, true, NULL, NULL);
    observers_function_end(fa);
}

void observers_function_end(struct function_analysis *fa)
{
    const struct session *session = fa->session;
    for (unsigned i = 0; i < session->observer_count; i++) {
        const struct analysis_observer *o = &session->observers[i];
        if (o->on_function_end && (o->every_function || (fa->reporting && fa->in)))
            o->on_function_end(fa, o->state);
    }
}

void lock_dataflow_free(struct function_analysis *fa)
{
    if (fa->in)
        for (unsigned i = 0; i < fa->cfg.node_count; i++)
            if (fa->block_head[i])
                var_map_clear(&fa->in[i].vars);
    free(fa->in);
    free(fa->head_locks);
    free(fa->block_head);
    free(fa->block_edge);
    for (unsigned i = 0; i < fa->exit_count; i++) {
        free(fa->exits[i].locks);
        var_map_clear(&fa->exits[i].vars);
    }
    free(fa->exits);
    free(fa->volatile_vars);
    free(fa->param_tests);
    free(fa->param_tests_by_branch);
    free(fa->param_test_last_branch);
    free(fa->hold_records);
    free(fa->var_group_next);
}
