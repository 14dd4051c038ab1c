// A marked handle given to two threads by two pthread_create calls is
// reported at the first, with a note at the second; handing it to one thread,
// joining, then handing it to the next is sequential and silent.
//
// RUN: %lockcheck --checks=-data-race %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>

#ifndef LC_NOT_THREAD_SAFE
#define LC_NOT_THREAD_SAFE __attribute__((annotate("lockcheck:not_thread_safe")))
#endif

struct LC_NOT_THREAD_SAFE parser {
    const char *cursor;
};

struct parser *parser_open(const char *text);
void parser_close(struct parser *p);

static void *parse_some(void *arg)
{
    struct parser *p = arg;
    p->cursor++;
    return NULL;
}

void parse_in_parallel(const char *text)
{
    struct parser *p = parser_open(text);
    pthread_t first, second;
    // CHECK: two_creations_same_handle.c:[[@LINE+3]]:5: warning: 'p' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
    // CHECK-NEXT: two_creations_same_handle.c:[[@LINE+3]]:5: note: 'p' is handed to another thread here before the first is joined
    // CHECK-NEXT: two_creations_same_handle.c:13:27: note: 'struct parser' is marked not thread-safe here
    pthread_create(&first, NULL, parse_some, p);
    pthread_create(&second, NULL, parse_some, p);
    pthread_join(first, NULL);
    pthread_join(second, NULL);
    parser_close(p);
}

void parse_one_after_the_other(const char *text)
{
    struct parser *p = parser_open(text);
    pthread_t worker;
    pthread_create(&worker, NULL, parse_some, p);
    pthread_join(worker, NULL);
    pthread_create(&worker, NULL, parse_some, p);
    pthread_join(worker, NULL);
    parser_close(p);
}
