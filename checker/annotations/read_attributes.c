/*
 * read_attributes.c: reading the lock annotations written on a declaration
 * (see read_attributes.h).
 *
 * clang's thread-safety attributes reach libclang as nameless unexposed
 * attributes, so their text is read back from the source:
 *   1. the attribute's spelling location points at its name (in the file,
 *      or inside the macro definition it was written in);
 *   2. the tokens from there give `name ( arguments )`;
 *   3. when the spelling is inside a `#define`, the macro's parameters among
 *      those tokens are replaced by the arguments of the macro use at the
 *      attribute's expansion location (`__VA_ARGS__` by the remaining ones),
 *      which handles `#define GUARDED_BY(x) __attribute__((guarded_by(x)))`
 *      and the THREAD_ANNOTATION_ATTRIBUTE__ wrappers of clang's mutex.h.
 * Attributes that are not about locks (nonnull, nothrow...) are rejected by
 * their name, read directly from the file buffer, before any tokenizing.
 */
#include "annotations/read_attributes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/memory.h"
#include "util/strbuf.h"
#include "util/strings.h"

#define SCAN_WINDOW 4096u /* bytes tokenized first; doubled as needed */

struct name_entry {
    const char *name;
    enum annotation_kind kind;
};

/* clang's spellings (current and legacy) and lockcheck.h's. */
static const struct name_entry names[] = {
    {"guarded_by", ANN_GUARDED_BY},
    {"pt_guarded_by", ANN_PT_GUARDED_BY},
    {"write_guarded_by", ANN_WRITE_GUARDED_BY},
    {"guarded_var", ANN_GUARDED_VAR},
    {"pt_guarded_var", ANN_PT_GUARDED_VAR},
    {"requires_capability", ANN_REQUIRES},
    {"exclusive_locks_required", ANN_REQUIRES},
    {"requires", ANN_REQUIRES},
    {"requires_shared_capability", ANN_REQUIRES_SHARED},
    {"shared_locks_required", ANN_REQUIRES_SHARED},
    {"requires_shared", ANN_REQUIRES_SHARED},
    {"acquire_capability", ANN_ACQUIRES},
    {"exclusive_lock_function", ANN_ACQUIRES},
    {"acquires", ANN_ACQUIRES},
    {"acquire_shared_capability", ANN_ACQUIRES_SHARED},
    {"shared_lock_function", ANN_ACQUIRES_SHARED},
    {"acquires_shared", ANN_ACQUIRES_SHARED},
    {"release_capability", ANN_RELEASES},
    {"release_shared_capability", ANN_RELEASES},
    {"release_generic_capability", ANN_RELEASES},
    {"unlock_function", ANN_RELEASES},
    {"releases", ANN_RELEASES},
    {"try_acquire_capability", ANN_TRY_ACQUIRES},
    {"exclusive_trylock_function", ANN_TRY_ACQUIRES},
    {"try_acquires", ANN_TRY_ACQUIRES},
    {"try_acquire_shared_capability", ANN_TRY_ACQUIRES_SHARED},
    {"shared_trylock_function", ANN_TRY_ACQUIRES_SHARED},
    {"locks_excluded", ANN_EXCLUDES},
    {"excludes", ANN_EXCLUDES},
    {"no_thread_safety_analysis", ANN_NO_ANALYSIS},
    {"no_analysis", ANN_NO_ANALYSIS},
    {"not_thread_safe", ANN_NOT_THREAD_SAFE},
    {"capability", ANN_CAPABILITY},
    {"shared_capability", ANN_CAPABILITY},
    {"lockable", ANN_CAPABILITY},
    {"acquired_before", ANN_ACQUIRED_BEFORE},
    {"acquired_after", ANN_ACQUIRED_AFTER},
};

/* Looks a name up, accepting clang's `__name__` form. */
static bool lookup_name(const char *name, size_t len, enum annotation_kind *kind)
{
    if (len > 4 && name[0] == '_' && name[1] == '_' && name[len - 1] == '_' && name[len - 2] == '_') {
        name += 2;
        len -= 4;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == len && memcmp(names[i].name, name, len) == 0) {
            *kind = names[i].kind;
            return true;
        }
    return false;
}

static void add_annotation(struct annotation_list *out, enum annotation_kind kind, char *args)
{
    for (size_t i = 0; i < out->count; i++)
        if (out->items[i].kind == kind && strcmp(out->items[i].args, args) == 0) {
            free(args);
            return;
        }
    ARRAY_RESERVE(out->items, out->capacity, out->count + 1);
    out->items[out->count].kind = kind;
    out->items[out->count].args = args;
    out->count++;
}

void annotation_list_free(struct annotation_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].args);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- annotate("lockcheck:NAME(ARGS)") ------------------------------------ */

