// Blocking while a spinlock is held: a sleep, a blocking read, a mutex
// taken directly or inside a helper. The same calls after the unlock, or
// under a mutex, are fine.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <unistd.h>

static pthread_spinlock_t stats_spin;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static long hits;

static void log_hit(void)
{
    pthread_mutex_lock(&log_mu);
    hits++;
    pthread_mutex_unlock(&log_mu);
}

void count_and_wait(int fd, char *buf)
{
    pthread_spin_lock(&stats_spin);
    hits++;
    usleep(100);
    if (read(fd, buf, 16) < 0)
        hits--;
    pthread_mutex_lock(&log_mu);
    pthread_mutex_unlock(&log_mu);
    log_hit();
    pthread_spin_unlock(&stats_spin);
    usleep(100);
}
// CHECK: sleep-and-io.c:23:5: warning: 'usleep' sleeps while spinlock 'stats_spin' is held: other threads spin until it returns [blocking-under-spinlock]
// CHECK-NEXT: sleep-and-io.c:21:5: note: 'stats_spin' acquired here
// CHECK: sleep-and-io.c:24:9: warning: 'read' may wait for I/O while spinlock 'stats_spin' is held: other threads spin until it returns [blocking-under-spinlock]
// CHECK-NEXT: sleep-and-io.c:21:5: note: 'stats_spin' acquired here
// CHECK: sleep-and-io.c:26:5: warning: 'pthread_mutex_lock' may wait for another thread while spinlock 'stats_spin' is held: other threads spin until it returns [blocking-under-spinlock]
// CHECK-NEXT: sleep-and-io.c:21:5: note: 'stats_spin' acquired here
// CHECK: sleep-and-io.c:28:5: warning: 'log_hit' takes a lock inside, and may wait for it while spinlock 'stats_spin' is held: other threads spin until it returns [blocking-under-spinlock]
// CHECK-NEXT: sleep-and-io.c:21:5: note: 'stats_spin' acquired here

void under_mutex(int fd, char *buf)
{
    pthread_mutex_lock(&log_mu);
    if (read(fd, buf, 16) > 0)
        usleep(10);
    pthread_mutex_unlock(&log_mu);
}
