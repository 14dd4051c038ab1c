// Whether a name says it locks is decided word by word, lower-cased: words
// end at `_` and at digits, before a capital that follows a lower-case
// letter, and before the last capital of a run followed by a lower-case
// letter (`HTTPLockTable`: http, lock, table). A word that only contains a
// locking word (`clock`, `block`, `enterprise`, `holder`) is not one.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static int entries;

// Silent: the names say they lock.
static void HTTPLockTable(void) { pthread_mutex_lock(&table_mu); }
static void table2lock(void) { pthread_mutex_lock(&table_mu); }
static void tableAcquire(void) { pthread_mutex_lock(&table_mu); }
static void TABLE_BEGIN_WRITE(void) { pthread_mutex_lock(&table_mu); }

// Reported: the locking word is only part of a longer word.
static void clock_tick(void)
{
    pthread_mutex_lock(&table_mu);
    entries++;
}

static void blockUntilReady(void)
{
    pthread_mutex_lock(&table_mu);
    entries--;
}

static void ENTERPRISE_holder(void)
{
    pthread_mutex_lock(&table_mu);
    entries = 0;
}

void table_use(int which)
{
    if (which == 0)
        HTTPLockTable();
    else if (which == 1)
        table2lock();
    else if (which == 2)
        tableAcquire();
    else if (which == 3)
        TABLE_BEGIN_WRITE();
    else if (which == 4)
        clock_tick();
    else if (which == 5)
        blockUntilReady();
    else
        ENTERPRISE_holder();
}

// CHECK: wrapper-name-words.c:23:1: warning: mutex 'table_mu' is still held when 'clock_tick' returns [missing-unlock]
// CHECK-NEXT: wrapper-name-words.c:21:5: note: 'table_mu' acquired here
// CHECK-NEXT: wrapper-name-words.c:19:13: note: 'clock_tick' is not taken for a lock wrapper: its name does not say it locks, and no caller in this file releases 'table_mu' after calling it
// CHECK: wrapper-name-words.c:29:1: warning: mutex 'table_mu' is still held when 'blockUntilReady' returns [missing-unlock]
// CHECK-NEXT: wrapper-name-words.c:27:5: note: 'table_mu' acquired here
// CHECK-NEXT: wrapper-name-words.c:25:13: note: 'blockUntilReady' is not taken for a lock wrapper: its name does not say it locks, and no caller in this file releases 'table_mu' after calling it
// CHECK: wrapper-name-words.c:35:1: warning: mutex 'table_mu' is still held when 'ENTERPRISE_holder' returns [missing-unlock]
// CHECK-NEXT: wrapper-name-words.c:33:5: note: 'table_mu' acquired here
// CHECK-NEXT: wrapper-name-words.c:31:13: note: 'ENTERPRISE_holder' is not taken for a lock wrapper: its name does not say it locks, and no caller in this file releases 'table_mu' after calling it
