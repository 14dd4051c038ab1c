// Idiom (found in libuv 1.44 src/unix/fs.c, uv__fs_mkstemp): a read lock
// taken and released through the library's own bodiless wrappers (lock API
// inferred from their names) under the same field test, `if (req->cb != NULL)`,
// with calls to functions lockcheck cannot see in between (mkstemp, a
// close helper) that are not given `req` or anything reaching it. The
// correlation should survive such calls (issue 10: keep it unless the callee
// writes an operand or gets its address); today the calls in between (the
// bodiless lock wrapper itself included) forget what the path knew of
// `req->cb`, and the return is reported as a leak.
// XFAIL until calls that cannot reach the tested object keep the condition.
// When this test passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck --quiet %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <stdlib.h>

typedef struct { pthread_rwlock_t rw; } rwlock_t;
void rwlock_rdlock(rwlock_t *l);
void rwlock_rdunlock(rwlock_t *l);
struct loop {
    rwlock_t cloexec_lock;
};
struct request {
    struct loop *loop;
    void (*cb)(struct request *);
};
int set_cloexec(int fd);
int close_fd(int fd);

int make_temp(struct request *req, char *path)
{
    int r;
    if (req->cb != NULL)
        rwlock_rdlock(&req->loop->cloexec_lock);
    r = mkstemp(path);
    if (r >= 0 && set_cloexec(r) != 0) {
        close_fd(r);
        r = -1;
    }
    if (req->cb != NULL)
        rwlock_rdunlock(&req->loop->cloexec_lock);
    return r;
}
