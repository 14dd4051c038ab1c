/*
 * lock_order.h: lock orders declared with LC_ACQUIRED_BEFORE /
 * LC_ACQUIRED_AFTER (clang: acquired_before / acquired_after) on locks that
 * are struct fields or globals, as pairs of lock classes (see
 * lock_expr_class): "before is taken before after".
 */
#ifndef LOCKCHECK_LOCK_ORDER_H
#define LOCKCHECK_LOCK_ORDER_H

#include <stddef.h>

#include "report/finding.h"

struct session;

struct declared_order {
    char *before_class, *after_class;
    char *before_name, *after_name;   /* as written in the declarations */
    struct source_pos at;             /* the annotated declaration */
};

struct declared_orders {
    struct declared_order *items;
    size_t count, capacity;
};

/* The orders declared in the translation unit (outside system headers). */
void declared_lock_orders(struct session *session, struct declared_orders *out);
void declared_orders_free(struct declared_orders *orders);

#endif
