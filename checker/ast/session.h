/*
 * session.h: the analysis session of one file, created by the driver and
 * passed down to every analysis: the parsed unit, the configuration and the
 * engine options, the function summaries (this file's, and other files'
 * under --cross-tu), the memo of function analyses, the thread entry points
 * and creations, the call graph, the recursive-mutex table, the rules that
 * run (as observers of the engine, with their per-file state), and where
 * findings and remarks go.
 *
 * The struct lives here, in ast/, with the tables of higher layers as
 * opaque pointers, so that every layer that takes a session includes a
 * header below it. The engine (dataflow/engine.h) fills and frees the
 * parts above ast/. One session per file; nothing in it is shared between
 * threads.
 */
#ifndef LOCKCHECK_SESSION_H
#define LOCKCHECK_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "ast/unit.h"
#include "report/finding.h"

struct annotation_table;
struct analysis_memo;
struct analysis_observer;
struct call_graph;
struct function_index;
struct lockcheck_config;
struct recursive_mutexes;
struct rule_description;
struct summary_table;
struct thread_spawn_list;

struct session {
    struct unit unit;
    const struct lockcheck_config *config;  /* .lockcheck.yml + command line; NULL: none */
    size_t analysis_budget;          /* lock facts one function may hold (0: the default) */
    bool summaries_only;             /* --cross-tu's summary phase: no rules, no reports */
    bool suggest_annotations;        /* --suggest-annotations: data-race's LC_GUARDED_BY remarks */

    /* The rules that run on this file (the selection is a value: the
     * command line's and the file's `checks:`), and the same rules as
     * observers of the engine (dataflow/observer.h) with their per-file
     * state. */
    const struct rule_description *const *rules;
    unsigned rule_count;
    const struct analysis_observer *observers;
    unsigned observer_count;

    struct finding_list *findings;   /* where findings go */
    char **remarks;                  /* one-line notes for stderr (what was not analysed) */
    size_t remark_count, remark_capacity;

    struct summary_table *summaries;          /* this file's functions, by USR */
    struct summary_table *external_summaries; /* --cross-tu: other files' (read-only), or NULL */
    /* --cross-tu's first pass: told the USR of every callee the analysis
     * looks up in external_summaries (even when that is NULL), or NULL. */
    void (*on_external_lookup)(void *data, const char *usr);
    void *external_lookup_data;
    struct analysis_memo *memo;               /* analyses in progress or kept (the engine's) */
    struct annotation_table *annotations;     /* annotations read so far (annotations.c) */

    char **thread_entries;           /* USRs of functions that start threads */
    size_t thread_entry_count, thread_entry_capacity;
    struct thread_spawn_list *spawns; /* pthread_create / thrd_create calls (ast/threads.h) */
    struct call_graph *call_graph;    /* built on first use (ast/call_graph.h) */
    struct recursive_mutexes *recursive; /* built on first use (ast/recursive_mutex.h) */
    struct function_index *functions; /* by name; built on first use (session_functions) */
};

/* The ast/ parts of a session (the unit, thread lists); dataflow/engine.h
 * adds the engine's. */
void session_init(struct session *session, CXTranslationUnit cx, const char *main_name,
                  const struct lockcheck_config *config, struct finding_list *findings);
void session_free(struct session *session);

/* True when findings at this cursor are reported (not in --cross-tu's
 * summary phase; in the main file or a header the filter accepts). */
bool session_reports_in(struct session *session, CXCursor cursor);

/* Records a note for standard error (takes the string). */
void session_remark(struct session *session, char *line);

/* The unit's functions by name (ast/function_index.h), built on first use. */
const struct function_index *session_functions(struct session *session);

bool session_is_thread_entry(const struct session *session, CXCursor function);
void session_add_thread_entry(struct session *session, CXCursor function);

/* Whether the rule runs on this file (it is one of the observers). */
bool session_rule_enabled(const struct session *session, const struct rule_description *rule);

/* Starts a finding of `rule` at `pos`; NULL when the rule does not run on
 * this file or the session reports nothing (--cross-tu's summary phase).
 * The one way analyses report. */
struct finding *report_at(struct session *session, const struct rule_description *rule,
                          struct source_pos pos, const char *message);

#endif
