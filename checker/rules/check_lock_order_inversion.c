/*
 * check_lock_order_inversion.c: lock-order-inversion.
 *
 * Two functions that take the same two locks in opposite orders can deadlock
 * when they run in two threads at once: each holds the lock the other waits
 * for. While the lock dataflow is replayed, every blocking acquisition made
 * while another lock is held on every path records an edge "held -> taken";
 * at the end of the translation unit, a pair of edges in opposite directions
 * is reported once, at the later acquisition, with notes at the other order.
 *
 * Locks are compared by class (lock_expr_class): a global, or a struct field
 * of a given struct type, so that `a->stats_lock` in one function and
 * `b->stats_lock` in another are the same lock for ordering. Two objects of
 * the same class (from->mu, to->mu) are not ordered by class and are left
 * alone. A try-lock cannot deadlock (it fails instead) and adds no edge; two
 * read holds do not block each other and add none either. A call to a
 * function that takes a lock inside (its summary) counts as taking it at the
 * call.
 *
 * Orders declared on the locks (LC_ACQUIRED_BEFORE / LC_ACQUIRED_AFTER,
 * clang's acquired_before / acquired_after) are checked too: one acquisition
 * against them is enough.
 */
#include <stdlib.h>
#include <string.h>

#include "annotations/lock_order.h"
#include "ast/session.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"
#include "util/memory.h"

struct order_edge {
    char *held_class, *taken_class;
    char *held_name, *taken_name;  /* "mutex 'm'" */
    char *function;
    char *via;                             /* the callee that takes it inside, or NULL */
    struct source_pos held_at, taken_at;   /* file names live in the session */
};

/* The edges of the file being checked (the rule's per-file state). */
struct order_edges {
    struct order_edge *items;
    size_t count, capacity;
};

static void add_edge(struct order_edges *edges, struct function_analysis *fa, unsigned held,
                     unsigned held_node, unsigned taken, unsigned taken_node, const char *via)
{
    /* A thread-local mutex is never waited for by another thread. */
    if (lock_expr_per_thread(&fa->locks[held].expr) || lock_expr_per_thread(&fa->locks[taken].expr))
        return;
    char *held_class = lock_expr_class(&fa->locks[held].expr);
    char *taken_class = lock_expr_class(&fa->locks[taken].expr);
    if (!held_class || !taken_class || strcmp(held_class, taken_class) == 0) {
        free(held_class);
        free(taken_class);
        return;
    }
    ARRAY_RESERVE(edges->items, edges->capacity, edges->count + 1);
    struct order_edge *e = &edges->items[edges->count++];
    e->held_class = held_class;
    e->taken_class = taken_class;
    e->held_name = str_printf("%s '%s'", fa->locks[held].kind, fa->locks[held].display);
    e->taken_name = str_printf("%s '%s'", fa->locks[taken].kind, fa->locks[taken].display);
    e->function = xstrdup(fa->name);
    e->via = via ? xstrdup(via) : NULL;
    e->held_at = fa_node_pos(fa, held_node);
    e->taken_at = fa_node_pos(fa, taken_node);
}

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind != LOCK_EVENT_ACQUIRE ||
        (ev->effect->op != LOCK_OP_ACQUIRE && ev->effect->op != LOCK_OP_TAKES))
        return;
    unsigned taken = ev->effect->lock;
    bool taken_shared = ev->effect->mode == LOCK_MODE_SHARED;
    for (unsigned held = 0; held < fa->lock_count; held++) {
        const struct lock_fact *f = &ev->state->locks[held];
        if (held == taken || !LOCK_ONLY(f->mask, LOCK_HELD) || f->acquired_at == NO_NODE_ID)
            continue;
        if (taken_shared && LOCK_ONLY(f->mask, LOCK_HELD_SHARED_ANY))
            continue;
        add_edge(state, fa, held, f->acquired_at, taken, ev->node,
                 ev->effect->op == LOCK_OP_TAKES ? ev->effect->api : NULL);
    }
}

static bool reverses(const struct order_edge *a, const struct order_edge *b)
{
    return strcmp(a->held_class, b->taken_class) == 0 && strcmp(a->taken_class, b->held_class) == 0;
}

