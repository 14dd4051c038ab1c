/*
 * value_flow.h: where the value of an expression comes from, within one
 * function: through copies into locals (`q = p`), casts and `void *` round
 * trips, functions of the translation unit that return one of their
 * arguments (`rc_clone(r)` returns `r`, whatever else it does), and stores
 * into struct fields and array elements (assignments, initialisers and
 * compound literals); `&x` comes from the object `x` itself. The
 * thread-crossing rules use it to see that the value a thread gets is the
 * one the creator, or another thread, still holds.
 *
 * The analysis is flow-insensitive and errs towards "unknown": an object
 * has a known value only when every store to it in the function stores the
 * same value (null pointers aside) and its address (or the address of what
 * holds it) never reaches a call or another pointer. Objects are named by
 * object_key (ast/object_key.h); array indices are not told apart, so
 * `jobs[i].parser` is one object for every `i`.
 *
 * Whether a function returns its parameter `i` is decided from its body in
 * the same translation unit (every `return` gives back parameter `i`,
 * unchanged) and memoised in a value_flow_env that the caller owns (one per
 * function checked: nothing is shared between -j workers).
 *
 * Cost: stores are indexed by key, so a question costs about the stores of
 * the objects it passes through; each question has a step budget, and
 * clone functions are followed 32 deep at most. Out of budget means unknown.
 */
#ifndef LOCKCHECK_VALUE_FLOW_H
#define LOCKCHECK_VALUE_FLOW_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#define VALUE_FLOW_MAX_STEPS 8

enum value_step_kind {
    VALUE_RETURNED,    /* `at` is a call to `callee`, which returns the value */
    VALUE_COPIED,      /* `at` copies the value into the variable `target` */
    VALUE_STORED,      /* `at` stores the value into the field / element `target` */
};

/* One hop of the value, for notes. */
struct value_step {
    enum value_step_kind kind;
    CXCursor at;          /* the call, the assignment or the declaration */
    CXCursor callee;      /* VALUE_RETURNED */
    CXCursor target;      /* VALUE_COPIED: the variable; VALUE_STORED: the lvalue written */
    const char *target_text; /* COPIED, STORED: how the source names the target
                                (`jobs[i].parser`); lives as long as the value_flow */
};

/* Where a value comes from: a variable (a parameter, a global, or a local
 * that received a value of its own, e.g. from rc_new()), and the hops from
 * that variable to the expression asked about, in program order (the
 * variable first). */
struct value_origin {
    CXCursor var;
    struct value_step steps[VALUE_FLOW_MAX_STEPS];
    size_t step_count;
};

struct value_flow_env;
struct value_flow;

struct value_flow_env *value_flow_env_new(void);
void value_flow_env_free(struct value_flow_env *env);

/* Indexes the stores of a function definition. */
struct value_flow *value_flow_new(struct value_flow_env *env, CXCursor function);
void value_flow_free(struct value_flow *vf);

/* The variable an expression's value comes from, through the hops above.
 * False when it is unknown, or a value the expression makes itself (a call
 * that returns no parameter, an address, a literal). */
bool value_flow_origin(struct value_flow *vf, CXCursor e, struct value_origin *out);

/* For a pointer to a struct or array (`&job`, `&jobs[i]`, `j`, a compound
 * literal): the values stored in its fields and elements whose origin
 * `accept` takes (the first field, in store order, whose every store agrees).
 * The origin's steps end with the VALUE_STORED hop. */
bool value_flow_carried(struct value_flow *vf, CXCursor pointer,
                        bool (*accept)(void *data, const struct value_origin *origin), void *data,
                        struct value_origin *out);

/* True when `var` holds, wherever the function uses it, the value of
 * `origin_var` (it is `origin_var`, or a copy of it made through the hops
 * above); *how (may be NULL) gets the hops. */
bool value_flow_is_alias(struct value_flow *vf, CXCursor var, CXCursor origin_var,
                         struct value_origin *how);

/* True when a statement only copies the value of `origin_var` into a variable
 * that is an alias of it (`q = p;`, `struct rc *q = p;`): no use of the value. */
bool value_flow_is_copy(struct value_flow *vf, CXCursor statement, CXCursor origin_var);

/* The index of the parameter a function (a declaration or definition) always
 * returns, or -1. */
int value_flow_returned_parameter(struct value_flow_env *env, CXCursor function);

/* The source text of an expression (`jobs[i].parser`), for notes; caller frees. */
char *value_flow_text(CXCursor e);

#endif
