/*
 * crash_guard.h: one bad file never ends the run.
 *
 * Parsing and analysing run under libclang's crash recovery (LLVM's
 * CrashRecoveryContext: a crash signal on a thread inside it jumps back to
 * where libclang started the work, which then returns CXError_Crashed).
 * Two things make that work for stack overflows too:
 *   - LIBCLANG_NOTHREADS: libclang runs the work on the calling thread,
 *     a worker with a large stack (main.c), instead of a thread of its own
 *     with 8 MiB;
 *   - the recovery's signal handlers run on an alternate signal stack
 *     (SA_ONSTACK, and one sigaltstack per worker): on the overflowed stack
 *     they could not run at all.
 */
#ifndef LOCKCHECK_CRASH_GUARD_H
#define LOCKCHECK_CRASH_GUARD_H

/* Once, before any worker starts. */
void crash_guard_setup(void);

/* On each worker thread: its alternate signal stack (pass the result to
 * crash_guard_thread_end before the thread ends). */
void *crash_guard_thread_start(void);
void crash_guard_thread_end(void *stack);

#endif
