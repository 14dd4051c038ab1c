/*
 * source_file.c: per-translation-unit cache of file texts and line starts
 * (see source_file.h).
 */
#include "driver/source_file.h"

#include <stdlib.h>
#include <string.h>

#include "ast/session.h"
#include "util/line_index.h"
#include "util/memory.h"

static void load(struct source_file *sf, struct session *session)
{
    if (strcmp(sf->name, session->unit.main_name) == 0)
        sf->file = session->unit.main_file;
    else
        sf->file = clang_getFile(session->unit.cx, sf->name);
    if (!sf->file)
        return;
    sf->contents = clang_getFileContents(session->unit.cx, sf->file, &sf->size);
    if (sf->contents)
        sf->line_count = line_index_build(sf->contents, sf->size, &sf->line_starts);
}

const struct source_file *source_files_get(struct source_files *cache, struct session *session,
                                           const char *name)
{
    for (size_t i = 0; i < cache->count; i++)
        if (strcmp(cache->items[i].name, name) == 0)
            return &cache->items[i];
    ARRAY_RESERVE(cache->items, cache->capacity, cache->count + 1);
    struct source_file *sf = &cache->items[cache->count++];
    memset(sf, 0, sizeof *sf);
    sf->name = xstrdup(name);
    load(sf, session);
    return sf;
}

const char *source_file_line(const struct source_file *sf, unsigned line, size_t *len)
{
    return line_index_line(sf->contents, sf->size, sf->line_starts, sf->line_count, line, len);
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
