// Lock APIs known by name, without configuration: a pair of functions
// lockcheck cannot see into, taking the same pointer type first, whose names
// differ only by lock/unlock (Lock/Unlock, LOCK/UNLOCK), acquire/release,
// enter/leave or rdlock|wrlock/unlock, act on the object the first argument
// points to; `try` makes a try-acquire that succeeds with 0 (true for one
// returning bool). So does a pair with bodies that only take (or only
// release) a lock callers cannot name (an opaque lock object). Findings on
// them say the API was inferred. A name without its counterpart, or a
// counterpart taking another type, is not a lock API.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdbool.h>

struct os_mutex;
void os_mutex_lock(struct os_mutex *m);
int os_mutex_trylock(struct os_mutex *m);
void os_mutex_unlock(struct os_mutex *m);

struct rw;
void rw_rdlock(struct rw *l);
void rw_wrlock(struct rw *l);
void rw_unlock(struct rw *l);

typedef struct critical_section CRITICAL_SECTION;
void EnterCriticalSection(CRITICAL_SECTION *cs);
void LeaveCriticalSection(CRITICAL_SECTION *cs);

struct spin;
void SPIN_ACQUIRE(struct spin *s);
void SPIN_RELEASE(struct spin *s);

struct mode;
void mode_enter(struct mode *m);      // no mode_leave: not a lock
void phase_enter(struct mode *m);
void phase_leave(struct spin *s);     // another type: not a pair

// An opaque lock object: the mutex sits behind a field callers cannot name.
struct impl { pthread_mutex_t mu; };
struct obj { void *impl; int n; };
void obj_lock(struct obj *o)
{
    struct impl *i = o->impl;
    pthread_mutex_lock(&i->mu);
}
void obj_unlock(struct obj *o)
{
    struct impl *i = o->impl;
    pthread_mutex_unlock(&i->mu);
}

// Not a lock API: each body takes and gives back its lock (enter/leave a
// statistics section, balanced inside).
struct stats { struct impl *impl; int depth; };
void stats_enter(struct stats *s)
{
    struct impl *i = s->impl;
    pthread_mutex_lock(&i->mu);
    s->depth++;
    pthread_mutex_unlock(&i->mu);
}
void stats_leave(struct stats *s)
{
    struct impl *i = s->impl;
    pthread_mutex_lock(&i->mu);
    s->depth--;
    pthread_mutex_unlock(&i->mu);
}

int stats_scope(struct stats *s, int fail)
{
    stats_enter(s);
    if (fail)
        return -1;
    stats_leave(s);
    return 0;
}

struct os_mutex *table_mu;
CRITICAL_SECTION *cs;
struct spin *spin;
struct rw *rw;
int items;

int table_add(int n)
{
    os_mutex_lock(table_mu);
    if (n < 0)
        return -1;
    items += n;
    os_mutex_unlock(table_mu);
    return 0;
}

void table_add_fixed(int n)
{
    os_mutex_lock(table_mu);
    items += n;
    os_mutex_unlock(table_mu);
}

void table_poll(void)
{
    if (os_mutex_trylock(table_mu) != 0)
        return;
    items++;
    os_mutex_unlock(table_mu);
}

void table_twice(void)
{
    EnterCriticalSection(cs);
    EnterCriticalSection(cs);
    LeaveCriticalSection(cs);
}

int readers(void)
{
    rw_rdlock(rw);
    rw_rdlock(rw);
    int n = items;
    rw_unlock(rw);
    rw_unlock(rw);
    rw_wrlock(rw);
    items = 0;
    rw_unlock(rw);
    return n;
}

void spinning(void)
{
    SPIN_RELEASE(spin);
}

void modes(struct mode *m)
{
    mode_enter(m);
    phase_enter(m);
}

int obj_bump(struct obj *o)
{
    obj_lock(o);
    if (o->n < 0)
        return -1;
    o->n++;
    obj_unlock(o);
    return 0;
}

// A try-lock returning bool succeeds with true.
struct ring;
bool ring_try_lock(struct ring *r);
void ring_unlock(struct ring *r);

int ring_poll(struct ring *r)
{
    if (!ring_try_lock(r))
        return 0;
    items++;
    ring_unlock(r);
    return 1;
}

// Spinning on it: `while (!ring_try_lock(r))` leaves the loop holding it.
void ring_relax(void);
void ring_spin(struct ring *r)
{
    while (!ring_try_lock(r))
        ring_relax();
    items++;
    ring_unlock(r);
}

int ring_spin_leak(struct ring *r)
{
    while (!ring_try_lock(r))
        ring_relax();
    if (items < 0)
        return -1;
    ring_unlock(r);
    return 0;
}

// CHECK: inferred-by-name.c:88:9: warning: lock 'table_mu' is still held when 'table_add' returns [missing-unlock]
// CHECK-NEXT: inferred-by-name.c:86:5: note: 'table_mu' acquired here
// CHECK-NEXT: inferred-by-name.c:86:5: note: 'os_mutex_lock' and 'os_mutex_unlock' are taken for a lock API from their names (inferred; 'lock-functions' or 'infer-lock-apis: false' in .lockcheck.yml change that)
// CHECK-NEXT: inferred-by-name.c:87:9: note: on the path where this condition is true
// CHECK: inferred-by-name.c:112:5: warning: lock 'cs' is acquired while already held [double-lock]
// CHECK-NEXT: inferred-by-name.c:111:5: note: 'cs' acquired here
// CHECK-NEXT: inferred-by-name.c:111:5: note: 'EnterCriticalSection' and 'LeaveCriticalSection' are taken for a lock API from their names (inferred; 'lock-functions' or 'infer-lock-apis: false' in .lockcheck.yml change that)
// CHECK: inferred-by-name.c:144:9: warning: lock 'o' is still held when 'obj_bump' returns [missing-unlock]
// CHECK-NEXT: inferred-by-name.c:142:5: note: 'o' acquired here
// CHECK-NEXT: inferred-by-name.c:142:5: note: 'obj_lock' and 'obj_unlock' are taken for a lock API from their names (inferred; 'lock-functions' or 'infer-lock-apis: false' in .lockcheck.yml change that)
// CHECK-NEXT: inferred-by-name.c:143:9: note: on the path where this condition is true
// CHECK: inferred-by-name.c:179:9: warning: lock 'r' is still held when 'ring_spin_leak' returns [missing-unlock]
// CHECK-NEXT: inferred-by-name.c:176:13: note: 'r' acquired here
// CHECK-NEXT: inferred-by-name.c:176:13: note: 'ring_try_lock' and 'ring_unlock' are taken for a lock API from their names (inferred; 'lock-functions' or 'infer-lock-apis: false' in .lockcheck.yml change that)
// CHECK-NEXT: inferred-by-name.c:178:9: note: on the path where this condition is true
