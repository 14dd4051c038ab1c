/*
 * read_attributes.h: the raw lock annotations written on one declaration.
 *
 * Both spellings end up in one list of (kind, argument text) pairs:
 *  - lockcheck.h's LC_* macros, `annotate("lockcheck:NAME(ARGS)")`, which
 *    libclang exposes with their full string;
 *  - clang's thread-safety attributes (guarded_by, requires_capability, the
 *    legacy names...), which libclang exposes only as unexposed attributes
 *    without a name. They are read from the source: the attribute's spelling
 *    location gives its name and argument tokens; when it was written through
 *    a macro, the macro's parameters in those tokens are replaced by the
 *    arguments of the macro's use (found at the expansion location).
 * The argument text is later parsed by lock_parse.c.
 */
#ifndef LOCKCHECK_READ_ATTRIBUTES_H
#define LOCKCHECK_READ_ATTRIBUTES_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

enum annotation_kind {
    ANN_GUARDED_BY,
    ANN_PT_GUARDED_BY,
    ANN_WRITE_GUARDED_BY,
    ANN_GUARDED_VAR,        /* clang's guarded_var: some lock must be held */
    ANN_PT_GUARDED_VAR,
    ANN_REQUIRES,
    ANN_REQUIRES_SHARED,
    ANN_ACQUIRES,
    ANN_ACQUIRES_SHARED,
    ANN_RELEASES,           /* exclusive, shared or generic: all release */
    ANN_TRY_ACQUIRES,       /* first argument: the success value */
    ANN_TRY_ACQUIRES_SHARED,
    ANN_EXCLUDES,
    ANN_NO_ANALYSIS,
    ANN_NOT_THREAD_SAFE,
    ANN_CAPABILITY,         /* capability / lockable types */
    ANN_ACQUIRED_BEFORE,    /* on a lock: it is taken before the locks named */
    ANN_ACQUIRED_AFTER,     /* on a lock: it is taken after the locks named */
};

struct annotation {
    enum annotation_kind kind;
    char *args;             /* the argument list as written, "" when none */
};

struct annotation_list {
    struct annotation *items;
    size_t count;
    size_t capacity;
};

/* Appends the annotations written on `decl` (skipping ones already listed). */
void read_annotations(CXCursor decl, struct annotation_list *out);
void annotation_list_free(struct annotation_list *list);

#endif
