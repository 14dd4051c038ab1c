/*
 * summary.h: what a function does to locks, as its callers see it.
 *
 * A summary lists effects on locks its callers can name (globals, and locks
 * reached through its parameters, written with "$i" roots): always acquires,
 * always releases, acquires only when it returns a given value (a try-lock
 * wrapper), or takes and gives back inside (so its caller must not hold it,
 * and the order against the caller's locks counts). Summaries are inferred from a function's exit states
 * (dataflow/summarise.h) and, from annotations; callers apply them by
 * substituting their arguments. The table is keyed by the function's USR so
 * that summaries can be exchanged across translation units.
 */
#ifndef LOCKCHECK_SUMMARY_H
#define LOCKCHECK_SUMMARY_H

#include <stdbool.h>

#include "apis/lock_api.h"
#include "ast/lock_expr.h"

/* A comparison with a constant: `value op constant`. */
enum pred_op { PRED_EQ, PRED_NE, PRED_LT, PRED_GT, PRED_LE, PRED_GE };

struct summary_effect {
    struct lock_expr lock;
    enum lock_op op;            /* ACQUIRE, TRY_ACQUIRE, RELEASE or TAKES */
    enum lock_mode mode;
    long long success_value;    /* TRY_ACQUIRE: the result meaning "held" */
    const char *kind;
    int if_arg;                 /* only when argument if_arg satisfies `arg if_op if_constant`
                                   (enum pred_op); -1: always. A RELEASE or ACQUIRE with an
                                   if_arg applies only to calls passing a constant that
                                   satisfies it; a TAKES to every call but those ruling it out */
    int if_op;
    long long if_constant;
};

/* A lock the function may return holding (on some path or all), as its
 * callers name it, and whether some caller in the analysed code takes it
 * over: releases it after the call, or returns holding it in turn. That is
 * the evidence that makes a function without a lock-like name a wrapper. */
struct summary_kept {
    struct lock_expr lock;
    bool taken_over_by_caller;
};

struct summary {
    char *usr;
    char *name;
    struct summary_effect *effects;
    unsigned effect_count;
    struct summary_kept *kept;
    unsigned kept_count;
    char *inferred_pair;        /* a lock API inferred from names: its counterpart's name */

    /* What callers read of a body analysed in this file (dataflow/summarise.h);
     * the rest is only set when `analysed` is. */
    bool analysed;
    int returns_param;          /* every return returns this pointer parameter as given, or -1 */
    bool returns_constant;      /* every return returns return_constant */
    long long return_constant;
    bool writes_memory;         /* it may write something its caller can see */
    bool wraps_hidden_lock;     /* it wraps a lock its callers cannot name (a lock API by name) */
    bool broken_lock_function;  /* not analysed, and calls a lock function: callers are not either */
    bool uses_external;         /* its analysis applied another file's summary (--cross-tu),
                                   or the summary of a callee here that did */
    char *not_analysed;         /* why its body was not analysed (compile errors), or NULL */
};

struct summary_table;

struct summary_table *summary_table_new(void);
void summary_table_free(struct summary_table *table);
/* Finds or creates the entry for a USR. */
struct summary *summary_table_get(struct summary_table *table, const char *usr, bool create);

/* Whether a function's name says it returns holding a lock: lock, acquire,
 * enter, begin, grab, hold, trylock, ... as a word of a snake_case,
 * camelCase or UPPER_CASE name (`lock_pair`, `tableLock`, `get_locked`). */
bool name_says_it_locks(const char *name);
/* The kept lock whose expression has this key, or NULL. */
struct summary_kept *summary_find_kept(struct summary *s, const char *key);
/* Calls fn on every summary of the table. */
void summary_table_each(struct summary_table *table, void (*fn)(struct summary *s, void *data),
                        void *data);
/* Frees what a summary owns (effects, names, reasons) and zeroes it; the
 * struct itself stays (it may be embedded or static). */
void summary_clear(struct summary *s);
void summary_add_effect(struct summary *s, const struct lock_expr *lock, enum lock_op op,
                        enum lock_mode mode, long long success_value, const char *kind);

#endif
