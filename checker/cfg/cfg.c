/*
 * cfg.c: building a function's control-flow graph (see cfg.h).
 *
 * The builder walks statements in order keeping a list of "pending" edges:
 * edges whose source is known but whose target is the next node to be
 * emitted. A branch produces two pending lists (true and false); jumps
 * park their pending edges on the enclosing loop, switch or label.
 */
#include "cfg/cfg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cleanup_attr.h"
#include "ast/cursor_util.h"
#include "ast/noreturn.h"
#include "util/memory.h"

#define NO_NODE 0xffffffffu

struct edge_list {
    unsigned *items;
    size_t count, capacity;
};

struct jump_target {
    bool is_switch;
    unsigned switch_node;
    bool has_default;
    unsigned continue_node;       /* NO_NODE when continues are pending (do, for) */
    struct edge_list breaks;
    struct edge_list continues;
    size_t scope_depth;
};

struct scope {
    CXCursor stmt;
    CXCursor *cleanups;
    size_t cleanup_count, cleanup_capacity;
};

struct label_entry {
    CXCursor label;
    unsigned node;
    bool placed;
};

struct builder {
    struct cfg *cfg;
    size_t node_capacity, edge_capacity;
    struct edge_list cur;
    struct jump_target *targets;
    size_t target_count, target_capacity;
    struct scope *scopes;
    size_t scope_count, scope_capacity;
    struct label_entry *labels;
    size_t label_count, label_capacity;
    struct edge_list indirect_gotos;
    /* Guarded-data accesses (only with a hook): the lvalue being written or
     * having its address taken while its expression is built. */
    const struct cfg_access_hook *hook;
    struct lvalue_mark *marks;
    size_t mark_count, mark_capacity;
};

struct lvalue_mark {
    CXCursor expr;
    bool write;             /* else: address taken, not an access */
};

static void build_stmt(struct builder *b, CXCursor s);
static void build_expr(struct builder *b, CXCursor e);
static void build_cond(struct builder *b, CXCursor e, struct edge_list *t, struct edge_list *f);

/* ---- graph primitives ---------------------------------------------------- */

static void list_push(struct edge_list *l, unsigned edge)
{
    ARRAY_RESERVE(l->items, l->capacity, l->count + 1);
    l->items[l->count++] = edge;
}

static void list_append(struct edge_list *into, struct edge_list *from)
{
    for (size_t i = 0; i < from->count; i++)
        list_push(into, from->items[i]);
    from->count = 0;
}

