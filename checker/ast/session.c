/*
 * session.c: the ast/ parts of a file's analysis session, and the one way
 * analyses report (see session.h).
 */
#include "ast/session.h"

#include <stdlib.h>
#include <string.h>

#include "ast/call_graph.h"
#include "ast/cursor_util.h"
#include "ast/function_index.h"
#include "ast/recursive_mutex.h"
#include "ast/threads.h"
#include "report/rule_description.h"
#include "util/memory.h"

void session_init(struct session *session, CXTranslationUnit cx, const char *main_name,
                  const struct lockcheck_config *config, struct finding_list *findings)
{
    memset(session, 0, sizeof *session);
    unit_init(&session->unit, cx, main_name, config);
    session->config = config;
    session->findings = findings;
    session->spawns = xcalloc(1, sizeof *session->spawns);
}

void session_free(struct session *session)
{
    for (size_t i = 0; i < session->thread_entry_count; i++)
        free(session->thread_entries[i]);
    free(session->thread_entries);
    thread_spawn_list_free(session->spawns);
    free(session->spawns);
    call_graph_free(session->call_graph);
    recursive_mutexes_free(session);
    function_index_free(session->functions);
    for (size_t i = 0; i < session->remark_count; i++)
        free(session->remarks[i]);
    free(session->remarks);
    unit_free(&session->unit);
    memset(session, 0, sizeof *session);
}

bool session_reports_in(struct session *session, CXCursor cursor)
{
    return !session->summaries_only && unit_reports_in(&session->unit, cursor);
}

void session_remark(struct session *session, char *line)
{
    ARRAY_RESERVE(session->remarks, session->remark_capacity, session->remark_count + 1);
    session->remarks[session->remark_count++] = line;
}

const struct function_index *session_functions(struct session *session)
{
    if (!session->functions)
        session->functions = function_index_new(session->unit.cx);
    return session->functions;
}

bool session_is_thread_entry(const struct session *session, CXCursor function)
{
    char *usr = cursor_usr(function);
    bool found = false;
    for (size_t i = 0; i < session->thread_entry_count && !found; i++)
        found = strcmp(session->thread_entries[i], usr) == 0;
    free(usr);
    return found;
}

void session_add_thread_entry(struct session *session, CXCursor function)
{
    if (session_is_thread_entry(session, function))
        return;
    ARRAY_RESERVE(session->thread_entries, session->thread_entry_capacity,
                  session->thread_entry_count + 1);
    session->thread_entries[session->thread_entry_count++] = cursor_usr(function);
}

bool session_rule_enabled(const struct session *session, const struct rule_description *rule)
{
    for (unsigned i = 0; i < session->rule_count; i++)
        if (session->rules[i] == rule)
            return true;
    return false;
}

struct finding *report_at(struct session *session, const struct rule_description *rule,
                          struct source_pos pos, const char *message)
{
    if (session->summaries_only || !session_rule_enabled(session, rule))
        return NULL;
    return finding_begin(session->findings, rule, pos, message);
}
