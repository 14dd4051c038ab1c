// strtok keeps its position in static storage. Called from a helper that a
// thread entry calls: reported, with notes showing where the thread starts,
// the call chain, and the reentrant replacement. The same call in main, which
// no thread reaches, is not reported.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>
#include <string.h>

static int count_fields(char *line)
{
    int n = 0;
    // CHECK: strtok_in_thread_helper.c:[[@LINE+5]]:20: warning: 'strtok' is not thread-safe (POSIX, glibc) and 'count_fields' runs in a thread [mt-unsafe-call]
    // CHECK-NEXT: strtok_in_thread_helper.c:35:5: note: 'parse_lines' runs in a new thread started here
    // CHECK-NEXT: strtok_in_thread_helper.c:27:14: note: 'parse_lines' calls 'count_fields' here
    // CHECK-NEXT: strtok_in_thread_helper.c:[[@LINE+2]]:20: note: use 'strtok_r', which keeps its position in a caller-owned pointer
    // CHECK: strtok_in_thread_helper.c:[[@LINE+1]]:46: warning: 'strtok' is not thread-safe
    for (char *f = strtok(line, ","); f; f = strtok(NULL, ","))
        n++;
    return n;
}

static void *parse_lines(void *arg)
{
    static int result;
    result = count_fields(arg);
    return &result;
}

int main(void)
{
    char mine[] = "a,b,c", theirs[] = "d,e";
    pthread_t t;
    pthread_create(&t, NULL, parse_lines, theirs);
    int n = 0;
    for (char *f = strtok(mine, ","); f; f = strtok(NULL, ","))
        n++;
    pthread_join(t, NULL);
    return n;
}
