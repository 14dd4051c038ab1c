// --suggest-annotations: for data whose accesses mostly hold one lock, the
// LC_GUARDED_BY to add after its declarator (a sibling field's mutex, or a
// global one). Applied to the file, guarded-access reports the same races
// data-race finds without annotations.
// RUN: not %lockcheck --suggest-annotations %s -- > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=RACE --implicit-check-not=warning: < %t.out
// RUN: FileCheck %s --check-prefix=SUGGEST --implicit-check-not=suggestion: < %t.err
// The suggestions need not the rule: with data-race off, the same lines and no finding.
// RUN: %lockcheck --checks=-data-race --suggest-annotations %s -- 2>&1 > %t.off | FileCheck %s --check-prefix=SUGGEST --implicit-check-not=suggestion:
// RUN: count 0 < %t.off
// RUN: python3 %S/apply_suggestions.py %s %t.err > %t.annotated.c
// RUN: not %lockcheck --checks=-*,guarded-access %t.annotated.c -- > %t.guarded
// RUN: FileCheck %s --check-prefix=GUARDED --implicit-check-not=warning: < %t.guarded
#include <pthread.h>
#include <stddef.h>

#include "lockcheck.h"

struct queue {
    pthread_mutex_t mu;
    // SUGGEST: suggest_annotations.c:[[@LINE+1]]:15: suggestion: add LC_GUARDED_BY(mu) after 'length' (3 of its 4 accesses hold 'q->mu')
    int length;
    int capacity;    // only read: nothing to suggest
};

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
// SUGGEST: suggest_annotations.c:[[@LINE+1]]:22: suggestion: add LC_GUARDED_BY(log_mu) after 'log_lines' (2 of its 3 accesses hold 'log_mu')
static long log_lines = 0;

static void push(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    if (q->length < q->capacity)
        q->length++;
    pthread_mutex_unlock(&q->mu);
    pthread_mutex_lock(&log_mu);
    log_lines++;
    pthread_mutex_unlock(&log_mu);
}

static void pop(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->length--;
    pthread_mutex_unlock(&q->mu);
    pthread_mutex_lock(&log_mu);
    log_lines++;
    pthread_mutex_unlock(&log_mu);
}

static void *producer(void *arg)
{
    push(arg);
    return NULL;
}

static void *reset(void *arg)
{
    struct queue *q = arg;
    // RACE: suggest_annotations.c:[[@LINE+2]]:5: warning: 'q->length' is written here without 'q->mu', which is held at 3 of its 3 other accesses [data-race]
    // GUARDED: annotated.c:[[@LINE+1]]:5: warning: writing 'q->length' requires holding 'q->mu' exclusively [guarded-access]
    q->length = 0;
    // RACE: suggest_annotations.c:[[@LINE+2]]:5: warning: 'log_lines' is written here without 'log_mu', which is held at 2 of its 2 other accesses [data-race]
    // GUARDED: annotated.c:[[@LINE+1]]:5: warning: writing 'log_lines' requires holding 'log_mu' exclusively [guarded-access]
    log_lines = 0;
    pop(q);
    return NULL;
}

int main(void)
{
    static struct queue q = {PTHREAD_MUTEX_INITIALIZER, 0, 16};
    pthread_t a, b;
    pthread_create(&a, NULL, producer, &q);
    pthread_create(&b, NULL, reset, &q);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
