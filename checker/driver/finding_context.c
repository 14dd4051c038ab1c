/*
 * finding_context.c: fingerprint inputs of the findings of one translation
 * unit (see finding_context.h and report/fingerprint.h). Function
 * definitions are top-level cursors in C, so one shallow visit of the
 * translation unit gives every function's extent. The extents are sorted
 * once and each finding finds its function by binary search, so a file with
 * many functions and many findings costs O((F + N) log F), not O(F x N).
 */
#include "driver/finding_context.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ast/session.h"
#include "driver/source_file.h"
#include "report/fingerprint.h"
#include "util/memory.h"
#include "util/path.h"

struct function_extent {
    CXFileUniqueID file;   /* device and inode: two names of one file agree */
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
    CXFile first_file, last_file;
    clang_getExpansionLocation(clang_getRangeStart(range), &first_file, &e.first_line,
                               &e.first_column, NULL);
    clang_getExpansionLocation(clang_getRangeEnd(range), &last_file, &e.last_line,
                               &e.last_column, NULL);
    if (!first_file || !last_file || !clang_File_isEqual(first_file, last_file) ||
        clang_getFileUniqueID(first_file, &e.file) != 0)
        return CXChildVisit_Continue;
    CXString name = clang_getCursorSpelling(c);
    e.name = xstrdup(clang_getCString(name));
    clang_disposeString(name);
    ARRAY_RESERVE(extents->items, extents->capacity, extents->count + 1);
    extents->items[extents->count++] = e;
    return CXChildVisit_Continue;
}

/* Orders by line then column; negative when (line_a, col_a) comes first. */
static int position_compare(unsigned line_a, unsigned col_a, unsigned line_b, unsigned col_b)
{
    if (line_a != line_b)
        return line_a < line_b ? -1 : 1;
    return col_a < col_b ? -1 : col_a > col_b;
}

static int file_compare(const CXFileUniqueID *a, const CXFileUniqueID *b)
{
    for (int i = 0; i < 3; i++)
        if (a->data[i] != b->data[i])
            return a->data[i] < b->data[i] ? -1 : 1;
    return 0;
}

static int extent_compare(const void *pa, const void *pb)
{
    const struct function_extent *a = pa, *b = pb;
    int by_file = file_compare(&a->file, &b->file);
    if (by_file)
        return by_file;
    return position_compare(a->first_line, a->first_column, b->first_line, b->first_column);
}

/* The last extent of `file` starting at or before `pos` (functions do not
 * nest in C), if `pos` is inside it. */
static const char *enclosing_function(const struct function_extents *extents,
                                      const CXFileUniqueID *file, const struct source_pos *pos)
{
    size_t low = 0, high = extents->count; /* first extent after pos is in [low, high] */
    while (file && low < high) {
        size_t mid = low + (high - low) / 2;
        const struct function_extent *e = &extents->items[mid];
        int c = file_compare(&e->file, file);
        if (c == 0)
            c = position_compare(e->first_line, e->first_column, pos->line, pos->column) <= 0 ? -1 : 1;
        if (c < 0)
            low = mid + 1;
        else
            high = mid;
    }
    if (!file || low == 0)
        return "";
    const struct function_extent *e = &extents->items[low - 1];
    if (file_compare(&e->file, file) != 0 ||
        position_compare(pos->line, pos->column, e->last_line, e->last_column) > 0)
        return "";
    return e->name;
}

static char *file_for_fingerprint(const char *root_abs, const char *name)
{
    char *rel = root_abs ? path_relative_to(root_abs, name) : NULL;
    return rel ? rel : path_resolved(name);
}

/* The per-file inputs, computed once for a run of findings in one file
 * (findings of a translation unit are grouped by file in practice). */
struct file_inputs {
    const char *name;        /* borrowed from the finding */
    const struct source_file *source;
    char *fingerprint_name;
    CXFileUniqueID id;
    bool has_id;
};

static void file_inputs_for(struct file_inputs *in, struct session *session,
                            struct source_files *files, const char *name, const char *root_abs)
{
    if (in->name && strcmp(in->name, name) == 0)
        return;
    free(in->fingerprint_name);
    in->name = name;
    in->source = source_files_get(files, session, name);
    in->fingerprint_name = file_for_fingerprint(root_abs, name);
    in->has_id = in->source->file && clang_getFileUniqueID(in->source->file, &in->id) == 0;
}

/* The part of a line that is hashed: the whole line, up to this many
 * bytes; of a longer line (generated or minified code, a whole file on one
 * line), this many bytes from the finding's column. Hashing whole lines
 * cost the line's length per finding: a 4 MB line with thousands of
 * findings took ten times as long as parsing it. */
#define FINGERPRINT_LINE_LIMIT 4096

static void fingerprint_one(struct finding *f, const struct file_inputs *in,
                            const struct function_extents *extents)
{
    size_t len = 0;
    const char *line = source_file_line(in->source, f->pos.line, &len);
    if (line && len > FINGERPRINT_LINE_LIMIT) {
        size_t from = f->pos.column > 0 ? f->pos.column - 1 : 0;
        if (from > len)
            from = len;
        line += from;
        len -= from;
        if (len > FINGERPRINT_LINE_LIMIT)
            len = FINGERPRINT_LINE_LIMIT;
    }
    char *line_text = xstrndup(line, len);
    f->fingerprint_hash = fingerprint_hash(f->rule, in->fingerprint_name,
                                           enclosing_function(extents, in->has_id ? &in->id : NULL, &f->pos),
                                           f->message, line_text);
    free(line_text);
}

void fingerprint_findings(struct session *session, struct source_files *files,
                          const char *source_root_abs)
{
    if (session->findings->count == 0)
        return;
    struct function_extents extents = {0};
    clang_visitChildren(clang_getTranslationUnitCursor(session->unit.cx), collect_function, &extents);
    if (extents.count > 1)
        qsort(extents.items, extents.count, sizeof *extents.items, extent_compare);
    struct file_inputs in = {0};
    for (size_t i = 0; i < session->findings->count; i++) {
        struct finding *f = &session->findings->items[i];
        file_inputs_for(&in, session, files, f->pos.file, source_root_abs);
        fingerprint_one(f, &in, &extents);
    }
    free(in.fingerprint_name);
    for (size_t i = 0; i < extents.count; i++)
        free(extents.items[i].name);
    free(extents.items);
}
