/*
 * fingerprint.c: finding identities for SARIF and the baseline (see
 * fingerprint.h). 64-bit FNV-1a over the normalised fields; the fields are
 * separated by a byte that cannot occur in them, so ("ab","c") and ("a","bc")
 * differ.
 */
#include "report/fingerprint.h"

#include <ctype.h>
#include <stdlib.h>

#include "util/hash.h"
#include "util/memory.h"
#include "util/strings.h"

static uint64_t hash_byte(uint64_t h, unsigned char c)
{
    return hash_bytes(h, &c, 1);
}

/* Hashes `text` with leading and trailing whitespace dropped and every
 * inner run of whitespace read as one space, then a separator. */
static uint64_t hash_field(uint64_t h, const char *text)
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    while (isspace(*p))
        p++;
    bool pending_space = false;
    for (; *p; p++) {
        if (isspace(*p)) {
            pending_space = true;
            continue;
        }
        if (pending_space)
            h = hash_byte(h, ' ');
        pending_space = false;
        h = hash_byte(h, *p);
    }
    return hash_byte(h, 0);
}

uint64_t fingerprint_hash(const char *rule, const char *file, const char *function,
                          const char *message, const char *line_text)
{
    uint64_t h = HASH_SEED;
    h = hash_field(h, rule);
    h = hash_field(h, file);
    h = hash_field(h, function);
    h = hash_field(h, message);
    return hash_field(h, line_text);
}

struct hash_slot {
    uint64_t hash;
    size_t index;
};

static int slot_compare(const void *pa, const void *pb)
{
    const struct hash_slot *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void fingerprint_assign(struct finding_list *list)
{
    struct hash_slot *slots = xcalloc(list->count + 1, sizeof *slots);
    for (size_t i = 0; i < list->count; i++)
        slots[i] = (struct hash_slot){list->items[i].fingerprint_hash, i};
    qsort(slots, list->count, sizeof *slots, slot_compare);
    unsigned occurrence = 0;
    for (size_t i = 0; i < list->count; i++) {
        occurrence = i > 0 && slots[i].hash == slots[i - 1].hash ? occurrence + 1 : 0;
        struct finding *f = &list->items[slots[i].index];
        free(f->fingerprint);
        f->fingerprint = str_printf("%016llx:%u", (unsigned long long)slots[i].hash, occurrence);
    }
    free(slots);
}
