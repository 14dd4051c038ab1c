/*
 * file_order.h: the order in which --cross-tu's first pass checks the
 * files, so that a file comes after the files defining the locking
 * functions it calls.
 *
 * The first pass checks each file once; a check that called a function
 * another file summarises later has to run again (cross_tu.h). Summaries
 * go one round (a function's summary holds its own lock calls and those
 * of its callees in the same file), so a file needs before it only the
 * files that define the functions it calls which lock. Which ones those
 * are is only known once they are parsed; a scan of the sources' text
 * (no preprocessor: comments, strings and `#` lines skipped, braces
 * counted) finds it well enough:
 *   - a definition is `NAME (...) ... {` outside any brace;
 *   - a definition locks when its body calls a lock function (the
 *     caller's predicate: a lock API, a name that says it locks) or a
 *     function of the same file that locks;
 *   - file A needs file B when A's text calls a name B defines and locks.
 * The order puts files that need nothing (left) first, files nothing
 * (left) needs last, and breaks cycles by the files most needed for what
 * they need; otherwise the command line's order. It is only an order:
 * which files are checked again, and every result, are decided as before
 * (a macro that hides a call or a definition costs a second check, not a
 * wrong one).
 */
#ifndef LOCKCHECK_FILE_ORDER_H
#define LOCKCHECK_FILE_ORDER_H

#include <stdbool.h>
#include <stddef.h>

/* Whether a call of `name` in file `file` locks or unlocks. */
typedef bool (*file_order_locks_fn)(void *data, size_t file, const char *name);

/* A permutation of 0..count-1 (count + 1 entries, caller frees), and in
 * *early, per file, whether the order still puts it before a file it needs
 * (a cycle: its first check is likely to run again; caller frees). A file
 * that cannot be read, or is larger than `max_bytes`, neither needs nor
 * defines anything. */
size_t *file_order_for_summaries(const char *const *files, size_t count, size_t max_bytes,
                                 file_order_locks_fn locks, void *data, bool **early);

#endif
