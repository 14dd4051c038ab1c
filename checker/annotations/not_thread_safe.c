/*
 * not_thread_safe.c: finding LC_NOT_THREAD_SAFE in types (see
 * not_thread_safe.h). Used by rules/check_thread_unsafe_handle.c.
 *
 * A type is marked by the annotation on its declaration, or by its name in
 * the configuration file's `not-thread-safe-types:`. The search follows typedefs, elaborated names, pointers, arrays and the
 * fields of structs and unions, depth-first, visiting each record once per
 * query (self-referential structs terminate).
 */
#include "annotations/not_thread_safe.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "config/config.h"
#include "util/memory.h"

static enum CXChildVisitResult find_mark(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    char *text = cursor_spelling(c);
    bool match = strcmp(text, NOT_THREAD_SAFE_ANNOTATION) == 0;
    free(text);
    if (!match)
        return CXChildVisit_Continue;
    *(bool *)data = true;
    return CXChildVisit_Break;
}

static bool has_mark(CXCursor decl)
{
    bool found = false;
    if (!clang_Cursor_isNull(decl))
        clang_visitChildren(decl, find_mark, &found);
    return found;
}

bool declaration_not_thread_safe(CXCursor decl)
{
    return has_mark(decl) || has_mark(clang_getCursorDefinition(decl)) ||
           has_mark(clang_getCanonicalCursor(decl));
}

struct search {
    const struct lockcheck_config *config;
    struct not_thread_safe_path *path;
    CXCursor *records;            /* records already entered */
    size_t record_count, record_capacity;
    bool found;
};

static bool search_type(struct search *s, CXType t, unsigned depth);

/* Marked in the source, or named in the configuration file. */
static bool marked(struct search *s, CXCursor decl, CXType t)
{
    if (declaration_not_thread_safe(decl)) {
        s->path->marked = decl;
        return true;
    }
    CXString name = clang_getTypeSpelling(t);
    bool configured = config_type_not_thread_safe(s->config, clang_getCString(name));
    clang_disposeString(name);
    if (configured) {
        s->path->marked = decl;
        s->path->by_config = true;
    }
    return configured;
}

static bool record_seen(struct search *s, CXCursor record)
{
    record = clang_getCanonicalCursor(record);
    for (size_t i = 0; i < s->record_count; i++)
        if (clang_equalCursors(s->records[i], record))
            return true;
    ARRAY_RESERVE(s->records, s->record_capacity, s->record_count + 1);
    s->records[s->record_count++] = record;
    return false;
}

struct field_walk {
    struct search *search;
    unsigned depth;
};

static enum CXVisitorResult visit_field(CXCursor field, CXClientData data)
{
    struct field_walk *w = data;
    struct not_thread_safe_path *path = w->search->path;
    size_t at = path->field_count;
    if (at < NOT_THREAD_SAFE_MAX_FIELDS)
        path->fields[path->field_count++] = field;
    if (search_type(w->search, clang_getCursorType(field), w->depth + 1)) {
        w->search->found = true;
        return CXVisit_Break;
    }
    path->field_count = at;
    return CXVisit_Continue;
}

static bool search_type(struct search *s, CXType t, unsigned depth)
{
    for (; depth < 32; depth++) {
        switch (t.kind) {
        case CXType_Elaborated:
            t = clang_Type_getNamedType(t);
            continue;
        case CXType_Typedef: {
            CXCursor decl = clang_getTypeDeclaration(t);
            if (marked(s, decl, t))
                return true;
            t = clang_getTypedefDeclUnderlyingType(decl);
            continue;
        }
        case CXType_Pointer:
            t = clang_getPointeeType(t);
            continue;
        case CXType_ConstantArray:
        case CXType_IncompleteArray:
        case CXType_VariableArray:
            t = clang_getArrayElementType(t);
            continue;
        case CXType_Record: {
            CXCursor decl = clang_getTypeDeclaration(t);
            if (marked(s, decl, t))
                return true;
            if (record_seen(s, decl))
                return false;
            /* clang_Type_visitFields's result does not say whether the
             * visitor stopped it: the walk records that itself. */
            struct field_walk w = {.search = s, .depth = depth};
            s->found = false;
            clang_Type_visitFields(t, visit_field, &w);
            return s->found;
        }
        default:
            return false;
        }
    }
    return false;
}

bool type_holds_not_thread_safe(const struct lockcheck_config *config, CXType type,
                                struct not_thread_safe_path *path)
{
    memset(path, 0, sizeof *path);
    struct search s = {.config = config, .path = path};
    bool found = search_type(&s, type, 0);
    free(s.records);
    return found;
}
