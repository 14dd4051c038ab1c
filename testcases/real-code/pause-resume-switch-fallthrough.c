// Idiom (found in memcached 1.6.18 with --cross-tu, thread.c's
// pause_threads; redis's afterSleep/beforeSleep GIL is the same pair split
// over two functions): one function pauses or resumes background threads by
// a switch whose "all" cases take or release their locks and fall through
// into the "workers" case, which sets a flag; the code after the switch
// returns early when the flag is clear. The locks taken in PAUSE_ALL are
// released by a later call with RESUME_ALL: a pause/resume pair held across
// calls by design, and the early return cannot be reached with them held
// (PAUSE_ALL always sets the flag). Today's lockcheck keeps the lock's two
// sides apart by the switch's case, not by the flag set after the join, so
// it reports the lock still held at both returns (and, taken directly as
// here, its release on the resume path as a release it did not take).
// XFAIL until the flag set on every path through the fall-through join is
// correlated with the lock, and a function that takes a lock for one value
// of an argument and releases it for another counts as a pause/resume pair.
// When this test passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t maintainer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t worker_hang_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;

enum pause_kind { PAUSE_ALL, PAUSE_WORKERS, RESUME_ALL, RESUME_WORKERS };

void notify_worker(int which);

void pause_threads(enum pause_kind kind)
{
    bool pause_workers = false;
    switch (kind) {
    case PAUSE_ALL:
        pthread_mutex_lock(&maintainer_lock);
        /* fall through */
    case PAUSE_WORKERS:
        pause_workers = true;
        pthread_mutex_lock(&worker_hang_lock);
        break;
    case RESUME_ALL:
        pthread_mutex_unlock(&maintainer_lock);
        /* fall through */
    case RESUME_WORKERS:
        pthread_mutex_unlock(&worker_hang_lock);
        break;
    default:
        break;
    }
    if (!pause_workers)
        return;
    pthread_mutex_lock(&init_lock);
    notify_worker(0);
    pthread_mutex_unlock(&init_lock);
}
