/*
 * check_tu.h: running every analysis over one parsed translation unit.
 */
#ifndef LOCKCHECK_CHECK_TU_H
#define LOCKCHECK_CHECK_TU_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct tu_context;

void check_translation_unit(struct tu_context *tu);

/* The same, under libclang's crash recovery: false when the analysis
 * crashed (the context's findings are then incomplete; do not free the
 * context, whose state may be half-updated). */
bool check_translation_unit_contained(CXIndex index, struct tu_context *tu);

/* At most this many compile errors of one file are reported. */
#define COMPILE_ERRORS_SHOWN 20

/* Adds the unit's first COMPILE_ERRORS_SHOWN compile errors to its findings
 * (a remark says how many more there were); returns how many it had, and
 * whether one of them is a header not found. */
size_t report_compile_errors(struct tu_context *tu, bool *missing_header);

#endif
