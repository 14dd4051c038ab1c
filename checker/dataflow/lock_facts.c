/*
 * lock_facts.c: what the engine knows about each lock of a function once its
 * fixpoint is reached, computed here once for every rule and for the
 * summary (struct lock_info): where the function takes it for itself
 * (own_acquire_at), whether some return holds it while another has released
 * the caller's (switches_for_caller), whether it blocks on it inside
 * (taken_inside, and under which test of a parameter), and whether it
 * releases it where it holds it (released_after_acquire). The replay
 * (lock_dataflow.c) gives every lock event here before any rule sees it.
 */
#include "dataflow/lock_facts.h"

#include <stdlib.h>

#include "dataflow/node_info.h"
#include "dataflow/var_map.h"
#include "util/memory.h"

/* A parameter the path tested, with what the test said: `if (lock_it)
 * lock(...)`, `if (lock_it == LOCK_MUTEX) lock(...)`; the latest such test
 * (not `assert(obj)` at the top; between tests at one branch, the last
 * condition). -1 when none. The tests are visited latest branch first
 * (fa->param_tests_by_branch), so that a function testing a parameter a
 * thousand times stops at the first few. */
static int tested_parameter(struct function_analysis *fa, const struct lock_state *s, enum pred_op *op,
                            long long *constant)
{
    int best = -1;
    uint32_t best_at = 0;
    unsigned best_v = 0;
    for (unsigned k = 0; k < fa->param_test_count; k++) {
        unsigned v = fa->param_tests_by_branch[k];
        if (best >= 0 && fa->param_test_last_branch[v] < best_at)
            break;
        const struct var_fact *f = var_map_get(&s->vars, v);
        enum pred_op o;
        long long c;
        if (f->set_at == NO_NODE_ID || fa->cfg.nodes[f->set_at].kind != CFG_BRANCH ||
            (best >= 0 && (f->set_at < best_at || (f->set_at == best_at && v < best_v))))
            continue;
        int arg = fa_parameter_test(fa, v, fa_var_truth(fa, &s->vars, v), &o, &c);
        if (arg < 0)
            continue;
        best = arg;
        best_at = f->set_at;
        best_v = v;
        *op = o;
        *constant = c;
    }
    return best;
}

/* For the summary: this function blocks on the lock somewhere. */
static void note_taken_inside(struct function_analysis *fa, const struct lock_effect *e,
                              const struct lock_state *s)
{
    struct lock_info *info = &fa->locks[e->lock];
    enum pred_op op = PRED_NE;
    long long constant = 0;
    /* Taken already under different tests: no test can tell any more. */
    int arg = info->taken_inside && info->taken_inside_if_arg < 0 ? -1 : tested_parameter(fa, s, &op, &constant);
    if (!info->taken_inside) {
        info->taken_inside_if_arg = arg;
        info->taken_inside_if_op = op;
        info->taken_inside_if_constant = constant;
    } else if (arg != info->taken_inside_if_arg || op != info->taken_inside_if_op ||
               constant != info->taken_inside_if_constant) {
        info->taken_inside_if_arg = -1;
    }
    if (!info->taken_inside || e->mode == LOCK_MODE_EXCLUSIVE)
        info->taken_inside_mode = e->mode == LOCK_MODE_SHARED ? LOCK_MODE_SHARED : LOCK_MODE_EXCLUSIVE;
    info->taken_inside = true;
}

/* The acquisition's effect on the summary: this function blocks on the
 * lock itself (taking back the caller's lock is not taking one more; a
 * try-lock does not block). */
static bool takes_inside(const struct lock_effect *e, const struct lock_fact *before)
{
    if (e->op != LOCK_OP_TAKES && e->op != LOCK_OP_ACQUIRE)
        return false;
    return !(before->mask & LOCK_RELEASED_ENTRY);
}

void lock_facts_observe(struct function_analysis *fa, const struct lock_event *ev)
{
    if (!ev->effect)
        return;
    const struct lock_fact *before = &ev->state->locks[ev->effect->lock];
    if (ev->kind == LOCK_EVENT_ACQUIRE && takes_inside(ev->effect, before))
        note_taken_inside(fa, ev->effect, ev->state);
    else if (ev->kind == LOCK_EVENT_RELEASE && (before->mask & LOCK_HELD))
        fa->locks[ev->effect->lock].released_after_acquire = true;
}

/* Where the function takes each lock for itself: an acquisition reached
 * with the lock not released on its caller's behalf (that would be taking
 * the caller's lock back). Known before the replay tells rules anything.
 * Per lock, at_exits: bit 0, some exit may hold it; bit 1, some exit has
 * only released the caller's. */
static void note_own_acquisition(struct function_analysis *fa, unsigned node,
                                 const struct lock_state *state, void *ctx)
{
    uint8_t *at_exits = ctx;
    enum cfg_node_kind k = fa->cfg.nodes[node].kind;
    if (k == CFG_RETURN || k == CFG_END_OF_BODY)
        for (unsigned l = 0; l < fa->lock_count; l++) {
            const struct lock_fact *f = &state->locks[l];
            at_exits[l] |= ((f->mask & LOCK_HELD) ? 1 : 0) | (FACT_RELEASED_FOR_CALLER(f) ? 2 : 0);
        }
    const struct node_info *ni = &fa->info[node];
    for (unsigned i = 0; i < ni->effect_count; i++) {
        const struct lock_effect *e = &ni->effects[i];
        struct lock_info *info = &fa->locks[e->lock];
        if ((e->op == LOCK_OP_ACQUIRE || e->op == LOCK_OP_TRY_ACQUIRE) &&
            info->own_acquire_at == NO_NODE_ID &&
            !(state->locks[e->lock].mask & (LOCK_RELEASED_ENTRY | LOCK_RETAKEN)))
            info->own_acquire_at = node;
    }
}

static void find_own_acquisitions(struct function_analysis *fa)
{
    uint8_t *at_exits = xcalloc(fa->lock_count + 1, 1);
    for (unsigned l = 0; l < fa->lock_count; l++)
        fa->locks[l].own_acquire_at = NO_NODE_ID;
    for_each_node_state(fa, false, note_own_acquisition, at_exits);
    for (unsigned l = 0; l < fa->lock_count; l++)
        fa->locks[l].switches_for_caller = at_exits[l] == 3;
    free(at_exits);
}

void lock_facts_before_replay(struct function_analysis *fa)
{
    find_own_acquisitions(fa);
}
