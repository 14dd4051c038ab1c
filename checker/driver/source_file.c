/*
 * source_file.c: per-translation-unit cache of file texts and line starts
 * (see source_file.h).
 */
#include "driver/source_file.h"

#include <stdlib.h>
#include <string.h>

#include "driver/tu_context.h"
#include "util/memory.h"

static void index_lines(struct source_file *sf)
{
    size_t capacity = 0;
    ARRAY_RESERVE(sf->line_starts, capacity, 1);
    sf->line_starts[sf->line_count++] = 0;
    for (size_t i = 0; i < sf->size; i++) {
        if (sf->contents[i] != '\n' || i + 1 == sf->size)
            continue;
        ARRAY_RESERVE(sf->line_starts, capacity, sf->line_count + 1);
        sf->line_starts[sf->line_count++] = i + 1;
    }
}

static void load(struct source_file *sf, struct tu_context *tu)
{
    if (strcmp(sf->name, tu->main_name) == 0)
        sf->file = tu->main_file;
    else
        sf->file = clang_getFile(tu->unit, sf->name);
    if (!sf->file)
        return;
    sf->contents = clang_getFileContents(tu->unit, sf->file, &sf->size);
    if (sf->contents)
        index_lines(sf);
}

const struct source_file *source_files_get(struct source_files *cache, struct tu_context *tu,
                                           const char *name)
{
    for (size_t i = 0; i < cache->count; i++)
        if (strcmp(cache->items[i].name, name) == 0)
            return &cache->items[i];
    ARRAY_RESERVE(cache->items, cache->capacity, cache->count + 1);
    struct source_file *sf = &cache->items[cache->count++];
    memset(sf, 0, sizeof *sf);
    sf->name = xstrdup(name);
    load(sf, tu);
    return sf;
}

const char *source_file_line(const struct source_file *sf, unsigned line, size_t *len)
{
    if (!sf->contents || line == 0 || line > sf->line_count)
        return NULL;
    size_t start = sf->line_starts[line - 1];
    size_t end = line < sf->line_count ? sf->line_starts[line] : sf->size;
    while (end > start && (sf->contents[end - 1] == '\n' || sf->contents[end - 1] == '\r'))
        end--;
    *len = end - start;
    return sf->contents + start;
}

void source_files_free(struct source_files *cache)
{
    for (size_t i = 0; i < cache->count; i++) {
        free(cache->items[i].name);
        free(cache->items[i].line_starts);
    }
    free(cache->items);
    memset(cache, 0, sizeof *cache);
}
