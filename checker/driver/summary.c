/*
 * summary.c: counts at the end of a run (see summary.h). The lines never
 * contain "warning:" or "error:", so tools that read diagnostics from a
 * merged output do not take them for findings.
 */
#include "driver/summary.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/finding.h"
#include "util/memory.h"

#define SUMMARY_TOP_FILES 10

struct tally {
    const char *key;   /* borrowed from a finding */
    size_t count;
};

struct tallies {
    struct tally *items;
    size_t count, capacity;
};

/* `sorted`: keys arrive grouped (findings are sorted by file), so only the
 * last tally can match. */
static void tally_add(struct tallies *t, const char *key, bool sorted)
{
    for (size_t i = sorted && t->count ? t->count - 1 : 0; i < t->count; i++)
        if (strcmp(t->items[i].key, key) == 0) {
            t->items[i].count++;
            return;
        }
    ARRAY_RESERVE(t->items, t->capacity, t->count + 1);
    t->items[t->count++] = (struct tally){key, 1};
}

/* Most first; ties by name, so the summary is the same on every run. */
static int tally_compare(const void *pa, const void *pb)
{
    const struct tally *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->key, b->key);
}

static void print_tallies(struct tallies *t, size_t limit, FILE *out)
{
    qsort(t->items, t->count, sizeof *t->items, tally_compare);
    for (size_t i = 0; i < t->count && i < limit; i++)
        fprintf(out, "  %6zu  %s\n", t->items[i].count, t->items[i].key);
    if (t->count > limit)
        fprintf(out, "  (%zu more)\n", t->count - limit);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void print_totals(const struct finding_list *list, size_t errors, size_t files_with_findings,
                         FILE *out)
{
    fprintf(out, "lockcheck: %zu %s", list->count, plural(list->count, "finding", "findings"));
    if (errors > 0)
        fprintf(out, " (%zu shown as %s)", errors, plural(errors, "an error", "errors"));
    fprintf(out, " in %zu %s\n", files_with_findings, plural(files_with_findings, "file", "files"));
}

static void print_hidden(const struct run_facts *facts, FILE *out)
{
    if (facts->failed_count > 0) {
        fprintf(out, "  %zu %s not fully checked:", facts->failed_count,
                plural(facts->failed_count, "file", "files"));
        for (size_t i = 0; i < facts->failed_count && i < SUMMARY_TOP_FILES; i++)
            fprintf(out, " %s", facts->failed_files[i]);
        fprintf(out, "%s\n", facts->failed_count > SUMMARY_TOP_FILES ? " ..." : "");
    }
    fprintf(out, "  %zu suppressed by NOLINT comments, %zu hidden by the baseline", facts->suppressed,
            facts->baselined);
    if (facts->stale_baseline > 0)
        fprintf(out, " (%zu baseline %s matched nothing: fixed or changed)", facts->stale_baseline,
                plural(facts->stale_baseline, "entry", "entries"));
    fputc('\n', out);
}

void summary_print(const struct finding_list *list, size_t errors, const struct run_facts *facts,
                   FILE *out)
{
    if (list->count == 0 && facts->baselined == 0 && facts->stale_baseline == 0)
        return;
    struct tallies rules = {0}, files = {0};
    for (size_t i = 0; i < list->count; i++) {
        tally_add(&rules, list->items[i].rule, false);
        tally_add(&files, list->items[i].pos.file, true);
    }
    print_totals(list, errors, files.count, out);
    if (list->count > 0) {
        fprintf(out, "  by rule:\n");
        print_tallies(&rules, (size_t)-1, out);
        fprintf(out, "  by file%s:\n", files.count > SUMMARY_TOP_FILES ? " (top 10)" : "");
        print_tallies(&files, SUMMARY_TOP_FILES, out);
    }
    print_hidden(facts, out);
    free(rules.items);
    free(files.items);
}
