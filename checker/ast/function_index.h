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

/* The same through the index of `unit` kept for the calling thread (built
 * on first use, rebuilt when the thread moves to another unit). This per-
 * thread cache is the one piece of state left in a static: callers that get
 * a unit-wide object from their caller should own an index instead. */
CXCursor function_named_in_unit(CXTranslationUnit unit, const char *name);

/* Drops the calling thread's cached index; call before its unit is disposed
 * (a later unit may reuse the same handle). */
void function_index_forget_unit(void);

#endif
