/*
 * unsaved.h: the editor's buffer for --stdin-filename=PATH.
 *
 * Editors check a buffer before it is saved: lockcheck reads the buffer from
 * standard input and hands it to libclang as PATH's contents (a
 * CXUnsavedFile), so PATH's compile command is used and findings are
 * reported under PATH, while the file on disk is neither read nor changed.
 */
#ifndef LOCKCHECK_UNSAVED_H
#define LOCKCHECK_UNSAVED_H

#include <clang-c/Index.h>
#include <stdbool.h>

struct unsaved_buffer {
    const char *path;           /* PATH as given */
    struct CXUnsavedFile file;  /* Filename: PATH made absolute */
    char *contents;
};

/* Reads all of standard input as the contents of `path`. False, with a
 * message (caller frees), when standard input cannot be read. */
bool unsaved_read_stdin(const char *path, struct unsaved_buffer *out, char **error);
void unsaved_free(struct unsaved_buffer *buffer);

/* Makes `buffer` the contents of the file `cmd` compiles: a relative PATH in
 * the command becomes the buffer's absolute name, which libclang needs to
 * match the two when PATH does not exist on disk (a new, unsaved file). */
struct compile_command;
void unsaved_attach(struct unsaved_buffer *buffer, struct compile_command *cmd,
                    struct CXUnsavedFile **out);

#endif
