/*
 * function_analysis.h: one function's lock analysis, as rules see it.
 *
 * analyze_function() builds the CFG, finds every lock the function touches
 * (interning each canonical lock expression once), runs the forward lock
 * dataflow to its fixpoint, then replays the function once, telling the
 * session's observers (dataflow/observer.h: the rules that run) about every
 * lock event with the state before it. The exit states it records are also
 * what the function's summary is made from; then the analysis is freed.
 */
#ifndef LOCKCHECK_FUNCTION_ANALYSIS_H
#define LOCKCHECK_FUNCTION_ANALYSIS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "apis/lock_api.h"
#include "ast/lock_expr.h"
#include "cfg/cfg.h"
#include "dataflow/lock_state.h"
#include "report/finding.h"
#include "summary/summary.h"

struct session;
struct rule_description;

/* Whether `value op constant` holds (enum pred_op: summary/summary.h). */
bool pred_holds(enum pred_op op, long long value, long long constant);

/* One lock the function touches. */
struct lock_info {
    struct lock_expr expr;
    char *key;              /* lock_expr_key(expr) */
    char *display;          /* lock_expr_display(expr) */
    const char *kind;       /* "mutex", "rwlock", "spinlock", "lock" */
    int recursion;          /* 0: not asked yet, 1: no, 2: may be taken again while held */
    bool released_after_acquire; /* the function releases it where it holds it (replay) */
    bool taken_inside;      /* a blocking acquisition happens in the function (replay) */
    unsigned own_acquire_at; /* a node where this function takes it for itself (not back
                                for its caller after releasing it), or NO_NODE_ID (replay) */
    bool switches_for_caller; /* some return holds it, another has released the caller's
                                 (a pause/resume function; replay) */
    const char *inferred_api;  /* a lock API guessed from names acts on it (for a note) ... */
    const char *inferred_pair; /* ... and the counterpart that confirmed the guess */
    enum lock_mode taken_inside_mode; /* exclusive if any of them is */
    int taken_inside_if_arg; /* every such acquisition is under a test of this
                                parameter (-1: not all, or none) ... */
    enum pred_op taken_inside_if_op; /* ... that holds: `arg op constant` */
    long long taken_inside_if_constant;
};

/* What one call (or cleanup) does to one lock. */
struct lock_effect {
    enum lock_op op;
    enum lock_mode mode;
    unsigned lock;          /* index into function_analysis.locks */
    long long success_value;
    const char *api;        /* the function that has the effect */
};

enum lock_event_kind {
    LOCK_EVENT_ACQUIRE,
    LOCK_EVENT_RELEASE,
    LOCK_EVENT_WAIT,
    LOCK_EVENT_RETURN,       /* a return, or falling off the closing brace */
    LOCK_EVENT_THREAD_EXIT,  /* pthread_exit / thrd_exit */
    LOCK_EVENT_CALL,         /* any call, before its effects (annotations: annotation_calls_at) */
    LOCK_EVENT_ACCESS,       /* a use of guarded data (annotations: annotation_accesses_at) */
};

struct lock_event {
    enum lock_event_kind kind;
    unsigned node;
    const struct lock_effect *effect;   /* ACQUIRE, RELEASE, WAIT */
    const struct lock_state *state;     /* the state before the event */
};

struct exit_state {
    unsigned node;          /* CFG_RETURN or CFG_END_OF_BODY */
    struct lock_fact *locks;
    bool has_value;         /* the returned value is a known constant */
    int returned_var;       /* else the tracked condition returned, or NO_VAR */
    long long value;
    bool failure;           /* the constant is a failure value: NULL, false, negative, ENOMEM */
    uint8_t returned_truth; /* what the path knows of returned_var (enum truth) */
    struct var_map vars;    /* what the path knows of each tracked condition (var_map.h) */
};

struct node_info;
struct alias_table;
struct annotation_facts;

