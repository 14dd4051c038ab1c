/*
 * invalid_code.c: code clang could not build, and whether a function's
 * analysis can be trusted despite it (see invalid_code.h).
 *
 *   damage points in a body: compile errors located in it, expressions of
 *   dependent type (libclang's face of clang's RecoveryExpr in C), uses of
 *   invalid declarations, calls to functions clang declared implicitly
 *   -> the damaged statement: the innermost statement of a block around the
 *      point, or, when clang dropped the statement, the gap between the
 *      statements it kept
 *   -> its tokens: a call (`name (`), a control-flow keyword, an assignment
 *      after the point, or a lone identifier (a macro?) make the function's
 *      analysis untrustworthy; a declaration, or an expression whose broken
 *      part is what it writes (`s->new_field++`), does not.
 */
#include "ast/invalid_code.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "util/memory.h"
#include "util/strings.h"

/* ---- reading the errors ------------------------------------------------------ */

static void add_error(struct compile_errors *out, CXDiagnostic d)
{
    ARRAY_RESERVE(out->items, out->capacity, out->count + 1);
    struct compile_error *e = &out->items[out->count++];
    memset(e, 0, sizeof *e);
    clang_getExpansionLocation(clang_getDiagnosticLocation(d), &e->file, &e->line, &e->column,
                               &e->offset);
    CXString text = clang_getDiagnosticSpelling(d);
    e->message = xstrdup(clang_getCString(text));
    clang_disposeString(text);
}

void compile_errors_read(CXTranslationUnit unit, struct compile_errors *out)
{
    memset(out, 0, sizeof *out);
    unsigned n = clang_getNumDiagnostics(unit);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(unit, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error)
            add_error(out, d);
        clang_disposeDiagnostic(d);
    }
}

void compile_errors_free(struct compile_errors *errors)
{
    for (size_t i = 0; i < errors->count; i++)
        free(errors->items[i].message);
    free(errors->items);
    memset(errors, 0, sizeof *errors);
}

/* ---- source spans --------------------------------------------------------------- */

/* A cursor's extent as offsets [start, end) in one file (expansion locations). */
static bool span_of(CXCursor c, CXFile file, unsigned *start, unsigned *end)
{
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile f1, f2;
    clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, start);
    clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, end);
    return f1 && f2 && clang_File_isEqual(f1, file) && clang_File_isEqual(f2, file) &&
           *start <= *end;
}

static bool cursor_offset(CXCursor c, CXFile file, unsigned *offset)
{
    CXFile f;
    clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, offset);
    return f && clang_File_isEqual(f, file);
}

/* ---- damage points ------------------------------------------------------------------ */

struct damage {
    unsigned offset;
    char *undeclared_callee;   /* a call to a function clang declared implicitly */
};

struct damage_scan {
    const struct compile_errors *errors;
    CXFile file;
    unsigned start, end;       /* the body */
    struct damage *items;
    size_t count, capacity;
};

static void add_damage(struct damage_scan *scan, unsigned offset, char *callee)
{
    /* The end too: an unfinished body's errors are where it stops. */
    if (offset < scan->start || offset > scan->end) {
        free(callee);
        return;
    }
    ARRAY_RESERVE(scan->items, scan->capacity, scan->count + 1);
    scan->items[scan->count++] = (struct damage){offset, callee};
}

/* clang declares an unknown callee implicitly, inside the calling function,
 * with no extent of its own. */
static bool implicitly_declared(CXCursor decl)
{
    if (clang_getCursorKind(decl) != CXCursor_FunctionDecl)
        return false;
    if (clang_getCursorKind(clang_getCursorLexicalParent(decl)) != CXCursor_FunctionDecl)
        return false;
    CXFile file;
    clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(decl)), &file, NULL, NULL,
                               NULL);
    return file == NULL;
}

