// Idiom (found in memcached 1.6.18 with --cross-tu, proto_text.c): a
// request handler validates its options in a loop while holding the lock
// (`goto error` releases it), releases the lock, and on a later failure
// path loops over the same options with the same test before answering.
// That second `goto error` cannot be taken (every option already passed the
// test, and nothing changed them), so the error label's release never runs
// twice; today's lockcheck follows the infeasible path and reports a second
// release. XFAIL until a test already passed on the same unchanged operands
// prunes the path. When this test passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <stddef.h>

#define MAX_OPAQUE 32

struct option {
    char flag;
    size_t length;
};

static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
int fetch_value(const char *key);

int answer(const char *key, const struct option *opts, int nopts)
{
    int failed = 0;
    int i;

    pthread_mutex_lock(&store_lock);
    for (i = 0; i < nopts; i++) {
        if (opts[i].flag == 'O' && opts[i].length > MAX_OPAQUE)
            goto error;
    }
    if (fetch_value(key) != 0)
        failed = 1;
    pthread_mutex_unlock(&store_lock);

    if (failed) {
        for (i = 0; i < nopts; i++) {
            if (opts[i].flag == 'O' && opts[i].length > MAX_OPAQUE)
                goto error;
        }
        return -1;
    }
    return 0;

error:
    pthread_mutex_unlock(&store_lock);
    return -2;
}