static void list_free(struct edge_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

static unsigned add_node(struct builder *b, enum cfg_node_kind kind, CXCursor cursor)
{
    struct cfg *g = b->cfg;
    ARRAY_RESERVE(g->nodes, b->node_capacity, g->node_count + 1);
    struct cfg_node *n = &g->nodes[g->node_count];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->cursor = cursor;
    return g->node_count++;
}

static unsigned add_edge(struct builder *b, unsigned from, enum cfg_edge_kind kind)
{
    struct cfg *g = b->cfg;
    ARRAY_RESERVE(g->edges, b->edge_capacity, g->edge_count + 1);
    struct cfg_edge *e = &g->edges[g->edge_count];
    e->from = from;
    e->to = NO_NODE;
    e->kind = kind;
    e->label = clang_getNullCursor();
    return g->edge_count++;
}

static void link_to(struct builder *b, struct edge_list *l, unsigned node)
{
    for (size_t i = 0; i < l->count; i++)
        b->cfg->edges[l->items[i]].to = node;
    l->count = 0;
}

/* Emits a node reached by the pending edges; it becomes the only pending source. */
static unsigned emit(struct builder *b, enum cfg_node_kind kind, CXCursor cursor)
{
    unsigned node = add_node(b, kind, cursor);
    link_to(b, &b->cur, node);
    list_push(&b->cur, add_edge(b, node, CFG_EDGE_NORMAL));
    return node;
}

static void emit_branch(struct builder *b, CXCursor cond, struct edge_list *t, struct edge_list *f)
{
    unsigned node = add_node(b, CFG_BRANCH, cond);
    link_to(b, &b->cur, node);
    list_push(t, add_edge(b, node, CFG_EDGE_TRUE));
    list_push(f, add_edge(b, node, CFG_EDGE_FALSE));
}

/* ---- scopes and cleanup variables --------------------------------------- */

static void push_scope(struct builder *b, CXCursor stmt)
{
    ARRAY_RESERVE(b->scopes, b->scope_capacity, b->scope_count + 1);
    struct scope *s = &b->scopes[b->scope_count++];
    memset(s, 0, sizeof *s);
    s->stmt = stmt;
}

static void emit_scope_cleanups(struct builder *b, const struct scope *s)
{
    for (size_t i = s->cleanup_count; i-- > 0;)
        emit(b, CFG_CLEANUP, s->cleanups[i]);
}

/* Runs the cleanups of every scope deeper than `depth` (for a jump out). */
static void emit_cleanups_to(struct builder *b, size_t depth)
{
    if (b->cur.count == 0)
        return;
    for (size_t i = b->scope_count; i-- > depth;)
        emit_scope_cleanups(b, &b->scopes[i]);
}

static void pop_scope(struct builder *b)
{
    struct scope *s = &b->scopes[b->scope_count - 1];
    if (b->cur.count)
        emit_scope_cleanups(b, s);
    free(s->cleanups);
    b->scope_count--;
}

static void note_declaration(struct builder *b, CXCursor var)
{
    if (!has_unexposed_attribute(var) || clang_Cursor_isNull(var_cleanup_function(var)) || b->scope_count == 0)
        return;
    struct scope *s = &b->scopes[b->scope_count - 1];
    ARRAY_RESERVE(s->cleanups, s->cleanup_capacity, s->cleanup_count + 1);
    s->cleanups[s->cleanup_count++] = var;
}

/* ---- expressions ----------------------------------------------------------- */

static void build_children_as_exprs(struct builder *b, CXCursor e)
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

static void address_set_insert(struct cfg *g, CXCursor var);

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
        address_set_insert(b->cfg, var);
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
    unsigned node = emit(b, CFG_CALL, call);
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
    unsigned node = emit(b, CFG_ACCESS, ref);
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

static void build_expr(struct builder *b, CXCursor e)
{
    enum CXCursorKind kind = clang_getCursorKind(e);
    switch (kind) {
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
    case CXCursor_StmtExpr:
        build_children_as_exprs(b, e);
        return;
    case CXCursor_ConditionalOperator: {
        struct cursor_list kids = {0};
        cursor_children(e, &kids);
        if (kids.count == 3) {
            struct edge_list t = {0}, f = {0};
            build_cond(b, kids.items[0], &t, &f);
            list_append(&b->cur, &t);
            build_expr(b, kids.items[1]);
            struct edge_list after = {0};
            list_append(&after, &b->cur);
            list_append(&b->cur, &f);
            build_expr(b, kids.items[2]);
            list_append(&b->cur, &after);
            list_free(&t);
            list_free(&f);
            list_free(&after);
        } else {
            build_children_as_exprs(b, e);
        }
        cursor_list_free(&kids);
        return;
    }
    case CXCursor_BinaryOperator: {
        enum CXBinaryOperatorKind op = cursor_binary_op(e);
        if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
            struct edge_list t = {0}, f = {0};
            build_cond(b, e, &t, &f);
            list_append(&b->cur, &t);
            list_append(&b->cur, &f);
            list_free(&t);
            list_free(&f);
            return;
        }
        if (op == CXBinaryOperator_Assign)
            build_with_lvalue(b, e, true);
        else
            build_children_as_exprs(b, e);
        if (op == CXBinaryOperator_Assign)
            emit(b, CFG_ASSIGN, e);
        return;
    }
    case CXCursor_CompoundAssignOperator:
        build_with_lvalue(b, e, true);
        emit(b, CFG_ASSIGN, e);
        return;
    case CXCursor_UnaryOperator: {
        enum CXUnaryOperatorKind op = cursor_unary_op(e);
        bool incdec = op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PostDec ||
                      op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PreDec;
        if (incdec || op == CXUnaryOperator_AddrOf)
            build_with_lvalue(b, e, incdec);
        else
            build_children_as_exprs(b, e);
        if (incdec)
            emit(b, CFG_ASSIGN, e);
        else if (op == CXUnaryOperator_AddrOf)
            note_address_taken(b, cursor_first_child(e));
        else if (op == CXUnaryOperator_Deref && b->hook)
            note_deref_access(b, e, first_expr_child(e));
        return;
    }
    default:
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
    unsigned node = add_node(b, CFG_JOIN, cond);
    b->cfg->nodes[node].outcome = outcome;
    link_to(b, in, node);
    list_push(out, add_edge(b, node, CFG_EDGE_NORMAL));
}

static bool declares_cleanup_variable(CXCursor stmt)
{
    if (clang_getCursorKind(stmt) != CXCursor_DeclStmt)
        return false;
    struct cursor_list vars = {0};
    cursor_children(stmt, &vars);
    bool found = false;
    for (size_t i = 0; i < vars.count && !found; i++)
        found = !clang_Cursor_isNull(var_cleanup_function(vars.items[i]));
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
        ok = !declares_cleanup_variable(kids.items[i]);
    if (ok) {
        for (size_t i = 0; i + 1 < kids.count; i++)
            build_stmt(b, kids.items[i]);
        build_cond(b, kids.items[kids.count - 1], t, f);
    }
    cursor_list_free(&kids);
    return ok;
}

/* Splits a condition into atomic branches: `!`, `&&`, `||`, `?:` and `,`
 * become control flow; constant conditions do not branch at all. */
static void build_cond(struct builder *b, CXCursor e, struct edge_list *t, struct edge_list *f)
{
    CXCursor s = cursor_strip(e);
    enum CXCursorKind kind = clang_getCursorKind(s);
    long long value;
    if (kind == CXCursor_UnaryOperator && cursor_unary_op(s) == CXUnaryOperator_LNot) {
        build_cond(b, cursor_first_child(s), f, t);
        return;
    }
    if (kind == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = cursor_binary_op(s);
        struct cursor_list kids = {0};
        cursor_children(s, &kids);
        if (kids.count == 2 && (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr ||
                                op == CXBinaryOperator_Comma)) {
            if (op == CXBinaryOperator_Comma) {
                build_expr(b, kids.items[0]);
                build_cond(b, kids.items[1], t, f);
            } else {
                /* A condition without side effects ends at two nodes that
                 * say its outcome, so the dataflow can follow it whole. */
                bool pure = has_no_side_effects(s);
                struct edge_list mid = {0}, ct = {0}, cf = {0};
                struct edge_list *to_t = pure ? &ct : t, *to_f = pure ? &cf : f;
                if (op == CXBinaryOperator_LAnd)
                    build_cond(b, kids.items[0], &mid, to_f);
                else
                    build_cond(b, kids.items[0], to_t, &mid);
                list_append(&b->cur, &mid);
                build_cond(b, kids.items[1], to_t, to_f);
                if (pure) {
                    emit_outcome(b, s, &ct, t, CFG_OUTCOME_TRUE);
                    emit_outcome(b, s, &cf, f, CFG_OUTCOME_FALSE);
                }
                list_free(&mid);
                list_free(&ct);
                list_free(&cf);
            }
            cursor_list_free(&kids);
            return;
        }
        cursor_list_free(&kids);
    }
    if (kind == CXCursor_ConditionalOperator) {
        struct cursor_list kids = {0};
        cursor_children(s, &kids);
        if (kids.count == 3) {
            struct edge_list ct = {0}, cf = {0};
            build_cond(b, kids.items[0], &ct, &cf);
            list_append(&b->cur, &ct);
            build_cond(b, kids.items[1], t, f);
            list_append(&b->cur, &cf);
            build_cond(b, kids.items[2], t, f);
            list_free(&ct);
            list_free(&cf);
            cursor_list_free(&kids);
            return;
        }
        cursor_list_free(&kids);
    }
    if (kind == CXCursor_IntegerLiteral && cursor_int_value(s, &value)) {
        list_append(value ? t : f, &b->cur);
        return;
    }
    if (kind == CXCursor_StmtExpr && build_stmt_expr_cond(b, s, t, f))
        return;
    build_expr(b, e);
    if (b->cur.count)
        emit_branch(b, s, t, f);
}

/* ---- statements ------------------------------------------------------------ */

static struct jump_target *push_target(struct builder *b, bool is_switch)
{
    ARRAY_RESERVE(b->targets, b->target_capacity, b->target_count + 1);
    struct jump_target *t = &b->targets[b->target_count++];
    memset(t, 0, sizeof *t);
    t->is_switch = is_switch;
    t->continue_node = NO_NODE;
    t->switch_node = NO_NODE;
    t->scope_depth = b->scope_count;
    return t;
}

static void pop_target(struct builder *b)
{
    struct jump_target *t = &b->targets[--b->target_count];
    list_free(&t->breaks);
    list_free(&t->continues);
}

static struct jump_target *innermost(struct builder *b, bool loop_only)
{
    for (size_t i = b->target_count; i-- > 0;)
        if (!loop_only || !b->targets[i].is_switch)
            return &b->targets[i];
    return NULL;
}

static unsigned label_node(struct builder *b, CXCursor label)
{
    /* A goto's LabelRef and the LabelStmt are different cursors for the same
     * label: compare where the label is declared. */
    CXSourceLocation at = clang_getCursorLocation(label);
    for (size_t i = 0; i < b->label_count; i++)
        if (clang_equalLocations(clang_getCursorLocation(b->labels[i].label), at))
            return b->labels[i].node;
    ARRAY_RESERVE(b->labels, b->label_capacity, b->label_count + 1);
    struct label_entry *l = &b->labels[b->label_count++];
    l->label = label;
    l->node = add_node(b, CFG_JOIN, label);
    l->placed = false;
    return l->node;
}

static unsigned file_offset(CXSourceLocation loc)
{
    unsigned offset = 0;
    clang_getExpansionLocation(loc, NULL, NULL, NULL, &offset);
    return offset;
}

static bool extent_contains(CXCursor outer, CXCursor inner)
{
    CXSourceRange r = clang_getCursorExtent(outer);
    unsigned at = file_offset(clang_getCursorLocation(inner));
    return file_offset(clang_getRangeStart(r)) <= at && at < file_offset(clang_getRangeEnd(r));
}

static void build_goto(struct builder *b, CXCursor s)
{
    CXCursor ref = cursor_first_child(s);
    CXCursor label = clang_getCursorReferenced(ref);
    if (clang_Cursor_isNull(label)) {
        b->cur.count = 0;
        return;
    }
    /* Leaving scopes that do not contain the label runs their cleanups. */
    for (size_t i = b->scope_count; i-- > 0;) {
        if (extent_contains(b->scopes[i].stmt, label))
            break;
        if (b->cur.count)
            emit_scope_cleanups(b, &b->scopes[i]);
    }
    link_to(b, &b->cur, label_node(b, label));
}

/* Which of a for statement's optional parts are present: libclang omits the
 * missing ones, so the header's semicolons tell which child is which. */
static void for_parts(CXCursor s, struct cursor_list *kids, CXCursor parts[3])
{
    for (int i = 0; i < 3; i++)
        parts[i] = clang_getNullCursor();
    size_t header = kids->count - 1;
    if (header == 0)
        return;
    if (header == 3) {
        for (int i = 0; i < 3; i++)
            parts[i] = kids->items[i];
        return;
    }
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(s));
    CXSourceLocation body = clang_getRangeStart(clang_getCursorExtent(kids->items[header]));
    CXFile sf, ef;
    unsigned soff, eoff;
    clang_getSpellingLocation(start, &sf, NULL, NULL, &soff);
    clang_getExpansionLocation(start, &ef, NULL, NULL, &eoff);
    bool literal = sf && ef && clang_File_isEqual(sf, ef) && soff == eoff;
    unsigned semis[2] = {0, 0};
    int semi_count = 0;
    if (literal) {
        CXTranslationUnit tu = clang_Cursor_getTranslationUnit(s);
        CXToken *tokens = NULL;
        unsigned count = 0;
        clang_tokenize(tu, clang_getRange(start, body), &tokens, &count);
        int depth = 0;
        for (unsigned i = 0; i < count && semi_count < 2; i++) {
            if (clang_getTokenKind(tokens[i]) != CXToken_Punctuation)
                continue;
            CXString sp = clang_getTokenSpelling(tu, tokens[i]);
            const char *p = clang_getCString(sp);
            if (strcmp(p, "(") == 0)
                depth++;
            else if (strcmp(p, ")") == 0)
                depth--;
            else if (strcmp(p, ";") == 0 && depth == 1)
                semis[semi_count++] = file_offset(clang_getTokenLocation(tu, tokens[i]));
            clang_disposeString(sp);
        }
        clang_disposeTokens(tu, tokens, count);
    }
    if (semi_count == 2) {
        for (size_t i = 0; i < header; i++) {
            unsigned at = file_offset(clang_getRangeStart(clang_getCursorExtent(kids->items[i])));
            int part = at < semis[0] ? 0 : at < semis[1] ? 1 : 2;
            parts[part] = kids->items[i];
        }
        return;
    }
    /* Written through a macro: guess from the kinds. */
    size_t i = 0;
    if (clang_getCursorKind(kids->items[0]) == CXCursor_DeclStmt || header == 3)
        parts[0] = kids->items[i++];
    if (i < header)
        parts[1] = kids->items[i++];
    if (i < header)
        parts[2] = kids->items[i++];
}

