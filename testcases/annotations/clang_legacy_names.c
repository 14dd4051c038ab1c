// The legacy spellings of clang's analysis (lockable types, guarded_var,
// pt_guarded_var, shared_lock_function, unlock_function,
// exclusive_trylock_function, shared_trylock_function, acquired_before /
// acquired_after) are read too.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>

struct __attribute__((lockable)) spin { int word; };

struct spin s1;
struct spin s2 __attribute__((acquired_after(s1)));
int any_guarded __attribute__((guarded_var));
int *any_pt __attribute__((pt_guarded_var));

void spin_lock(struct spin *s) __attribute__((exclusive_lock_function(s)));
void spin_lock_read(struct spin *s) __attribute__((shared_lock_function(s)));
void spin_unlock(struct spin *s) __attribute__((unlock_function(s)));
int spin_trylock(struct spin *s) __attribute__((exclusive_trylock_function(1, s)));
int spin_trylock_read(struct spin *s) __attribute__((shared_trylock_function(1, s)));

void legacy(void)
{
    // CHECK: clang_legacy_names.c:[[@LINE+1]]:5: warning: writing 'any_guarded' requires holding a lock [guarded-access]
    any_guarded = 1;
    spin_lock(&s1);
    any_guarded = 2;
    *any_pt = 3;
    spin_unlock(&s1);
    spin_lock_read(&s2);
    // CHECK: clang_legacy_names.c:[[@LINE+1]]:5: warning: writing 'any_guarded' requires holding a lock [guarded-access]
    any_guarded = 4;
    spin_unlock(&s2);
    if (spin_trylock(&s1)) {
        // CHECK: clang_legacy_names.c:[[@LINE+3]]:9: warning: lock 's1' is acquired while already held [double-lock]
        // CHECK-NEXT: clang_legacy_names.c:[[@LINE-2]]:9: note: 's1' acquired here
        // CHECK-NEXT: clang_legacy_names.c:[[@LINE-3]]:9: note: on the path where this condition is true
        spin_lock(&s1);
        spin_unlock(&s1);
    }
    if (spin_trylock_read(&s2))
        spin_unlock(&s2);
    // CHECK: clang_legacy_names.c:[[@LINE+1]]:7: warning: writing the value pointed to by 'any_pt' requires holding a lock [guarded-access]
    (*any_pt)++;
}
