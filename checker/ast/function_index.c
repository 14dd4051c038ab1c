/*
 * function_index.c: functions by name (see function_index.h). The entries
 * are sorted by name, so a lookup is a binary search; the first entry of a
 * name is the one kept (its definition, else its first declaration).
 */
#include "ast/function_index.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "util/memory.h"

struct function_entry {
    char *name;
    CXCursor cursor;
    size_t order;       /* position among the unit's top-level declarations */
    bool definition;
};

struct function_index {
    struct function_entry *entries;
    size_t count;
};

/* By name; for one name the definition first (the last one written), then
 * the declarations in the order written. */
static int compare_entries(const void *a, const void *b)
{
    const struct function_entry *x = a, *y = b;
    int by_name = strcmp(x->name, y->name);
    if (by_name)
        return by_name;
    if (x->definition != y->definition)
        return x->definition ? -1 : 1;
    if (x->definition)
        return x->order < y->order ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Keeps the first entry of each name. */
static void keep_one_per_name(struct function_index *ix)
{
    size_t kept = 0;
    for (size_t i = 0; i < ix->count; i++) {
        if (kept > 0 && strcmp(ix->entries[kept - 1].name, ix->entries[i].name) == 0) {
            free(ix->entries[i].name);
            continue;
        }
        ix->entries[kept++] = ix->entries[i];
    }
    ix->count = kept;
}

struct function_index *function_index_new(CXTranslationUnit unit)
{
    struct function_index *ix = xcalloc(1, sizeof *ix);
    struct cursor_list top = {0};
    cursor_children(clang_getTranslationUnitCursor(unit), &top);
    ix->entries = xcalloc(top.count + 1, sizeof *ix->entries);
    for (size_t i = 0; i < top.count; i++) {
        CXCursor c = top.items[i];
        if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
            continue;
        ix->entries[ix->count++] = (struct function_entry){
            cursor_spelling(c), c, i, clang_isCursorDefinition(c) != 0};
    }
    cursor_list_free(&top);
    qsort(ix->entries, ix->count, sizeof *ix->entries, compare_entries);
    keep_one_per_name(ix);
    return ix;
}

void function_index_free(struct function_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->count; i++)
        free(ix->entries[i].name);
    free(ix->entries);
    free(ix);
}

static int compare_name_to_entry(const void *key, const void *entry)
{
    return strcmp(key, ((const struct function_entry *)entry)->name);
}

CXCursor function_index_lookup(const struct function_index *ix, const char *name)
{
    const struct function_entry *e =
        bsearch(name, ix->entries, ix->count, sizeof *ix->entries, compare_name_to_entry);
    return e ? e->cursor : clang_getNullCursor();
}
