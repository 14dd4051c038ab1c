/*
 * parse.h: turning a compile command into a libclang translation unit.
 */
#ifndef LOCKCHECK_PARSE_H
#define LOCKCHECK_PARSE_H

#include <clang-c/Index.h>

struct compile_command;

/* Parses `file` with `cmd` in `index`; `unsaved` (or NULL) replaces a
 * file's contents (--stdin-filename). A translation unit with compile errors
 * is returned (what clang built is analysed: ast/invalid_code.h says where
 * it cannot be trusted). When libclang gives no translation unit (it
 * crashed, or rejected the command), returns NULL and sets *error to a
 * one-line message naming the file and the reason. */
CXTranslationUnit parse_translation_unit(CXIndex index, const char *file,
                                         const struct compile_command *cmd,
                                         struct CXUnsavedFile *unsaved, char **error);

#endif
