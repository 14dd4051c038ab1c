/*
 * noreturn.c: calls that never return (see noreturn.h): the process and
 * thread exits of apis/lock_api.c by name, and any callee whose type clang
 * prints as noreturn.
 */
#include "ast/noreturn.h"

#include <stdlib.h>
#include <string.h>

#include "apis/lock_api.h"
#include "ast/cursor_util.h"

bool call_is_noreturn(CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return false;
    char *name = cursor_spelling(callee);
    bool known = is_process_exit_function(name) || is_thread_exit_function(name);
    free(name);
    if (known)
        return true;
    /* noreturn and _Noreturn are part of the function's type as clang prints it. */
    CXString type = clang_getTypeSpelling(clang_getCursorType(callee));
    bool noreturn = strstr(clang_getCString(type), "noreturn") != NULL;
    clang_disposeString(type);
    return noreturn;
}
