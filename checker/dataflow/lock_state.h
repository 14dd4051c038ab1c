/*
 * lock_state.h: the lattice the lock dataflow works on.
 *
 * For every lock a function touches, a `lock_fact` says which of these may be
 * true at a program point (a set: bits are joined with OR at merge points):
 *   HELD_EXCLUSIVE / HELD_SHARED  this function holds it (a read lock or a
 *                  recursive mutex may be held twice: HELD_*_TWICE),
 *   RELEASED       this function released a lock it had taken,
 *   RELEASED_ENTRY this function released a lock it did not take (on behalf
 *                  of its caller),
 *   ENTRY          untouched since entry: whatever the caller had,
 *   RETAKEN        the caller's lock, released and taken back: held, and
 *                  for the caller as it was at entry.
 * A fact also remembers where the lock was taken and released (for notes),
 * the last branch taken while it was held (for "on the path where ..."), and
 * a guard: when the paths that met at a join disagreed on this lock and on
 * some tracked conditions (the flag tested, a `locked` variable, a member
 * like `mod->needs_lock`), the fact keeps the two sides apart: side_a is the
 * lock's state where those conditions have the truths in guard_nonzero,
 * side_b where they have the opposite ones. A later branch on one of them
 * picks the matching side, so `if (flag) lock(); ... if (flag) unlock();`
 * is balanced on every feasible path.
 *
 * For some local variables (flags and the results of lock calls), a
 * `var_fact` says what the path knows: zero / non-zero, and which lock call's
 * result it holds (the checked-lock idiom `int err = lock(); if (err) ...`).
 */
#ifndef LOCKCHECK_LOCK_STATE_H
#define LOCKCHECK_LOCK_STATE_H

#include <stdbool.h>
#include <stdint.h>

enum {
    LOCK_ENTRY = 1u << 0,
    LOCK_HELD_EXCLUSIVE = 1u << 1,
    LOCK_HELD_SHARED = 1u << 2,
    LOCK_RELEASED = 1u << 3,
    LOCK_RELEASED_ENTRY = 1u << 4,
    LOCK_HELD_SHARED_TWICE = 1u << 5,   /* read-locked more than once */
    LOCK_HELD_EXCLUSIVE_TWICE = 1u << 6, /* a recursive mutex taken more than once */
    LOCK_RETAKEN = 1u << 7,              /* held for the caller: its lock taken back after a
                                            release here, or one it must hold (LC_REQUIRES) */
};
#define LOCK_HELD_EXCLUSIVE_ANY (LOCK_HELD_EXCLUSIVE | LOCK_HELD_EXCLUSIVE_TWICE)
#define LOCK_HELD_SHARED_ANY (LOCK_HELD_SHARED | LOCK_HELD_SHARED_TWICE)
#define LOCK_HELD (LOCK_HELD_EXCLUSIVE_ANY | LOCK_HELD_SHARED_ANY)
/* Held at this point, whoever took it (rules asking "may I touch this, may I
 * take it again"); LOCK_HELD alone means held by this function (leaks). */
#define LOCK_HELD_NOW (LOCK_HELD | LOCK_RETAKEN)
#define LOCK_HELD_NOW_EXCLUSIVE (LOCK_HELD_EXCLUSIVE_ANY | LOCK_RETAKEN)
/* Held, and only held (exclusively: for writes and exclusive requirements). */
#define LOCK_ONLY(mask, bits) ((mask) && !((mask) & ~(bits)))
#define LOCK_ANY_RELEASED (LOCK_RELEASED | LOCK_RELEASED_ENTRY)

#define NO_NODE_ID 0xffffffffu
#define NO_VAR (-1)
#define NO_CONDITION 0xffffffffu   /* var_fact.equal_to: none */
#define MAX_GUARD_VARS 32  /* tracked conditions beyond this do not guard */

enum truth { TRUTH_UNKNOWN, TRUTH_ZERO, TRUTH_NONZERO };

