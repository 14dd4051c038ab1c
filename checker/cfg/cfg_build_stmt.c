/*
 * cfg_build_stmt.c: statements into the control-flow graph (see
 * cfg_builder.h), one function per kind: blocks, if, the three loops,
 * switch and its labels, break and continue, goto and labels, return and
 * declarations. Jumps leave scopes: they run the cleanup variables of the
 * scopes they leave.
 */
#include "cfg/cfg_builder.h"

#include <string.h>

#include "ast/cursor_util.h"
#include "util/memory.h"

/* ---- jump targets, labels and for headers ----------------------------------- */

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
    edge_list_free(&t->breaks);
    edge_list_free(&t->continues);
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
    l->node = builder_add_node(b, CFG_JOIN, label);
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
            builder_emit_scope_cleanups(b, &b->scopes[i]);
    }
    builder_link_to(b, &b->cur, label_node(b, label));
}

/* The offsets of the two `;` of a for header written literally (not
 * through a macro), from the statement's start to its body; how many found. */
static int header_semicolons(CXCursor s, CXCursor body, unsigned semis[2])
{
    CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(s));
    CXSourceLocation body_start = clang_getRangeStart(clang_getCursorExtent(body));
    CXFile sf, ef;
    unsigned soff, eoff;
    clang_getSpellingLocation(start, &sf, NULL, NULL, &soff);
    clang_getExpansionLocation(start, &ef, NULL, NULL, &eoff);
    if (!(sf && ef && clang_File_isEqual(sf, ef) && soff == eoff))
        return 0;
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(s);
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(tu, clang_getRange(start, body_start), &tokens, &count);
    int depth = 0, semi_count = 0;
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
    return semi_count;
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
    unsigned semis[2] = {0, 0};
    if (header_semicolons(s, kids->items[header], semis) == 2) {
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
    edge_list_append(&b->cur, f);
    edge_list_append(&b->cur, &b->targets[b->target_count - 1].breaks);
    pop_target(b);
    edge_list_free(t);
    edge_list_free(f);
}

static void build_loop_body(struct builder *b, CXCursor body)
{
    build_stmt(b, body);
}

/* ---- one function per kind of statement ----------------------------------- */

/* A block: a scope, whose cleanup variables run where it ends. */
static void build_compound(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    builder_push_scope(b, s);
    cursor_children(s, &kids);
    for (size_t i = 0; i < kids.count; i++)
        build_stmt(b, kids.items[i]);
    builder_pop_scope(b);
    cursor_list_free(&kids);
}

static void build_if(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    if (kids.count >= 2) {
        struct edge_list t = {0}, f = {0}, after = {0};
        build_cond(b, kids.items[0], &t, &f);
        edge_list_append(&b->cur, &t);
        build_stmt(b, kids.items[1]);
        edge_list_append(&after, &b->cur);
        edge_list_append(&b->cur, &f);
        if (kids.count > 2)
            build_stmt(b, kids.items[2]);
        edge_list_append(&b->cur, &after);
        edge_list_free(&t);
        edge_list_free(&f);
        edge_list_free(&after);
    }
    cursor_list_free(&kids);
}

/* The head (a join) tests the condition; the body goes back to the head. */
static void build_while(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    if (kids.count >= 2) {
        unsigned head = builder_emit(b, CFG_JOIN, s);
        struct edge_list t = {0}, f = {0};
        build_cond(b, kids.items[0], &t, &f);
        edge_list_append(&b->cur, &t);
        struct jump_target *target = push_target(b, false);
        target->continue_node = head;
        build_loop_body(b, kids.items[1]);
        builder_link_to(b, &b->cur, head);
        leave_loop(b, &t, &f);
    }
    cursor_list_free(&kids);
}

