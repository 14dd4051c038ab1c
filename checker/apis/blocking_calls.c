/*
 * blocking_calls.c: the table of functions that can block the calling
 * thread. Sources: POSIX (the functions that are cancellation points, XSH
 * 2.9.5.2, are those that may block indefinitely) and the C library's
 * sleeping functions. Locking another mutex is not listed here: the lock
 * dataflow sees those calls itself.
 */
#include "apis/blocking_calls.h"

#include <stddef.h>
#include <string.h>

struct blocking_call {
    const char *function;
    const char *reason;
};

static const struct blocking_call blocking_calls[] = {
    {"sleep", "sleeps"},
    {"usleep", "sleeps"},
    {"nanosleep", "sleeps"},
    {"clock_nanosleep", "sleeps"},
    {"thrd_sleep", "sleeps"},
    {"sched_yield", "gives up the processor"},
    {"pause", "waits for a signal"},
    {"sigwait", "waits for a signal"},
    {"sigsuspend", "waits for a signal"},
    {"pthread_join", "waits for another thread"},
    {"thrd_join", "waits for another thread"},
    {"pthread_cond_wait", "waits for a condition"},
    {"pthread_cond_timedwait", "waits for a condition"},
    {"cnd_wait", "waits for a condition"},
    {"cnd_timedwait", "waits for a condition"},
    {"sem_wait", "waits for a semaphore"},
    {"sem_timedwait", "waits for a semaphore"},
    {"read", "may wait for I/O"},
    {"write", "may wait for I/O"},
    {"pread", "may wait for I/O"},
    {"pwrite", "may wait for I/O"},
    {"readv", "may wait for I/O"},
    {"writev", "may wait for I/O"},
    {"recv", "may wait for I/O"},
    {"recvfrom", "may wait for I/O"},
    {"recvmsg", "may wait for I/O"},
    {"send", "may wait for I/O"},
    {"sendto", "may wait for I/O"},
    {"sendmsg", "may wait for I/O"},
    {"accept", "may wait for I/O"},
    {"connect", "may wait for I/O"},
    {"poll", "may wait for I/O"},
    {"select", "may wait for I/O"},
    {"epoll_wait", "may wait for I/O"},
    {"open", "may wait for I/O"},
    {"fsync", "may wait for I/O"},
    {"fdatasync", "may wait for I/O"},
    {"wait", "waits for a child process"},
    {"waitpid", "waits for a child process"},
    {"system", "waits for a child process"},
};

const char *blocking_call_reason(const char *function)
{
    for (size_t i = 0; i < sizeof blocking_calls / sizeof blocking_calls[0]; i++)
        if (strcmp(blocking_calls[i].function, function) == 0)
            return blocking_calls[i].reason;
    return NULL;
}
