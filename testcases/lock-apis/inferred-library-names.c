// Library pairs found by name: stdio's flockfile / funlockfile lock a stream
// (an early return between them leaks it: reported). mlock / munlock lock
// memory pages, not a mutex: never taken for a lock API (silent).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <stdio.h>
#include <sys/mman.h>

static char secret[4096];

int pin_secret(void)
{
    if (mlock(secret, sizeof secret) != 0)
        return -1;
    return 0;
}

int print_all(FILE *out, const char *const *lines, int n)
{
    flockfile(out);
    for (int i = 0; i < n; i++)
        if (fputs(lines[i], out) == EOF)
            return -1;
    funlockfile(out);
    return 0;
}

// CHECK: inferred-library-names.c:22:13: warning: lock 'out' is still held when 'print_all' returns [missing-unlock]
// CHECK-NEXT: inferred-library-names.c:19:5: note: 'out' acquired here
// CHECK-NEXT: inferred-library-names.c:19:5: note: 'flockfile' and 'funlockfile' are taken for a lock API from their names (inferred; 'lock-functions' or 'infer-lock-apis: false' in .lockcheck.yml change that)
// CHECK-NEXT: inferred-library-names.c:21:13: note: on the path where this condition is true
