/*
 * check_tu.h: running every analysis over one parsed translation unit.
 */
#ifndef LOCKCHECK_CHECK_TU_H
#define LOCKCHECK_CHECK_TU_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct session;
struct rule_selection;

/* Runs the selected rules over the session's file (--dump-cfg: prints each
 * analysed function's CFG on stdout). */
void check_translation_unit(struct session *session, const struct rule_selection *rules,
                            bool dump_cfg);

/* Work on the session once the rules are done (NULL: none). */
struct after_check {
    void (*work)(struct session *session, void *data);
    void *data;
};

/* The same, then `after`, under libclang's crash recovery: false when
 * either crashed (the session's findings are then incomplete; do not free
 * the session, whose state may be half-updated). */
bool check_translation_unit_contained(CXIndex index, struct session *session,
                                      const struct rule_selection *rules, bool dump_cfg,
                                      const struct after_check *after);

/* At most this many compile errors of one file are reported. */
#define COMPILE_ERRORS_SHOWN 20

/* Adds the unit's first COMPILE_ERRORS_SHOWN compile errors to its findings
 * (a remark says how many more there were); returns how many it had, and
 * whether one of them is a header not found. */
size_t report_compile_errors(struct session *session, bool *missing_header);

#endif
