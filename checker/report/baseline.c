/*
 * baseline.c: the baseline file, how a project adopts lockcheck without
 * fixing every old finding first. --write-baseline records the fingerprint
 * (report/fingerprint.h) of every finding; --baseline then hides the
 * findings whose fingerprint it lists, so only new ones are reported, and
 * moving code around does not bring old ones back. The file is JSON:
 *   {"version": 1, "tool": "lockcheck",
 *    "findings": [{"fingerprint": "...", "rule": "...", "file": "...",
 *                  "message": "..."}, ...]}
 * (rule, file and message are for the reader; only fingerprints match).
 */
#include "report/report.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "report/json_output.h"
#include "util/memory.h"
#include "util/strings.h"

#define BASELINE_VERSION 1

static json_object *baseline_entry(const struct finding *f)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "fingerprint", json_object_new_string(f->fingerprint ? f->fingerprint : ""));
    json_object_object_add(o, "rule", json_object_new_string(f->rule));
    json_object_object_add(o, "file", json_object_new_string(f->pos.file));
    json_object_object_add(o, "message", json_object_new_string(f->message));
    return o;
}

char *baseline_write(const struct finding_list *list, const char *path)
{
    json_object *root = json_object_new_object();
    json_object_object_add(root, "version", json_object_new_int(BASELINE_VERSION));
    json_object_object_add(root, "tool", json_object_new_string("lockcheck"));
    json_object *findings = json_object_new_array();
    for (size_t i = 0; i < list->count; i++)
        json_object_array_add(findings, baseline_entry(&list->items[i]));
    json_object_object_add(root, "findings", findings);
    char *error = NULL;
    FILE *out = fopen(path, "w");
    if (!out) {
        json_object_put(root);
        return str_printf("%s: cannot write the baseline: %s", path, strerror(errno));
    }
    json_output_write(root, out);
    if (ferror(out) | (fclose(out) != 0))
        error = str_printf("%s: cannot write the baseline: %s", path, strerror(errno));
    return error;
}

struct fingerprint_set {
    const char **items;
    size_t count;
    bool *matched;           /* per item, once sorted: some finding had it */
    size_t hidden;           /* findings dropped */
};

/* Checks the shape and collects the fingerprints (borrowed from `root`). */
static char *read_fingerprints(json_object *root, const char *path, struct fingerprint_set *set)
{
    json_object *version, *findings;
    if (!json_object_is_type(root, json_type_object))
        return str_printf("%s: malformed baseline: not a JSON object", path);
    if (!json_object_object_get_ex(root, "version", &version) ||
        !json_object_is_type(version, json_type_int) ||
        json_object_get_int(version) != BASELINE_VERSION)
        return str_printf("%s: malformed baseline: \"version\" must be %d", path, BASELINE_VERSION);
    if (!json_object_object_get_ex(root, "findings", &findings) ||
        !json_object_is_type(findings, json_type_array))
        return str_printf("%s: malformed baseline: \"findings\" must be an array", path);
    size_t n = json_object_array_length(findings);
    set->items = xcalloc(n + 1, sizeof *set->items);
    for (size_t i = 0; i < n; i++) {
        json_object *entry = json_object_array_get_idx(findings, i), *fp;
        if (!json_object_is_type(entry, json_type_object) ||
            !json_object_object_get_ex(entry, "fingerprint", &fp) ||
            !json_object_is_type(fp, json_type_string) || json_object_get_string_len(fp) == 0)
            return str_printf("%s: malformed baseline: finding %zu has no \"fingerprint\" string",
                              path, i + 1);
        set->items[set->count++] = json_object_get_string(fp);
    }
    return NULL;
}

static bool not_in_baseline(const struct finding *f, void *data)
{
    struct fingerprint_set *set = data;
    const char *key = f->fingerprint ? f->fingerprint : "";
    const char **found = bsearch(&key, set->items, set->count, sizeof *set->items, str_compare_ptrs);
    if (!found)
        return true;
    set->matched[found - set->items] = true;
    set->hidden++;
    return false;
}

static size_t unmatched_count(const struct fingerprint_set *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++)
        n += !set->matched[i] && (i == 0 || strcmp(set->items[i], set->items[i - 1]) != 0);
    return n;
}

/* Moves the findings in the baseline from `list` to `baselined`, both in
 * order (the structs move; nothing is copied or freed). */
static void move_baselined(struct finding_list *list, struct fingerprint_set *set,
                           struct finding_list *baselined)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (not_in_baseline(&list->items[i], set)) {
            list->items[kept++] = list->items[i];
            continue;
        }
        ARRAY_RESERVE(baselined->items, baselined->capacity, baselined->count + 1);
        baselined->items[baselined->count++] = list->items[i];
    }
    list->count = kept;
}

char *baseline_filter(struct finding_list *list, const char *path, struct baseline_counts *counts,
                      struct finding_list *baselined)
{
    json_object *root = json_object_from_file(path);
    if (!root) {
        FILE *probe = fopen(path, "r");
        if (!probe)
            return str_printf("%s: cannot read the baseline: %s", path, strerror(errno));
        fclose(probe);
        return str_printf("%s: malformed baseline: not valid JSON", path);
    }
    struct fingerprint_set set = {0};
    char *error = read_fingerprints(root, path, &set);
    if (!error) {
        qsort(set.items, set.count, sizeof *set.items, str_compare_ptrs);
        set.matched = xcalloc(set.count + 1, sizeof *set.matched);
        move_baselined(list, &set, baselined);
        counts->hidden = set.hidden;
        counts->stale = unmatched_count(&set);
        free(set.matched);
    }
    free(set.items);
    json_object_put(root);
    return error;
}
