/*
 * node_info.h: what the collect step learns about each CFG node, shared by
 * the parts of a function's analysis (internal to dataflow/):
 *   collect.c          locks, call effects, tracked conditions, per node;
 *   lock_dataflow.c    the lattice operations, transfer functions, the
 *                      fixpoint and the replay that feeds the observers;
 *   lock_facts.c       the per-lock facts computed from the fixpoint;
 *   function_analysis.c  entry points, the memo, helpers for rules.
 */
#ifndef LOCKCHECK_NODE_INFO_H
#define LOCKCHECK_NODE_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "dataflow/function_analysis.h"

#define CALL_LOOKBACK 256

enum cond_source { COND_NONE, COND_CALL, COND_VAR };

struct node_info {
    struct lock_effect *effects;   /* CALL, CLEANUP */
    unsigned effect_count;
    bool thread_exit;              /* CALL to pthread_exit / thrd_exit */
    bool lock_api_call;            /* CALL to a lock API: it changes nothing but locks */
    bool keeps_memory;             /* CALL to a function whose body writes nothing its caller
                                      sees (a lock wrapper): conditions on memory survive it */
    CXCursor callee;               /* CALL: the function called directly (null cursor if not) */
    /* BRANCH: what the condition tests; ASSIGN: the variable and its new value */
    enum cond_source source;
    unsigned call_node;            /* COND_CALL / ASSIGN: the lock call whose result it is */
    int var;                       /* COND_VAR / ASSIGN / RETURN: tracked condition, or NO_VAR */
    enum pred_op op;               /* BRANCH: true edge means `value op constant` */
    long long constant;
    int cmp_var;                   /* BRANCH: the comparison `var op constant` as a tracked
                                      condition of its own (constant non-zero or op not == !=) */
    bool cmp_negated;              /* ... the true edge means that condition is zero */
    unsigned *null_locks;          /* BRANCH: a pointer tested against NULL, the locks
                                      reached through it (held means it is not NULL) */
    unsigned null_lock_count;
    bool null_on_true;             /* ... the true edge is where it is NULL */
    unsigned *case_edges;          /* SWITCH on a variable or field: its case edges ... */
    int *case_vars;                /* ... and for each, the tracked condition `x == value` */
    unsigned case_count;
    uint8_t assigned_truth;        /* ASSIGN: the truth of a constant assigned, or UNKNOWN */
    uint8_t result_form;           /* ASSIGN from call_node: enum result_form */
    int copied_var;                /* ASSIGN: a tracked condition whose value is copied, or NO_VAR */
    unsigned *kill_conds;          /* ASSIGN: tracked conditions it changes (members of it) */
    uint8_t *kill_truths;          /* ... and the truth each has after it (a constant assigned
                                      to a compared variable), else TRUTH_UNKNOWN; NULL: all
                                      unknown */
    unsigned kill_cond_count;
    bool kill_shared;              /* kill_conds is collect's list for the lvalue assigned
                                      (fa->kill_lists), not this node's own */
    unsigned *forget_locks;        /* ASSIGN: locks whose expression now names another lock */
    unsigned forget_lock_count;
    unsigned *move_from, *move_to; /* ASSIGN `p = q`: q->mu's state becomes p->mu's */
    unsigned move_count;
    bool has_value;                /* RETURN: a constant is returned */
    long long value;
    bool failure;                  /* RETURN: a failure value (NULL, false, negative, errno name) */
};

/* collect.c */
void collect(struct function_analysis *fa);
void collect_free(struct function_analysis *fa);
/* After the replay: tells the summaries of the functions this one calls
 * which of the locks they keep it takes over (releases, or returns holding). */
void note_callers_take_over(struct function_analysis *fa);

/* lock_dataflow.c */
/* Marks the nodes whose state the fixpoint keeps (fa->block_head); returns
 * how many. run_dataflow calls it when not done yet. */
unsigned find_block_heads(struct function_analysis *fa);
void run_dataflow(struct function_analysis *fa);
void replay(struct function_analysis *fa);
/* The function's end, to the observers (dataflow/observer.h says which). */
void observers_function_end(struct function_analysis *fa);
void lock_dataflow_free(struct function_analysis *fa);

/* function_analysis.c */
struct summary;
const struct summary *summary_for(struct session *session, CXCursor definition);
/* The analysis in progress read another file's summary (--cross-tu): its
 * own summary is marked uses_external, and so are its callers' here. */
void analysis_uses_external(struct session *session);

#endif
