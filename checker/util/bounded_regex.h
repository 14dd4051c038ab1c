/*
 * bounded_regex.h: compiling a POSIX extended regular expression that comes
 * from a repository (`header-filter:` in .lockcheck.yml) within a fixed
 * memory and time bound.
 *
 * glibc's regcomp expands bounded repetition (and `x+`, as `xx*`) by
 * copying, so memory grows with the product of nested bounds and with the
 * square of an optional chain: `((((a{1,100}){1,100}){1,100}){1,100})` or
 * `a++++++++++++++++++++++++` asks for gigabytes; stacked quantifiers
 * count as nodes that copies multiply (`x***{1,102}` is 4 nodes copied 102
 * times). Then each node's closure (what it reaches matching nothing) spans
 * the run of nullable pieces it is in (`a?` 8,000 times: 0.3 s, 500 MB),
 * and glibc computes the run's closures again for each loop whose body can
 * match nothing (`x**`, `(a*b*)*`): `x` then 4,000 `*` takes a minute,
 * `(a*b*)*` 1,000 times five seconds, `a*{1,100}.**{1,200}` seven; and
 * with such a loop a run costs its length cubed (160 `^` inside one:
 * 0.6 s, 640: 49 s), and loops over nullable bodies cost far more together
 * than one by one: 120 of them over a run of 20 nodes took 15 s, 99 nested
 * `(...)*` 4.7 s. The
 * pattern is measured before regcomp sees it, and rejected with a reason
 * when it is longer, deeper, expands further or costs more than the limits
 * below (a{1,1000}, the largest expansion allowed, compiles in milliseconds
 * and about 10 MB; the largest closure cost, in about 0.1 s natively at
 * worst). Back-references (a glibc extension whose matching is exponential)
 * are rejected too.
 */
#ifndef LOCKCHECK_BOUNDED_REGEX_H
#define LOCKCHECK_BOUNDED_REGEX_H

#include <regex.h>

#define BOUNDED_REGEX_MAX_LENGTH 16384   /* bytes of pattern */
#define BOUNDED_REGEX_MAX_DEPTH 100      /* nested groups */
#define BOUNDED_REGEX_MAX_EXPANSION 1000 /* pieces that {m,n} and + copy */
/* longest run of nullable nodes, squared; or cubed x 4 x loops over
 * nullable bodies when there are any */
#define BOUNDED_REGEX_MAX_CLOSURE_COST 2000000
/* loops over nullable bodies: glibc's closures cost about their fifth power
 * even over a short run (`(a*b*)*l` then 64 `*`: 0.5 s, 120 `*`: 15 s) */
#define BOUNDED_REGEX_MAX_NULLABLE_LOOPS 16

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
