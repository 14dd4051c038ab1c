// Lock calls written through macros are seen; findings are reported where
// the macro is used.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

#define LOCK(m) do { pthread_mutex_lock(m); } while (0)
#define UNLOCK(m) do { pthread_mutex_unlock(m); } while (0)
#define WITH_LOCK_CHECKED(m) if (pthread_mutex_lock(m) != 0) return -1

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static int registered;

int reg_add(int id)
{
    LOCK(&reg_lock);
    if (id < 0)
        return -1;
    registered++;
    UNLOCK(&reg_lock);
    return 0;
}
// CHECK: macros.c:17:9: warning: mutex 'reg_lock' is still held when 'reg_add' returns [missing-unlock]
// CHECK-NEXT: macros.c:15:5: note: 'reg_lock' acquired here
// CHECK-NEXT: macros.c:16:9: note: on the path where this condition is true

int reg_remove(void)
{
    WITH_LOCK_CHECKED(&reg_lock);
    registered--;
    UNLOCK(&reg_lock);
    return 0;
}
