// LC_PT_GUARDED_BY guards the data a pointer points to, not the pointer:
// copying the pointer is fine, reading or writing through it needs the lock.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

struct ring {
    pthread_mutex_t mu;
    int *slots LC_PT_GUARDED_BY(mu);
    struct item { int value; } *current LC_PT_GUARDED_BY(mu);
};

int *slots_of(struct ring *r)
{
    return r->slots;
}

void fill(struct ring *r, int v)
{
    pthread_mutex_lock(&r->mu);
    r->slots[0] = v;
    *r->slots = v;
    r->current->value = v;
    pthread_mutex_unlock(&r->mu);
}

int peek(struct ring *r)
{
    // CHECK: pt_guarded.c:[[@LINE+1]]:13: warning: reading the value pointed to by 'r->slots' requires holding 'r->mu' [guarded-access]
    int a = r->slots[1];
    // CHECK: pt_guarded.c:[[@LINE+1]]:6: warning: writing the value pointed to by 'r->slots' requires holding 'r->mu' exclusively [guarded-access]
    *r->slots = a;
    // CHECK: pt_guarded.c:[[@LINE+1]]:12: warning: reading the value pointed to by 'r->current' requires holding 'r->mu' [guarded-access]
    return r->current->value;
}
