/*
 * unit.c: one parsed file, its file names and where findings are reported
 * (see unit.h).
 */
#include "ast/unit.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/memory.h"

void unit_init(struct unit *unit, CXTranslationUnit cx, const char *main_name,
               const struct lockcheck_config *config)
{
    memset(unit, 0, sizeof *unit);
    unit->cx = cx;
    unit->main_name = main_name;
    unit->config = config;
    CXString spelling = clang_getTranslationUnitSpelling(cx);
    unit->main_file = clang_getFile(cx, clang_getCString(spelling));
    clang_disposeString(spelling);
    compile_errors_read(cx, &unit->errors);
}

void unit_free(struct unit *unit)
{
    for (size_t i = 0; i < unit->file_name_count; i++)
        free(unit->file_names[i].name);
    free(unit->file_names);
    compile_errors_free(&unit->errors);
    memset(unit, 0, sizeof *unit);
}

static bool unique_id_equal(const CXFileUniqueID *a, const CXFileUniqueID *b)
{
    return memcmp(a->data, b->data, sizeof a->data) == 0;
}

const char *unit_file_name(struct unit *unit, CXFile file)
{
    if (!file)
        return "<unknown>";
    CXFileUniqueID id;
    if (clang_getFileUniqueID(file, &id) != 0)
        memset(&id, 0, sizeof id);
    for (size_t i = 0; i < unit->file_name_count; i++)
        if (unique_id_equal(&unit->file_names[i].id, &id))
            return unit->file_names[i].name;
    char *name;
    if (unit->main_file && clang_File_isEqual(file, unit->main_file)) {
        name = xstrdup(unit->main_name);
    } else {
        CXString s = clang_getFileName(file);
        name = xstrdup(clang_getCString(s));
        clang_disposeString(s);
    }
    ARRAY_RESERVE(unit->file_names, unit->file_name_capacity, unit->file_name_count + 1);
    unit->file_names[unit->file_name_count].id = id;
    unit->file_names[unit->file_name_count].name = name;
    unit->file_name_count++;
    return name;
}

bool unit_in_main_file(const struct unit *unit, CXCursor cursor)
{
    CXFile file;
    clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, NULL, NULL, NULL);
    return file && unit->main_file && clang_File_isEqual(file, unit->main_file);
}

bool unit_reports_in(struct unit *unit, CXCursor cursor)
{
    if (unit_in_main_file(unit, cursor))
        return true;
    CXSourceLocation loc = clang_getCursorLocation(cursor);
    if (!unit->config || !unit->config->header_filter || clang_Location_isInSystemHeader(loc))
        return false;
    CXFile file;
    clang_getExpansionLocation(loc, &file, NULL, NULL, NULL);
    return file && config_reports_header(unit->config, unit_file_name(unit, file));
}
