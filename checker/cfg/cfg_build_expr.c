/*
 * cfg_build_expr.c: expressions into the control-flow graph (see
 * cfg_builder.h): calls (a call that never returns ends its path),
 * assignments, the uses of guarded data (CFG_ACCESS nodes, with an access
 * hook), and conditions split into atomic branches (`!`, `&&`, `||`, `?:`,
 * `,`, statement expressions). Unevaluated operands add nothing.
 */
#include "cfg/cfg_builder.h"

#include "ast/cleanup_attr.h"
#include "ast/cursor_util.h"
#include "ast/noreturn.h"
#include "util/memory.h"

/* ---- expressions ----------------------------------------------------------- */

void build_children_as_exprs(struct builder *b, CXCursor e)
{
    struct cursor_list kids = {0};
    cursor_children(e, &kids);
    for (size_t i = 0; i < kids.count; i++) {
        enum CXCursorKind k = clang_getCursorKind(kids.items[i]);
        if (clang_isExpression(k))
            build_expr(b, kids.items[i]);
        else if (clang_isStatement(k))
            build_stmt(b, kids.items[i]);
    }
    cursor_list_free(&kids);
}

/* Only locals and parameters matter (globals are never tracked as values). */
static void note_address_taken(struct builder *b, CXCursor operand)
{
    operand = cursor_strip(operand);
    if (clang_getCursorKind(operand) != CXCursor_DeclRefExpr)
        return;
    CXCursor var = clang_getCursorReferenced(operand);
    enum CXCursorKind kind = clang_getCursorKind(var);
    if (kind == CXCursor_ParmDecl ||
        (kind == CXCursor_VarDecl &&
         clang_getCursorKind(clang_getCursorSemanticParent(var)) != CXCursor_TranslationUnit))
        cfg_address_set_insert(b->cfg, var);
}

static void build_call(struct builder *b, CXCursor call)
{
    struct cursor_list kids = {0};
    cursor_children(call, &kids);
    /* The callee expression first (only interesting when it is not a plain name),
     * then the arguments left to right. */
    for (size_t i = 0; i < kids.count; i++) {
        CXCursor kid = kids.items[i];
        if (i == 0 && clang_getCursorKind(cursor_strip(kid)) == CXCursor_DeclRefExpr)
            continue;
        if (clang_isExpression(clang_getCursorKind(kid)))
            build_expr(b, kid);
    }
    cursor_list_free(&kids);
    unsigned node = builder_emit(b, CFG_CALL, call);
    if (call_is_noreturn(call)) {
        b->cfg->nodes[node].noreturn = true;
        b->cur.count = 0;
    }
}

/* ---- guarded-data accesses ------------------------------------------------- */

static bool has_pointer_type(CXCursor e)
{
    return clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer;
}

static bool has_array_type(CXCursor e)
{
    enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(e)).kind;
    return k == CXType_ConstantArray || k == CXType_IncompleteArray || k == CXType_VariableArray;
}

static CXCursor first_expr_child(CXCursor e)
{
    return cursor_first_child(e);
}

/* Marks an lvalue and the objects it is part of (`s.a[2]`: s.a[2], s.a, s):
 * writing it writes them; stops at a dereference, which reads the pointer. */
static void mark_lvalue(struct builder *b, CXCursor e, bool write)
{
    for (;;) {
        e = cursor_strip(e);
        ARRAY_RESERVE(b->marks, b->mark_capacity, b->mark_count + 1);
        b->marks[b->mark_count++] = (struct lvalue_mark){e, write};
        enum CXCursorKind k = clang_getCursorKind(e);
        if (k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr)
            return;
        CXCursor base = first_expr_child(e);
        CXCursor stripped = cursor_strip(base);
        bool through_pointer = k == CXCursor_MemberRefExpr
                                   ? has_pointer_type(base) || has_pointer_type(stripped)
                                   : !has_array_type(stripped);
        if (clang_Cursor_isNull(base) || through_pointer)
            return;
        e = stripped;
    }
}

/* -1: not marked; else whether the mark is a write. */
static int lvalue_mark(const struct builder *b, CXCursor e)
{
    for (size_t i = b->mark_count; i-- > 0;)
        if (clang_equalCursors(b->marks[i].expr, e))
            return b->marks[i].write;
    return -1;
}

