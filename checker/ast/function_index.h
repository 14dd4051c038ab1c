/*
 * function_index.h: the functions of a translation unit by name, for names
 * that come as text rather than as a reference (the `f` of
 * `__attribute__((cleanup(f)))`, which libclang does not expose as a
 * cursor). Built by one walk over the unit's top-level declarations.
 */
#ifndef LOCKCHECK_FUNCTION_INDEX_H
#define LOCKCHECK_FUNCTION_INDEX_H

#include <clang-c/Index.h>

struct function_index;

/* Indexes the unit's top-level FunctionDecls: for each name its definition
 * when the unit has one, else its first declaration. */
struct function_index *function_index_new(CXTranslationUnit unit);
void function_index_free(struct function_index *index);

/* The function called `name`, or a null cursor. */
CXCursor function_index_lookup(const struct function_index *index, const char *name);

#endif
