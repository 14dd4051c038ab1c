/*
 * engine.c: opening and closing a file's analysis session (see engine.h).
 */
#include "dataflow/engine.h"

#include "annotations/annotations.h"
#include "cfg/cfg.h"
#include "dataflow/function_analysis.h"
#include "summary/summary.h"

void engine_session_open(struct session *session, CXTranslationUnit cx, const char *main_name,
                         const struct lockcheck_config *config, struct finding_list *findings)
{
    session_init(session, cx, main_name, config, findings);
    session->summaries = summary_table_new();
}

void engine_session_close(struct session *session)
{
    analysis_memo_free(session->memo);
    summary_table_free(session->summaries);
    annotation_table_free(session->annotations);
    session_free(session);
}
