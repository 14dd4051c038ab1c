/*
 * crash_guard.h: one bad file never ends the run (in one process).
 *
 * Parsing and analysing run under libclang's crash recovery (LLVM's
 * CrashRecoveryContext: a crash signal on a thread inside it jumps back to
 * where libclang started the work, which then returns CXError_Crashed).
 * Two things make that work for stack overflows too:
 *   - LIBCLANG_NOTHREADS: libclang runs the work on the calling thread,
 *     a worker with a large stack (crash_guard_start_thread), instead of a
 *     thread of its own with 8 MiB;
 *   - the recovery's signal handlers run on an alternate signal stack
 *     (SA_ONSTACK, and one sigaltstack per worker): on the overflowed stack
 *     they could not run at all.
 * What a process cannot contain (memory exhaustion, a crash outside the
 * recovery) is contained by running files in worker processes
 * (worker_process.h).
 */
#ifndef LOCKCHECK_CRASH_GUARD_H
#define LOCKCHECK_CRASH_GUARD_H

#include <clang-c/Index.h>
#include <pthread.h>
#include <stdbool.h>

/* Once, before any worker starts. */
void crash_guard_setup(void);

/* Starts a worker thread with the large stack parsing needs. */
bool crash_guard_start_thread(pthread_t *thread, void *(*body)(void *), void *arg);

/* On each worker thread: its alternate signal stack (pass the result to
 * crash_guard_thread_end before the thread ends). */
void *crash_guard_thread_start(void);
void crash_guard_thread_end(void *stack);

/* Runs work(data) on this thread under libclang's crash recovery (in the
 * first callback of clang_indexTranslationUnit on `unit`). False when it
 * crashed: whatever work was updating may be half-updated, and this
 * thread's state is suspect. Test hook: LOCKCHECK_TEST_CRASH=FILE makes
 * the work on `file` crash (SIGSEGV), so that containment can be checked
 * without a bug to trigger it. */
bool crash_guard_run(CXIndex index, CXTranslationUnit unit, const char *file,
                     void (*work)(void *data), void *data);

#endif
