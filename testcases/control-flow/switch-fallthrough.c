// switch with fall-through: the case that returns early leaks; cases that
// fall through to the unlock do not.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state;

int transition(int event)
{
    pthread_mutex_lock(&state_lock);
    switch (event) {
    case 0:
        state = 1;
        /* fall through */
    case 1:
        state++;
        break;
    case 2:
        return -1;
    default:
        break;
    }
    pthread_mutex_unlock(&state_lock);
    return 0;
}
// CHECK: switch-fallthrough.c:20:9: warning: mutex 'state_lock' is still held when 'transition' returns [missing-unlock]
// CHECK-NEXT: switch-fallthrough.c:11:5: note: 'state_lock' acquired here
// CHECK-NEXT: switch-fallthrough.c:19:5: note: on the path through this case

// A switch without default: the path where no case matches skips the unlock.
int partial(int event)
{
    pthread_mutex_lock(&state_lock);
    switch (event) {
    case 0:
        state = 0;
        pthread_mutex_unlock(&state_lock);
        return 0;
    case 1:
        state = 1;
        pthread_mutex_unlock(&state_lock);
        return 1;
    }
    return -1;
}
// CHECK: switch-fallthrough.c:45:5: warning: mutex 'state_lock' is still held when 'partial' returns [missing-unlock]
// CHECK-NEXT: switch-fallthrough.c:34:5: note: 'state_lock' acquired here
// CHECK-NEXT: switch-fallthrough.c:35:5: note: on the path where no case of this switch matches
