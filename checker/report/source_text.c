/*
 * source_text.c: file texts and line indexes for the views (see
 * source_text.h). Files are looked up by the name findings use; there are
 * few files per report, so a list does.
 */
#include "report/source_text.h"

#include <stdlib.h>
#include <string.h>

#include "util/file_text.h"
#include "util/line_index.h"
#include "util/memory.h"
#include "util/strings.h"

/* Code points are counted from a checkpoint every POINTS_BLOCK bytes, so
 * that a column far into a long line (minified or generated code, a whole
 * file on one line) costs at most a block, not the line up to it. */
#define POINTS_BLOCK 4096

struct text_file {
    char *name;
    char *contents;          /* NULL: could not be read */
    size_t size;
    size_t *line_starts;
    size_t line_count;
    size_t *points_before;   /* code points before byte k * POINTS_BLOCK; NULL until needed */
};

struct source_texts {
    struct text_file *files;
    size_t count, capacity;
};

struct source_texts *source_texts_new(void)
{
    return xcalloc(1, sizeof(struct source_texts));
}

void source_texts_free(struct source_texts *texts)
{
    if (!texts)
        return;
    for (size_t i = 0; i < texts->count; i++) {
        free(texts->files[i].name);
        free(texts->files[i].contents);
        free(texts->files[i].line_starts);
        free(texts->files[i].points_before);
    }
    free(texts->files);
    free(texts);
}

static void index_lines(struct text_file *tf)
{
    tf->line_count = line_index_build(tf->contents, tf->size, &tf->line_starts);
}

static struct text_file *add_file(struct source_texts *texts, const char *name)
{
    ARRAY_RESERVE(texts->files, texts->capacity, texts->count + 1);
    struct text_file *tf = &texts->files[texts->count++];
    memset(tf, 0, sizeof *tf);
    tf->name = xstrdup(name);
    return tf;
}

void source_texts_add_buffer(struct source_texts *texts, const char *name,
                             const char *contents, size_t size)
{
    struct text_file *tf = add_file(texts, name);
    tf->contents = xmalloc(size + 1);
    memcpy(tf->contents, contents, size);
    tf->contents[size] = '\0';
    tf->size = size;
    index_lines(tf);
}

static struct text_file *find_or_load(struct source_texts *texts, const char *name)
{
    for (size_t i = 0; i < texts->count; i++)
        if (strcmp(texts->files[i].name, name) == 0)
            return &texts->files[i];
    struct text_file *tf = add_file(texts, name);
    tf->contents = file_text_read(name, SOURCE_TEXT_MAX_SIZE, &tf->size);
    if (tf->contents)
        index_lines(tf);
    return tf;
}

const char *source_texts_line(struct source_texts *texts, const char *name, unsigned line,
                              size_t *len)
{
    const struct text_file *tf = find_or_load(texts, name);
    return line_index_line(tf->contents, tf->size, tf->line_starts, tf->line_count, line, len);
}

unsigned source_texts_line_count(struct source_texts *texts, const char *name)
{
    const struct text_file *tf = find_or_load(texts, name);
    return tf->contents ? (unsigned)tf->line_count : 0;
}

/* Code points in bytes [0, n) of UTF-8 text: every byte but continuations. */
static size_t code_points(const char *text, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)text[i] & 0xc0) != 0x80;
    return count;
}

/* Code points in the file's bytes [0, offset), from the checkpoints
 * (made on the first call). */
static size_t points_before(struct text_file *tf, size_t offset)
{
    if (!tf->points_before) {
        size_t blocks = tf->size / POINTS_BLOCK + 1;
        tf->points_before = xmalloc(blocks * sizeof *tf->points_before);
        tf->points_before[0] = 0;
        for (size_t k = 1; k < blocks; k++)
            tf->points_before[k] = tf->points_before[k - 1] +
                                   code_points(tf->contents + (k - 1) * POINTS_BLOCK, POINTS_BLOCK);
    }
    size_t block = offset / POINTS_BLOCK;
    return tf->points_before[block] +
           code_points(tf->contents + block * POINTS_BLOCK, offset - block * POINTS_BLOCK);
}

bool source_texts_token_span(struct source_texts *texts, const char *name, unsigned line,
                             unsigned column, unsigned *start, unsigned *end)
{
    struct text_file *tf = find_or_load(texts, name);
    size_t len;
    const char *text = line_index_line(tf->contents, tf->size, tf->line_starts, tf->line_count, line, &len);
    if (!text || column == 0 || column > len)
        return false;
    size_t first = column - 1, last = first + 1;
    if (is_identifier_char((unsigned char)text[first]))
        while (last < len && is_identifier_char((unsigned char)text[last]))
            last++;
    else
        while (last < len && ((unsigned char)text[last] & 0xc0) == 0x80)
            last++;
    size_t line_start = (size_t)(text - tf->contents);
    *start = (unsigned)(points_before(tf, line_start + first) - points_before(tf, line_start)) + 1;
    *end = *start + (unsigned)code_points(text + first, last - first);
    return true;
}
