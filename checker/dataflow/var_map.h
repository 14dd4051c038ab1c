/*
 * var_map.h: what a program point knows of each tracked condition (one
 * var_fact per condition), as a persistent array.
 *
 * A long function has hundreds of tracked conditions (every `if (rc == -1)`)
 * and thousands of block heads; a dense array per head made the dataflow's
 * memory and time grow with heads x conditions, quadratically with the
 * function's length. Here the facts sit in the leaves of a 16-way tree
 * whose nodes are shared between states: copying a state takes its root,
 * writing a fact copies only the path to it (copy on write), and joins and
 * comparisons skip every subtree the states share. A missing subtree
 * (NULL) is all VAR_FACT_UNKNOWN, the state at entry. The cost of a block
 * then follows the facts it changes, not the conditions there are.
 */
#ifndef LOCKCHECK_VAR_MAP_H
#define LOCKCHECK_VAR_MAP_H

#include <stdbool.h>

#include "dataflow/lock_state.h"

/* Nothing known: as at entry. */
extern const struct var_fact VAR_FACT_UNKNOWN;

/* An empty map (every fact unknown) for `count` conditions. */
void var_map_init(struct var_map *m, unsigned count);
/* Drop m's reference to its nodes; m is then empty. */
void var_map_clear(struct var_map *m);
/* dst = src, sharing src's nodes. */
void var_map_assign(struct var_map *dst, const struct var_map *src);

const struct var_fact *var_map_get(const struct var_map *m, unsigned v);
/* The fact of v, writable in m only (the path to it is copied if shared). */
struct var_fact *var_map_set(struct var_map *m, unsigned v);

bool var_map_equal(const struct var_map *a, const struct var_map *b);
/* out = the join of in[0..count) (count >= 1), fact by fact (var_fact_join),
 * folded left to right; subtrees all the inputs share are shared. */
void var_map_join(struct var_map *out, const struct var_map *const *in, unsigned count);

/* Two paths' facts met: what both know. */
struct var_fact var_fact_join(const struct var_fact *a, const struct var_fact *b);

#endif
