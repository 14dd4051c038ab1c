/*
 * fingerprint.h: an identity for a finding that stays the same when
 * unrelated lines move. Used by SARIF's partialFingerprints and by the
 * baseline (--baseline / --write-baseline).
 *
 * The hash covers the rule, the file (relative to the source root), the
 * enclosing function's name, the message and the text of the finding's
 * source line, each with its whitespace normalised; never a line or column
 * number. Findings with the same hash are told apart by their order in the
 * file: the fingerprint string is "<16 hex digits>:<occurrence>".
 */
#ifndef LOCKCHECK_FINGERPRINT_H
#define LOCKCHECK_FINGERPRINT_H

#include <stdint.h>

#include "report/finding.h"

uint64_t fingerprint_hash(const char *rule, const char *file, const char *function,
                          const char *message, const char *line_text);

/* Sets every finding's `fingerprint` from its `fingerprint_hash`; the list
 * must be sorted (finding_list_sort_unique) so occurrences are stable. */
void fingerprint_assign(struct finding_list *list);

#endif
