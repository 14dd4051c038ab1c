/*
 * line_index.c: line starts of a text, and one line's text (see line_index.h).
 */
#include "util/line_index.h"

#include "util/memory.h"

size_t line_index_build(const char *text, size_t size, size_t **starts)
{
    size_t capacity = 0, count = 0;
    *starts = NULL;
    ARRAY_RESERVE(*starts, capacity, 1);
    (*starts)[count++] = 0;
    for (size_t i = 0; i + 1 < size; i++) {
        if (text[i] != '\n')
            continue;
        ARRAY_RESERVE(*starts, capacity, count + 1);
        (*starts)[count++] = i + 1;
    }
    return count;
}

const char *line_index_line(const char *text, size_t size, const size_t *starts, size_t count,
                            unsigned line, size_t *len)
{
    if (!text || line == 0 || line > count)
        return NULL;
    size_t start = starts[line - 1];
    size_t end = line < count ? starts[line] : size;
    while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
        end--;
    *len = end - start;
    return text + start;
}