static void emit_access(struct builder *b, CXCursor ref, unsigned char flags)
{
    unsigned node = builder_emit(b, CFG_ACCESS, ref);
    b->cfg->nodes[node].access = flags;
}

static unsigned guard_bits_of(struct builder *b, CXCursor ref)
{
    enum CXCursorKind k = clang_getCursorKind(ref);
    if (k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr)
        return 0;
    CXCursor decl = clang_getCursorReferenced(ref);
    if (clang_Cursor_isNull(decl))
        return 0;
    return b->hook->guard_bits(b->hook->data, decl);
}

/* `x` or `s->x` naming guarded data. */
static void note_named_access(struct builder *b, CXCursor ref)
{
    int mark = lvalue_mark(b, ref);
    if (mark != 0 && (guard_bits_of(b, ref) & CFG_GUARDED))
        emit_access(b, ref, mark == 1 ? CFG_ACCESS_WRITE : 0);
}

/* `*p`, `p->f`, `p[i]` (expression e) where p is a pt-guarded pointer. */
static void note_deref_access(struct builder *b, CXCursor e, CXCursor pointer)
{
    CXCursor ref = cursor_strip(pointer);
    int mark = lvalue_mark(b, e);
    if (mark != 0 && has_pointer_type(ref) && (guard_bits_of(b, ref) & CFG_PT_GUARDED))
        emit_access(b, ref, CFG_ACCESS_DEREF | (mark == 1 ? CFG_ACCESS_WRITE : 0));
}

/* Builds an expression whose first operand is an lvalue written (or whose
 * address is taken). */
static void build_with_lvalue(struct builder *b, CXCursor e, bool write)
{
    size_t saved = b->mark_count;
    if (b->hook)
        mark_lvalue(b, first_expr_child(e), write);
    build_children_as_exprs(b, e);
    b->mark_count = saved;
}

static void build_reference(struct builder *b, CXCursor e)
{
    enum CXCursorKind kind = clang_getCursorKind(e);
    build_children_as_exprs(b, e);
    if (!b->hook)
        return;
    if (kind == CXCursor_ArraySubscriptExpr) {
        note_deref_access(b, e, first_expr_child(e));
        return;
    }
    note_named_access(b, e);
    if (kind == CXCursor_MemberRefExpr) {
        CXCursor base = first_expr_child(e);
        if (!clang_Cursor_isNull(base) && has_pointer_type(base))
            note_deref_access(b, e, base);
    }
}

/* `c ? x : y`: the condition's branches, each through its own operand. */
static void build_conditional(struct builder *b, CXCursor e)
{
    struct cursor_list kids = {0};
    cursor_children(e, &kids);
    if (kids.count == 3) {
        struct edge_list t = {0}, f = {0};
        build_cond(b, kids.items[0], &t, &f);
        edge_list_append(&b->cur, &t);
        build_expr(b, kids.items[1]);
        struct edge_list after = {0};
        edge_list_append(&after, &b->cur);
        edge_list_append(&b->cur, &f);
        build_expr(b, kids.items[2]);
        edge_list_append(&b->cur, &after);
        edge_list_free(&t);
        edge_list_free(&f);
        edge_list_free(&after);
    } else {
        build_children_as_exprs(b, e);
    }
    cursor_list_free(&kids);
}

/* `&&` and `||` branch (both outcomes continue); `=` is a CFG_ASSIGN. */
static void build_binary(struct builder *b, CXCursor e)
{
    enum CXBinaryOperatorKind op = cursor_binary_op(e);
    if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
        struct edge_list t = {0}, f = {0};
        build_cond(b, e, &t, &f);
        edge_list_append(&b->cur, &t);
        edge_list_append(&b->cur, &f);
        edge_list_free(&t);
        edge_list_free(&f);
        return;
    }
    if (op != CXBinaryOperator_Assign) {
        build_children_as_exprs(b, e);
        return;
    }
    build_with_lvalue(b, e, true);
    builder_emit(b, CFG_ASSIGN, e);
}

