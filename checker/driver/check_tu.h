/*
 * check_tu.h: running every analysis over one parsed translation unit.
 */
#ifndef LOCKCHECK_CHECK_TU_H
#define LOCKCHECK_CHECK_TU_H

struct tu_context;

void check_translation_unit(struct tu_context *tu);

#endif
