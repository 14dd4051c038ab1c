/*
 * cfg_search.h: path questions on a function's CFG, for the rules that ask
 * "after this call, can control reach X without first passing Y?" (a return
 * without a pthread_join, a second thread creation before the join, ...).
 */
#ifndef LOCKCHECK_CFG_SEARCH_H
#define LOCKCHECK_CFG_SEARCH_H

#include <stdbool.h>

#include "cfg/cfg.h"

#define CFG_NO_NODE 0xffffffffu

struct cfg_search {
    bool (*is_target)(void *ctx, unsigned node);
    bool (*blocks)(void *ctx, unsigned node);   /* paths stop here (NULL: none) */
    bool (*blocks_edge)(void *ctx, unsigned edge); /* paths do not take it (NULL: none) */
    void *ctx;
};

/* Breadth-first from the successors of `start` (so the nearest target wins):
 * the first node for which is_target holds, reached without going through a
 * node that blocks (a node is tested as a target before as a blocker).
 * CFG_NO_NODE when there is none. Each node is visited once. */
unsigned cfg_search_forward(const struct cfg *cfg, unsigned start, const struct cfg_search *q);

/* Where a finding at a node is reported: the start of its cursor, the
 * closing brace for the end of the body. */
struct unit;
struct source_pos cfg_node_pos(struct unit *unit, const struct cfg *cfg, unsigned node);

/* The variable that keeps a call's result (`int rc = f();`, `rc = f();`),
 * or a null cursor. */
CXCursor cfg_call_result_variable(const struct cfg *cfg, CXCursor call);
/* True when the edge is taken only if the call returned non-zero: the TRUE
 * edge of `if (f())`, `if (f() != 0)`, `if (rc)`, the FALSE edge of
 * `if (f() == 0)`, ... (`result_var` from cfg_call_result_variable). For
 * functions that return 0 on success, the edges where the call failed. */
bool cfg_edge_result_nonzero(const struct cfg *cfg, unsigned edge, CXCursor call,
                             CXCursor result_var);

/* True when two cursors are the same expression or statement, whichever
 * walk produced them. */
bool same_expression(CXCursor a, CXCursor b);

/* True when `inner`'s source range lies within `outer`'s. */
bool cursor_contains(CXCursor outer, CXCursor inner);

/* The variable a CFG_ASSIGN node gives a new value (`int v = ...`, `v = ...`),
 * or a null cursor. */
CXCursor cfg_assigned_variable(const struct cfg_node *n);

/* The CFG_CALL node of a CallExpr, or CFG_NO_NODE. */
unsigned cfg_call_node(const struct cfg *cfg, CXCursor call);

#endif