/* The body first; continues go to the condition, whose true edge goes back. */
static void build_do(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    if (kids.count >= 2) {
        unsigned head = builder_emit(b, CFG_JOIN, s);
        push_target(b, false);
        build_loop_body(b, kids.items[0]);
        edge_list_append(&b->cur, &b->targets[b->target_count - 1].continues);
        struct edge_list t = {0}, f = {0};
        build_cond(b, kids.items[1], &t, &f);
        builder_link_to(b, &t, head);
        leave_loop(b, &t, &f);
    }
    cursor_list_free(&kids);
}

/* Init, then the head testing the condition (none: always true), the body,
 * and the increment, which continues reach, back to the head. */
static void build_for(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    if (kids.count >= 1) {
        CXCursor parts[3];
        for_parts(s, &kids, parts);
        builder_push_scope(b, s); /* C99: the init declaration's scope is the loop */
        if (!clang_Cursor_isNull(parts[0]))
            build_stmt(b, parts[0]);
        unsigned head = builder_emit(b, CFG_JOIN, s);
        struct edge_list t = {0}, f = {0};
        if (!clang_Cursor_isNull(parts[1])) {
            build_cond(b, parts[1], &t, &f);
            edge_list_append(&b->cur, &t);
        }
        push_target(b, false);
        build_loop_body(b, kids.items[kids.count - 1]);
        edge_list_append(&b->cur, &b->targets[b->target_count - 1].continues);
        if (!clang_Cursor_isNull(parts[2]))
            build_expr(b, parts[2]);
        builder_link_to(b, &b->cur, head);
        leave_loop(b, &t, &f);
        builder_pop_scope(b);
    }
    cursor_list_free(&kids);
}

/* A CFG_SWITCH node whose case edges the case labels add; without a
 * default label, a default edge goes past the body. */
static void build_switch(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    if (kids.count >= 2) {
        build_expr(b, kids.items[kids.count - 2]);
        unsigned node = builder_add_node(b, CFG_SWITCH, s);
        builder_link_to(b, &b->cur, node);
        struct jump_target *target = push_target(b, true);
        target->switch_node = node;
        build_stmt(b, kids.items[kids.count - 1]);
        target = &b->targets[b->target_count - 1];
        if (!target->has_default)
            edge_list_push(&b->cur, builder_add_edge(b, node, CFG_EDGE_DEFAULT));
        edge_list_append(&b->cur, &target->breaks);
        pop_target(b);
    }
    cursor_list_free(&kids);
}

/* A join reached by fall-through and by the enclosing switch's edge. */
static void build_case(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    struct jump_target *sw = NULL;
    for (size_t i = b->target_count; i-- > 0;)
        if (b->targets[i].is_switch) {
            sw = &b->targets[i];
            break;
        }
    bool is_default = clang_getCursorKind(s) == CXCursor_DefaultStmt;
    unsigned join = builder_add_node(b, CFG_JOIN, s);
    builder_link_to(b, &b->cur, join);
    if (sw) {
        unsigned e = builder_add_edge(b, sw->switch_node, is_default ? CFG_EDGE_DEFAULT : CFG_EDGE_CASE);
        b->cfg->edges[e].to = join;
        b->cfg->edges[e].label = s;
        if (is_default)
            sw->has_default = true;
    }
    edge_list_push(&b->cur, builder_add_edge(b, join, CFG_EDGE_NORMAL));
    if (kids.count)
        build_stmt(b, kids.items[kids.count - 1]);
    cursor_list_free(&kids);
}

static void build_break(struct builder *b)
{
    struct jump_target *t = innermost(b, false);
    if (t) {
        builder_emit_cleanups_to(b, t->scope_depth);
        edge_list_append(&t->breaks, &b->cur);
    }
    b->cur.count = 0;
}

static void build_continue(struct builder *b)
{
    struct jump_target *t = innermost(b, true);
    if (t) {
        builder_emit_cleanups_to(b, t->scope_depth);
        if (t->continue_node != NO_NODE)
            builder_link_to(b, &b->cur, t->continue_node);
        else
            edge_list_append(&t->continues, &b->cur);
    }
    b->cur.count = 0;
}