static void read_annotate(CXCursor attr, struct annotation_list *out)
{
    CXString s = clang_getCursorSpelling(attr);
    const char *text = clang_getCString(s);
    const char *name;
    if (text && str_starts_with(text, "lockcheck:", &name)) {
        size_t len = strcspn(name, "(");
        enum annotation_kind kind;
        if (lookup_name(name, len, &kind)) {
            const char *open = name + len;
            const char *close = strrchr(name, ')');
            char *args = *open == '(' && close && close > open
                             ? xstrndup(open + 1, (size_t)(close - open - 1))
                             : xstrdup("");
            add_annotation(out, kind, args);
        }
    }
    clang_disposeString(s);
}

/* ---- tokens of a stretch of a file ------------------------------------------ */

struct token_list {
    char **items;
    size_t count, capacity;
};

static void tokens_push(struct token_list *t, const char *text)
{
    ARRAY_RESERVE(t->items, t->capacity, t->count + 1);
    t->items[t->count++] = xstrdup(text);
}

static void tokens_free(struct token_list *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->items[i]);
    free(t->items);
    memset(t, 0, sizeof *t);
}

/* The tokens of [begin, end) in `file` (comments dropped). */
static void file_tokens(CXTranslationUnit tu, CXFile file, unsigned begin, unsigned end,
                        struct token_list *out)
{
    CXSourceRange range = clang_getRange(clang_getLocationForOffset(tu, file, begin),
                                         clang_getLocationForOffset(tu, file, end));
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(tu, range, &tokens, &count);
    for (unsigned i = 0; i < count; i++) {
        if (clang_getTokenKind(tokens[i]) == CXToken_Comment)
            continue;
        CXString s = clang_getTokenSpelling(tu, tokens[i]);
        tokens_push(out, clang_getCString(s));
        clang_disposeString(s);
    }
    clang_disposeTokens(tu, tokens, count);
}

/* From tokens[at] == "(": the comma-separated arguments up to the matching
 * ")", each a list of tokens. Returns the number of arguments, or -1. */
static int split_arguments(const struct token_list *t, size_t at, struct token_list **args)
{
    *args = NULL;
    if (at >= t->count || strcmp(t->items[at], "(") != 0)
        return -1;
    int depth = 0, count = 0;
    size_t capacity = 0;
    for (size_t i = at; i < t->count; i++) {
        const char *tok = t->items[i];
        bool open = strcmp(tok, "(") == 0 || strcmp(tok, "[") == 0;
        bool close = strcmp(tok, ")") == 0 || strcmp(tok, "]") == 0;
        if (close && --depth == 0)
            return count;
        if (depth == 1 && strcmp(tok, ",") == 0) {
            ARRAY_RESERVE(*args, capacity, (size_t)count + 1);
            memset(&(*args)[count++], 0, sizeof **args);
            continue;
        }
        if (depth >= 1) {
            if (count == 0) {
                ARRAY_RESERVE(*args, capacity, 1);
                memset(&(*args)[count++], 0, sizeof **args);
            }
            tokens_push(&(*args)[count - 1], tok);
        }
        if (open)
            depth++;
    }
    for (int i = 0; i < count; i++)
        tokens_free(&(*args)[i]);
    free(*args);
    *args = NULL;
    return -1;
}

static void free_arguments(struct token_list *args, int count)
{
    for (int i = 0; i < count; i++)
        tokens_free(&args[i]);
    free(args);
}

/* The arguments of `name ( ... )` starting at `offset` in a file of `size`
 * bytes, as split_arguments gives them. The file is tokenized in windows
 * that double until the `)` is inside one: arguments may be of any length
 * (a long lock expression, a comment among them). */
static int arguments_at(CXTranslationUnit tu, CXFile file, unsigned offset, size_t size,
                        struct token_list **args)
{
    for (size_t window = SCAN_WINDOW;; window *= 2) {
        unsigned end = offset + window < size ? offset + (unsigned)window : (unsigned)size;
        struct token_list t = {0};
        file_tokens(tu, file, offset, end, &t);
        bool has_open = t.count > 1 && strcmp(t.items[1], "(") == 0;
        int count = split_arguments(&t, 1, args);
        tokens_free(&t);
        if (count >= 0 || !has_open || end == size)
            return count;
    }
}

/* ---- macros ------------------------------------------------------------------- */

/* The offset where the `#define` containing `offset` starts, or false when
 * the offset is not inside a directive (continued lines included). */
static bool directive_start(const char *text, unsigned offset, unsigned *start)
{
    unsigned line = offset;
    for (;;) {
        while (line > 0 && text[line - 1] != '\n')
            line--;
        unsigned p = line;
        while (text[p] == ' ' || text[p] == '\t')
            p++;
        if (text[p] == '#') {
            *start = p;
            return true;
        }
        /* Continue upwards only when the previous line ends with a backslash. */
        if (line < 2)
            return false;
        unsigned prev_end = line - 1;
        while (prev_end > 0 && (text[prev_end - 1] == '\r'))
            prev_end--;
        if (prev_end == 0 || text[prev_end - 1] != '\\')
            return false;
        line = prev_end - 1;
    }
}

