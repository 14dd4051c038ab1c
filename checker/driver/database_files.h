/*
 * database_files.h: `lockcheck -p build` with no files checks every C file
 * of the compilation database, as run-clang-tidy does.
 */
#ifndef LOCKCHECK_DATABASE_FILES_H
#define LOCKCHECK_DATABASE_FILES_H

#include <stddef.h>

struct database_files {
    char **names;      /* absolute paths, sorted, each once */
    size_t count;
};

/* Lists the C files (`.c`) of build_dir/compile_commands.json whose absolute
 * path matches `filter` (a POSIX extended regular expression, searched
 * anywhere in the path; NULL: every file). Returns NULL, or an allocated
 * one-line error naming the file or the expression. */
char *database_files_list(const char *build_dir, const char *filter, struct database_files *out);
void database_files_free(struct database_files *files);

#endif
