/*
 * crash_guard.c: containing a crash or a stack overflow in one file's
 * parsing or analysis (see crash_guard.h).
 */
#include "driver/crash_guard.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/memory.h"

/* Enough for LLVM's recovery handler, which only unwinds with longjmp. */
#define ALTERNATE_STACK_SIZE (256u * 1024u)
/* Workers' stacks: the parser and the CFG builder recurse on nesting. */
#define WORKER_STACK (256u * 1024u * 1024u)
/* A guard wide enough that no single frame jumps over it. */
#define WORKER_STACK_GUARD (1024u * 1024u)

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};

void crash_guard_setup(void)
{
    /* Read by libclang at each parse or index: set before threads start. */
    setenv("LIBCLANG_NOTHREADS", "1", 1);
    if (getenv("LIBCLANG_DISABLE_CRASH_RECOVERY"))
        return;
    clang_toggleCrashRecovery(1); /* installs LLVM's handlers now */
    for (size_t i = 0; i < sizeof crash_signals / sizeof *crash_signals; i++) {
        struct sigaction action;
        if (sigaction(crash_signals[i], NULL, &action) != 0)
            continue;
        if (action.sa_handler == SIG_DFL || action.sa_handler == SIG_IGN)
            continue;
        action.sa_flags |= SA_ONSTACK;
        sigaction(crash_signals[i], &action, NULL);
    }
}

bool crash_guard_start_thread(pthread_t *thread, void *(*body)(void *), void *arg)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WORKER_STACK);
    pthread_attr_setguardsize(&attr, WORKER_STACK_GUARD);
    bool started = pthread_create(thread, &attr, body, arg) == 0;
    pthread_attr_destroy(&attr);
    return started;
}

void *crash_guard_thread_start(void)
{
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = xmalloc(ALTERNATE_STACK_SIZE);
    stack.ss_size = ALTERNATE_STACK_SIZE;
    if (sigaltstack(&stack, NULL) != 0) {
        free(stack.ss_sp);
        return NULL;
    }
    return stack.ss_sp;
}

void crash_guard_thread_end(void *stack)
{
    if (!stack)
        return;
    stack_t off;
    memset(&off, 0, sizeof off);
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, NULL);
    free(stack);
}

/* ---- running work under the recovery ------------------------------------------------ */

/* libclang runs clang_indexTranslationUnit under its crash recovery (with
 * LIBCLANG_NOTHREADS set, on the calling thread and its stack): the work
 * runs in the indexer's first callback, then asks it to stop. */
struct contained_run {
    const char *file;
    void (*work)(void *data);
    void *data;
    bool started, done;
};

static int stop_indexing(CXClientData data, void *reserved)
{
    (void)reserved;
    return ((struct contained_run *)data)->done;
}

/* Test hooks: LOCKCHECK_TEST_CRASH=FILE makes the work on FILE crash,
 * LOCKCHECK_TEST_HANG=FILE makes it never end (testcases/isolation/). */
static void crash_if_asked(const char *file)
{
    const char *asked = getenv("LOCKCHECK_TEST_CRASH");
    if (asked && file && strcmp(asked, file) == 0)
        raise(SIGSEGV);
    const char *hang = getenv("LOCKCHECK_TEST_HANG");
    while (hang && file && strcmp(hang, file) == 0)
        pause();
}

static CXIdxClientContainer run_work(CXClientData data, void *reserved)
{
    (void)reserved;
    struct contained_run *run = data;
    run->started = true;
    crash_if_asked(run->file);
    run->work(run->data);
    run->done = true;
    return NULL;
}

bool crash_guard_run(CXIndex index, CXTranslationUnit unit, const char *file,
                     void (*work)(void *data), void *data)
{
    struct contained_run run = {file, work, data, false, false};
    IndexerCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.abortQuery = stop_indexing;
    callbacks.startedTranslationUnit = run_work;
    CXIndexAction action = clang_IndexAction_create(index);
    clang_indexTranslationUnit(action, &run, &callbacks, sizeof callbacks,
                               CXIndexOpt_SuppressWarnings, unit);
    clang_IndexAction_dispose(action);
    if (run.started)
        return run.done; /* started and not done: it crashed */
    work(data); /* the indexer did not call back: run unguarded */
    return true;
}
