// Idiom (found in rsyslog 8.2302, msg.c): accessors take a flag saying
// whether they must lock (`get_x(m, LOCK_MUTEX)`) or whether their caller
// already holds the lock (`get_x(m, ALREADY_LOCKED)`); a function holding
// the lock calls the others with ALREADY_LOCKED. The accessor's summary
// says it takes the lock only when the flag passes the test it locks under
// (`lock_it`, or rsyslog's `lock_it == LOCK_MUTEX`), so a call passing a
// constant that fails it takes nothing.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
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
    // CHECK: already-locked-flag-argument.c:[[@LINE+2]]:46: warning: 'get_app' acquires mutex 'm->mu', which is already held here [double-lock]
    // CHECK-NEXT: already-locked-flag-argument.c:[[@LINE-2]]:5: note: 'm->mu' acquired here
    snprintf(m->tag, sizeof m->tag, "%s[-]", get_app(m, LOCK_MUTEX));
    pthread_mutex_unlock(&m->mu);
}

// rsyslog's spelling: the flag compared with LOCK_MUTEX, in the accessor
// and (negated) on the way out.
static int get_severity(struct message *m, int lock_it)
{
    int sev;
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_lock(&m->mu);
    sev = m->tag[0];
    if (lock_it != LOCK_MUTEX)
        return sev;
    pthread_mutex_unlock(&m->mu);
    return sev;
}

int severity_of(struct message *m)
{
    return get_severity(m, LOCK_MUTEX);
}

int severity_under_lock(struct message *m)
{
    pthread_mutex_lock(&m->mu);
    int sev = get_severity(m, ALREADY_LOCKED) + get_severity(m, 7);
    pthread_mutex_unlock(&m->mu);
    return sev;
}

// Buggy: LOCK_MUTEX passed while the lock is held.
int severity_wrong(struct message *m)
{
    pthread_mutex_lock(&m->mu);
    // CHECK: already-locked-flag-argument.c:[[@LINE+2]]:15: warning: 'get_severity' acquires mutex 'm->mu', which is already held here [double-lock]
    // CHECK-NEXT: already-locked-flag-argument.c:[[@LINE-2]]:5: note: 'm->mu' acquired here
    int sev = get_severity(m, LOCK_MUTEX);
    pthread_mutex_unlock(&m->mu);
    return sev;
}
