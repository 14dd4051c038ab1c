/*
 * check_unlock_not_held.c: unlock-not-held.
 *
 * Releasing a lock this function has already released (on some path), or a
 * lock this function takes for itself on some path, on a path where it did
 * not take it (`if (c) lock(&m); ... unlock(&m);`): a lock the function takes
 * is not its caller's. A release of a lock the function never takes for
 * itself is the caller's business and is not reported, and neither is the
 * second unlock of a double lock (one root cause, one finding: double-lock
 * reported it). Where lockcheck may have lost track it stays silent: the
 * release is under a condition (it is not on every path from where the
 * paths with and without the lock met), or they met at a loop head (a loop
 * that runs at least once, which lockcheck does not count).
 */
#include <stdlib.h>
#include <string.h>

#include "ast/session.h"
#include "cfg/cfg_search.h"
#include "config/config.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"

static void report_second_release(struct function_analysis *fa, const struct lock_event *ev,
                                   const struct lock_fact *fact)
{
    unsigned lock = ev->effect->lock;
    const struct lock_info *info = &fa->locks[lock];
    char *msg = str_printf("%s '%s' is released but it is not held", info->kind, info->display);
    struct finding *f = fa_report(fa, &rule_unlock_not_held.description, ev->node, msg);
    free(msg);
    if (!f)
        return;
    msg = str_printf(fact->released_at == ev->node
                         ? "'%s' released here on the previous iteration of the loop"
                         : "'%s' already released here",
                     info->display);
    fa_note(fa, f, fact->released_at, msg);
    free(msg);
    fa_note_inferred(fa, f, lock, ev->node);
}

struct until_release {
    const struct cfg *cfg;
    unsigned release;
};

static bool is_exit(void *ctx, unsigned node)
{
    const struct until_release *q = ctx;
    enum cfg_node_kind k = q->cfg->nodes[node].kind;
    return node != q->release && (k == CFG_RETURN || k == CFG_END_OF_BODY);
}

static bool is_release(void *ctx, unsigned node)
{
    const struct until_release *q = ctx;
    return node == q->release;
}

/* Every path from where the held and not-held paths met goes through the
 * release (it post-dominates the join): the release is not under a condition
 * that might pick the held paths. */
static bool release_follows_every_path(struct function_analysis *fa, unsigned from, unsigned release)
{
    if (from == release)
        return true; /* the paths meet at the release itself */
    struct until_release ctx = {&fa->cfg, release};
    struct cfg_search q = {.is_target = is_exit, .blocks = is_release, .ctx = &ctx};
    return cfg_search_forward(&fa->cfg, from, &q) == CFG_NO_NODE;
}

/* A loop head: some edge into it comes from later in the reverse post-order.
 * Paths that skip a loop body lockcheck cannot count meet there. */
static bool is_loop_head(const struct cfg *cfg, unsigned node)
{
    unsigned at = 0, from_at = 0;
    for (unsigned r = 0; r < cfg->rpo_count; r++)
        if (cfg->rpo[r] == node)
            at = r;
    for (unsigned e = 0; e < cfg->edge_count; e++) {
        if (cfg->edges[e].to != node)
            continue;
        for (unsigned r = 0; r < cfg->rpo_count; r++)
            if (cfg->rpo[r] == cfg->edges[e].from)
                from_at = r;
        if (from_at >= at)
            return true;
    }
    return false;
}

static void report_release_not_taken(struct function_analysis *fa, const struct lock_event *ev,
                                     const struct lock_fact *fact)
{
    unsigned lock = ev->effect->lock;
    const struct lock_info *info = &fa->locks[lock];
    /* Released inside a callee (its summary): name it. */
    const char *api = ev->effect->api;
    bool inferred = api && info->inferred_api && (strcmp(api, info->inferred_api) == 0 ||
                                           strcmp(api, info->inferred_pair) == 0);
    bool by_callee = api && !inferred && !lock_api_find_in(fa->session->config, api);
    char *msg = by_callee
        ? str_printf("'%s' releases %s '%s' on a path where '%s' did not acquire it", ev->effect->api,
                     info->kind, info->display, fa->name)
        : str_printf("%s '%s' is released on a path where '%s' did not acquire it", info->kind,
                     info->display, fa->name);
    struct finding *f = fa_report(fa, &rule_unlock_not_held.description, ev->node, msg);
    free(msg);
    unsigned taken = fact->mask & LOCK_HELD ? fact->acquired_at : info->own_acquire_at;
    msg = str_printf("'%s' acquired here on other paths", info->display);
    fa_note(fa, f, taken, msg);
    free(msg);
    fa_note_inferred(fa, f, lock, ev->node);
}

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind != LOCK_EVENT_RELEASE)
        return;
    unsigned lock = ev->effect->lock;
    const struct lock_fact *fact = &ev->state->locks[lock];
    if (((fact->flags & FACT_DOUBLED) && !(fact->mask & LOCK_HELD)) || FACT_LOST_TRACK(fact))
        return;
    if (fact->mask & LOCK_ANY_RELEASED) {
        report_second_release(fa, ev, fact);
        return;
    }
    const struct lock_info *info = &fa->locks[lock];
    if (!(fact->mask & LOCK_ENTRY) || info->own_acquire_at == NO_NODE_ID ||
        (fact->flags & FACT_DOUBLED))
        return;
    /* Taken on no path reaching here: the caller's lock, unless this is a
     * thread's start routine (nothing is held at its entry), a trylock just
     * failed, or the function releases it itself and never hands locks back
     * and forth with its caller. A callee's release is not trusted that far
     * (its lock may be spelled another way than this function's). */
    bool by_helper = !lock_api_find_in(fa->session->config, ev->effect->api) && !info->inferred_api;
    if (!(fact->mask & LOCK_HELD) && !fa->is_thread_entry && !(fact->flags & FACT_TRIED) &&
        info->switches_for_caller)
        return;
    if (by_helper && !fa->is_thread_entry)
        return;
    /* `if (w->locked) unlock(...)`: the object records that an earlier call
     * kept the lock (an iterator's bucket lock). */
    if (!(fact->mask & LOCK_HELD) && fa_hold_recorded(fa, &ev->state->vars))
        return;
    if (fact->mixed_at != NO_NODE_ID &&
        (is_loop_head(&fa->cfg, fact->mixed_at) ||
         !release_follows_every_path(fa, fact->mixed_at, ev->node)))
        return;
    report_release_not_taken(fa, ev, fact);
}

const struct rule rule_unlock_not_held = {
    .description.id = "unlock-not-held",
    .description.short_description = "A lock is released where this function does not hold it.",
    .description.full_description =
        "Unlocking a mutex the thread does not hold is undefined behaviour for default "
        "POSIX mutexes and corrupts the lock's state for spinlocks. lockcheck reports a "
        "release when the same function already released the lock on some path reaching "
        "it, and a release of a lock the function takes itself on some path, on a path "
        "where it did not take it. A release of a lock only the caller takes is not "
        "reported.",
    .on_lock_event = on_lock_event,
};
