// No hidden cap that turns into false alarms: lockcheck follows at most 32
// conditions per function for pairing locks with them. In a function testing
// more, a lock paired with a condition beyond the budget is no longer told
// apart; lockcheck then loses the findings on that lock (silent), it never
// gains one. The same pairing within the budget is followed (silent too) and
// a real leak there is still reported.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct state {
    pthread_mutex_t mu;
    int n, shared;
    int c0; int c1; int c2; int c3; int c4; int c5; int c6; int c7; int c8; int c9; int c10; int c11; int c12; int c13; int c14; int c15; int c16; int c17; int c18; int c19; int c20; int c21; int c22; int c23; int c24; int c25; int c26; int c27; int c28; int c29; int c30; int c31; int c32; int c33;
};

void many_conditions(struct state *s)
{
    if (s->c0)
        s->n++;
    if (s->c1)
        s->n++;
    if (s->c2)
        s->n++;
    if (s->c3)
        s->n++;
    if (s->c4)
        s->n++;
    if (s->c5)
        s->n++;
    if (s->c6)
        s->n++;
    if (s->c7)
        s->n++;
    if (s->c8)
        s->n++;
    if (s->c9)
        s->n++;
    if (s->c10)
        s->n++;
    if (s->c11)
        s->n++;
    if (s->c12)
        s->n++;
    if (s->c13)
        s->n++;
    if (s->c14)
        s->n++;
    if (s->c15)
        s->n++;
    if (s->c16)
        s->n++;
    if (s->c17)
        s->n++;
    if (s->c18)
        s->n++;
    if (s->c19)
        s->n++;
    if (s->c20)
        s->n++;
    if (s->c21)
        s->n++;
    if (s->c22)
        s->n++;
    if (s->c23)
        s->n++;
    if (s->c24)
        s->n++;
    if (s->c25)
        s->n++;
    if (s->c26)
        s->n++;
    if (s->c27)
        s->n++;
    if (s->c28)
        s->n++;
    if (s->c29)
        s->n++;
    if (s->c30)
        s->n++;
    if (s->c31)
        s->n++;
    if (s->c32)
        s->n++;
    if (s->c33)
        s->n++;
    if (s->shared)
        pthread_mutex_lock(&s->mu);
    s->n++;
    if (s->shared)
        pthread_mutex_unlock(&s->mu);
}

void few_conditions(struct state *s)
{
    if (s->shared)
        pthread_mutex_lock(&s->mu);
    s->n++;
    if (s->shared)
        pthread_mutex_unlock(&s->mu);
}

int leak(struct state *s)
{
    pthread_mutex_lock(&s->mu);
    if (s->n < 0)
        return -1;
    pthread_mutex_unlock(&s->mu);
    return 0;
}

// CHECK: condition-budget.c:106:9: warning: mutex 's->mu' is still held when 'leak' returns [missing-unlock]
// CHECK-NEXT: condition-budget.c:104:5: note: 's->mu' acquired here
// CHECK-NEXT: condition-budget.c:105:9: note: on the path where this condition is true