/* `++` and `--` are CFG_ASSIGNs; `&x` takes an address; `*p` may read
 * pt-guarded data. */
static void build_unary(struct builder *b, CXCursor e)
{
    enum CXUnaryOperatorKind op = cursor_unary_op(e);
    bool incdec = op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PostDec ||
                  op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PreDec;
    if (incdec || op == CXUnaryOperator_AddrOf)
        build_with_lvalue(b, e, incdec);
    else
        build_children_as_exprs(b, e);
    if (incdec)
        builder_emit(b, CFG_ASSIGN, e);
    else if (op == CXUnaryOperator_AddrOf)
        note_address_taken(b, cursor_first_child(e));
    else if (op == CXUnaryOperator_Deref && b->hook)
        note_deref_access(b, e, first_expr_child(e));
}

void build_expr(struct builder *b, CXCursor e)
{
    switch (clang_getCursorKind(e)) {
    case CXCursor_CallExpr:
        build_call(b, e);
        return;
    case CXCursor_DeclRefExpr:
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr:
        build_reference(b, e);
        return;
    case CXCursor_UnaryExpr:          /* sizeof, _Alignof: not evaluated */
    case CXCursor_GenericSelectionExpr:
        return;
    case CXCursor_ConditionalOperator:
        build_conditional(b, e);
        return;
    case CXCursor_BinaryOperator:
        build_binary(b, e);
        return;
    case CXCursor_CompoundAssignOperator:
        build_with_lvalue(b, e, true);
        builder_emit(b, CFG_ASSIGN, e);
        return;
    case CXCursor_UnaryOperator:
        build_unary(b, e);
        return;
    default:                          /* statement expressions too */
        build_children_as_exprs(b, e);
        return;
    }
}

