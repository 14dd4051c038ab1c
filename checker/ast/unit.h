/*
 * unit.h: one parsed file as the analyses see it: the libclang unit, its
 * main file and the name the user gave it, the names findings use for the
 * files it read, its compile errors, and whether a position is in a file
 * lockcheck reports on (the main file, or a header the configuration's
 * header filter accepts). One unit per checked file; never shared between
 * threads.
 */
#ifndef LOCKCHECK_UNIT_H
#define LOCKCHECK_UNIT_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "ast/invalid_code.h"

struct lockcheck_config;

struct unit_file_name {
    CXFileUniqueID id;
    char *name;
};

struct unit {
    CXTranslationUnit cx;
    CXFile main_file;
    const char *main_name;                  /* the main file as the user named it */
    const struct lockcheck_config *config;  /* its header filter; NULL: none */
    struct compile_errors errors;           /* the unit's compile errors */

    struct unit_file_name *file_names;
    size_t file_name_count, file_name_capacity;
};

/* Reads the unit's main file and compile errors; `main_name` and `config`
 * must outlive the unit. */
void unit_init(struct unit *unit, CXTranslationUnit cx, const char *main_name,
               const struct lockcheck_config *config);
void unit_free(struct unit *unit);

/* The name findings use for a file: the main file as given by the user, other
 * files as clang names them. The string lives as long as the unit. */
const char *unit_file_name(struct unit *unit, CXFile file);

/* True when the cursor's expansion location is in the main file. */
bool unit_in_main_file(const struct unit *unit, CXCursor cursor);

/* True when findings at this cursor are reported: it is in the main file,
 * or in a header the header filter accepts. */
bool unit_reports_in(struct unit *unit, CXCursor cursor);

#endif
