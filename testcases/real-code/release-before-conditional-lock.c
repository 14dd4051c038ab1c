// Idiom (found in rsyslog 8.2302, stream.c, strmWrite): `if (s->async)
// lock;` ... `done: if (s->async) unlock;`, where one `goto done` comes
// from BEFORE the lock (a "stream disabled" test). That early path releases
// a lock this call never took, one the stream's writer thread may hold: a
// real bug, reported as unlock-not-held at the release (a lock this function
// takes on some path is not its caller's), and nothing else: the early path,
// which does not know `s->async`, joins on both sides of the `s->async`
// guard, so the exit is not a leak. The correct form (test first under the
// lock, as rsyslog's strmWriteChar does) stays silent.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
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
        // CHECK: release-before-conditional-lock.c:[[@LINE+2]]:9: warning: mutex 's->mu' is released on a path where 'stream_write_early_exit' did not acquire it [unlock-not-held]
        // CHECK-NEXT: release-before-conditional-lock.c:[[@LINE-6]]:9: note: 's->mu' acquired here on other paths
        pthread_mutex_unlock(&s->mu);
    }
    return err;
}
