/*
 * invalid_code.h: code clang could not build, and whether a function's
 * analysis can be trusted despite it.
 *
 * A translation unit with compile errors is still analysed (issue 9): clang
 * keeps what it could build. But where it could not, it drops statements
 * whole (`locked = UNDECLARED;`, `return bad;`), replaces expressions by
 * recovery nodes (exposed by libclang as expressions of dependent type), or
 * declares an unknown callee implicitly. A lock analysis over such a body
 * can see a lock without its unlock. invalid_code_reason() finds every such
 * place in a function body, takes the statement around it (or the gap clang
 * left), and says why the function must not be analysed when that statement
 * may call a function, change the control flow or assign a variable.
 */
#ifndef LOCKCHECK_INVALID_CODE_H
#define LOCKCHECK_INVALID_CODE_H

#include <clang-c/Index.h>
#include <stddef.h>

/* One compile error (severity error or fatal), at its expansion location. */
struct compile_error {
    CXFile file;            /* NULL: no location */
    unsigned line, column, offset;
    char *message;
};

struct compile_errors {
    struct compile_error *items;
    size_t count, capacity;
};

/* Reads the translation unit's errors, in clang's order. */
void compile_errors_read(CXTranslationUnit unit, struct compile_errors *out);
void compile_errors_free(struct compile_errors *errors);

/* NULL when the body of `definition` can be analysed; else an allocated
 * reason ("line 12: ..."). Always NULL in a translation unit without errors. */
char *invalid_code_reason(CXTranslationUnit unit, const struct compile_errors *errors,
                          CXCursor definition);

#endif