static void report_pair(struct session *session, const struct order_edge *here,
                        const struct order_edge *other)
{
    char *msg = here->via
                    ? str_printf("'%s' acquires %s while %s is held, but '%s' acquires them in the "
                                 "opposite order: the two can deadlock",
                                 here->via, here->taken_name, here->held_name, other->function)
                    : str_printf("%s is acquired while holding %s, but '%s' acquires them in the "
                                 "opposite order: the two can deadlock",
                                 here->taken_name, here->held_name, other->function);
    struct finding *f = report_at(session, &rule_lock_order_inversion.description, here->taken_at, msg);
    free(msg);
    msg = str_printf("%s acquired here", here->held_name);
    finding_add_note(f, here->held_at, msg);
    free(msg);
    msg = str_printf("%s acquired here in '%s'", other->held_name, other->function);
    finding_add_note(f, other->held_at, msg);
    free(msg);
    msg = other->via ? str_printf("then %s acquired inside '%s', called here while holding it",
                                  other->taken_name, other->via)
                     : str_printf("then %s acquired here while holding it", other->taken_name);
    finding_add_note(f, other->taken_at, msg);
    free(msg);
}

static void *begin_file(struct session *session)
{
    return xcalloc(1, sizeof(struct order_edges));
}

static void end_file(void *state)
{
    struct order_edges *edges = state;
    for (size_t i = 0; i < edges->count; i++) {
        struct order_edge *e = &edges->items[i];
        free(e->held_class);
        free(e->taken_class);
        free(e->held_name);
        free(e->taken_name);
        free(e->function);
        free(e->via);
    }
    free(edges->items);
    free(edges);
}

/* An acquisition against an order the declarations state
 * (LC_ACQUIRED_BEFORE / LC_ACQUIRED_AFTER). */
static void report_declared(struct session *session, const struct order_edge *e,
                            const struct declared_order *d)
{
    char *msg = str_printf("%s is acquired while holding %s, against the declared order "
                           "('%s' before '%s'): the two can deadlock",
                           e->taken_name, e->held_name, d->before_name, d->after_name);
    struct finding *f = report_at(session, &rule_lock_order_inversion.description, e->taken_at, msg);
    free(msg);
    msg = str_printf("%s acquired here", e->held_name);
    finding_add_note(f, e->held_at, msg);
    free(msg);
    finding_add_note(f, d->at, "the order is declared here");
}

static bool same_pair(const struct order_edge *a, const struct order_edge *b)
{
    return reverses(a, b) || (strcmp(a->held_class, b->held_class) == 0 &&
                              strcmp(a->taken_class, b->taken_class) == 0);
}

static void check_translation_unit(struct session *session, void *state)
{
    const struct order_edges *edges = state;
    bool *done = xcalloc(edges->count + 1, sizeof *done);
    if (edges->count) {
        struct declared_orders declared;
        declared_lock_orders(session, &declared);
        for (size_t i = 0; i < edges->count; i++) {
            const struct order_edge *e = &edges->items[i];
            for (size_t k = 0; k < declared.count && !done[i]; k++) {
                const struct declared_order *d = &declared.items[k];
                if (strcmp(d->before_class, e->taken_class) != 0 ||
                    strcmp(d->after_class, e->held_class) != 0)
                    continue;
                report_declared(session, e, d);
                for (size_t j = 0; j < edges->count; j++)
                    if (same_pair(&edges->items[j], e))
                        done[j] = true;
            }
        }
        declared_orders_free(&declared);
    }
    for (size_t i = 0; i < edges->count; i++) {
        for (size_t j = i + 1; j < edges->count; j++) {
            if (done[i] || done[j] || !reverses(&edges->items[i], &edges->items[j]))
                continue;
            const struct order_edge *a = &edges->items[i], *b = &edges->items[j];
            bool a_later = source_pos_compare(&a->taken_at, &b->taken_at) > 0;
            report_pair(session, a_later ? a : b, a_later ? b : a);
            /* One finding per pair of classes: mark every edge of the pair. */
            for (size_t k = 0; k < edges->count; k++)
                if (reverses(&edges->items[k], a) || reverses(&edges->items[k], b))
                    done[k] = true;
        }
    }
    free(done);
}

const struct rule rule_lock_order_inversion = {
    .description.id = "lock-order-inversion",
    .description.short_description = "Two locks are acquired in opposite orders in different places.",
    .description.full_description =
        "When one function takes lock A then lock B and another takes B then A, two threads "
        "running them at once can each hold one lock and wait forever for the other. "
        "lockcheck records, for every blocking acquisition made while another lock is held, "
        "the order of the two (by lock class: a global, or a field of a struct type) and "
        "reports a pair of opposite orders in the same translation unit once, and any "
        "acquisition against an order declared with LC_ACQUIRED_BEFORE / LC_ACQUIRED_AFTER.",
    .begin_file = begin_file,
    .end_file = end_file,
    .on_lock_event = on_lock_event,
    .check_translation_unit = check_translation_unit,
};