/* `goto *p`: cfg_build links it to every label once all are known. */
static void build_indirect_goto(struct builder *b, CXCursor s)
{
    build_children_as_exprs(b, s);
    edge_list_append(&b->indirect_gotos, &b->cur);
}

/* The label's join (gotos before it may have created it), then its statement. */
static void build_label(struct builder *b, CXCursor s)
{
    unsigned node = label_node(b, s);
    builder_link_to(b, &b->cur, node);
    for (size_t i = 0; i < b->label_count; i++)
        if (b->labels[i].node == node)
            b->labels[i].placed = true;
    edge_list_push(&b->cur, builder_add_edge(b, node, CFG_EDGE_NORMAL));
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    for (size_t i = 0; i < kids.count; i++)
        if (clang_isStatement(clang_getCursorKind(kids.items[i])) ||
            clang_isExpression(clang_getCursorKind(kids.items[i])))
            build_stmt(b, kids.items[i]);
    cursor_list_free(&kids);
}

/* The value, the cleanups of every scope, then a CFG_RETURN to the exit. */
static void build_return(struct builder *b, CXCursor s)
{
    build_children_as_exprs(b, s);
    builder_emit_cleanups_to(b, 0);
    if (b->cur.count) {
        builder_emit(b, CFG_RETURN, s);
        builder_link_to(b, &b->cur, b->cfg->exit);
    }
    b->cur.count = 0;
}

/* A variable: its initialiser, then a CFG_ASSIGN (when it has one). */
static void build_var_decl(struct builder *b, CXCursor decl)
{
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
        builder_emit(b, CFG_ASSIGN, decl);
    builder_note_declaration(b, decl);
}

static void build_declarations(struct builder *b, CXCursor s)
{
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    for (size_t i = 0; i < kids.count; i++)
        if (clang_getCursorKind(kids.items[i]) == CXCursor_VarDecl)
            build_var_decl(b, kids.items[i]);
    cursor_list_free(&kids);
}

/* Any other statement: an expression, or its children in order. */
static void build_other(struct builder *b, CXCursor s)
{
    if (clang_isExpression(clang_getCursorKind(s))) {
        build_expr(b, s);
        return;
    }
    struct cursor_list kids = {0};
    cursor_children(s, &kids);
    for (size_t i = 0; i < kids.count; i++)
        build_stmt(b, kids.items[i]);
    cursor_list_free(&kids);
}

void build_stmt(struct builder *b, CXCursor s)
{
    switch (clang_getCursorKind(s)) {
    case CXCursor_CompoundStmt:
        build_compound(b, s);
        break;
    case CXCursor_IfStmt:
        build_if(b, s);
        break;
    case CXCursor_WhileStmt:
        build_while(b, s);
        break;
    case CXCursor_DoStmt:
        build_do(b, s);
        break;
    case CXCursor_ForStmt:
        build_for(b, s);
        break;
    case CXCursor_SwitchStmt:
        build_switch(b, s);
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        build_case(b, s);
        break;
    case CXCursor_BreakStmt:
        build_break(b);
        break;
    case CXCursor_ContinueStmt:
        build_continue(b);
        break;
    case CXCursor_GotoStmt:
        build_goto(b, s);
        b->cur.count = 0;
        break;
    case CXCursor_IndirectGotoStmt:
        build_indirect_goto(b, s);
        break;
    case CXCursor_LabelStmt:
        build_label(b, s);
        break;
    case CXCursor_ReturnStmt:
        build_return(b, s);
        break;
    case CXCursor_DeclStmt:
        build_declarations(b, s);
        break;
    case CXCursor_NullStmt:
    case CXCursor_AsmStmt:
    case CXCursor_MSAsmStmt:
        break;
    default:
        build_other(b, s);
        break;
    }
}
