/*
 * unsaved.c: reading the editor's buffer from standard input (see unsaved.h).
 */
#include "driver/unsaved.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/compile_db.h"
#include "report/finding.h"
#include "util/memory.h"
#include "util/path.h"
#include "util/strings.h"

bool unsaved_read_stdin(const char *path, struct unsaved_buffer *out, char **error)
{
    memset(out, 0, sizeof *out);
    size_t len = 0, capacity = 0;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        ARRAY_RESERVE(out->contents, capacity, len + n + 1);
        memcpy(out->contents + len, chunk, n);
        len += n;
    }
    if (ferror(stdin)) {
        *error = str_printf("%s: cannot read the buffer from standard input: %s", path, strerror(errno));
        free(out->contents);
        out->contents = NULL;
        return false;
    }
    if (!out->contents)
        out->contents = xstrdup("");
    out->path = path;
    out->file.Filename = path_absolute(path);
    out->file.Contents = out->contents;
    out->file.Length = (unsigned long)len;
    return true;
}

void unsaved_attach(struct unsaved_buffer *buffer, struct compile_command *cmd,
                    struct CXUnsavedFile **out)
{
    for (size_t i = 1; i < cmd->argc; i++)
        if (strcmp(cmd->argv[i], buffer->path) == 0 && strcmp(cmd->argv[i], buffer->file.Filename) != 0) {
            free(cmd->argv[i]);
            cmd->argv[i] = xstrdup(buffer->file.Filename);
        }
    *out = &buffer->file;
}

void unsaved_free(struct unsaved_buffer *buffer)
{
    free((char *)buffer->file.Filename);
    free(buffer->contents);
    memset(buffer, 0, sizeof *buffer);
}
