// Idiom (found in rsyslog 8.2302, stream.c, strmWrite): `if (s->async)
// lock;` ... `done: if (s->async) unlock;`, where one `goto done` comes
// from BEFORE the lock (a "stream disabled" test). That early path releases
// a lock this call never took, one the stream's writer thread may hold: a
// real bug. Today's lockcheck loses the `s->async` correlation where the
// early path joins and reports a leak on the infeasible path instead
// ("still held ... where this condition is false"): the right function, the
// wrong diagnosis. It should report the release as unlock-not-held (issue
// 10, item 1: a lock this function takes on some path is not its caller's)
// and nothing else. The correct form (test first under the lock, as rsyslog's
// strmWriteChar does) is silent today and must stay so. XFAIL until then;
// when this test passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stddef.h>
#include <string.h>

struct stream {
    pthread_mutex_t mu;
    pthread_cond_t not_empty;
    int async;
    int disabled;
    size_t used, size;
    char *buf;
};

int stream_flush(struct stream *s);

static int stream_copy(struct stream *s, const char *data, size_t len)
{
    while (len > 0) {
        if (s->used == s->size && stream_flush(s) != 0)
            return -1;
        size_t n = s->size - s->used < len ? s->size - s->used : len;
        memcpy(s->buf + s->used, data, n);
        s->used += n;
        data += n;
        len -= n;
    }
    return 0;
}

int stream_write(struct stream *s, const char *data, size_t len)
{
    int err = 0;
    if (s->async)
        pthread_mutex_lock(&s->mu);
    if (s->disabled) {
        err = -1;
        goto done;
    }
    err = stream_copy(s, data, len);
done:
    if (s->async) {
        pthread_cond_signal(&s->not_empty);
        pthread_mutex_unlock(&s->mu);
    }
    return err;
}

int stream_write_early_exit(struct stream *s, const char *data, size_t len)
{
    int err = 0;
    if (s->disabled) {
        err = -1;
        goto done;
    }
    if (s->async)
        pthread_mutex_lock(&s->mu);
    err = stream_copy(s, data, len);
done:
    if (s->async) {
        pthread_cond_signal(&s->not_empty);
        // CHECK: release-before-conditional-lock.c:[[@LINE+1]]:9: warning: mutex 's->mu' is released but it is not held [unlock-not-held]
        pthread_mutex_unlock(&s->mu);
    }
    return err;
}
