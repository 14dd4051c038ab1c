/*
 * function_refs.c: counts, in one walk over a translation unit, the direct
 * calls of some functions and every reference to them (see function_refs.h).
 * A direct call references its callee once, so more references than calls
 * means the address went somewhere else.
 */
#include "ast/function_refs.h"

#include <stdlib.h>

#include "util/memory.h"

struct ref_walk {
    const CXCursor *functions;   /* canonical cursors */
    size_t count;
    unsigned *calls, *refs;
};

static int function_index(const struct ref_walk *w, CXCursor referenced)
{
    if (clang_getCursorKind(referenced) != CXCursor_FunctionDecl)
        return -1;
    CXCursor canonical = clang_getCanonicalCursor(referenced);
    for (size_t i = 0; i < w->count; i++)
        if (clang_equalCursors(w->functions[i], canonical))
            return (int)i;
    return -1;
}

static enum CXChildVisitResult visit_use(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct ref_walk *w = data;
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_CallExpr || k == CXCursor_DeclRefExpr) {
        int i = function_index(w, clang_getCursorReferenced(c));
        if (i >= 0)
            (k == CXCursor_CallExpr ? w->calls : w->refs)[i]++;
    }
    return CXChildVisit_Recurse;
}

void functions_only_called_directly(CXTranslationUnit unit, const CXCursor *functions, size_t count,
                                    bool *only_called)
{
    CXCursor *canonical = xcalloc(count + 1, sizeof *canonical);
    for (size_t i = 0; i < count; i++)
        canonical[i] = clang_getCanonicalCursor(functions[i]);
    struct ref_walk w = {canonical, count, xcalloc(count + 1, sizeof *w.calls),
                         xcalloc(count + 1, sizeof *w.refs)};
    clang_visitChildren(clang_getTranslationUnitCursor(unit), visit_use, &w);
    for (size_t i = 0; i < count; i++)
        only_called[i] = w.refs[i] <= w.calls[i];
    free(w.calls);
    free(w.refs);
    free(canonical);
}