/* lock_fact.flags */
enum {
    FACT_DOUBLED = 1u << 0,  /* taken again while held (a double lock): its next release
                                is the first unlock's twin, not a second root cause */
    FACT_TRIED = 1u << 2,    /* this path tried to take it and failed (a trylock): not
                                the caller's lock, whatever its state says */
    FACT_GUARDED = 1u << 3,  /* transient, within one edge's transfer: it was guarded */
    FACT_UNTRACKED = 1u << 1, /* held on some paths only, and lockcheck lost the condition
                                that tells which (a call given its address, the budget of
                                tracked conditions): rules stay silent on the mix */
};
/* Held on some paths and not on others, with the condition lost. */
/* Released on the caller's behalf, and only that: not after a failed try. */
#define FACT_RELEASED_FOR_CALLER(f) \
    (((f)->mask & LOCK_RELEASED_ENTRY) && !((f)->mask & LOCK_HELD) && !((f)->flags & FACT_TRIED))
#define FACT_LOST_TRACK(f) \
    (((f)->flags & FACT_UNTRACKED) && ((f)->mask & LOCK_HELD) && ((f)->mask & ~LOCK_HELD))

struct lock_fact {
    uint8_t mask;
    uint8_t prev_mask;      /* the mask before the last acquisition (undone if it failed) */
    uint8_t branch_kind;    /* enum cfg_edge_kind of branch_at */
    uint8_t side_a, side_b; /* guarded: the mask on each side (mask == side_a | side_b) */
    uint8_t flags;          /* FACT_* */
    uint32_t guard_vars;    /* bit v: tracked condition v tells the sides apart (0: no guard) */
    uint32_t guard_nonzero; /* bit v: v is non-zero on side a (zero on side b) */
    uint32_t acquired_at;   /* node of the acquisition (NO_NODE_ID if none) */
    uint32_t released_at;   /* node of the last release */
    uint32_t branch_at;     /* last branch node taken while held */
    uint32_t mixed_at;      /* the join where paths holding it met paths that do not */
};

/* var_fact.result_form: how a variable relates to the lock call it holds. */
enum result_form {
    RESULT_VALUE,           /* the call's result itself (`err = lock()`) */
    RESULT_SUCCESS_NONZERO, /* non-zero exactly when it succeeded (`ok = !trylock()`) */
    RESULT_SUCCESS_ZERO,    /* zero exactly when it succeeded (`busy = trylock() != 0`) */
};

/* 20 bytes (the bytes first, no padding but one): a leaf of var_map.c
 * keeps 16 of them. */
struct var_fact {
    uint8_t truth;          /* enum truth */
    uint8_t result_form;    /* enum result_form, with result_of */
    uint8_t values_known;   /* see values */
    uint32_t set_at;        /* node that established the truth */
    uint32_t result_of;     /* call node whose result the variable holds, or NO_NODE_ID */
    /* On the first comparison of an operand (its group): the `x == c`
     * conditions of the group one of which holds on this path (bit v for
     * condition v), when values_known: what `x` may be, so that ruling out
     * all but one of them decides the last. */
    uint32_t values;
    /* On the first comparison of an operand (its group): the `x == c`
     * condition the path knows true, so that every other `x == d` of the
     * group is false without a fact of its own (fa_var_truth); beyond the
     * first MAX_GUARD_VARS conditions, those are not written. */
    uint32_t equal_to;
};

/* The var facts of a program point: a persistent array shared between
 * states (dataflow/var_map.h reads and writes it). */
struct var_map_node;
struct var_map {
    struct var_map_node *root;   /* NULL: every fact unknown */
    unsigned depth;              /* levels above the leaves (from the condition count) */
};

/* A program point's state: lock_count facts, and var_count var facts. */
struct lock_state {
    bool reached;
    struct lock_fact *locks;
    struct var_map vars;
};

#endif
