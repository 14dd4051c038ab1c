/*
 * function_refs.h: whether a function is only ever called directly in a
 * translation unit, or its address is taken (a callback, a table of
 * operations), in which case callers lockcheck cannot see may call it.
 */
#ifndef LOCKCHECK_FUNCTION_REFS_H
#define LOCKCHECK_FUNCTION_REFS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

/* For each of `count` functions: only_called[i] is true when every use of
 * functions[i] in the translation unit (outside system headers) is the
 * callee of a direct call. One walk over the translation unit. */
void functions_only_called_directly(CXTranslationUnit unit, const CXCursor *functions, size_t count,
                                    bool *only_called);

#endif
