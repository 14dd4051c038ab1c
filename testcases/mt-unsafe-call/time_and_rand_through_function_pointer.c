// A thread entry started through a function-pointer variable assigned in the
// same file is still a thread: its calls to localtime and rand are reported.
// The functions that are only called from main are not.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static void *stamp(void *arg)
{
    time_t now = time(NULL);
    // CHECK: time_and_rand_through_function_pointer.c:[[@LINE+3]]:24: warning: 'localtime' is not thread-safe (POSIX, glibc) and 'stamp' runs in a thread [mt-unsafe-call]
    // CHECK-NEXT: time_and_rand_through_function_pointer.c:34:5: note: 'stamp' runs in a new thread started here
    // CHECK-NEXT: time_and_rand_through_function_pointer.c:[[@LINE+1]]:24: note: use 'localtime_r', which fills a caller-owned struct tm
    struct tm *parts = localtime(&now);
    // CHECK: time_and_rand_through_function_pointer.c:[[@LINE+1]]:53: warning: 'rand' is not thread-safe
    return parts->tm_sec > 30 ? arg : (void *)(long)rand();
}

static int roll(void)
{
    return rand() % 6;
}

void *(*start_routine)(void *);

int main(void)
{
    pthread_t t;
    start_routine = stamp;
    srand(1);
    pthread_create(&t, NULL, start_routine, NULL);
    int r = roll();
    pthread_join(t, NULL);
    return r;
}
