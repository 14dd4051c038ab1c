/*
 * summarise.h: what an analysed function does to its callers' locks, read
 * from its exit states into a summary (plain data, summary/summary.h), and
 * the hand-over conventions a leak is judged by.
 */
#ifndef LOCKCHECK_SUMMARISE_H
#define LOCKCHECK_SUMMARISE_H

#include <stdbool.h>

struct function_analysis;
struct summary;

/* Infers the effects callers see from an analysed function's exit states. */
void summary_from_exits(struct summary *s, const struct function_analysis *fa);
/* Copies what callers read of the analysis besides its effects (what it
 * returns, whether it writes memory, why it was not analysed...) and marks
 * the summary analysed: the analysis can go. */
void summary_record_facts(struct summary *s, const struct function_analysis *fa);
/* True when the function holds `lock` exactly when it returns one constant
 * (stored in *value), or exactly when it returns a non-zero value (an object
 * handed over locked, NULL otherwise; *value is then 1), and not at its other
 * returns: a conditional acquire, like a try-lock wrapper. When the function
 * also releases the lock where it holds it, only C's conventions count: 0
 * with the lock held and a negative constant or an unknown error value
 * without it, or an object with the lock held and NULL without it. */
bool summary_acquires_on_return(const struct function_analysis *fa, unsigned lock, long long *value);
/* True when some exit returns a failure value (NULL, false, a negative
 * constant, an errno name) with `lock` held while another returns something
 * else without it: the early-return leak, never a hand-over. */
bool summary_failure_returned_held(const struct function_analysis *fa, unsigned lock);

#endif
