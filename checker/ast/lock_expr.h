/*
 * lock_expr.h: the one canonical form of a lock expression.
 *
 * A lock is named by a root (a global, a parameter, a local, or an
 * expression lockcheck cannot break down) followed by steps: dereference,
 * member, array element, address-of. `&q->mu`, `&(*q).mu` and
 * `(&q->mu)[0]`-free spellings of the same object all reduce to
 * root q, steps [*, .mu]. Every comparison of locks goes through
 * lock_expr_key(); nothing else compares lock spellings.
 *
 * Parameters are numbered (root "$0", "$1", ...) so that a function's summary
 * can talk about "the mutex its first argument points to" and a caller can
 * substitute its own arguments (lock_expr_substitute).
 */
#ifndef LOCKCHECK_LOCK_EXPR_H
#define LOCKCHECK_LOCK_EXPR_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

enum lock_root_kind {
    LOCK_ROOT_GLOBAL,   /* global or static variable: id is its USR */
    LOCK_ROOT_PARAM,    /* parameter of the function: id is "$<index>" */
    LOCK_ROOT_LOCAL,    /* automatic variable: id is its USR */
    LOCK_ROOT_OPAQUE,   /* anything else: id is the expression's spelling */
};

enum lock_step_kind {
    LOCK_STEP_DEREF,    /* *x   */
    LOCK_STEP_ADDR,     /* &x   */
    LOCK_STEP_FIELD,    /* x.f  (x->f is DEREF then FIELD) */
    LOCK_STEP_INDEX,    /* x[k] */
};

struct lock_step {
    enum lock_step_kind kind;
    char *name;         /* field name, or the index as written */
    char *id;           /* INDEX: the index's canonical key (what compares);
                           FIELD: the field declaration's USR (which struct's
                           field: the lock's class), or NULL */
};

struct lock_expr {
    enum lock_root_kind root_kind;
    bool root_thread_local; /* the root is a __thread / _Thread_local variable */
    char *root_id;      /* what identifies the root (see above) */
    char *root_name;    /* how the root is written, for messages */
    struct lock_step *steps;
    size_t step_count;
};

/* Resolves a local pointer variable to the address it was initialised with
 * (`pthread_mutex_t *m = &q->mu;`), or returns false. Optional. */
typedef bool (*lock_alias_fn)(void *data, CXCursor var_decl, struct lock_expr *value);

struct lock_expr_ctx {
    CXCursor function;          /* the function whose parameters are numbered */
    lock_alias_fn alias;
    void *alias_data;
};

/* The value of expression `e` (for a lock argument: the pointer). */
bool lock_expr_from_value(const struct lock_expr_ctx *ctx, CXCursor e, struct lock_expr *out);
/* The lock object a pointer-valued argument points to (`&m` -> m, `p` -> *p). */
bool lock_expr_from_pointer(const struct lock_expr_ctx *ctx, CXCursor arg, struct lock_expr *out);

void lock_expr_push(struct lock_expr *e, enum lock_step_kind kind, const char *name);
void lock_expr_push_index(struct lock_expr *e, const char *written, const char *key);
/* Any step, with its id (see struct lock_step). */
void lock_expr_push_step(struct lock_expr *e, const struct lock_step *step);
/* Each thread has its own: the root is a thread-local variable and no
 * pointer is followed from it (`tls_mu`, `tls_pair.mu`, not `*tls_ptr`). */
bool lock_expr_per_thread(const struct lock_expr *e);
/* A name for the lock's class, the same for every object of a type: the
 * global itself, or "<field USR>" for a struct field (so that a mutex field
 * initialised recursive makes that field recursive in every object). NULL
 * when it has none. Caller frees. */
char *lock_expr_class(const struct lock_expr *e);
/* The expression naming a declared variable or parameter itself. */
bool lock_expr_from_decl(const struct lock_expr_ctx *ctx, CXCursor decl, struct lock_expr *out);
/* Cancels adjacent address-of / dereference pairs. */
void lock_expr_normalize(struct lock_expr *e);
void lock_expr_copy(struct lock_expr *dst, const struct lock_expr *src);
void lock_expr_free(struct lock_expr *e);

/* The canonical key: equal keys, same lock. Caller frees. */
char *lock_expr_key(const struct lock_expr *e);
/* The key with every index written "[]": the same for every element of
 * an array (data-race groups accesses by it). Caller frees. */
char *lock_expr_shape(const struct lock_expr *e);
/* The lock as a C programmer writes it (`q->mu`, `m` for `*m`). Caller frees. */
char *lock_expr_display(const struct lock_expr *e);

/* Replaces a parameter root "$i" by the caller's argument value args[i].
 * False when the expression's root is a parameter with no argument. */
bool lock_expr_substitute(const struct lock_expr *summary_expr, const struct lock_expr *args,
                          size_t arg_count, struct lock_expr *out);

/* True when a caller can name the lock (a global, or reached through a parameter). */
bool lock_expr_visible_to_caller(const struct lock_expr *e);
/* True when the lock object lives in the function's own frame (a local, not
 * reached through any pointer): nobody else can ever release it. */
bool lock_expr_in_frame(const struct lock_expr *e);
/* True when the lock's identity depends on the value of the lvalue whose
 * canonical key is `value_key` (its root, a pointer on its path, or an index):
 * after an assignment to that lvalue the expression names another lock. */
bool lock_expr_depends_on(const struct lock_expr *e, const char *value_key);
/* The same, or e is the value itself (`x` reads `x`). */
bool lock_expr_reads(const struct lock_expr *e, const char *value_key);

#endif