static enum CXChildVisitResult find_damage(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct damage_scan *scan = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    unsigned offset;
    if (!cursor_offset(c, scan->file, &offset))
        return CXChildVisit_Recurse;
    if (clang_isExpression(kind) && clang_getCursorType(c).kind == CXType_Dependent) {
        add_damage(scan, offset, NULL);
        return CXChildVisit_Continue; /* its children belong to the same broken expression */
    }
    if (clang_isDeclaration(kind) && clang_isInvalidDeclaration(c))
        add_damage(scan, offset, NULL);
    if (kind == CXCursor_DeclRefExpr || kind == CXCursor_MemberRefExpr) {
        CXCursor ref = clang_getCursorReferenced(c);
        if (!clang_Cursor_isNull(ref) && clang_isInvalidDeclaration(ref))
            add_damage(scan, offset, NULL);
        else if (!clang_Cursor_isNull(ref) && implicitly_declared(ref))
            add_damage(scan, offset, cursor_spelling(ref));
    }
    return CXChildVisit_Recurse;
}

static void errors_in_body(struct damage_scan *scan, const struct compile_errors *errors)
{
    for (size_t i = 0; i < errors->count; i++) {
        const struct compile_error *e = &errors->items[i];
        if (e->file && clang_File_isEqual(e->file, scan->file))
            add_damage(scan, e->offset, NULL);
    }
}

/* ---- the damaged statement -------------------------------------------------------- */

struct region {
    unsigned start, end;
    bool declaration;   /* a DeclStmt clang kept */
    bool root_error;    /* a compile error at its first token (set with the tokens) */
};

struct compound_search {
    CXFile file;
    unsigned offset;
    CXCursor found;
};

