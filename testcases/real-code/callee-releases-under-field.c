// Idiom (found in rsyslog 8.2302 runtime/stream.c, strmDestruct): the
// destructor takes the stream's lock `if (s->async)` and calls the close
// function, which stops the writer and releases the lock inside, under the
// same field test (`if (s->async) { ...; unlock(&s->mu); }`). The callee's
// summary cannot say "releases when s->async", so the destructor's return
// is reported as a leak.
// XFAIL until a callee's conditional release pairs with the caller's
// condition on the same field. When this test passes (XPASS), remove the
// XFAIL line.
// XFAIL: *
// RUN: %lockcheck --quiet %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <stdbool.h>

struct stream {
    pthread_mutex_t mu;
    bool async;
    int fd;
};
void flush_and_close(int fd);

static void stream_close(struct stream *s)
{
    if (s->async) {
        s->fd = -1; // stop the writer
        pthread_mutex_unlock(&s->mu);
    }
    flush_and_close(s->fd);
}

void stream_destroy(struct stream *s)
{
    if (s->async)
        pthread_mutex_lock(&s->mu); // released in stream_close
    stream_close(s);
}
