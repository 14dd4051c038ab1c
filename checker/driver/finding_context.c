/*
 * finding_context.c: fingerprint inputs of the findings of one translation
 * unit (see finding_context.h and report/fingerprint.h). Function
 * definitions are top-level cursors in C, so one shallow visit of the
 * translation unit gives every function's extent.
 */
#include "driver/finding_context.h"

#include <stdlib.h>
#include <string.h>

#include "driver/source_file.h"
#include "driver/tu_context.h"
#include "report/fingerprint.h"
#include "util/memory.h"
#include "util/path.h"

struct function_extent {
    CXFile file;
    unsigned first_line, first_column, last_line, last_column;
    char *name;
};

struct function_extents {
    struct function_extent *items;
    size_t count, capacity;
};

static enum CXChildVisitResult collect_function(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct function_extents *extents = data;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
        return CXChildVisit_Continue;
    CXSourceRange range = clang_getCursorExtent(c);
    struct function_extent e = {0};
    CXFile last_file;
    clang_getExpansionLocation(clang_getRangeStart(range), &e.file, &e.first_line,
                               &e.first_column, NULL);
    clang_getExpansionLocation(clang_getRangeEnd(range), &last_file, &e.last_line,
                               &e.last_column, NULL);
    if (!e.file || !last_file || !clang_File_isEqual(e.file, last_file))
        return CXChildVisit_Continue;
    CXString name = clang_getCursorSpelling(c);
    e.name = xstrdup(clang_getCString(name));
    clang_disposeString(name);
    ARRAY_RESERVE(extents->items, extents->capacity, extents->count + 1);
    extents->items[extents->count++] = e;
    return CXChildVisit_Continue;
}

static bool position_before(unsigned line_a, unsigned col_a, unsigned line_b, unsigned col_b)
{
    return line_a < line_b || (line_a == line_b && col_a <= col_b);
}

static const char *enclosing_function(const struct function_extents *extents, CXFile file,
                                      const struct source_pos *pos)
{
    for (size_t i = 0; file && i < extents->count; i++) {
        const struct function_extent *e = &extents->items[i];
        if (clang_File_isEqual(e->file, file) &&
            position_before(e->first_line, e->first_column, pos->line, pos->column) &&
            position_before(pos->line, pos->column, e->last_line, e->last_column))
            return e->name;
    }
    return "";
}

static char *file_for_fingerprint(const char *root_abs, const char *name)
{
    char *rel = root_abs ? path_relative_to(root_abs, name) : NULL;
    return rel ? rel : path_resolved(name);
}

static void fingerprint_one(struct finding *f, struct tu_context *tu, struct source_files *files,
                            const struct function_extents *extents, const char *root_abs)
{
    const struct source_file *sf = source_files_get(files, tu, f->pos.file);
    size_t len = 0;
    const char *line = source_file_line(sf, f->pos.line, &len);
    char *line_text = xmalloc(len + 1);
    memcpy(line_text, line ? line : "", len);
    line_text[len] = '\0';
    char *file = file_for_fingerprint(root_abs, f->pos.file);
    f->fingerprint_hash = fingerprint_hash(f->rule, file, enclosing_function(extents, sf->file, &f->pos),
                                           f->message, line_text);
    free(file);
    free(line_text);
}

void fingerprint_findings(struct tu_context *tu, struct source_files *files,
                          const char *source_root_abs)
{
    if (tu->findings->count == 0)
        return;
    struct function_extents extents = {0};
    clang_visitChildren(clang_getTranslationUnitCursor(tu->unit), collect_function, &extents);
    for (size_t i = 0; i < tu->findings->count; i++)
        fingerprint_one(&tu->findings->items[i], tu, files, &extents, source_root_abs);
    for (size_t i = 0; i < extents.count; i++)
        free(extents.items[i].name);
    free(extents.items);
}
