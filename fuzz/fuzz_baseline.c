/*
 * fuzz_baseline.c: libFuzzer target for the baseline reader
 * (report/baseline.c): a baseline file filters two findings or is an error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "report/finding.h"
#include "report/report.h"
#include "report/rule_description.h"

/* The findings the baseline is matched against need a rule, as the engine's have. */
static const struct rule_description missing_unlock = {.id = "missing-unlock"};

static void add_finding(struct finding_list *list, const char *fingerprint, unsigned line)
{
    struct source_pos pos = {.file = "src/queue.c", .line = line, .column = 5};
    struct finding *f = finding_begin(list, &missing_unlock, pos, "mutex 'q->mu' is still held");
    finding_add_note(f, pos, "'q->mu' acquired here");
    f->fingerprint = strdup(fingerprint);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_file file;
    if (!fuzz_file_open(&file, data, size))
        return 0;
    struct finding_list list = {0};
    add_finding(&list, "888eb767136f36cf:0", 12);
    add_finding(&list, "0123456789abcdef:1", 40);
    struct baseline_counts counts = {0};
    struct finding_list baselined = {0};
    free(baseline_filter(&list, file.path, &counts, &baselined));
    finding_list_free(&baselined);
    finding_list_free(&list);
    fuzz_file_close(&file);
    return 0;
}
