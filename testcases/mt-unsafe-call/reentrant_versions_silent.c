// Threads that use the reentrant versions (strtok_r, localtime_r, rand_r,
// strerror_r) are fine; nothing is reported.
//
// RUN: %lockcheck %s -- -std=gnu11 -pthread > %t.out; test $? -eq 0
// RUN: count 0 < %t.out
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *work(void *arg)
{
    char *save = NULL;
    for (char *f = strtok_r(arg, ",", &save); f; f = strtok_r(NULL, ",", &save))
        ;
    time_t now = time(NULL);
    struct tm parts;
    localtime_r(&now, &parts);
    unsigned seed = 7;
    char message[64];
    strerror_r(rand_r(&seed) % 100, message, sizeof message);
    return NULL;
}

int main(void)
{
    char text[] = "x,y";
    pthread_t t;
    pthread_create(&t, NULL, work, text);
    pthread_join(t, NULL);
    return 0;
}