/* After a loop: control continues from its false condition and its breaks. */
static void leave_loop(struct builder *b, struct edge_list *t, struct edge_list *f)
{
    list_append(&b->cur, f);
    list_append(&b->cur, &b->targets[b->target_count - 1].breaks);
    pop_target(b);
    list_free(t);
    list_free(f);
}

static void build_loop_body(struct builder *b, CXCursor body)
{
    build_stmt(b, body);
}

static void build_stmt(struct builder *b, CXCursor s)
{
    enum CXCursorKind kind = clang_getCursorKind(s);
    struct cursor_list kids = {0};
    switch (kind) {
    case CXCursor_CompoundStmt:
        push_scope(b, s);
        cursor_children(s, &kids);
        for (size_t i = 0; i < kids.count; i++)
            build_stmt(b, kids.items[i]);
        pop_scope(b);
        break;
    case CXCursor_IfStmt: {
        cursor_children(s, &kids);
        if (kids.count < 2)
            break;
        struct edge_list t = {0}, f = {0}, after = {0};
        build_cond(b, kids.items[0], &t, &f);
        list_append(&b->cur, &t);
        build_stmt(b, kids.items[1]);
        list_append(&after, &b->cur);
        list_append(&b->cur, &f);
        if (kids.count > 2)
            build_stmt(b, kids.items[2]);
        list_append(&b->cur, &after);
        list_free(&t);
        list_free(&f);
        list_free(&after);
        break;
    }
    case CXCursor_WhileStmt: {
        cursor_children(s, &kids);
        if (kids.count < 2)
            break;
        unsigned head = emit(b, CFG_JOIN, s);
        struct edge_list t = {0}, f = {0};
        build_cond(b, kids.items[0], &t, &f);
        list_append(&b->cur, &t);
        struct jump_target *target = push_target(b, false);
        target->continue_node = head;
        build_loop_body(b, kids.items[1]);
        link_to(b, &b->cur, head);
        leave_loop(b, &t, &f);
        break;
    }
    case CXCursor_DoStmt: {
        cursor_children(s, &kids);
        if (kids.count < 2)
            break;
        unsigned head = emit(b, CFG_JOIN, s);
        push_target(b, false);
        build_loop_body(b, kids.items[0]);
        list_append(&b->cur, &b->targets[b->target_count - 1].continues);
        struct edge_list t = {0}, f = {0};
        build_cond(b, kids.items[1], &t, &f);
        link_to(b, &t, head);
        leave_loop(b, &t, &f);
        break;
    }
    case CXCursor_ForStmt: {
        cursor_children(s, &kids);
        if (kids.count < 1)
            break;
        CXCursor parts[3];
        for_parts(s, &kids, parts);
        push_scope(b, s); /* C99: the init declaration's scope is the loop */
        if (!clang_Cursor_isNull(parts[0]))
            build_stmt(b, parts[0]);
        unsigned head = emit(b, CFG_JOIN, s);
        struct edge_list t = {0}, f = {0};
        if (!clang_Cursor_isNull(parts[1])) {
            build_cond(b, parts[1], &t, &f);
            list_append(&b->cur, &t);
        }
        push_target(b, false);
        build_loop_body(b, kids.items[kids.count - 1]);
        list_append(&b->cur, &b->targets[b->target_count - 1].continues);
        if (!clang_Cursor_isNull(parts[2]))
            build_expr(b, parts[2]);
        link_to(b, &b->cur, head);
        leave_loop(b, &t, &f);
        pop_scope(b);
        break;
    }
    case CXCursor_SwitchStmt: {
        cursor_children(s, &kids);
        if (kids.count < 2)
            break;
        build_expr(b, kids.items[kids.count - 2]);
        unsigned node = add_node(b, CFG_SWITCH, s);
        link_to(b, &b->cur, node);
        struct jump_target *target = push_target(b, true);
        target->switch_node = node;
        build_stmt(b, kids.items[kids.count - 1]);
        target = &b->targets[b->target_count - 1];
        if (!target->has_default)
            list_push(&b->cur, add_edge(b, node, CFG_EDGE_DEFAULT));
        list_append(&b->cur, &target->breaks);
        pop_target(b);
        break;
    }
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
        cursor_children(s, &kids);
        struct jump_target *sw = NULL;
        for (size_t i = b->target_count; i-- > 0;)
            if (b->targets[i].is_switch) {
                sw = &b->targets[i];
                break;
            }
        unsigned join = add_node(b, CFG_JOIN, s);
        link_to(b, &b->cur, join);
        if (sw) {
            unsigned e = add_edge(b, sw->switch_node,
                                  kind == CXCursor_CaseStmt ? CFG_EDGE_CASE : CFG_EDGE_DEFAULT);
            b->cfg->edges[e].to = join;
            b->cfg->edges[e].label = s;
            if (kind == CXCursor_DefaultStmt)
                sw->has_default = true;
        }
        list_push(&b->cur, add_edge(b, join, CFG_EDGE_NORMAL));
        if (kids.count)
            build_stmt(b, kids.items[kids.count - 1]);
        break;
    }
    case CXCursor_BreakStmt: {
        struct jump_target *t = innermost(b, false);
        if (t) {
            emit_cleanups_to(b, t->scope_depth);
            list_append(&t->breaks, &b->cur);
        }
        b->cur.count = 0;
        break;
    }
    case CXCursor_ContinueStmt: {
        struct jump_target *t = innermost(b, true);
        if (t) {
            emit_cleanups_to(b, t->scope_depth);
            if (t->continue_node != NO_NODE)
                link_to(b, &b->cur, t->continue_node);
            else
                list_append(&t->continues, &b->cur);
        }
        b->cur.count = 0;
        break;
    }
    case CXCursor_GotoStmt:
        build_goto(b, s);
        b->cur.count = 0;
        break;
    case CXCursor_IndirectGotoStmt:
        build_children_as_exprs(b, s);
        list_append(&b->indirect_gotos, &b->cur);
        break;
    case CXCursor_LabelStmt: {
        unsigned node = label_node(b, s);
        link_to(b, &b->cur, node);
        for (size_t i = 0; i < b->label_count; i++)
            if (b->labels[i].node == node)
                b->labels[i].placed = true;
        list_push(&b->cur, add_edge(b, node, CFG_EDGE_NORMAL));
        cursor_children(s, &kids);
        for (size_t i = 0; i < kids.count; i++)
            if (clang_isStatement(clang_getCursorKind(kids.items[i])) ||
                clang_isExpression(clang_getCursorKind(kids.items[i])))
                build_stmt(b, kids.items[i]);
        break;
    }
    case CXCursor_ReturnStmt:
        build_children_as_exprs(b, s);
        emit_cleanups_to(b, 0);
        if (b->cur.count) {
            emit(b, CFG_RETURN, s);
            link_to(b, &b->cur, b->cfg->exit);
        }
        b->cur.count = 0;
        break;
    case CXCursor_DeclStmt:
        cursor_children(s, &kids);
        for (size_t i = 0; i < kids.count; i++) {
            CXCursor decl = kids.items[i];
            if (clang_getCursorKind(decl) != CXCursor_VarDecl)
                continue;
            struct cursor_list parts = {0};
            cursor_children(decl, &parts);
            bool has_init = false;
            for (size_t p = 0; p < parts.count; p++) {
                if (clang_isExpression(clang_getCursorKind(parts.items[p]))) {
                    build_expr(b, parts.items[p]);
                    has_init = true;
                }
            }
            cursor_list_free(&parts);
            if (has_init)
                emit(b, CFG_ASSIGN, decl);
            note_declaration(b, decl);
        }
        break;
    case CXCursor_NullStmt:
    case CXCursor_AsmStmt:
    case CXCursor_MSAsmStmt:
        break;
    default:
        if (clang_isExpression(kind)) {
            build_expr(b, s);
        } else {
            cursor_children(s, &kids);
            for (size_t i = 0; i < kids.count; i++)
                build_stmt(b, kids.items[i]);
        }
        break;
    }
    cursor_list_free(&kids);
}

