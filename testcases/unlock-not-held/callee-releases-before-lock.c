// A helper that unlocks its class's lock, called on a path before this
// function took that lock (memcached 1.6.18's crawler had this shape): the
// call is reported, naming the helper. In a thread's start routine nothing is
// held at entry. Calling it after taking the lock is correct (silent).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>

#define CLASSES 8
static pthread_mutex_t class_locks[CLASSES];
static int pending[CLASSES], active;
int client_has_room(void);

static void class_done(int i)
{
    pending[i] = 0;
    active--;
    pthread_mutex_unlock(&class_locks[i]);
}

static void *crawl(void *arg)
{
    (void)arg;
    while (active) {
        for (int i = 0; i < CLASSES; i++) {
            if (!pending[i])
                continue;
            if (!client_has_room()) {
                class_done(i);
                continue;
            }
            pthread_mutex_lock(&class_locks[i]);
            if (pending[i] > 100) {
                class_done(i);
                continue;
            }
            pending[i]++;
            pthread_mutex_unlock(&class_locks[i]);
        }
    }
    return NULL;
}

void start_crawler(void)
{
    pthread_t t;
    pthread_create(&t, NULL, crawl, NULL);
}

// CHECK: callee-releases-before-lock.c:29:17: warning: 'class_done' releases mutex 'class_locks[i]' on a path where 'crawl' did not acquire it [unlock-not-held]
// CHECK-NEXT: callee-releases-before-lock.c:32:13: note: 'class_locks[i]' acquired here on other paths
