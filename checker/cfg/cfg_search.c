/*
 * cfg_search.c: forward reachability with blockers on a CFG (see cfg_search.h).
 */
#include "cfg/cfg_search.h"

#include <stdlib.h>

#include "ast/cursor_util.h"
#include "util/memory.h"

unsigned cfg_search_forward(const struct cfg *cfg, unsigned start, const struct cfg_search *q)
{
    bool *seen = xcalloc(cfg->node_count + 1, sizeof *seen);
    unsigned *queue = xmalloc((cfg->node_count + 1) * sizeof *queue);
    unsigned head = 0, tail = 0, found = CFG_NO_NODE;
    queue[tail++] = start;
    bool first = true;
    while (head < tail && found == CFG_NO_NODE) {
        unsigned n = queue[head++];
        if (!first) {
            if (q->is_target(q->ctx, n)) {
                found = n;
                break;
            }
            if (q->blocks && q->blocks(q->ctx, n))
                continue;
        }
        first = false;
        const struct cfg_node *node = &cfg->nodes[n];
        for (unsigned k = 0; k < node->out_count; k++) {
            unsigned to = cfg->edges[cfg->out_edges[node->first_out + k]].to;
            if (q->blocks_edge && q->blocks_edge(q->ctx, cfg->out_edges[node->first_out + k]))
                continue;
            if (!seen[to]) {
                seen[to] = true;
                queue[tail++] = to;
            }
        }
    }
    free(seen);
    free(queue);
    return found;
}

/* clang_equalCursors also compares the parent declaration libclang keeps in
 * a cursor, which differs between cursors reached by different walks: compare
 * what the expression is instead (kind, hash and extent). */
bool same_expression(CXCursor a, CXCursor b)
{
    return clang_getCursorKind(a) == clang_getCursorKind(b) &&
           clang_hashCursor(a) == clang_hashCursor(b) &&
           clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

static unsigned offset_of(CXSourceLocation loc)
{
    unsigned offset = 0;
    clang_getExpansionLocation(loc, NULL, NULL, NULL, &offset);
    return offset;
}

bool cursor_contains(CXCursor outer, CXCursor inner)
{
    CXSourceRange o = clang_getCursorExtent(outer), i = clang_getCursorExtent(inner);
    return offset_of(clang_getRangeStart(o)) <= offset_of(clang_getRangeStart(i)) &&
           offset_of(clang_getRangeEnd(i)) <= offset_of(clang_getRangeEnd(o));
}

CXCursor cfg_assigned_variable(const struct cfg_node *n)
{
    if (clang_getCursorKind(n->cursor) == CXCursor_VarDecl)
        return clang_getCanonicalCursor(n->cursor);
    CXCursor target = cursor_strip(cursor_first_child(n->cursor));
    if (clang_getCursorKind(target) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    return clang_getCanonicalCursor(clang_getCursorReferenced(target));
}

unsigned cfg_call_node(const struct cfg *cfg, CXCursor call)
{
    for (unsigned i = 0; i < cfg->node_count; i++)
        if (cfg->nodes[i].kind == CFG_CALL && same_expression(cfg->nodes[i].cursor, call))
            return i;
    return CFG_NO_NODE;
}

struct source_pos cfg_node_pos(struct unit *unit, const struct cfg *cfg, unsigned node)
{
    const struct cfg_node *n = &cfg->nodes[node];
    CXSourceRange extent = clang_getCursorExtent(n->cursor);
    if (n->kind == CFG_END_OF_BODY) {
        struct source_pos pos = location_pos(unit, clang_getRangeEnd(extent));
        if (pos.column > 1)
            pos.column--;
        return pos;
    }
    if (n->kind == CFG_CLEANUP)
        return cursor_pos(unit, n->cursor);
    return location_pos(unit, clang_getRangeStart(extent));
}

/* ---- results of calls ------------------------------------------------------ */


static CXCursor first_expression_child(CXCursor c)
{
    struct cursor_list kids = {0};
    cursor_children(c, &kids);
    CXCursor first = clang_getNullCursor();
    for (size_t i = 0; i < kids.count && clang_Cursor_isNull(first); i++)
        if (clang_isExpression(clang_getCursorKind(kids.items[i])))
            first = kids.items[i];
    cursor_list_free(&kids);
    return first;
}

static bool is_plain_assignment(CXCursor c)
{
    return clang_getCursorKind(c) == CXCursor_BinaryOperator &&
           cursor_binary_op(c) == CXBinaryOperator_Assign;
}

CXCursor cfg_call_result_variable(const struct cfg *cfg, CXCursor call)
{
    for (unsigned i = 0; i < cfg->node_count; i++) {
        const struct cfg_node *n = &cfg->nodes[i];
        if (n->kind != CFG_ASSIGN)
            continue;
        if (clang_getCursorKind(n->cursor) == CXCursor_VarDecl &&
            same_expression(cursor_strip(cursor_last_expression_child(n->cursor)), call))
            return clang_getCanonicalCursor(n->cursor);
        if (is_plain_assignment(n->cursor) &&
            same_expression(cursor_strip(cursor_last_expression_child(n->cursor)), call)) {
            CXCursor lhs = cursor_strip(first_expression_child(n->cursor));
            if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr)
                return clang_getCanonicalCursor(clang_getCursorReferenced(lhs));
        }
    }
    return clang_getNullCursor();
}

/* The call itself, its result variable, or `(rc = call)`. */
static bool is_call_result(CXCursor e, CXCursor call, CXCursor var)
{
    e = cursor_strip(e);
    if (same_expression(e, call))
        return true;
    if (clang_getCursorKind(e) == CXCursor_DeclRefExpr && !clang_Cursor_isNull(var))
        return clang_equalCursors(clang_getCanonicalCursor(clang_getCursorReferenced(e)), var);
    if (is_plain_assignment(e))
        return is_call_result(cursor_last_expression_child(e), call, var);
    return false;
}

/* Whether a condition is true exactly when the result is non-zero (1), zero
 * (0), or neither / not about the result (-1). */
static int condition_means_nonzero(CXCursor cond, CXCursor call, CXCursor var)
{
    cond = cursor_strip(cond);
    if (is_call_result(cond, call, var))
        return 1;
    if (clang_getCursorKind(cond) != CXCursor_BinaryOperator)
        return -1;
    enum CXBinaryOperatorKind op = cursor_binary_op(cond);
    if (op != CXBinaryOperator_EQ && op != CXBinaryOperator_NE)
        return -1;
    CXCursor lhs = first_expression_child(cond), rhs = cursor_last_expression_child(cond);
    long long value;
    bool about = (is_call_result(lhs, call, var) && cursor_int_value(rhs, &value) && value == 0) ||
                 (is_call_result(rhs, call, var) && cursor_int_value(lhs, &value) && value == 0);
    if (!about)
        return -1;
    return op == CXBinaryOperator_NE ? 1 : 0;
}

bool cfg_edge_result_nonzero(const struct cfg *cfg, unsigned edge, CXCursor call,
                             CXCursor result_var)
{
    const struct cfg_edge *e = &cfg->edges[edge];
    const struct cfg_node *from = &cfg->nodes[e->from];
    if (from->kind != CFG_BRANCH || (e->kind != CFG_EDGE_TRUE && e->kind != CFG_EDGE_FALSE))
        return false;
    int nonzero = condition_means_nonzero(from->cursor, call, result_var);
    if (nonzero < 0)
        return false;
    return (e->kind == CFG_EDGE_TRUE) == (nonzero == 1);
}