/* ---- finishing ----------------------------------------------------------------- */

static void compute_out_edges(struct cfg *g)
{
    g->out_edges = xcalloc(g->edge_count + 1, sizeof *g->out_edges);
    for (unsigned i = 0; i < g->node_count; i++)
        g->nodes[i].out_count = 0;
    for (unsigned e = 0; e < g->edge_count; e++)
        if (g->edges[e].to != NO_NODE)
            g->nodes[g->edges[e].from].out_count++;
    unsigned at = 0;
    for (unsigned i = 0; i < g->node_count; i++) {
        g->nodes[i].first_out = at;
        at += g->nodes[i].out_count;
        g->nodes[i].out_count = 0;
    }
    for (unsigned e = 0; e < g->edge_count; e++) {
        if (g->edges[e].to == NO_NODE)
            continue;
        struct cfg_node *n = &g->nodes[g->edges[e].from];
        g->out_edges[n->first_out + n->out_count++] = e;
    }
}

/* Reverse post-order from the entry, iteratively (functions can be long). */
static void compute_rpo(struct cfg *g)
{
    unsigned *order = xmalloc((g->node_count + 1) * sizeof *order);
    unsigned *stack = xmalloc((g->node_count + 1) * sizeof *stack);
    unsigned *next = xcalloc(g->node_count + 1, sizeof *next);
    bool *seen = xcalloc(g->node_count + 1, sizeof *seen);
    unsigned depth = 0, done = 0;
    stack[depth++] = g->entry;
    seen[g->entry] = true;
    while (depth) {
        unsigned n = stack[depth - 1];
        const struct cfg_node *node = &g->nodes[n];
        if (next[n] < node->out_count) {
            unsigned to = g->edges[g->out_edges[node->first_out + next[n]++]].to;
            if (!seen[to]) {
                seen[to] = true;
                stack[depth++] = to;
            }
        } else {
            order[done++] = n;
            depth--;
        }
    }
    g->rpo = xmalloc((done + 1) * sizeof *g->rpo);
    for (unsigned i = 0; i < done; i++)
        g->rpo[i] = order[done - 1 - i];
    g->rpo_count = done;
    free(order);
    free(stack);
    free(next);
    free(seen);
}

