/*
 * cleanup_attr.h: `__attribute__((cleanup(f)))` on a variable, which
 * libclang exposes only as an unexposed attribute: the function it names,
 * read from the declaration as clang prints it (through macros too).
 */
#ifndef LOCKCHECK_CLEANUP_ATTR_H
#define LOCKCHECK_CLEANUP_ATTR_H

#include <clang-c/Index.h>
#include <stdbool.h>

struct function_index;

/* True when the declaration carries an attribute libclang does not expose
 * (a cleanup attribute is one): a cheap test before var_cleanup_function. */
bool has_unexposed_attribute(CXCursor decl);

/* The name in the variable's cleanup(...) attribute (allocated), or NULL. */
char *cleanup_function_name(CXCursor var);

/* The function a variable's __attribute__((cleanup(f))) names, looked up
 * among its unit's functions (`functions`, ast/function_index.h), or a null
 * cursor. */
CXCursor var_cleanup_function(const struct function_index *functions, CXCursor var);

#endif
