/*
 * lock_api.c: the lock APIs lockcheck knows without configuration.
 * One line per function. The success value is what the function returns
 * when it did its job: 0 for POSIX, thrd_success (0 in glibc and musl) for C11.
 */
#include "apis/lock_api.h"

#include <stddef.h>
#include <string.h>

#include "util/strings.h"

#define EXCL LOCK_MODE_EXCLUSIVE
#define SHRD LOCK_MODE_SHARED
#define ANY LOCK_MODE_ANY

static const struct lock_api lock_apis[] = {
    /* POSIX mutexes */
    {"pthread_mutex_lock", LOCK_OP_ACQUIRE, EXCL, 0, 0, "mutex"},
    {"pthread_mutex_trylock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "mutex"},
    {"pthread_mutex_timedlock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "mutex"},
    {"pthread_mutex_clocklock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "mutex"},
    {"pthread_mutex_unlock", LOCK_OP_RELEASE, EXCL, 0, 0, "mutex"},
    /* POSIX read-write locks: shared and exclusive are kept apart */
    {"pthread_rwlock_rdlock", LOCK_OP_ACQUIRE, SHRD, 0, 0, "rwlock"},
    {"pthread_rwlock_tryrdlock", LOCK_OP_TRY_ACQUIRE, SHRD, 0, 0, "rwlock"},
    {"pthread_rwlock_timedrdlock", LOCK_OP_TRY_ACQUIRE, SHRD, 0, 0, "rwlock"},
    {"pthread_rwlock_clockrdlock", LOCK_OP_TRY_ACQUIRE, SHRD, 0, 0, "rwlock"},
    {"pthread_rwlock_wrlock", LOCK_OP_ACQUIRE, EXCL, 0, 0, "rwlock"},
    {"pthread_rwlock_trywrlock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "rwlock"},
    {"pthread_rwlock_timedwrlock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "rwlock"},
    {"pthread_rwlock_clockwrlock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "rwlock"},
    {"pthread_rwlock_unlock", LOCK_OP_RELEASE, ANY, 0, 0, "rwlock"},
    /* POSIX spin locks */
    {"pthread_spin_lock", LOCK_OP_ACQUIRE, EXCL, 0, 0, "spinlock"},
    {"pthread_spin_trylock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "spinlock"},
    {"pthread_spin_unlock", LOCK_OP_RELEASE, EXCL, 0, 0, "spinlock"},
    /* C11 threads */
    {"mtx_lock", LOCK_OP_ACQUIRE, EXCL, 0, 0, "mutex"},
    {"mtx_trylock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "mutex"},
    {"mtx_timedlock", LOCK_OP_TRY_ACQUIRE, EXCL, 0, 0, "mutex"},
    {"mtx_unlock", LOCK_OP_RELEASE, EXCL, 0, 0, "mutex"},
    /* Condition variables: the mutex (second argument) is held before and after. */
    {"pthread_cond_wait", LOCK_OP_WAIT, EXCL, 1, 0, "mutex"},
    {"pthread_cond_timedwait", LOCK_OP_WAIT, EXCL, 1, 0, "mutex"},
    {"pthread_cond_clockwait", LOCK_OP_WAIT, EXCL, 1, 0, "mutex"},
    {"cnd_wait", LOCK_OP_WAIT, EXCL, 1, 0, "mutex"},
    {"cnd_timedwait", LOCK_OP_WAIT, EXCL, 1, 0, "mutex"},
};

const struct lock_api *lock_api_find(const char *function)
{
    for (size_t i = 0; i < sizeof lock_apis / sizeof lock_apis[0]; i++)
        if (strcmp(lock_apis[i].function, function) == 0)
            return &lock_apis[i];
    return NULL;
}

bool is_thread_exit_function(const char *function)
{
    static const char *const names[] = {"pthread_exit", "thrd_exit", NULL};
    return str_in_list(function, names);
}

bool is_process_exit_function(const char *function)
{
    static const char *const names[] = {
        "exit", "_exit", "_Exit", "quick_exit", "abort", "__assert_fail",
        "__assert_perror_fail", "__assert", "__builtin_trap", "__builtin_unreachable",
        "err", "errx", "verr", "verrx", "longjmp", "siglongjmp", "_longjmp", NULL};
    return str_in_list(function, names);
}
