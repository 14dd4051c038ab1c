// Idiom (found in libuv 1.44.2 with --cross-tu, src/unix/fs.c): a lock
// taken and released through the project's own wrappers under a condition
// on a field, `if (req->cb != NULL) rdlock_wrapper(&req->loop->lk);` ...
// `if (req->cb != NULL) rdunlock_wrapper(&req->loop->lk);`. A call forgets
// what the path knew of memory (fields, globals) only when the callee may
// write it: a wrapper whose body writes nothing its caller sees (it only
// locks, or aborts) keeps the two tests paired.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
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
        // CHECK: wrapper-under-field-condition.c:[[@LINE+3]]:9: warning: rwlock 'req->loop->cloexec_lock' is still held when 'temp_file_leaky' returns [missing-unlock]
        // CHECK-NEXT: wrapper-under-field-condition.c:[[@LINE-4]]:9: note: 'req->loop->cloexec_lock' acquired here
        // CHECK-NEXT: wrapper-under-field-condition.c:[[@LINE-3]]:9: note: on the path where this condition is true
        return -1;
    if (req->cb != NULL)
        rwlock_rdunlock(&req->loop->cloexec_lock);
    return fd;
}

// Buggy: the wrapper also clears the field tested, so the second test is
// false and the lock stays held. Reported.
void rwlock_rdlock_and_clear(struct request *req)
{
    pthread_rwlock_rdlock(&req->loop->cloexec_lock);
    req->cb = NULL;
}

int temp_file_clearing(struct request *req)
{
    int fd;
    if (req->cb != NULL)
        // CHECK: wrapper-under-field-condition.c:[[@LINE+7]]:5: warning: rwlock 'req->loop->cloexec_lock' is still held when 'temp_file_clearing' returns [missing-unlock]
        // CHECK-NEXT: wrapper-under-field-condition.c:[[@LINE+1]]:9: note: 'req->loop->cloexec_lock' acquired here
        rwlock_rdlock_and_clear(req);
    fd = make_temp(req->path);
    // CHECK-NEXT: wrapper-under-field-condition.c:[[@LINE+1]]:9: note: on the path where this condition is false
    if (req->cb != NULL)
        rwlock_rdunlock(&req->loop->cloexec_lock);
    return fd;
}