struct function_analysis {
    struct session *session;
    CXCursor function;
    char *name;
    struct cfg cfg;
    bool reporting;          /* findings in this function are reported */
    bool is_thread_entry;

    struct lock_info *locks;
    unsigned lock_count;
    size_t lock_capacity;
    struct key_index *lock_by_key;  /* collect's indexes of the locks: by key, ... */
    struct key_index *lock_by_root; /* ... and by the roots their expressions read */
    char **vars;             /* tracked conditions (flags, lock results), by lvalue key */
    struct lock_expr *var_exprs; /* ... and as expressions (what they depend on) */
    struct lock_expr *var_exprs2; /* ... a comparison's second operand (root_id NULL: none) */
    bool *var_volatile;      /* ... and whether a call may change them (globals, through pointers) */
    int *var_cmp_op;         /* ... `operand op constant` (enum pred_op: ==, <, <=), or -1 */
    long long *var_cmp_constant;
    int *var_cmp_group;      /* ... comparisons of the same operand share it (the first one's index) */
    unsigned var_count;
    size_t var_capacity;
    struct key_index *var_by_key;  /* collect's indexes of the conditions: by key, ... */
    struct key_index *var_by_root; /* ... and by the roots of the lvalues they read */
    struct kill_list *kill_lists;  /* collect's: the conditions an assignment changes, ... */
    size_t kill_list_count, kill_list_capacity;
    struct key_index *kill_lists_by_key; /* ... by the key of the lvalue assigned */
    /* Listed by the dataflow (lock_dataflow.c's list_conditions): */
    unsigned *volatile_vars; /* the conditions a call may change */
    unsigned volatile_var_count;
    unsigned *param_tests;   /* the tests of a parameter (fa_is_parameter_test) */
    unsigned param_test_count;
    unsigned *param_tests_by_branch; /* ... the same, by the last branch that may set their
                                        set_at, latest first */
    uint32_t *param_test_last_branch; /* per condition: that branch (0 if none) */
    unsigned *hold_records;  /* the hold records (fa_list_hold_records) */
    unsigned hold_record_count;
    int *var_group_next;     /* the next comparison of the same operand, or NO_VAR */

    struct alias_table *aliases; /* local pointers that name a lock (built on demand) */
    struct node_info *info;  /* per CFG node: effects, condition analysis */
    struct lock_state *in;   /* per CFG node: state on entry (fixpoint), kept at block
                                heads only (for_each_node_state gives every node's) */
    bool *block_head;        /* per CFG node: its state is kept in `in` */
    struct lock_fact *head_locks; /* the lock facts of every state in `in`, in one block */
    unsigned *block_edge;    /* per CFG node not a head: the edge it continues its block by */

    bool returns_constant;   /* every return returns the same constant (collect) */
    long long return_constant;
    int returns_param;       /* every return returns this pointer parameter as given, or -1 */
    bool writes_memory;      /* it may write something its caller can see: a global, what
                                a pointer reaches, or through a call that may (collect) */

    struct exit_state *exits;
    unsigned exit_count;
    size_t exit_capacity;

    struct annotation_facts *annotations;  /* guarded accesses, annotated calls (or NULL) */

    /* Compile errors (ast/invalid_code.h): why the body was not analysed, or
     * NULL. Its summary is then empty. When it calls a lock function (even
     * in a statement clang could not build), its callers are not analysed
     * either: they would see its locking as an unknown call. */
    char *not_analysed;
    bool broken_lock_function;
};

/* Analyses a function definition once per file: its findings go to the
 * session (when it is a function lockcheck reports on), its summary into
 * the session's table, and the analysis itself (CFG, states) is freed. A
 * second call returns the same summary (`not_analysed` says when compile
 * errors kept the body from being analysed). NULL when the function is
 * being analysed already (recursion). */
const struct summary *analyze_function(struct session *session, CXCursor definition);
void function_analysis_free(struct function_analysis *fa);
/* The CFG analyze_function builds for a definition (--dump-cfg); node_count
 * 0 when it has no body. Free with cfg_free. */