/* The outermost block inside a statement that holds the offset. */
static enum CXChildVisitResult find_block(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct compound_search *s = data;
    unsigned start, end;
    if (span_of(c, s->file, &start, &end) && (s->offset < start || s->offset >= end))
        return CXChildVisit_Continue;
    if (clang_getCursorKind(c) == CXCursor_CompoundStmt) {
        s->found = c;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* Within `block`: the statement holding the offset, or the gap clang left
 * between the statements it kept. Returns the block to descend into, or a
 * null cursor when *out is set. */
static CXCursor statement_at(CXCursor block, CXFile file, unsigned offset, struct region *out)
{
    unsigned start, end;
    if (!span_of(block, file, &start, &end) || end < start + 2) {
        *out = (struct region){offset, offset, false, false};
        return clang_getNullCursor();
    }
    *out = (struct region){start + 1, end - 1, false, false}; /* inside the braces */
    struct cursor_list kids = {0};
    cursor_children(block, &kids);
    CXCursor hit = clang_getNullCursor();
    for (size_t i = 0; i < kids.count && clang_Cursor_isNull(hit); i++) {
        unsigned ks, ke;
        if (!span_of(kids.items[i], file, &ks, &ke))
            continue;
        if (ks <= offset && offset < ke)
            hit = kids.items[i];
        else if (ke <= offset && ke > out->start)
            out->start = ke;
        else if (ks > offset && ks < out->end)
            out->end = ks;
    }
    cursor_list_free(&kids);
    if (clang_Cursor_isNull(hit))
        return hit;
    if (clang_getCursorKind(hit) == CXCursor_CompoundStmt)
        return hit;
    struct compound_search search = {file, offset, clang_getNullCursor()};
    clang_visitChildren(hit, find_block, &search);
    if (!clang_Cursor_isNull(search.found))
        return search.found;
    span_of(hit, file, &out->start, &out->end);
    out->declaration = clang_getCursorKind(hit) == CXCursor_DeclStmt;
    return clang_getNullCursor();
}

static void damaged_region(CXCursor body, CXFile file, unsigned offset, struct region *out)
{
    CXCursor block = body;
    while (!clang_Cursor_isNull(block))
        block = statement_at(block, file, offset, out);
}

/* ---- what the damaged statement may do ---------------------------------------------- */

static const char *const control_words[] = {"return", "goto", "break", "continue", "if", "else",
                                            "switch", "case", "default", "while", "for", "do",
                                            NULL};
static const char *const assignments[] = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
                                          "^=", "<<=", ">>=", "++", "--", NULL};

struct token_view {
    CXTranslationUnit unit;
    CXToken *tokens;
    unsigned count;
};

static char *token_text(const struct token_view *v, unsigned i)
{
    CXString s = clang_getTokenSpelling(v->unit, v->tokens[i]);
    char *text = xstrdup(clang_getCString(s));
    clang_disposeString(s);
    return text;
}

static bool token_is(const struct token_view *v, unsigned i, CXTokenKind kind, const char *text)
{
    if (i >= v->count || clang_getTokenKind(v->tokens[i]) != kind)
        return false;
    char *spelling = token_text(v, i);
    bool same = !text || strcmp(spelling, text) == 0;
    free(spelling);
    return same;
}

static unsigned token_offset(const struct token_view *v, unsigned i)
{
    unsigned offset;
    clang_getExpansionLocation(clang_getTokenLocation(v->unit, v->tokens[i]), NULL, NULL, NULL,
                               &offset);
    return offset;
}

/* `T x`, `T *x`, `struct s x`, `const T x`...: a declaration of a new
 * variable, which nothing before it can depend on. */
static bool looks_like_declaration(const struct token_view *v)
{
    if (v->count == 0)
        return false;
    if (clang_getTokenKind(v->tokens[0]) == CXToken_Keyword) {
        char *word = token_text(v, 0);
        bool control = str_in_list(word, control_words) || strcmp(word, "sizeof") == 0;
        free(word);
        return !control;
    }
    return token_is(v, 0, CXToken_Identifier, NULL) &&
           (token_is(v, 1, CXToken_Identifier, NULL) || token_is(v, 1, CXToken_Punctuation, "*"));
}

/* An assignment is hidden when the broken part is what is assigned
 * (`locked = UNDECLARED;`) or the variable written (`n_zz = next;`, a typo
 * or a variable whose declaration clang dropped), not when it is a member of
 * what is written (`s->new_field++`: no lock path can lead there). */
static bool hides_assignment(const struct token_view *v, unsigned i, unsigned damage,
                             bool root_error)
{
    return token_offset(v, i) < damage || root_error;
}

/* A declaration clang kept whose initial value it could not build
 * (`bool locked = FALSE_UNDECLARED;`): the variable exists, its value is
 * lost. A declaration clang dropped declares nothing later code can use. */
static bool hides_initial_value(const struct token_view *v, unsigned i, unsigned damage,
                                const struct region *r)
{
    return r->declaration && token_offset(v, i) < damage;
}

static char *reason_from_tokens(const struct token_view *v, unsigned damage,
                                const struct region *r, unsigned line)
{
    bool decl = r->declaration || looks_like_declaration(v);
    unsigned words = 0;
    for (unsigned i = 0; i < v->count; i++) {
        CXTokenKind kind = clang_getTokenKind(v->tokens[i]);
        char *text = token_text(v, i);
        char *reason = NULL;
        if (kind == CXToken_Identifier && token_is(v, i + 1, CXToken_Punctuation, "("))
            reason = str_printf("line %u: clang could not build a statement that calls '%s'", line,
                                text);
        else if (kind == CXToken_Keyword && str_in_list(text, control_words))
            reason = str_printf("line %u: clang could not build a statement with '%s'", line, text);
        else if (kind == CXToken_Punctuation && !decl && str_in_list(text, assignments) &&
                 hides_assignment(v, i, damage, r->root_error))
            reason = str_printf("line %u: clang could not build an assignment", line);
        else if (kind == CXToken_Punctuation && strcmp(text, "=") == 0 &&
                 hides_initial_value(v, i, damage, r))
            reason = str_printf("line %u: clang could not build a variable's initial value",
                                line);
        words += kind == CXToken_Identifier || kind == CXToken_Keyword;
        free(text);
        if (reason)
            return reason;
    }
    if (!decl && words == 1 && token_is(v, 0, CXToken_Identifier, NULL)) {
        char *text = token_text(v, 0);
        char *reason = str_printf("line %u: clang could not build '%s' (a macro?)", line, text);
        free(text);
        return reason;
    }
    return NULL;
}

/* The region's tokens, without comments and without the `;` that ends the
 * statement before a gap (clang_tokenize may also run past the end). */
static void region_tokens(const CXToken *tokens, unsigned count, const struct region *r,
                          struct token_view *v)
{
    v->tokens = xcalloc(count + 1, sizeof *v->tokens);
    v->count = 0;
    for (unsigned i = 0; i < count; i++) {
        v->tokens[v->count++] = tokens[i];
        unsigned last = v->count - 1;
        if (token_offset(v, last) >= r->end) {
            v->count--;
            break;
        }
        bool leading_semicolon = last == 0 && token_is(v, 0, CXToken_Punctuation, ";");
        if (clang_getTokenKind(tokens[i]) == CXToken_Comment || leading_semicolon)
            v->count--;
    }
}

static bool error_at(const struct compile_errors *errors, CXFile file, unsigned offset)
{
    for (size_t i = 0; i < errors->count; i++)
        if (errors->items[i].offset == offset && errors->items[i].file &&
            clang_File_isEqual(errors->items[i].file, file))
            return true;
    return false;
}

static char *region_reason(CXTranslationUnit unit, CXFile file, struct region *r,
                           unsigned damage, const struct compile_errors *errors)
{
    if (r->end <= r->start)
        return NULL;
    unsigned line;
    clang_getExpansionLocation(clang_getLocationForOffset(unit, file, damage), NULL, &line, NULL,
                               NULL);
    CXSourceRange range = clang_getRange(clang_getLocationForOffset(unit, file, r->start),
                                         clang_getLocationForOffset(unit, file, r->end));
    CXToken *tokens;
    unsigned count;
    clang_tokenize(unit, range, &tokens, &count);
    struct token_view v = {unit, NULL, 0};
    region_tokens(tokens, count, r, &v);
    r->root_error = v.count > 0 && error_at(errors, file, token_offset(&v, 0));
    char *reason = reason_from_tokens(&v, damage, r, line);
    free(v.tokens);
    clang_disposeTokens(unit, tokens, count);
    return reason;
}

/* ---- the decision ---------------------------------------------------------------------- */

static char *damage_reason(CXTranslationUnit unit, CXCursor body, const struct damage_scan *scan,
                           const struct damage *d)
{
    if (d->undeclared_callee) {
        unsigned line;
        clang_getExpansionLocation(clang_getLocationForOffset(unit, scan->file, d->offset), NULL,
                                   &line, NULL, NULL);
        return str_printf("line %u: calls '%s', which is not declared", line,
                          d->undeclared_callee);
    }
    struct region r;
    damaged_region(body, scan->file, d->offset, &r);
    return region_reason(unit, scan->file, &r, d->offset, scan->errors);
}

/* A body cut short (a buffer being typed) has no closing brace: clang ends it
 * where the file ends, and what follows the cut is unknown. */
static char *unfinished_body(CXTranslationUnit unit, const struct damage_scan *scan)
{
    size_t size;
    const char *text = clang_getFileContents(unit, scan->file, &size);
    if (!text || scan->end == 0 || scan->end > size)
        return NULL;
    size_t last = scan->end;
    while (last > scan->start && strchr(" \t\r\n\f\v", text[last - 1]))
        last--;
    if (last > scan->start && text[last - 1] == '}')
        return NULL;
    unsigned line;
    clang_getExpansionLocation(clang_getLocationForOffset(unit, scan->file, (unsigned)last),
                               NULL, &line, NULL, NULL);
    return str_printf("line %u: its body is cut short (no closing brace)", line);
}

static int damage_compare(const void *a, const void *b)
{
    unsigned x = ((const struct damage *)a)->offset, y = ((const struct damage *)b)->offset;
    return x < y ? -1 : x > y;
}

char *invalid_code_reason(CXTranslationUnit unit, const struct compile_errors *errors,
                          CXCursor definition)
{
    if (!errors || errors->count == 0)
        return NULL;
    CXCursor body = cursor_function_body(definition);
    if (clang_Cursor_isNull(body))
        return NULL;
    struct damage_scan scan = {.errors = errors};
    CXSourceLocation loc = clang_getCursorLocation(body);
    clang_getExpansionLocation(loc, &scan.file, NULL, NULL, NULL);
    if (!scan.file || !span_of(body, scan.file, &scan.start, &scan.end))
        return NULL;
    char *unfinished = unfinished_body(unit, &scan);
    if (unfinished)
        return unfinished;
    errors_in_body(&scan, errors);
    clang_visitChildren(body, find_damage, &scan);
    if (scan.count > 1)
        qsort(scan.items, scan.count, sizeof *scan.items, damage_compare);
    char *reason = NULL;
    for (size_t i = 0; i < scan.count && !reason; i++)
        reason = damage_reason(unit, body, &scan, &scan.items[i]);
    for (size_t i = 0; i < scan.count; i++)
        free(scan.items[i].undeclared_callee);
    free(scan.items);
    return reason;
}