bool cfg_build(CXCursor function, struct cfg *out)
{
    return cfg_build_with_accesses(function, out, NULL);
}

bool cfg_build_with_accesses(CXCursor function, struct cfg *out, const struct cfg_access_hook *hook)
{
    memset(out, 0, sizeof *out);
    CXCursor body = cursor_function_body(function);
    if (clang_Cursor_isNull(body))
        return false;
    struct builder b = {0};
    b.cfg = out;
    b.hook = hook && hook->guard_bits ? hook : NULL;
    out->function = function;
    out->body = body;
    out->entry = add_node(&b, CFG_ENTRY, function);
    out->exit = add_node(&b, CFG_EXIT, function);
    list_push(&b.cur, add_edge(&b, out->entry, CFG_EDGE_NORMAL));
    build_stmt(&b, body);
    if (b.cur.count) {
        emit(&b, CFG_END_OF_BODY, body);
        link_to(&b, &b.cur, out->exit);
    }
    /* An indirect goto may reach any label. */
    for (size_t i = 0; i < b.indirect_gotos.count; i++) {
        for (size_t l = 0; l < b.label_count; l++) {
            unsigned e = add_edge(&b, out->edges[b.indirect_gotos.items[i]].from, CFG_EDGE_NORMAL);
            out->edges[e].to = b.labels[l].node;
        }
        out->edges[b.indirect_gotos.items[i]].to = NO_NODE;
    }
    compute_out_edges(out);
    compute_rpo(out);
    list_free(&b.cur);
    list_free(&b.indirect_gotos);
    free(b.targets);
    free(b.scopes);
    free(b.labels);
    free(b.marks);
    return true;
}

