// Idiom (found in libuv 1.44.2 with --cross-tu, src/unix/fs.c): a lock
// taken and released through the project's own wrappers under a condition
// on a field, `if (req->cb != NULL) rdlock_wrapper(&req->loop->lk);` ...
// `if (req->cb != NULL) rdunlock_wrapper(&req->loop->lk);`. Written with
// pthread calls directly, today's lockcheck pairs the two tests; through a
// wrapper it forgets conditions on memory at the wrapper's call (as if the
// wrapper could write req->cb) and reports the return on the path where the
// second test is false. XFAIL until a call forgets only the conditions whose
// operands it can write (issue 10, item 2). When this test passes (XPASS),
// remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

struct loop {
    pthread_rwlock_t cloexec_lock;
};

struct request {
    struct loop *loop;
    void (*cb)(struct request *);
    char *path;
};

void rwlock_rdlock(pthread_rwlock_t *lock)
{
    if (pthread_rwlock_rdlock(lock))
        abort();
}

void rwlock_rdunlock(pthread_rwlock_t *lock)
{
    if (pthread_rwlock_unlock(lock))
        abort();
}

int make_temp(char *path);

int temp_file(struct request *req)
{
    int fd;
    // Asynchronous requests must not race a fork that copies descriptors.
    if (req->cb != NULL)
        rwlock_rdlock(&req->loop->cloexec_lock);
    fd = make_temp(req->path);
    if (req->cb != NULL)
        rwlock_rdunlock(&req->loop->cloexec_lock);
    return fd;
}

// The buggy form: an early return between the two tests. Still reported.
int temp_file_leaky(struct request *req)
{
    int fd;
    if (req->cb != NULL)
        rwlock_rdlock(&req->loop->cloexec_lock);
    fd = make_temp(req->path);
    if (fd < 0)
        // CHECK: wrapper-under-field-condition.c:[[@LINE+1]]:9: warning: rwlock 'req->loop->cloexec_lock' is still held when 'temp_file_leaky' returns [missing-unlock]
        return -1;
    if (req->cb != NULL)
        rwlock_rdunlock(&req->loop->cloexec_lock);
    return fd;
}
