/*
 * tu_context.h: everything lockcheck knows about one parsed translation unit
 * while analysing it: the libclang handle, the file names findings use, the
 * function summaries computed so far, the thread entry points, and the list
 * findings go to. One tu_context per translation unit; nothing in it is
 * shared between threads.
 */
#ifndef LOCKCHECK_TU_CONTEXT_H
#define LOCKCHECK_TU_CONTEXT_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "ast/invalid_code.h"
#include "report/finding.h"

struct summary_table;
struct annotation_table;
struct options;
struct thread_spawn_list;
struct call_graph;
struct lockcheck_config;
struct recursive_mutexes;

struct file_name_entry {
    CXFileUniqueID id;
    char *name;
};

struct tu_context {
    CXTranslationUnit unit;
    CXFile main_file;
    const char *main_name;          /* the main file as the user named it */
    const struct options *options;
    const struct lockcheck_config *config;  /* .lockcheck.yml + command line; NULL: none */
    size_t analysis_budget;         /* lock facts one function may hold (0: the default) */
    struct finding_list *findings;

    struct file_name_entry *file_names;
    size_t file_name_count, file_name_capacity;

    struct summary_table *summaries;  /* per-function summaries, computed lazily */
    struct summary_table *external_summaries; /* --cross-tu: other files' (read-only), or NULL */
    bool summaries_only;             /* --cross-tu's summary phase: no rules, no reports */
    struct annotation_table *annotations;  /* annotations read so far (annotations.c) */

    char **thread_entries;           /* USRs of functions that start threads */
    size_t thread_entry_count, thread_entry_capacity;

    struct thread_spawn_list *spawns; /* pthread_create / thrd_create calls (ast/threads.h) */
    struct call_graph *call_graph;    /* built on first use (ast/call_graph.h) */
    struct recursive_mutexes *recursive; /* built on first use (ast/recursive_mutex.h) */

    struct compile_errors errors;    /* the unit's compile errors (ast/invalid_code.h) */

    char **remarks;                  /* one-line notes for stderr (what was not analysed) */
    size_t remark_count, remark_capacity;
};

void tu_context_init(struct tu_context *tu, CXTranslationUnit unit, const char *main_name,
                     const struct options *options, struct finding_list *findings);
void tu_context_free(struct tu_context *tu);

/* The name findings use for a file: the main file as given by the user, other
 * files as clang names them. The string lives as long as the context. */
const char *tu_file_name(struct tu_context *tu, CXFile file);

/* True when findings in this function's body are reported (its definition is
 * in the main file, or in a header the header filter accepts). */
bool tu_reports_in(struct tu_context *tu, CXCursor cursor);

/* Records a note for standard error (takes the string). */
void tu_remark(struct tu_context *tu, char *line);

bool tu_is_thread_entry(struct tu_context *tu, CXCursor function);
void tu_add_thread_entry(struct tu_context *tu, CXCursor function);

#endif