void function_cfg(struct session *session, CXCursor definition, struct cfg *out);
/* The engine's memo of analyses in progress (session.memo). */
struct analysis_memo;
void analysis_memo_free(struct analysis_memo *memo);

/* ---- for annotations: naming locks the way the engine does ---- */
/* The index of a lock in fa->locks, added if new; takes ownership of *expr. */
unsigned fa_intern_lock(struct function_analysis *fa, struct lock_expr *expr, const char *kind);
/* The context lock expressions of this function are built in (parameters
 * as "$i", local pointers resolved to the address they hold). */
struct lock_expr_ctx fa_lock_expr_ctx(struct function_analysis *fa);

/* What the path knows of tracked condition v (enum truth): its fact's, or
 * false when another `x == c` of its group is known true. */
uint8_t fa_var_truth(const struct function_analysis *fa, const struct var_map *vars, unsigned v);

/* ---- for summaries ---- */
/* What the truth of tracked condition v says about a parameter, when v
 * tests one as given (`lock_it`, `lock_it == LOCK_MUTEX`): its index, and
 * the predicate `argument op constant` that holds. -1 otherwise. */
int fa_parameter_test(const struct function_analysis *fa, unsigned v, uint8_t truth,
                      enum pred_op *op, long long *constant);
/* Whether v tests a parameter as given (fa_parameter_test may say which). */
bool fa_is_parameter_test(const struct function_analysis *fa, unsigned v);

/* A field of a parameter's object that the function sets to a non-zero
 * constant and to zero (`w->locked = true;` ... `w->locked = false;`): a
 * record of whether the object's lock is held across calls (an iterator
 * that returns holding a bucket's lock). Whether such a record is non-zero
 * in this state: vars as in lock_state (truth per tracked condition); at
 * an exit, also when the lock's guard says it is held exactly where the
 * record is set. */
void fa_list_hold_records(struct function_analysis *fa);   /* fills fa->hold_records */
bool fa_hold_recorded(const struct function_analysis *fa, const struct var_map *vars);
bool fa_hold_recorded_at_exit(const struct function_analysis *fa, const struct exit_state *x, unsigned lock);

/* ---- for rules ---- */
/* The state on entry to each node: fa->in keeps it only at block heads.
 * Calls visit (when not NULL) on every reached node in reverse post-order
 * with its fixpoint state on entry, walking each block from its head; with
 * `replay`, the nodes' events go to the lock facts and the observers. */
void for_each_node_state(struct function_analysis *fa, bool replay,
                         void (*visit)(struct function_analysis *fa, unsigned node,
                                       const struct lock_state *state, void *ctx),
                         void *ctx);

/* Whether the lock may be taken again while held (a recursive mutex). */
bool fa_lock_is_recursive(struct function_analysis *fa, unsigned lock);
struct source_pos fa_node_pos(struct function_analysis *fa, unsigned node);
/* Starts a finding at a CFG node (report_at, ast/session.h); NULL when the
 * rule does not run or findings in this function are not reported. */
struct finding *fa_report(struct function_analysis *fa, const struct rule_description *rule,
                          unsigned node, const char *message);
void fa_note(struct function_analysis *fa, struct finding *f, unsigned node, const char *message);
/* Adds "'m' acquired here" / "on the path where this condition is true" notes. */
void fa_note_path(struct function_analysis *fa, struct finding *f, unsigned lock,
                  const struct lock_fact *fact);
/* Adds a note at `node` when the lock is handled by a lock API guessed
 * from names (dataflow/inferred_api.c), saying so. */
void fa_note_inferred(struct function_analysis *fa, struct finding *f, unsigned lock, unsigned node);
/* Adds "'m' released here" when the lock may have been released before. */
void fa_note_released(struct function_analysis *fa, struct finding *f, unsigned lock,
                      const struct lock_fact *fact);

#endif
