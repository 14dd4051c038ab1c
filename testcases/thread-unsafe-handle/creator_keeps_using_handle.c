// The creator hands a marked handle (marked on a typedef here) to a thread and
// keeps using it before the join: reported, with a note at the use. Handing it
// over and touching it again only after the join (or on the path where the
// creation failed) transfers ownership: silent.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>

#ifndef LC_NOT_THREAD_SAFE
#define LC_NOT_THREAD_SAFE __attribute__((annotate("lockcheck:not_thread_safe")))
#endif

typedef struct {
    unsigned char buffer[64];
    unsigned fill;
} stream_t LC_NOT_THREAD_SAFE;

void stream_write(stream_t *s, int byte);
void stream_flush(stream_t *s);

static void *writer(void *arg)
{
    stream_write(arg, 'x');
    return NULL;
}

void write_both(stream_t *out)
{
    pthread_t t;
    // CHECK: creator_keeps_using_handle.c:[[@LINE+3]]:5: warning: 'out' (not-thread-safe 'stream_t') is handed to a new thread while 'write_both' keeps using it [thread-unsafe-handle]
    // CHECK-NEXT: creator_keeps_using_handle.c:[[@LINE+3]]:5: note: 'write_both' uses 'out' here before joining the thread
    // CHECK-NEXT: creator_keeps_using_handle.c:17:3: note: 'stream_t' is marked not thread-safe here
    pthread_create(&t, NULL, writer, out);
    stream_write(out, 'y');
    pthread_join(t, NULL);
}

int write_then_flush(stream_t *out)
{
    pthread_t t;
    if (pthread_create(&t, NULL, writer, out) != 0) {
        stream_flush(out);
        return -1;
    }
    pthread_join(t, NULL);
    stream_flush(out);
    return 0;
}
