// Idiom (found in rsyslog 8.2302, msg.c): accessors take a flag saying
// whether they must lock (`get_x(m, LOCK_MUTEX)`) or whether their caller
// already holds the lock (`get_x(m, ALREADY_LOCKED)`); a function holding
// the lock calls the others with ALREADY_LOCKED. Today's lockcheck
// pairs `if (lock_it) lock ... if (lock_it) unlock` inside the accessor
// (rsyslog writes `== LOCK_MUTEX`: see lock-flag-compared-to-constant.c),
// but summarises the accessor as "acquires and releases the lock" whatever
// the flag, so every call under the lock is reported as a double lock. XFAIL until
// a callee's summary depends on a constant flag argument (issue 10, item 2).
// When this test passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stdio.h>

#define ALREADY_LOCKED 0
#define LOCK_MUTEX 1

struct message {
    pthread_mutex_t mu;
    char app[32];
    char pid[16];
    char tag[64];
};

static const char *get_app(struct message *m, int lock_it)
{
    const char *app;
    if (lock_it)
        pthread_mutex_lock(&m->mu);
    app = m->app[0] ? m->app : "-";
    if (lock_it)
        pthread_mutex_unlock(&m->mu);
    return app;
}

static const char *get_pid(struct message *m, int lock_it)
{
    const char *pid;
    if (lock_it)
        pthread_mutex_lock(&m->mu);
    pid = m->pid[0] ? m->pid : "-";
    if (lock_it)
        pthread_mutex_unlock(&m->mu);
    return pid;
}

void build_tag(struct message *m)
{
    pthread_mutex_lock(&m->mu);
    snprintf(m->tag, sizeof m->tag, "%s[%s]", get_app(m, ALREADY_LOCKED),
             get_pid(m, ALREADY_LOCKED));
    pthread_mutex_unlock(&m->mu);
}

const char *app_of(struct message *m)
{
    return get_app(m, LOCK_MUTEX);
}

// The buggy form: asks the accessor to lock while holding the lock. Still
// reported.
void build_tag_wrong(struct message *m)
{
    pthread_mutex_lock(&m->mu);
    // CHECK: already-locked-flag-argument.c:[[@LINE+1]]:46: warning: 'get_app' acquires mutex 'm->mu', which is already held here [double-lock]
    snprintf(m->tag, sizeof m->tag, "%s[-]", get_app(m, LOCK_MUTEX));
    pthread_mutex_unlock(&m->mu);
}