void cfg_free(struct cfg *cfg)
{
    free(cfg->nodes);
    free(cfg->edges);
    free(cfg->out_edges);
    free(cfg->rpo);
    free(cfg->address_taken);
    memset(cfg, 0, sizeof *cfg);
}

static unsigned address_slot(const struct cfg *g, CXCursor var)
{
    unsigned mask = g->address_taken_slots - 1;
    unsigned at = clang_hashCursor(var) & mask;
    while (!clang_Cursor_isNull(g->address_taken[at]) && !clang_equalCursors(g->address_taken[at], var))
        at = (at + 1) & mask;
    return at;
}

static void address_set_insert(struct cfg *g, CXCursor var)
{
    if ((g->address_taken_count + 1) * 2 > g->address_taken_slots) {
        CXCursor *old = g->address_taken;
        unsigned old_slots = g->address_taken_slots;
        g->address_taken_slots = old_slots ? old_slots * 2 : 16;
        g->address_taken = xmalloc(g->address_taken_slots * sizeof *g->address_taken);
        for (unsigned i = 0; i < g->address_taken_slots; i++)
            g->address_taken[i] = clang_getNullCursor();
        for (unsigned i = 0; i < old_slots; i++)
            if (!clang_Cursor_isNull(old[i]))
                g->address_taken[address_slot(g, old[i])] = old[i];
        free(old);
    }
    unsigned at = address_slot(g, var);
    if (clang_Cursor_isNull(g->address_taken[at])) {
        g->address_taken[at] = var;
        g->address_taken_count++;
    }
}

bool cfg_is_address_taken(const struct cfg *cfg, CXCursor var)
{
    return cfg->address_taken_count && !clang_Cursor_isNull(cfg->address_taken[address_slot(cfg, var)]);
}

void cfg_dump(const struct cfg *cfg, void *file)
{
    static const char *const kinds[] = {"entry", "exit", "join", "call", "branch", "switch",
                                        "assign", "cleanup", "return", "end", "access"};
    static const char *const edges[] = {"", "T", "F", "case", "default"};
    FILE *out = file;
    for (unsigned r = 0; r < cfg->rpo_count; r++) {
        unsigned i = cfg->rpo[r];
        const struct cfg_node *n = &cfg->nodes[i];
        unsigned line = 0;
        clang_getExpansionLocation(clang_getCursorLocation(n->cursor), NULL, &line, NULL, NULL);
        fprintf(out, "  n%u %s line %u ->", i, kinds[n->kind], line);
        for (unsigned k = 0; k < n->out_count; k++) {
            const struct cfg_edge *e = &cfg->edges[cfg->out_edges[n->first_out + k]];
            fprintf(out, " n%u%s%s", e->to, e->kind ? ":" : "", edges[e->kind]);
        }
        fputc('\n', out);
    }
}
