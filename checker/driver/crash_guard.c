/*
 * crash_guard.c: containing a crash or a stack overflow in one file's
 * parsing or analysis (see crash_guard.h).
 */
#include "driver/crash_guard.h"

#include <clang-c/Index.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "util/memory.h"

/* Enough for LLVM's recovery handler, which only unwinds with longjmp. */
#define ALTERNATE_STACK_SIZE (256u * 1024u)

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
