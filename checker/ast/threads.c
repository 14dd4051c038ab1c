/*
 * threads.c: finding thread entry points (see threads.h).
 */
#include "ast/threads.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "config/config.h"
#include "driver/tu_context.h"

/* Which argument of a thread-creation function is the start routine. */
static int start_routine_arg(const struct tu_context *tu, const char *callee)
{
    const struct thread_create_function *configured = config_thread_create_function(tu->config, callee);
    if (configured)
        return configured->start_routine_arg;
    if (strcmp(callee, "pthread_create") == 0)
        return 2;
    if (strcmp(callee, "thrd_create") == 0)
        return 1;
    return -1;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_context *tu = data;
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return CXChildVisit_Recurse;
    char *name = call_callee_name(c);
    int arg = start_routine_arg(tu, name);
    free(name);
    if (arg >= 0 && clang_Cursor_getNumArguments(c) > arg) {
        CXCursor routine = cursor_strip(clang_Cursor_getArgument(c, (unsigned)arg));
        if (clang_getCursorKind(routine) == CXCursor_UnaryOperator)
            routine = cursor_strip(cursor_first_child(routine));
        CXCursor decl = clang_getCursorReferenced(routine);
        if (clang_getCursorKind(decl) == CXCursor_FunctionDecl)
            tu_add_thread_entry(tu, decl);
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_context *tu = data;
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c) &&
        cursor_in_main_file(tu, c))
        clang_visitChildren(c, visit, tu);
    return CXChildVisit_Continue;
}

void collect_thread_entries(struct tu_context *tu)
{
    clang_visitChildren(clang_getTranslationUnitCursor(tu->unit), visit_top, tu);
}
