// The seed texts compare a mutex to a panel's single microphone: whoever
// keeps it silences everyone else. In C nothing gives it back at the end of a
// scope, so a speaker who leaves early keeps the microphone.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdio.h>

struct panel {
    pthread_mutex_t microphone;
    int speeches;
};

int speak(struct panel *p, const char *words)
{
    pthread_mutex_lock(&p->microphone);
    if (!words)
        return -1;
    puts(words);
    p->speeches++;
    pthread_mutex_unlock(&p->microphone);
    return 0;
}
// CHECK: microphone-kept.c:17:9: warning: mutex 'p->microphone' is still held when 'speak' returns [missing-unlock]
// CHECK-NEXT: microphone-kept.c:15:5: note: 'p->microphone' acquired here
// CHECK-NEXT: microphone-kept.c:16:10: note: on the path where this condition is false
