/*
 * object_key.c: keys for the objects expressions designate (see object_key.h).
 */
#include "ast/object_key.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "util/memory.h"
#include "util/strings.h"

static bool has_pointer_type(CXCursor e)
{
    return clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer;
}

static bool has_array_type(CXCursor e)
{
    enum CXTypeKind kind = clang_getCanonicalType(clang_getCursorType(e)).kind;
    return kind == CXType_ConstantArray || kind == CXType_IncompleteArray ||
           kind == CXType_VariableArray || kind == CXType_DependentSizedArray;
}

static bool is_variable(CXCursor decl)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    return kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl;
}

char *variable_key(CXCursor var)
{
    CXString usr = clang_getCursorUSR(var);
    const char *text = clang_getCString(usr);
    char *key = text && *text ? xstrdup(text) : str_printf("@%u", clang_hashCursor(var));
    clang_disposeString(usr);
    return key;
}

/* Appends `step` to `base` (both freed / consumed); NULL stays NULL. */
static char *append_step(char *base, const char *step)
{
    if (!base)
        return NULL;
    char *key = str_printf("%s%s", base, step);
    free(base);
    return key;
}

static char *member_key(CXCursor member)
{
    CXCursor base = cursor_strip(cursor_first_child(member));
    char *base_key = has_pointer_type(base) ? pointee_key(base) : object_key(base);
    char *name = cursor_spelling(member);
    char *step = str_printf(".%s", name);
    char *key = append_step(base_key, step);
    free(step);
    free(name);
    return key;
}

static char *subscript_key(CXCursor subscript)
{
    CXCursor base = cursor_strip(cursor_first_child(subscript));
    char *base_key = has_array_type(base) ? object_key(base) : pointee_key(base);
    return append_step(base_key, "[]");
}

char *object_key(CXCursor e)
{
    e = cursor_strip(e);
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr: {
        CXCursor decl = clang_getCursorReferenced(e);
        return is_variable(decl) ? variable_key(clang_getCanonicalCursor(decl)) : NULL;
    }
    case CXCursor_MemberRefExpr:
        return member_key(e);
    case CXCursor_ArraySubscriptExpr:
        return subscript_key(e);
    case CXCursor_UnaryOperator:
        if (cursor_unary_op(e) == CXUnaryOperator_Deref)
            return pointee_key(cursor_first_child(e));
        return NULL;
    default:
        return NULL;
    }
}

char *pointee_key(CXCursor p)
{
    p = cursor_strip(p);
    if (clang_getCursorKind(p) == CXCursor_UnaryOperator &&
        cursor_unary_op(p) == CXUnaryOperator_AddrOf)
        return object_key(cursor_first_child(p));
    if (has_array_type(p))
        return object_key(p);
    char *key = object_key(p);
    if (!key)
        return NULL;
    char *deref = str_printf("*%s", key);
    free(key);
    return deref;
}

CXCursor expression_root_variable(CXCursor e)
{
    for (int depth = 0; depth < 64; depth++) {
        e = cursor_strip(e);
        enum CXCursorKind kind = clang_getCursorKind(e);
        if (kind == CXCursor_DeclRefExpr) {
            CXCursor decl = clang_getCursorReferenced(e);
            return is_variable(decl) ? clang_getCanonicalCursor(decl) : clang_getNullCursor();
        }
        if (kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr &&
            kind != CXCursor_UnaryOperator)
            break;
        e = cursor_first_child(e);
    }
    return clang_getNullCursor();
}

static bool is_automatic(CXCursor decl)
{
    if (clang_getCursorKind(decl) == CXCursor_ParmDecl)
        return true;
    if (clang_getCursorKind(decl) != CXCursor_VarDecl)
        return false;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
    if (sc == CX_SC_Static || sc == CX_SC_Extern || clang_getCursorTLSKind(decl) != CXTLS_None)
        return false;
    return clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_FunctionDecl;
}

/* Descends `.field` and `[i]` of arrays: the storage stays the same object's. */
static bool lvalue_is_local(CXCursor e, CXCursor *object)
{
    for (int depth = 0; depth < 64; depth++) {
        e = cursor_strip(e);
        enum CXCursorKind kind = clang_getCursorKind(e);
        if (kind == CXCursor_CompoundLiteralExpr) {
            *object = e;
            return true;
        }
        if (kind == CXCursor_DeclRefExpr) {
            CXCursor decl = clang_getCursorReferenced(e);
            *object = decl;
            return is_automatic(decl);
        }
        if (kind != CXCursor_MemberRefExpr && kind != CXCursor_ArraySubscriptExpr)
            return false;
        CXCursor base = cursor_strip(cursor_first_child(e));
        if (kind == CXCursor_MemberRefExpr ? has_pointer_type(base) : !has_array_type(base))
            return false; /* through a pointer: the storage is elsewhere */
        e = base;
    }
    return false;
}

bool points_to_local(CXCursor p, CXCursor *object)
{
    p = cursor_strip(p);
    enum CXCursorKind kind = clang_getCursorKind(p);
    if (kind == CXCursor_UnaryOperator && cursor_unary_op(p) == CXUnaryOperator_AddrOf)
        return lvalue_is_local(cursor_first_child(p), object);
    if (kind == CXCursor_CompoundLiteralExpr || (kind == CXCursor_DeclRefExpr && has_array_type(p)))
        return lvalue_is_local(p, object);
    return false;
}

struct mention_search {
    CXCursor var;
    bool found;
};

static enum CXChildVisitResult find_mention(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct mention_search *s = data;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr &&
        clang_equalCursors(clang_getCanonicalCursor(clang_getCursorReferenced(c)), s->var)) {
        s->found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

bool cursor_mentions(CXCursor c, CXCursor var)
{
    struct mention_search s = {.var = clang_getCanonicalCursor(var), .found = false};
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr)
        find_mention(c, c, &s);
    else
        clang_visitChildren(c, find_mention, &s);
    return s.found;
}
