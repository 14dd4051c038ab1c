// A second pointer to the handle is the handle: handing `q` (a copy of `p`)
// to a thread and then using `p`, or handing the same value through two
// copies to two threads, is reported, with notes at the copies. Copying the
// value without using it, handing a copy over and touching the original only
// after the join, and a variable that holds different values on different
// paths (lockcheck cannot tell which one the thread got) are silent.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>
#include <stddef.h>

struct LC_NOT_THREAD_SAFE parser {
    const char *cursor;
    int depth;
};

struct parser *parser_open(const char *text);
void parser_step(struct parser *p);

static void *parse_some(void *arg)
{
    parser_step(arg);
    return NULL;
}

void use_through_the_original(struct parser *p)
{
    pthread_t t;
    struct parser *q = p;
    // CHECK: alias_second_pointer.c:[[@LINE+4]]:5: warning: 'p' (not-thread-safe 'struct parser') is handed to a new thread while 'use_through_the_original' keeps using it [thread-unsafe-handle]
    // CHECK-NEXT: alias_second_pointer.c:[[@LINE-2]]:20: note: 'p' is copied to 'q' here
    // CHECK-NEXT: alias_second_pointer.c:[[@LINE+3]]:5: note: 'use_through_the_original' uses 'p' here before joining the thread
    // CHECK-NEXT: alias_second_pointer.c:14:27: note: 'struct parser' is marked not thread-safe here
    pthread_create(&t, NULL, parse_some, q);
    p->depth = 0;
    pthread_join(t, NULL);
}

void two_copies_two_threads(const char *text)
{
    struct parser *p = parser_open(text);
    struct parser *first = p, *second;
    second = first;
    pthread_t a, b;
    // CHECK: alias_second_pointer.c:[[@LINE+6]]:5: warning: 'p' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
    // CHECK-NEXT: alias_second_pointer.c:[[@LINE-4]]:20: note: 'p' is copied to 'first' here
    // CHECK-NEXT: alias_second_pointer.c:[[@LINE+5]]:5: note: 'p' is handed to another thread here before the first is joined
    // CHECK-NEXT: alias_second_pointer.c:[[@LINE-5]]:5: note: 'p' is copied to 'second' here
    // CHECK-NEXT: alias_second_pointer.c:14:27: note: 'struct parser' is marked not thread-safe here
    // (the copies are not uses: the report is at the second thread, not at `second = first`)
    pthread_create(&a, NULL, parse_some, first);
    pthread_create(&b, NULL, parse_some, second);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

void use_after_the_join(struct parser *p)
{
    pthread_t t;
    struct parser *q = p;
    pthread_create(&t, NULL, parse_some, q);
    struct parser *r = q;
    pthread_join(t, NULL);
    parser_step(p);
    parser_step(r);
}

void not_always_the_same(struct parser *p, struct parser *other, int which)
{
    pthread_t t;
    struct parser *q = p;
    if (which)
        q = other;
    pthread_create(&t, NULL, parse_some, q);
    parser_step(p);
    pthread_join(t, NULL);
}

void copy_of_a_variable_that_changes(struct parser *p, int which)
{
    pthread_t t;
    struct parser *q = parser_open("");
    struct parser *r = q;
    if (which)
        q = p;
    pthread_create(&t, NULL, parse_some, r);
    parser_step(q);
    pthread_join(t, NULL);
}
