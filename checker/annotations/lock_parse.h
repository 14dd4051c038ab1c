/*
 * lock_parse.h: turning an annotation's argument text into lock expressions.
 *
 * An annotation names a lock as C code would from the annotated declaration:
 *   - a parameter or a member path of one (`c->mu`, `*m`, `&s->mu`): root "$i";
 *   - a field of the same struct (`mu` on a field): root "$0", standing for
 *     the object the guarded field belongs to (substituted at each access);
 *   - a global variable.
 * The result is in lock_expr's canonical form: a pointer-typed expression is
 * dereferenced, so `m` and `*m`, `&s->mu` and `s->mu` give the same lock.
 */
#ifndef LOCKCHECK_LOCK_PARSE_H
#define LOCKCHECK_LOCK_PARSE_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "ast/lock_expr.h"

typedef bool (*find_global_fn)(void *data, const char *name, CXCursor *out);

struct annotation_scope {
    CXCursor functions[3];      /* declarations whose parameters names may be */
    unsigned function_count;
    CXCursor record;            /* the struct of an annotated field, or null */
    find_global_fn find_global;
    void *find_global_data;
};

/* Splits "a, b->c" at top-level commas; *count entries, caller frees each and the array. */
char **split_annotation_args(const char *args, unsigned *count);
/* Parses one lock expression; `kind` gets "mutex", "rwlock", "spinlock" or "lock". */
bool lock_parse(const struct annotation_scope *scope, const char *text, struct lock_expr *out,
                const char **kind);
/* The integer value of a success argument ("0", "1", "true", "false"). */
bool parse_success_value(const char *text, long long *value);

#endif
