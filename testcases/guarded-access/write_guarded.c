// LC_WRITE_GUARDED_BY: writes need the lock exclusive, reads need nothing.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
int verbosity LC_WRITE_GUARDED_BY(config_mu);

int is_verbose(void)
{
    return verbosity > 1;
}

void set_verbosity(int v)
{
    pthread_mutex_lock(&config_mu);
    verbosity = v;
    pthread_mutex_unlock(&config_mu);
}

void set_verbosity_racy(int v)
{
    // CHECK: write_guarded.c:[[@LINE+1]]:5: warning: writing 'verbosity' requires holding 'config_mu' exclusively [guarded-access]
    verbosity = v;
}
