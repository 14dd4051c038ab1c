/*
 * lock_order.c: reading declared lock orders (see lock_order.h).
 *
 * One walk over the translation unit's top-level declarations: the fields of
 * struct and union definitions, and global variables. A name in the
 * annotation is a sibling field (for a field) or a global (for a global);
 * `&x`, `*x` and member paths keep their last name.
 */
#include "annotations/lock_order.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "annotations/read_attributes.h"
#include "ast/cursor_util.h"
#include "ast/lock_expr.h"
#include "ast/session.h"
#include "util/memory.h"
#include "util/strings.h"

struct named {
    char *name;
    CXCursor cursor;
};

struct scope_names {
    struct named *items;
    size_t count, capacity;
};

static void names_add(struct scope_names *n, CXCursor c)
{
    ARRAY_RESERVE(n->items, n->capacity, n->count + 1);
    n->items[n->count].name = cursor_spelling(c);
    n->items[n->count].cursor = c;
    n->count++;
}

static void names_free(struct scope_names *n)
{
    for (size_t i = 0; i < n->count; i++)
        free(n->items[i].name);
    free(n->items);
    memset(n, 0, sizeof *n);
}

static const CXCursor *names_find(const struct scope_names *n, const char *name)
{
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->items[i].name, name) == 0)
            return &n->items[i].cursor;
    return NULL;
}

/* A field's class is its declaration's USR; a global's, its lock root. */
static char *decl_class(CXCursor decl)
{
    if (clang_getCursorKind(decl) == CXCursor_FieldDecl)
        return cursor_usr(decl);
    struct lock_expr_ctx ctx = {.function = clang_getNullCursor()};
    struct lock_expr e;
    if (!lock_expr_from_decl(&ctx, decl, &e))
        return NULL;
    char *cls = lock_expr_class(&e);
    lock_expr_free(&e);
    return cls;
}

/* The next name of a comma-separated list, reduced to its last identifier
 * (allocated: identifiers have no length limit); NULL at the end. */
static char *next_name(const char **p)
{
    while (**p == ',' || isspace((unsigned char)**p))
        (*p)++;
    if (!**p)
        return NULL;
    size_t len = strcspn(*p, ",");
    const char *end = *p + len;
    const char *last = end;
    while (last > *p && !is_identifier_char((unsigned char)last[-1]))
        last--;
    const char *first = last;
    while (first > *p && is_identifier_char((unsigned char)first[-1]))
        first--;
    *p = end;
    return xstrndup(first, (size_t)(last - first));
}

static void add_order(struct session *session, struct declared_orders *out, CXCursor decl,
                      CXCursor other, bool decl_first)
{
    char *mine = decl_class(decl), *theirs = decl_class(other);
    if (!mine || !theirs || strcmp(mine, theirs) == 0) {
        free(mine);
        free(theirs);
        return;
    }
    ARRAY_RESERVE(out->items, out->capacity, out->count + 1);
    struct declared_order *o = &out->items[out->count++];
    o->before_class = decl_first ? mine : theirs;
    o->after_class = decl_first ? theirs : mine;
    o->before_name = cursor_spelling(decl_first ? decl : other);
    o->after_name = cursor_spelling(decl_first ? other : decl);
    o->at = cursor_pos(&session->unit, decl);
}

static void read_orders(struct session *session, struct declared_orders *out, CXCursor decl,
                        const struct scope_names *scope)
{
    struct annotation_list list = {0};
    read_annotations(decl, &list);
    for (size_t i = 0; i < list.count; i++) {
        enum annotation_kind k = list.items[i].kind;
        if (k != ANN_ACQUIRED_BEFORE && k != ANN_ACQUIRED_AFTER)
            continue;
        const char *p = list.items[i].args;
        char *name;
        while ((name = next_name(&p))) {
            const CXCursor *other = names_find(scope, name);
            if (other)
                add_order(session, out, decl, *other, k == ANN_ACQUIRED_BEFORE);
            free(name);
        }
    }
    annotation_list_free(&list);
}

static enum CXChildVisitResult collect_field(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_FieldDecl)
        names_add(data, c);
    return CXChildVisit_Continue;
}

static void read_record(struct session *session, struct declared_orders *out, CXCursor record)
{
    struct scope_names fields = {0};
    clang_visitChildren(record, collect_field, &fields);
    for (size_t i = 0; i < fields.count; i++)
        read_orders(session, out, fields.items[i].cursor, &fields);
    names_free(&fields);
}

void declared_lock_orders(struct session *session, struct declared_orders *out)
{
    memset(out, 0, sizeof *out);
    struct cursor_list top = {0};
    cursor_children(clang_getTranslationUnitCursor(session->unit.cx), &top);
    struct scope_names globals = {0};
    for (size_t i = 0; i < top.count; i++)
        if (clang_getCursorKind(top.items[i]) == CXCursor_VarDecl)
            names_add(&globals, top.items[i]);
    for (size_t i = 0; i < top.count; i++) {
        CXCursor c = top.items[i];
        if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
            continue;
        enum CXCursorKind kind = clang_getCursorKind(c);
        if ((kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl) && clang_isCursorDefinition(c))
            read_record(session, out, c);
        else if (kind == CXCursor_VarDecl)
            read_orders(session, out, c, &globals);
    }
    names_free(&globals);
    cursor_list_free(&top);
}

void declared_orders_free(struct declared_orders *orders)
{
    for (size_t i = 0; i < orders->count; i++) {
        free(orders->items[i].before_class);
        free(orders->items[i].after_class);
        free(orders->items[i].before_name);
        free(orders->items[i].after_name);
    }
    free(orders->items);
    memset(orders, 0, sizeof *orders);
}
