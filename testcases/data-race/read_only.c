// Data every thread reads and nobody writes while they run (configuration
// set up before the creation): read-only sharing is silent.
// RUN: %lockcheck %s -- > %t.out
// RUN: FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

struct config {
    int retries;
    const char *name;
};

static struct config settings;
static int verbose;

static int attempts(const struct config *c)
{
    return c->retries * (verbose ? 2 : 1);
}

static void *client(void *arg)
{
    const struct config *c = arg;
    int n = attempts(c) + settings.retries;
    return (void *)(long)n;
}

int main(void)
{
    settings.retries = 3;
    settings.name = "main";
    verbose = 1;
    pthread_t a, b;
    pthread_create(&a, NULL, client, &settings);
    pthread_create(&b, NULL, client, &settings);
    int n = settings.retries + verbose;
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return n;
}
