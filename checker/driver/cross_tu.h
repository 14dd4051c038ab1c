/*
 * cross_tu.h: summaries across translation units (--cross-tu).
 *
 * With --cross-tu, every file is parsed once and checked (rules and all),
 * and in the same session the summaries of the functions with external
 * linkage defined in it, when they do something to their callers' locks,
 * are kept; they go into one process-wide table keyed by USR. The check
 * applies them to calls of functions that have neither a body in the
 * translation unit nor an annotation (dataflow/collect.c looks them up in
 * session.external_summaries), but the table is not there yet in that
 * first check: the session records the USR of every such callee instead
 * (session.on_external_lookup). A lookup that finds nothing and no table
 * at all are the same to the analysis, so after the merge a file none of
 * whose recorded callees has a summary keeps its first check as final;
 * only the others are checked again, with the table. In a worker
 * process, which checks one file after another, the check already sees the
 * summaries of the files that process checked before, and those of the
 * files the other workers finished before its task was handed out (the
 * parent's news, cross_tu_news); each lookup records what it found (a hash
 * of the summary's text), and the check is final when the merged table
 * answers every lookup the same. The pass's order (driver/file_order.h)
 * puts the files defining locking functions before their callers; a file
 * it still puts before a file it needs is only summarised in the pass
 * (cross_tu_summarise_ahead) and checked in the check round, from the unit
 * its worker kept (driver/main.c).
 * Files whose summaries came from the summary cache are checked in that
 * second run too. The map step (--emit-summary) and --dump-cfg keep the older
 * summaries-only pass (cross_tu_summarise_file: no rules, no reports).
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

/* Any worker, the pass as the check: before file `i`'s check, its session
 * records the external callees its analysis looks up; after the check
 * (under the same crash guard) the session's summaries are exported. */
void cross_tu_watch_session(struct cross_tu *x, size_t i, struct session *session, bool exchange);
void cross_tu_export_session(struct cross_tu *x, size_t i, struct session *session);
/* With `exchange` (a worker process: one file at a time), the check sees
 * the summaries of the files this process checked before (summaries are
 * exchanged in file order); a file whose check found one is not final
 * unless the merged table gives the same, and its own summaries, which may
 * hold the other files', are computed again without them from the same
 * unit, after its check (cross_tu_wants_summaries_again, then
 * cross_tu_summarise_unit: false when that crashed). */
bool cross_tu_wants_summaries_again(const struct cross_tu *x, size_t i);
/* A worker process's pass, for a file whose check waits for the check
 * round: its summaries only (no other file's), which join the table the
 * worker's next checks see. False when that crashed. */
bool cross_tu_summarise_ahead(struct cross_tu *x, size_t i, CXIndex index, CXTranslationUnit unit,
                              const struct lockcheck_config *config);
bool cross_tu_summarise_unit(struct cross_tu *x, size_t i, CXIndex index, CXTranslationUnit unit,
                             const struct lockcheck_config *config);
/* Whether the summary cache wants file `i`'s dependency list
 * (dependency_hashes.h), and taking it after the check. */
bool cross_tu_wants_dependencies(const struct cross_tu *x, size_t i);

void cross_tu_keep_dependencies(struct cross_tu *x, size_t i, const char *deps);

/* File `i`'s outcome of the phase as text, when it was summarised in a
 * worker process (worker_process.h): its summaries (summary_io.c's
 * document), the files it read and, when the pass was its check, the
 * callees it looked up (a JSON array of USRs); each NULL when there is
 * none (caller frees). */
void cross_tu_file_result(const struct cross_tu *x, size_t i, char **summaries, char **deps,
                          char **callees);
/* Main thread: takes file `i`'s outcome sent by its worker process. False
 * with *error (caller frees) when the text is not such an outcome. */
bool cross_tu_take_file_result(struct cross_tu *x, size_t i, const char *summaries,
                               const char *deps, const char *callees, char **error);

/* Main thread, after the phase: merges the files' summaries in order and
 * writes the cache. False with *error when the cache cannot be written (the
 * summaries are still usable). */
bool cross_tu_finish(struct cross_tu *x, char **error);

/* After cross_tu_finish: file `i` was checked in the pass, and that check
 * is final (none of its callees has a summary in the table). */
bool cross_tu_checked(const struct cross_tu *x, size_t i);
bool cross_tu_outcome_final(const struct cross_tu *x, size_t i);
/* ... or it was only summarised in the pass (cross_tu_summarise_ahead). */
bool cross_tu_summarised_ahead(const struct cross_tu *x, size_t i);

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

/* The parent, during the pass: the summaries of these files, as text for
 * the workers that did not check them (NULL: none); a worker hears them
 * (cross_tu_hear) into the table its next checks see, as if it had checked
 * those files itself. */
char *cross_tu_news(const struct cross_tu *x, const size_t *files, size_t count);
void cross_tu_hear(struct cross_tu *x, const char *text);

/* A worker process's check round: the merged table, as cross_tu_document's
 * text from the parent. False with *error (caller frees) when malformed. */
bool cross_tu_take_table(struct cross_tu *x, const char *text, char **error);

#endif