/* The parameter names of the function-like macro whose definition holds the
 * attribute ("..." for a variadic tail); false for object-like macros. */
static bool macro_parameters(CXTranslationUnit tu, CXFile file, const char *text, unsigned offset,
                             struct token_list *params)
{
    unsigned start;
    if (!directive_start(text, offset, &start))
        return false;
    struct token_list t = {0};
    file_tokens(tu, file, start, offset, &t);
    bool ok = t.count >= 4 && strcmp(t.items[1], "define") == 0 && strcmp(t.items[3], "(") == 0;
    if (ok) {
        /* Function-like only when "(" follows the name with no space. */
        const char *name = strstr(text + start, t.items[2]);
        ok = name && name[strlen(t.items[2])] == '(';
    }
    if (ok)
        for (size_t i = 4; i < t.count && strcmp(t.items[i], ")") != 0; i++)
            if (strcmp(t.items[i], ",") != 0)
                tokens_push(params, t.items[i]);
    tokens_free(&t);
    return ok;
}

/* The arguments of the macro use at `loc` (its expansion location). */
static int macro_use_arguments(CXTranslationUnit tu, CXSourceLocation loc, struct token_list **args)
{
    CXFile file;
    unsigned offset;
    clang_getExpansionLocation(loc, &file, NULL, NULL, &offset);
    size_t size = 0;
    const char *text = file ? clang_getFileContents(tu, file, &size) : NULL;
    *args = NULL;
    if (!text)
        return -1;
    return arguments_at(tu, file, offset, size, args);
}

/* Replaces macro parameters in `arg` by the use's arguments. */
static void substitute_parameters(struct token_list *arg, const struct token_list *params,
                                  const struct token_list *use, int use_count, struct strbuf *out)
{
    for (size_t i = 0; i < arg->count; i++) {
        const char *tok = arg->items[i];
        bool replaced = false;
        for (size_t p = 0; p < params->count && !replaced; p++) {
            bool variadic = strcmp(tok, "__VA_ARGS__") == 0 && strcmp(params->items[p], "...") == 0;
            if (!variadic && strcmp(tok, params->items[p]) != 0)
                continue;
            replaced = true;
            int last = variadic ? use_count - 1 : (int)p;
            for (int u = (int)p; u <= last && u < use_count; u++) {
                if (u > (int)p)
                    strbuf_append(out, ", ");
                for (size_t k = 0; k < use[u].count; k++) {
                    strbuf_append(out, use[u].items[k]);
                    strbuf_append(out, " ");
                }
            }
        }
        if (!replaced) {
            strbuf_append(out, tok);
            strbuf_append(out, " ");
        }
    }
}

/* ---- clang's attributes ------------------------------------------------------- */

static bool written_in_macro(CXSourceLocation loc)
{
    CXFile sf, ef;
    unsigned so, eo;
    clang_getSpellingLocation(loc, &sf, NULL, NULL, &so);
    clang_getExpansionLocation(loc, &ef, NULL, NULL, &eo);
    return !(sf && ef && clang_File_isEqual(sf, ef) && so == eo);
}

static void read_clang_attribute(CXCursor attr, struct annotation_list *out)
{
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(attr);
    CXSourceLocation loc = clang_getCursorLocation(attr);
    CXFile file;
    unsigned offset;
    clang_getSpellingLocation(loc, &file, NULL, NULL, &offset);
    size_t size = 0;
    const char *text = file ? clang_getFileContents(tu, file, &size) : NULL;
    if (!text || offset >= size)
        return;
    size_t len = 0;
    while (offset + len < size && is_identifier_char((unsigned char)text[offset + len]))
        len++;
    enum annotation_kind kind;
    if (!lookup_name(text + offset, len, &kind))
        return;
    struct token_list *args = NULL;
    int count = arguments_at(tu, file, offset, size, &args);
    struct token_list params = {0}, *use = NULL;
    int use_count = -1;
    if (count > 0 && written_in_macro(loc) && macro_parameters(tu, file, text, offset, &params))
        use_count = macro_use_arguments(tu, loc, &use);
    if (use_count < 0)
        tokens_free(&params);  /* the use cannot be read: keep the names */
    struct strbuf buf = {0};
    for (int i = 0; i < count; i++) {
        if (i > 0)
            strbuf_append(&buf, ", ");
        substitute_parameters(&args[i], &params, use, use_count, &buf);
    }
    add_annotation(out, kind, strbuf_take(&buf));
    if (count > 0)
        free_arguments(args, count);
    if (use_count > 0)
        free_arguments(use, use_count);
    tokens_free(&params);
}

static enum CXChildVisitResult visit_attribute(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_AnnotateAttr)
        read_annotate(c, data);
    else if (kind == CXCursor_UnexposedAttr)
        read_clang_attribute(c, data);
    return CXChildVisit_Continue;
}

void read_annotations(CXCursor decl, struct annotation_list *out)
{
    clang_visitChildren(decl, visit_attribute, out);
}
