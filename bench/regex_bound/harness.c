/*
 * harness.c: bench/regex_bound's timer. Reads "TAG<TAB>PATTERN" lines on
 * standard input and prints, for each, whether bounded_regcomp accepts the
 * pattern and how long the call took (the measure and, when accepted,
 * glibc's regcomp).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/bounded_regex.h"

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(void)
{
    static char line[1 << 20];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *pattern = strchr(line, '\t');
        if (!pattern)
            continue;
        *pattern++ = '\0';
        regex_t compiled;
        char *error = NULL;
        double start = seconds();
        enum bounded_regex_result result = bounded_regcomp(&compiled, pattern, &error);
        double took = seconds() - start;
        printf("%s\t%s\t%.4f\n", result == BOUNDED_REGEX_OK ? "accepted" : "rejected", line, took);
        fflush(stdout);
        if (result == BOUNDED_REGEX_OK)
            regfree(&compiled);
        free(error);
    }
    return 0;
}
