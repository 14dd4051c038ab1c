/*
 * fuzz_file_order.c: libFuzzer target for the first pass's order of files
 * (driver/file_order.c): any source text is scanned in time linear in its
 * size, and the order is a permutation of the files.
 *
 * The input is two files' text, split at the first NUL byte (the second
 * is empty without one); the scan sees them as a.c and b.c, with the
 * built-in lock API and names that say they lock as the locking calls.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "driver/file_order.h"
#include "fuzz_input.h"
#include "summary/summary.h"

static bool call_locks(void *data, size_t file, const char *name)
{
    (void)data;
    (void)file;
    return name_says_it_locks(name) || lock_api_find_in(NULL, name) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *split = memchr(data, 0, size);
    size_t first = split ? (size_t)(split - data) : size;
    struct fuzz_file a, b;
    if (!fuzz_file_open(&a, data, first))
        return 0;
    if (!fuzz_file_open(&b, split ? split + 1 : data + size, split ? size - first - 1 : 0)) {
        fuzz_file_close(&a);
        return 0;
    }
    const char *files[] = {a.path, b.path, a.path};
    bool *early = NULL;
    size_t *order = file_order_for_summaries(files, 3, 1u << 20, call_locks, NULL, &early);
    bool seen[3] = {false, false, false};
    for (size_t i = 0; i < 3; i++) {
        if (order[i] >= 3 || seen[order[i]])
            abort(); /* not a permutation */
        seen[order[i]] = true;
    }
    free(order);
    free(early);
    fuzz_file_close(&a);
    fuzz_file_close(&b);
    return 0;
}
