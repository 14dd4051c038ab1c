/*
 * blocking_calls.h: library functions that can put the calling thread to
 * sleep (sleeps, waits, joins, blocking I/O), for rules that must not see
 * them while a spinlock is held.
 */
#ifndef LOCKCHECK_BLOCKING_CALLS_H
#define LOCKCHECK_BLOCKING_CALLS_H

/* What the function waits for ("sleeps", "waits for I/O", ...), or NULL when
 * it is not known to block. */
const char *blocking_call_reason(const char *function);

#endif