static enum CXChildVisitResult find_side_effect(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    bool *found = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    bool effect = k == CXCursor_CallExpr || k == CXCursor_StmtExpr ||
                  k == CXCursor_CompoundAssignOperator ||
                  (k == CXCursor_BinaryOperator && cursor_binary_op(c) == CXBinaryOperator_Assign);
    if (k == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind u = cursor_unary_op(c);
        effect = u == CXUnaryOperator_PostInc || u == CXUnaryOperator_PostDec ||
                 u == CXUnaryOperator_PreInc || u == CXUnaryOperator_PreDec;
    }
    if (effect) {
        *found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* No call, assignment or increment anywhere in the expression. */
static bool has_no_side_effects(CXCursor e)
{
    bool found = false;
    clang_visitChildren(e, find_side_effect, &found);
    return !found;
}

/* A node that the paths where `cond` had this outcome go through. */
static void emit_outcome(struct builder *b, CXCursor cond, struct edge_list *in, struct edge_list *out,
                         unsigned char outcome)
{
    if (in->count == 0)
        return;
    unsigned node = builder_add_node(b, CFG_JOIN, cond);
    b->cfg->nodes[node].outcome = outcome;
    builder_link_to(b, in, node);
    edge_list_push(out, builder_add_edge(b, node, CFG_EDGE_NORMAL));
}

static bool declares_cleanup_variable(const struct builder *b, CXCursor stmt)
{
    if (clang_getCursorKind(stmt) != CXCursor_DeclStmt)
        return false;
    struct cursor_list vars = {0};
    cursor_children(stmt, &vars);
    bool found = false;
    for (size_t i = 0; i < vars.count && !found; i++)
        found = !clang_Cursor_isNull(var_cleanup_function(b->functions, vars.items[i]));
    cursor_list_free(&vars);
    return found;
}

/* A statement expression used as a condition (`if (({ int r = trylock(m);
 * r == 0; }))`, from macros): its statements, then its last expression as
 * the condition. Not when it declares a cleanup variable (its scope must end
 * on both edges). */
static bool build_stmt_expr_cond(struct builder *b, CXCursor e, struct edge_list *t, struct edge_list *f)
{
    CXCursor body = cursor_first_child(e);
    if (clang_getCursorKind(body) != CXCursor_CompoundStmt)
        return false;
    struct cursor_list kids = {0};
    cursor_children(body, &kids);
    bool ok = kids.count > 0 && clang_isExpression(clang_getCursorKind(kids.items[kids.count - 1]));
    for (size_t i = 0; ok && i < kids.count; i++)
        ok = !declares_cleanup_variable(b, kids.items[i]);
    if (ok) {
        for (size_t i = 0; i + 1 < kids.count; i++)
            build_stmt(b, kids.items[i]);
        build_cond(b, kids.items[kids.count - 1], t, f);
    }
    cursor_list_free(&kids);
    return ok;
}

/* `a && b`, `a || b`: the second operand only where the first did not
 * decide. A condition without side effects ends at two nodes that say its
 * outcome, so the dataflow can follow it whole. */
static void build_logical_cond(struct builder *b, CXCursor s, enum CXBinaryOperatorKind op,
                               const struct cursor_list *kids, struct edge_list *t, struct edge_list *f)
{
    bool pure = has_no_side_effects(s);
    struct edge_list mid = {0}, ct = {0}, cf = {0};
    struct edge_list *to_t = pure ? &ct : t, *to_f = pure ? &cf : f;
    if (op == CXBinaryOperator_LAnd)
        build_cond(b, kids->items[0], &mid, to_f);
    else
        build_cond(b, kids->items[0], to_t, &mid);
    edge_list_append(&b->cur, &mid);
    build_cond(b, kids->items[1], to_t, to_f);
    if (pure) {
        emit_outcome(b, s, &ct, t, CFG_OUTCOME_TRUE);
        emit_outcome(b, s, &cf, f, CFG_OUTCOME_FALSE);
    }
    edge_list_free(&mid);
    edge_list_free(&ct);
    edge_list_free(&cf);
}

/* `&&`, `||` and `,` as conditions; false for any other binary operator. */
static bool build_binary_cond(struct builder *b, CXCursor s, struct edge_list *t, struct edge_list *f)
{
    enum CXBinaryOperatorKind op = cursor_binary_op(s);
    if (op != CXBinaryOperator_LAnd && op != CXBinaryOperator_LOr && op != CXBinaryOperator_Comma)
        return false;
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    bool built = kids.count == 2;
    if (built && op == CXBinaryOperator_Comma) {
        build_expr(b, kids.items[0]);
        build_cond(b, kids.items[1], t, f);
    } else if (built) {
        build_logical_cond(b, s, op, &kids, t, f);
    }
    cursor_list_free(&kids);
    return built;
}

/* `c ? x : y` as a condition: x's branches where c holds, y's elsewhere. */
static bool build_conditional_cond(struct builder *b, CXCursor s, struct edge_list *t, struct edge_list *f)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    bool built = kids.count == 3;
    if (built) {
        struct edge_list ct = {0}, cf = {0};
        build_cond(b, kids.items[0], &ct, &cf);
        edge_list_append(&b->cur, &ct);
        build_cond(b, kids.items[1], t, f);
        edge_list_append(&b->cur, &cf);
        build_cond(b, kids.items[2], t, f);
        edge_list_free(&ct);
        edge_list_free(&cf);
    }
    cursor_list_free(&kids);
    return built;
}

/* Splits a condition into atomic branches: `!`, `&&`, `||`, `?:` and `,`
 * become control flow; constant conditions do not branch at all. */
void build_cond(struct builder *b, CXCursor e, struct edge_list *t, struct edge_list *f)
{
    CXCursor s = cursor_strip(e);
    enum CXCursorKind kind = clang_getCursorKind(s);
    long long value;
    if (kind == CXCursor_UnaryOperator && cursor_unary_op(s) == CXUnaryOperator_LNot) {
        build_cond(b, cursor_first_child(s), f, t);
        return;
    }
    if (kind == CXCursor_BinaryOperator && build_binary_cond(b, s, t, f))
        return;
    if (kind == CXCursor_ConditionalOperator && build_conditional_cond(b, s, t, f))
        return;
    if (kind == CXCursor_IntegerLiteral && cursor_int_value(s, &value)) {
        edge_list_append(value ? t : f, &b->cur);
        return;
    }
    if (kind == CXCursor_StmtExpr && build_stmt_expr_cond(b, s, t, f))
        return;
    build_expr(b, e);
    if (b->cur.count)
        builder_emit_branch(b, s, t, f);
}
