/*
 * bounded_regex.h: compiling a POSIX extended regular expression that comes
 * from a repository (`header-filter:` in .lockcheck.yml) within a fixed
 * memory and time bound.
 *
 * glibc's regcomp expands bounded repetition (and `x+`, as `xx*`) by
 * copying, so memory grows with the product of nested bounds and with the
 * square of an optional chain: `((((a{1,100}){1,100}){1,100}){1,100})` or
 * `a++++++++++++++++++++++++` asks for gigabytes. The
 * pattern is measured before regcomp sees it, and rejected with a reason
 * when it is longer, deeper or expands further than the limits below
 * (a{1,1000}, the largest expansion allowed, compiles in milliseconds and
 * about 10 MB). Back-references (a glibc extension whose matching is
 * exponential) are rejected too.
 */
#ifndef LOCKCHECK_BOUNDED_REGEX_H
#define LOCKCHECK_BOUNDED_REGEX_H

#include <regex.h>

#define BOUNDED_REGEX_MAX_LENGTH 16384   /* bytes of pattern */
#define BOUNDED_REGEX_MAX_DEPTH 100      /* nested groups */
#define BOUNDED_REGEX_MAX_EXPANSION 1000 /* pieces that {m,n} and + copy */

enum bounded_regex_result {
    BOUNDED_REGEX_OK,
    BOUNDED_REGEX_TOO_COSTLY, /* beyond the limits: regcomp was not called */
    BOUNDED_REGEX_INVALID     /* regcomp's own error */
};

/* regcomp(out, pattern, REG_EXTENDED | REG_NOSUB) when the pattern is within
 * the limits. Otherwise *error is the reason, without the pattern (caller
 * frees). */
enum bounded_regex_result bounded_regcomp(regex_t *out, const char *pattern, char **error);

#endif
