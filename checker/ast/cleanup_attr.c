/*
 * cleanup_attr.c: the function named by a variable's cleanup attribute (see
 * cleanup_attr.h). The control-flow graph runs it where the variable leaves
 * its scope; the dataflow applies its summary there.
 */
#include "ast/cleanup_attr.h"

#include <stdlib.h>
#include <string.h>

#include "ast/function_index.h"
#include "util/memory.h"

static enum CXChildVisitResult find_unexposed_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_UnexposedAttr)
        return CXChildVisit_Continue;
    *(bool *)data = true;
    return CXChildVisit_Break;
}

bool has_unexposed_attribute(CXCursor decl)
{
    bool found = false;
    clang_visitChildren(decl, find_unexposed_attr, &found);
    return found;
}

/* The declaration printer spells the attribute out: `cleanup(f)`. */
char *cleanup_function_name(CXCursor var)
{
    CXPrintingPolicy policy = clang_getCursorPrintingPolicy(var);
    clang_PrintingPolicy_setProperty(policy, CXPrintingPolicy_TerseOutput, 1);
    CXString printed = clang_getCursorPrettyPrinted(var, policy);
    clang_PrintingPolicy_dispose(policy);
    const char *text = clang_getCString(printed);
    const char *at = text ? strstr(text, "cleanup(") : NULL;
    char *name = NULL;
    if (at) {
        at += strlen("cleanup(");
        size_t n = strcspn(at, ")");
        if (n > 0)
            name = xstrndup(at, n < 255 ? n : 255);
    }
    clang_disposeString(printed);
    return name;
}

CXCursor var_cleanup_function(const struct function_index *functions, CXCursor var)
{
    char *name = cleanup_function_name(var);
    if (!name)
        return clang_getNullCursor();
    CXCursor found = function_index_lookup(functions, name);
    free(name);
    return found;
}
