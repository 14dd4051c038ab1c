/*
 * not_thread_safe.h: types marked LC_NOT_THREAD_SAFE, i.e. carrying
 * `__attribute__((annotate("lockcheck:not_thread_safe")))` after the
 * `struct` / `union` keyword or on a typedef, and the types that hold one
 * (a pointer to it, an array of it, a struct with such a field, at any depth).
 */
#ifndef LOCKCHECK_NOT_THREAD_SAFE_H
#define LOCKCHECK_NOT_THREAD_SAFE_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#define NOT_THREAD_SAFE_ANNOTATION "lockcheck:not_thread_safe"
#define NOT_THREAD_SAFE_MAX_FIELDS 8

/* How a type holds a marked one: the marked declaration (struct or typedef)
 * and the fields crossed to reach it, outermost first. */
struct lockcheck_config;

struct not_thread_safe_path {
    CXCursor marked;
    bool by_config;             /* named in .lockcheck.yml's not-thread-safe-types */
    CXCursor fields[NOT_THREAD_SAFE_MAX_FIELDS];
    size_t field_count;
};

/* True when the declaration carries the mark. */
bool declaration_not_thread_safe(CXCursor decl);
/* True when a value of the type holds a marked type; fills *path. */
bool type_holds_not_thread_safe(const struct lockcheck_config *config, CXType type,
                                struct not_thread_safe_path *path);

#endif
