/*
 * cursor_util.c: helpers over libclang cursors (see cursor_util.h).
 */
#include "ast/cursor_util.h"

#include <stdlib.h>
#include <string.h>

#include "ast/unit.h"
#include "util/memory.h"

static enum CXChildVisitResult collect_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct cursor_list *out = data;
    ARRAY_RESERVE(out->items, out->capacity, out->count + 1);
    out->items[out->count++] = c;
    return CXChildVisit_Continue;
}

void cursor_children(CXCursor parent, struct cursor_list *out)
{
    out->count = 0;
    clang_visitChildren(parent, collect_child, out);
}

void cursor_list_free(struct cursor_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
}

CXCursor cursor_first_child(CXCursor c)
{
    CXCursor child = clang_getNullCursor();
    clang_visitChildren(c, first_child, &child);
    return child;
}

static enum CXChildVisitResult count_up_to_two(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)c;
    (void)parent;
    unsigned *n = data;
    return ++*n >= 2 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* 0, 1, or 2 meaning "two or more". */
static unsigned count_children(CXCursor c)
{
    unsigned n = 0;
    clang_visitChildren(c, count_up_to_two, &n);
    return n;
}

CXCursor cursor_strip(CXCursor c)
{
    for (;;) {
        enum CXCursorKind kind = clang_getCursorKind(c);
        if (kind == CXCursor_ParenExpr || kind == CXCursor_CStyleCastExpr) {
            CXCursor inner = clang_getNullCursor();
            /* A C-style cast's children are the type reference, then the operand. */
            struct cursor_list list = {0};
            cursor_children(c, &list);
            for (size_t i = 0; i < list.count; i++)
                if (clang_isExpression(clang_getCursorKind(list.items[i])))
                    inner = list.items[i];
            cursor_list_free(&list);
            if (clang_Cursor_isNull(inner))
                return c;
            c = inner;
        } else if (kind == CXCursor_UnexposedExpr && count_children(c) == 1 &&
                   clang_getCursorType(c).kind != CXType_Dependent) {
            /* Implicit casts and similar wrappers (not a recovery expression,
             * clang's stand-in for code it could not build: `q->missing`
             * is not `q`). */
            CXCursor inner = cursor_first_child(c);
            if (!clang_isExpression(clang_getCursorKind(inner)))
                return c;
            c = inner;
        } else {
            return c;
        }
    }
}

CXCursor cursor_function_body(CXCursor function)
{
    struct cursor_list kids = {0};
    cursor_children(function, &kids);
    CXCursor body = clang_getNullCursor();
    for (size_t i = 0; i < kids.count; i++)
        if (clang_getCursorKind(kids.items[i]) == CXCursor_CompoundStmt)
            body = kids.items[i];
    cursor_list_free(&kids);
    return body;
}

CXCursor cursor_last_expression_child(CXCursor c)
{
    struct cursor_list kids = {0};
    cursor_children(c, &kids);
    CXCursor last = clang_getNullCursor();
    for (size_t i = 0; i < kids.count; i++)
        if (clang_isExpression(clang_getCursorKind(kids.items[i])))
            last = kids.items[i];
    cursor_list_free(&kids);
    return last;
}

CXCursor cursor_function_designator(CXCursor e)
{
    e = cursor_strip(e);
    if (clang_getCursorKind(e) == CXCursor_UnaryOperator && cursor_unary_op(e) == CXUnaryOperator_AddrOf)
        e = cursor_strip(cursor_first_child(e));
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    CXCursor decl = clang_getCursorReferenced(e);
    return clang_getCursorKind(decl) == CXCursor_FunctionDecl ? decl : clang_getNullCursor();
}

char *cursor_spelling(CXCursor c)
{
    CXString s = clang_getCursorSpelling(c);
    char *out = xstrdup(clang_getCString(s));
    clang_disposeString(s);
    return out;
}

char *cursor_usr(CXCursor c)
{
    CXString s = clang_getCursorUSR(c);
    char *usr = xstrdup(clang_getCString(s));
    clang_disposeString(s);
    return usr;
}

char *call_callee_name(CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return xstrdup("");
    return cursor_spelling(callee);
}

enum CXBinaryOperatorKind cursor_binary_op(CXCursor c)
{
    return clang_getCursorBinaryOperatorKind(c);
}

enum CXUnaryOperatorKind cursor_unary_op(CXCursor c)
{
    return clang_getCursorUnaryOperatorKind(c);
}

bool cursor_int_value(CXCursor c, long long *value)
{
    c = cursor_strip(c);
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_IntegerLiteral || kind == CXCursor_CharacterLiteral ||
        kind == CXCursor_DeclRefExpr || kind == CXCursor_UnaryOperator ||
        kind == CXCursor_BinaryOperator) {
        if (kind == CXCursor_DeclRefExpr) {
            CXCursor decl = clang_getCursorReferenced(c);
            if (clang_getCursorKind(decl) != CXCursor_EnumConstantDecl)
                return false;
            *value = clang_getEnumConstantDeclValue(decl);
            return true;
        }
        CXEvalResult result = clang_Cursor_Evaluate(c);
        if (!result)
            return false;
        bool ok = clang_EvalResult_getKind(result) == CXEval_Int;
        if (ok)
            *value = clang_EvalResult_getAsLongLong(result);
        clang_EvalResult_dispose(result);
        return ok;
    }
    return false;
}

struct source_pos location_pos(struct unit *unit, CXSourceLocation loc)
{
    CXFile file;
    unsigned line, column;
    clang_getExpansionLocation(loc, &file, &line, &column, NULL);
    struct source_pos pos = {.file = (char *)unit_file_name(unit, file), .line = line, .column = column};
    return pos;
}

struct source_pos cursor_pos(struct unit *unit, CXCursor c)
{
    return location_pos(unit, clang_getCursorLocation(c));
}

bool cursor_in_main_file(struct unit *unit, CXCursor c)
{
    return unit_in_main_file(unit, c);
}

unsigned cursor_hash_key(CXCursor c)
{
    return clang_hashCursor(c);
}

struct child_search {
    enum CXCursorKind kind;
    const char *name;
    CXCursor found;
};

static enum CXChildVisitResult find_named_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct child_search *q = data;
    if (clang_getCursorKind(c) != q->kind)
        return CXChildVisit_Continue;
    CXString name = clang_getCursorSpelling(c);
    bool match = strcmp(clang_getCString(name), q->name) == 0;
    clang_disposeString(name);
    if (!match)
        return CXChildVisit_Continue;
    q->found = c;
    return CXChildVisit_Break;
}

CXCursor cursor_child_named(CXCursor parent, enum CXCursorKind kind, const char *name)
{
    struct child_search q = {kind, name, clang_getNullCursor()};
    if (!clang_Cursor_isNull(parent))
        clang_visitChildren(parent, find_named_child, &q);
    return q.found;
}
