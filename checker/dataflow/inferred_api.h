/*
 * inferred_api.h: lock APIs known by name, without configuration.
 *
 * Many projects wrap their locks in functions lockcheck cannot see into
 * (another library, a platform layer) or whose bodies reach the mutex in a
 * way callers cannot name (an opaque lock object). A pair of such functions
 * taking the same pointer type first, whose names differ only by
 * lock/unlock, Lock/Unlock, LOCK/UNLOCK, acquire/release, enter/leave, or
 * rdlock|wrlock/unlock, is taken for a lock API on the object the first
 * argument points to; a `try` before the acquiring word makes it a
 * try-acquire that succeeds when it returns 0 (the pthread convention), or
 * true for a function returning bool.
 * `.lockcheck.yml` corrects it (`lock-functions:` entries win) or turns it
 * off (`infer-lock-apis: false`).
 */
#ifndef LOCKCHECK_INFERRED_API_H
#define LOCKCHECK_INFERRED_API_H

#include <clang-c/Index.h>
#include <stdbool.h>

struct session;
struct summary;

/* The inferred summary of a function (memoised in the session's summary table),
 * or NULL when its name and declarations do not make it a lock API. */
const struct summary *inferred_lock_api(struct session *session, CXCursor function);

/* Whether an analysed body wraps a lock its callers cannot name: every
 * return holds it, or every return has released it, and it is reached
 * through a local or cannot be broken down (for the summary). */
struct function_analysis;
bool wraps_hidden_lock(const struct function_analysis *fa);

#endif
