/*
 * worker_process.h: checking files in worker processes, so that one file
 * that exhausts memory or crashes ends only its own check.
 *
 * The crash guard (crash_guard.h) contains crashes and stack overflows
 * inside one process, but not memory exhaustion (an `#include` of
 * /dev/zero, a macro that grows without bound): the first failed
 * allocation ends the whole process, or the machine's memory runs out
 * first. So with a memory limit (--memory-limit, on by default) the -j
 * pool is a pool of long-lived worker processes:
 *
 *   parent (no thread, no CXIndex yet): fork -j workers
 *   -> each worker: one thread with the large stack and the crash guard,
 *      its own CXIndex; for each task number it reads: RLIMIT_DATA set to
 *      its current data size + the limit, the task run, the limit lifted,
 *      the outcome sent back as a message (a few strings)
 *   -> parent: hands out tasks in order, decodes each message into the
 *      task's slot (so the results, and the output, are those of the
 *      threads); a worker that died, or ran out of memory, becomes that
 *      task's one-line error, and a fresh worker takes the next tasks.
 *
 * A worker ends after a contained crash (its state is suspect) and when
 * its data has grown by more than the limit since it started (leaks and
 * fragmentation would otherwise eat later files' budgets). What a worker
 * writes on standard error is relayed by the parent after each task; a
 * task whose worker wrote that it ran out of memory (LLVM, libstdc++,
 * util/memory.c or a sanitizer say so there) gets the error
 * `FILE: ran out of memory (limit N MiB)` instead of the crash it caused.
 * Workers never dump core.
 *
 * Rounds: when the tasks have a next_round callback, the same workers
 * run the tasks again after every task of a round is over (--cross-tu:
 * the check of the files whose first check saw other summaries). The
 * parent sends each worker the round's message before its first task of
 * it. A worker that reports it kept something of a task for later
 * (worker_message.kept, within worker_may_keep) gets that task in the
 * next round, unless it has ended; then any worker does.
 */
#ifndef LOCKCHECK_WORKER_PROCESS_H
#define LOCKCHECK_WORKER_PROCESS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

/* What a worker sends back for one task: up to this many strings, each
 * NULL or text (the task's phase gives them their meaning). */
#define WORKER_MESSAGE_PARTS 5
struct worker_message {
    char *parts[WORKER_MESSAGE_PARTS];
    bool last;                  /* the worker ends after it (set by the pool) */
    bool kept;                  /* the worker keeps state for the task's next round */
    bool reused;                /* the task ran from state kept in an earlier round */
};

/* The tasks of one phase (one per file) and what to do with them. */
struct worker_tasks {
    size_t count;
    void *data;
    /* Parent: the file of task i (for errors); false when task i has
     * nothing to do (it is not sent to a worker). */
    const char *(*file)(void *data, size_t i);
    bool (*needs_run)(void *data, size_t i);
    /* Worker: does task i; false when it crashed under the crash guard
     * (the worker ends after sending the outcome). */
    bool (*run)(void *data, size_t i, CXIndex index);
    /* Worker: task i's outcome into `out` (strings the pool frees). */
    void (*encode)(void *data, size_t i, struct worker_message *out);
    /* Parent: task i's outcome from its worker. */
    void (*decode)(void *data, size_t i, const struct worker_message *in);
    /* Parent: task i was not done; `error` is its one-line error (taken). */
    void (*fail)(void *data, size_t i, char *error);
    /* Parent: task i is over (decoded, failed or nothing to do). */
    void (*finished)(void *data, size_t i);
    /* Parent, or NULL (one round): every task of a round is over; true
     * when another round follows, with *message (taken) for each worker's
     * begin_round. needs_run then says which tasks run again. */
    bool (*next_round)(void *data, char **message);
    /* Worker: the next round begins, with the parent's message. */
    void (*begin_round)(void *data, const char *message);
    /* Parent, or NULL: news for a worker before its next task, of what
     * the other workers did since *cursor (which it advances; 0 for a new
     * worker), or NULL when there is none. */
    char *(*news)(void *data, size_t *cursor);
    /* Worker: the news, before the task. */
    void (*hear)(void *data, const char *news);
    /* The order in which tasks are handed out (a permutation of
     * 0..count-1), or NULL: by number. */
    const size_t *order;
};

/* In a worker process, after a task: whether the worker may keep what the
 * task left in memory for a later round (its data has grown by at most
 * half its memory limit since it started). False outside worker processes. */
bool worker_may_keep(void);

/* Runs every task in up to `jobs` worker processes, each task under a
 * memory limit of `limit_mib` MiB and, unless `limit_seconds` is 0, a time
 * limit: a worker still on one task after that long is killed and the task
 * fails. False when no worker process could be started: nothing was run
 * (run the tasks another way). The caller has not started threads;
 * standard output is flushed before each fork. */
bool worker_processes_run(const struct worker_tasks *tasks, unsigned jobs, unsigned limit_mib,
                          unsigned limit_seconds);

/* The default --memory-limit for `jobs` workers, in MiB: half the
 * machine's memory shared among them, but at least 1 GiB (or half the
 * memory, on a smaller machine). */
unsigned worker_default_memory_limit(unsigned jobs);

#endif
