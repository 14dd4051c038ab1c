/*
 * threads.h: which functions start threads in a translation unit
 * (passed to pthread_create or thrd_create).
 */
#ifndef LOCKCHECK_THREADS_H
#define LOCKCHECK_THREADS_H

struct tu_context;

/* Records the thread entry points found in the main file's functions. */
void collect_thread_entries(struct tu_context *tu);

#endif
