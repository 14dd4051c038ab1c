/*
 * engine.h: the engine's parts of a file's analysis session (ast/session.h):
 * the summary table, the memo of analyses, the annotations read. The driver
 * opens a session, has every function analysed (function_analysis.h) with
 * the rules as observers, and closes it.
 */
#ifndef LOCKCHECK_ENGINE_H
#define LOCKCHECK_ENGINE_H

#include <clang-c/Index.h>

#include "ast/session.h"

struct lockcheck_config;

/* session_init, then the engine's tables. */
void engine_session_open(struct session *session, CXTranslationUnit cx, const char *main_name,
                         const struct lockcheck_config *config, struct finding_list *findings);
/* Frees everything the session holds (not the findings, nor the unit's
 * CXTranslationUnit). */
void engine_session_close(struct session *session);

#endif
