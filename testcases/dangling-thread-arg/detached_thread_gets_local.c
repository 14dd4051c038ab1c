// A detached thread can outlive any frame: the address of a local (or of a
// field of one) handed to it is always reported, whether the creator detaches
// it, creates it detached, or the thread detaches itself.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>

struct request {
    int id;
    char body[32];
};

static void *serve(void *arg)
{
    return arg;
}

static void *serve_alone(void *arg)
{
    // CHECK-DAG: detached_thread_gets_local.c:[[@LINE+1]]:5: note: the thread is detached here
    pthread_detach(pthread_self());
    return arg;
}

void handle_by_detach(void)
{
    struct request req = {1, ""};
    pthread_t t;
    // CHECK-DAG: detached_thread_gets_local.c:[[@LINE+2]]:5: warning: the address of local variable 'req' is passed to a detached thread, which can outlive 'handle_by_detach' [dangling-thread-arg]
    // CHECK-DAG: detached_thread_gets_local.c:[[@LINE+2]]:5: note: the thread is detached here
    pthread_create(&t, NULL, serve, &req.body);
    pthread_detach(t);
}

void handle_with_attribute(void)
{
    int id = 2;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    // CHECK-DAG: detached_thread_gets_local.c:[[@LINE+2]]:5: note: the thread is detached here
    // CHECK-DAG: detached_thread_gets_local.c:[[@LINE+2]]:5: warning: the address of local variable 'id' is passed to a detached thread, which can outlive 'handle_with_attribute' [dangling-thread-arg]
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &attr, serve, &id);
    pthread_attr_destroy(&attr);
}

void handle_self_detaching(void)
{
    int id = 3;
    pthread_t t;
    // CHECK-DAG: detached_thread_gets_local.c:[[@LINE+1]]:5: warning: the address of local variable 'id' is passed to a detached thread, which can outlive 'handle_self_detaching' [dangling-thread-arg]
    pthread_create(&t, NULL, serve_alone, &id);
    pthread_join(t, NULL);
}
