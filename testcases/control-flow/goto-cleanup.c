// The kernel-style `goto out` error path: silent when every goto reaches the
// unlock, reported when one jumps past it.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdlib.h>

struct device {
    pthread_mutex_t mu;
    char *buffer;
    int open;
};

int device_open(struct device *d, size_t size)
{
    int rc = 0;
    pthread_mutex_lock(&d->mu);
    if (d->open) {
        rc = -1;
        goto out;
    }
    d->buffer = malloc(size);
    if (!d->buffer) {
        rc = -2;
        goto out;
    }
    d->open = 1;
out:
    pthread_mutex_unlock(&d->mu);
    return rc;
}

int device_close(struct device *d)
{
    int rc = 0;
    pthread_mutex_lock(&d->mu);
    if (!d->open) {
        rc = -1;
        goto fail;
    }
    free(d->buffer);
    d->open = 0;
    pthread_mutex_unlock(&d->mu);
fail:
    return rc;
}
// CHECK: goto-cleanup.c:44:5: warning: mutex 'd->mu' is still held when 'device_close' returns [missing-unlock]
// CHECK-NEXT: goto-cleanup.c:35:5: note: 'd->mu' acquired here
// CHECK-NEXT: goto-cleanup.c:36:10: note: on the path where this condition is false
