/*
 * cross_tu.h: summaries across translation units (--cross-tu).
 *
 * With --cross-tu, lockcheck runs a summary phase before the normal run:
 * every file is parsed and its functions analysed without rules, and the
 * summaries of functions with external linkage defined in it, when they do
 * something to their callers' locks, go into one process-wide table keyed
 * by USR. The normal run then applies them to calls of functions that have
 * neither a body in the translation unit nor an annotation
 * (dataflow/collect.c looks them up in session.external_summaries).
 *
 * One round only: a summary computed in the phase sees in-file callees, not
 * other files' wrappers, so a wrapper of a wrapper defined in a third file
 * has no effect yet.
 *
 * Determinism: each job fills its own slot, and the slots are merged in
 * command-line order after the phase (the first definition of a USR wins),
 * so the table, and the output, do not depend on -j.
 *
 * With --summary-cache=FILE (summary/summary_cache.h), files whose entry is
 * still valid are not analysed in the phase: their summaries come from FILE.
 */
#ifndef LOCKCHECK_CROSS_TU_H
#define LOCKCHECK_CROSS_TU_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct compile_command;
struct lockcheck_config;
struct options;
struct summary;
struct summary_table;
struct session;

struct cross_tu;

/* For `file_count` files; opens opts->summary_cache. NULL with *error
 * (caller frees) when the cache cannot be used. */
struct cross_tu *cross_tu_new(const struct options *opts, size_t file_count, char **error);
void cross_tu_free(struct cross_tu *x);

/* Main thread, before the phase: file `i` with its compile command (NULL:
 * the file cannot be checked), `from_stdin` when its contents are the
 * editor's buffer (never cached). Loads a valid cache entry. False with
 * *error when the cache's entry cannot be read. */
bool cross_tu_prepare_file(struct cross_tu *x, size_t i, const char *file,
                           const struct compile_command *cmd, bool from_stdin, char **error);

/* Any worker, during the phase: summarises file `i` (unless it came from
 * the cache). Parse errors are left for the normal run to report. The
 * analysis runs under the crash guard (crash_guard.h): false when it
 * crashed (the file then has no summaries; this thread's state is suspect). */
bool cross_tu_summarise_file(struct cross_tu *x, size_t i, CXIndex index,
                             const struct compile_command *cmd, struct CXUnsavedFile *unsaved,
                             const struct lockcheck_config *config);

/* File `i`'s outcome of the phase as text, when it was summarised in a
 * worker process (worker_process.h): its summaries (summary_io.c's
 * document) and the files it read, each NULL when there is none (caller
 * frees). */
void cross_tu_file_result(const struct cross_tu *x, size_t i, char **summaries, char **deps);
/* Main thread: takes file `i`'s outcome sent by its worker process. False
 * with *error (caller frees) when the text is not such an outcome. */
bool cross_tu_take_file_result(struct cross_tu *x, size_t i, const char *summaries,
                               const char *deps, char **error);

/* Main thread, after the phase: merges the files' summaries in order and
 * writes the cache. False with *error when the cache cannot be written (the
 * summaries are still usable). */
bool cross_tu_finish(struct cross_tu *x, char **error);

/* "summaries: N files from cache, M analysed" (for --stats). Caller frees. */
char *cross_tu_stats(const struct cross_tu *x);

/* A hash of every summary the files exported, in file order: the
 * summaries a file's findings may depend on (the result cache's key).
 * "0..." for NULL. Caller frees. */
char *cross_tu_summaries_hash(const struct cross_tu *x);

/* ---- the map and reduce steps (--emit-summary, --merge-summaries, --summaries) ---- */

/* Every file's summaries in file order, the first definition of a USR
 * winning (as in the table): summary_io.c's document, the same bytes for
 * the same inputs. Caller frees. */
char *cross_tu_document(const struct cross_tu *x);
/* True when file `i` was parsed in the pass (or came from the cache). */
bool cross_tu_file_summarised(const struct cross_tu *x, size_t i);
/* File `i`'s summaries read from a document at `path` (instead of being
 * computed). False with *error (caller frees) when it is not one. */
bool cross_tu_load_document(struct cross_tu *x, size_t i, const char *path, char **error);

/* The merged table, for session.external_summaries. */
struct summary_table *cross_tu_table(struct cross_tu *x);

#endif
