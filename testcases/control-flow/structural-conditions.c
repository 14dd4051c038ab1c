// `if (C) lock(); ... if (C) unlock();` pairs up for any side-effect-free C,
// compared by its structure: two variables, two fields, a bit test written
// through a macro, a pointer field (silent). Writing an operand in between
// ends the pairing, and the same lock released under another condition is a
// leak (reported). A call given an operand's address ends the pairing too,
// but then lockcheck cannot tell, and stays silent. Other calls keep the
// pairing: lockcheck does not look into what callees write.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct table {
    pthread_mutex_t mu;
    pthread_mutex_t *outer;
    unsigned flags;
    int owner, self, lo, hi, size;
};

#define TABLE_SHARED 0x4
#define TABLE_NEEDS_LOCK(t) ((t)->flags & TABLE_SHARED)

void table_grow(struct table *t);
void table_read_flags(struct table *t, unsigned *flags);

void two_variables(struct table *t, int owner, int self)
{
    if (owner != self)
        pthread_mutex_lock(&t->mu);
    t->size++;
    if (owner != self)
        pthread_mutex_unlock(&t->mu);
}

void two_fields(struct table *t)
{
    if (t->lo < t->hi)
        pthread_mutex_lock(&t->mu);
    table_grow(t);
    if (t->hi > t->lo)
        pthread_mutex_unlock(&t->mu);
}

void bit_test_macro(struct table *t)
{
    if (TABLE_NEEDS_LOCK(t))
        pthread_mutex_lock(&t->mu);
    table_grow(t);
    if (TABLE_NEEDS_LOCK(t))
        pthread_mutex_unlock(&t->mu);
}

void pointer_field(struct table *t)
{
    if (t->outer)
        pthread_mutex_lock(t->outer);
    t->size++;
    if (t->outer)
        pthread_mutex_unlock(t->outer);
}

// Reported: the operand changes between the two tests.
void operand_written(struct table *t, int owner, int self)
{
    if (owner != self)
        pthread_mutex_lock(&t->mu);
    owner = t->owner;
    if (owner != self)
        pthread_mutex_unlock(&t->mu);
}

// Silent: the call is given the flags' address and may change them, so
// lockcheck no longer knows whether the two tests agree; it says nothing
// rather than guess.
void operand_escapes(struct table *t)
{
    if (t->flags & TABLE_SHARED)
        pthread_mutex_lock(&t->mu);
    table_read_flags(t, &t->flags);
    if (t->flags & TABLE_SHARED)
        pthread_mutex_unlock(&t->mu);
}

// Reported: another condition.
void other_condition(struct table *t)
{
    if (t->lo < t->hi)
        pthread_mutex_lock(&t->mu);
    t->size++;
    if (t->lo < t->size)
        pthread_mutex_unlock(&t->mu);
}

// CHECK: structural-conditions.c:68:1: warning: mutex 't->mu' is still held when 'operand_written' returns [missing-unlock]
// CHECK-NEXT: structural-conditions.c:64:9: note: 't->mu' acquired here
// CHECK-NEXT: structural-conditions.c:66:9: note: on the path where this condition is false
// CHECK: structural-conditions.c:90:1: warning: mutex 't->mu' is still held when 'other_condition' returns [missing-unlock]
// CHECK-NEXT: structural-conditions.c:86:9: note: 't->mu' acquired here
// CHECK-NEXT: structural-conditions.c:88:9: note: on the path where this condition is false
