/*
 * lock_expr.c: building, normalising, comparing and printing lock
 * expressions (see lock_expr.h).
 */
#include "ast/lock_expr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "util/memory.h"
#include "util/strbuf.h"
#include "util/strings.h"

void lock_expr_push(struct lock_expr *e, enum lock_step_kind kind, const char *name)
{
    e->steps = xrealloc(e->steps, (e->step_count + 1) * sizeof *e->steps);
    e->steps[e->step_count].kind = kind;
    e->steps[e->step_count].name = name ? xstrdup(name) : NULL;
    e->steps[e->step_count].id = NULL;
    e->step_count++;
}

void lock_expr_push_index(struct lock_expr *e, const char *written, const char *key)
{
    lock_expr_push(e, LOCK_STEP_INDEX, written);
    e->steps[e->step_count - 1].id = xstrdup(key);
}

void lock_expr_push_step(struct lock_expr *e, const struct lock_step *step)
{
    lock_expr_push(e, step->kind, step->name);
    if (step->id)
        e->steps[e->step_count - 1].id = xstrdup(step->id);
}

char *lock_expr_class(const struct lock_expr *e)
{
    if (e->step_count == 0)
        return e->root_kind == LOCK_ROOT_GLOBAL ? xstrdup(e->root_id) : NULL;
    const struct lock_step *last = &e->steps[e->step_count - 1];
    return last->kind == LOCK_STEP_FIELD && last->id ? xstrdup(last->id) : NULL;
}

void lock_expr_free(struct lock_expr *e)
{
    free(e->root_id);
    free(e->root_name);
    for (size_t i = 0; i < e->step_count; i++) {
        free(e->steps[i].name);
        free(e->steps[i].id);
    }
    free(e->steps);
    memset(e, 0, sizeof *e);
}

void lock_expr_copy(struct lock_expr *dst, const struct lock_expr *src)
{
    memset(dst, 0, sizeof *dst);
    dst->root_kind = src->root_kind;
    dst->root_thread_local = src->root_thread_local;
    dst->root_id = xstrdup(src->root_id);
    dst->root_name = xstrdup(src->root_name);
    for (size_t i = 0; i < src->step_count; i++) {
        lock_expr_push(dst, src->steps[i].kind, src->steps[i].name);
        if (src->steps[i].id)
            dst->steps[i].id = xstrdup(src->steps[i].id);
    }
}

bool lock_expr_per_thread(const struct lock_expr *e)
{
    if (!e->root_thread_local)
        return false;
    for (size_t i = 0; i < e->step_count; i++)
        if (e->steps[i].kind == LOCK_STEP_DEREF)
            return false;
    return true;
}

void lock_expr_normalize(struct lock_expr *e)
{
    size_t out = 0;
    for (size_t i = 0; i < e->step_count; i++) {
        struct lock_step step = e->steps[i];
        if (out > 0) {
            enum lock_step_kind prev = e->steps[out - 1].kind;
            if ((prev == LOCK_STEP_ADDR && step.kind == LOCK_STEP_DEREF) ||
                (prev == LOCK_STEP_DEREF && step.kind == LOCK_STEP_ADDR)) {
                free(e->steps[out - 1].name);
                free(e->steps[out - 1].id);
                free(step.name);
                free(step.id);
                out--;
                continue;
            }
        }
        e->steps[out++] = step;
    }
    e->step_count = out;
}


static int parameter_index(CXCursor function, CXCursor param)
{
    int n = clang_Cursor_getNumArguments(function);
    for (int i = 0; i < n; i++)
        if (clang_equalCursors(clang_Cursor_getArgument(function, (unsigned)i), param))
            return i;
    return -1;
}

/* Appends source text to buf as its tokens joined: without whitespace,
 * comments or line continuations; literals as written. */
static void append_compact(struct strbuf *buf, const char *text, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        char c = text[i];
        if (c == '/' && i + 1 < size && text[i + 1] == '/') {
            while (i < size && text[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < size && text[i + 1] == '*') {
            for (i += 2; i + 1 < size && !(text[i] == '*' && text[i + 1] == '/'); i++)
                ;
            i++;
        } else if (c == '"' || c == '\'') {
            size_t start = i;
            for (i++; i < size && text[i] != c && text[i] != '\n'; i++)
                if (text[i] == '\\')
                    i++;
            strbuf_append_n(buf, text + start, (i < size ? i + 1 : size) - start);
        } else if (c == '\\' && i + 1 < size && text[i + 1] == '\n') {
            i++;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') {
            strbuf_append_n(buf, &c, 1);
        }
    }
}

/* The tokens of a cursor's extent, joined: the identity of opaque roots.
 * Read from the file's text where the tokens are spelled (as clang_tokenize
 * would lex them, at a fraction of its cost on long functions). */
static char *cursor_tokens(CXCursor c)
{
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
    CXSourceRange extent = clang_getCursorExtent(c);
    CXFile first_file, last_file;
    unsigned first, last;
    clang_getSpellingLocation(clang_getRangeStart(extent), &first_file, NULL, NULL, &first);
    clang_getSpellingLocation(clang_getRangeEnd(extent), &last_file, NULL, NULL, &last);
    struct strbuf buf = {0};
    size_t size = 0;
    const char *text = first_file && clang_File_isEqual(first_file, last_file)
                       ? clang_getFileContents(tu, first_file, &size) : NULL;
    if (text && first < last && last <= size)
        append_compact(&buf, text + first, last - first);
    if (buf.len == 0)
        strbuf_append(&buf, "<expression>");
    return strbuf_take(&buf);
}

static bool root_from_decl(const struct lock_expr_ctx *ctx, CXCursor decl, struct lock_expr *out)
{
    enum CXCursorKind kind = clang_getCursorKind(decl);
    if (kind == CXCursor_ParmDecl) {
        int index = parameter_index(ctx->function, decl);
        if (index < 0)
            return false;
        out->root_kind = LOCK_ROOT_PARAM;
        out->root_id = str_printf("$%d", index);
        out->root_name = cursor_spelling(decl);
        return true;
    }
    if (kind != CXCursor_VarDecl)
        return false;
    if (ctx->alias && ctx->alias(ctx->alias_data, decl, out))
        return true;
    CXCursor parent = clang_getCursorSemanticParent(decl);
    bool local = clang_getCursorKind(parent) != CXCursor_TranslationUnit &&
                 clang_Cursor_getStorageClass(decl) != CX_SC_Static &&
                 clang_Cursor_getStorageClass(decl) != CX_SC_Extern;
    out->root_kind = local ? LOCK_ROOT_LOCAL : LOCK_ROOT_GLOBAL;
    out->root_thread_local = clang_getCursorTLSKind(clang_getCanonicalCursor(decl)) != CXTLS_None;
    out->root_id = cursor_usr(decl);
    out->root_name = cursor_spelling(decl);
    if (!local && clang_getCursorLinkage(decl) == CXLinkage_External) {
        /* The same extern global seen from different files has one identity. */
        free(out->root_id);
        out->root_id = str_printf("global:%s", out->root_name);
    }
    return true;
}

bool lock_expr_from_decl(const struct lock_expr_ctx *ctx, CXCursor decl, struct lock_expr *out)
{
    memset(out, 0, sizeof *out);
    struct lock_expr_ctx plain = *ctx;
    plain.alias = NULL;
    if (!root_from_decl(&plain, decl, out)) {
        lock_expr_free(out);
        return false;
    }
    return true;
}

static bool is_pointer_typed(CXCursor e)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(e));
    return t.kind == CXType_Pointer;
}

/* An index as written (for messages) and as compared (for keys). */
static void index_text(const struct lock_expr_ctx *ctx, CXCursor index, char **written, char **key)
{
    long long value;
    if (cursor_int_value(index, &value)) {
        *written = str_printf("%lld", value);
        *key = xstrdup(*written);
        return;
    }
    struct lock_expr e = {0};
    if (lock_expr_from_value(ctx, index, &e)) {
        *written = lock_expr_display(&e);
        *key = lock_expr_key(&e);
        lock_expr_free(&e);
        return;
    }
    *written = cursor_tokens(index);
    *key = xstrdup(*written);
}

static void make_opaque(CXCursor e, struct lock_expr *out)
{
    lock_expr_free(out);
    out->root_kind = LOCK_ROOT_OPAQUE;
    out->root_name = cursor_tokens(e);
    out->root_id = str_printf("?%s", out->root_name);
}

/* Dereferencing `operand`: an array (decayed to a pointer to its first
 * element, `l->slots` for `&l->slots[0]`) gives its element 0, anything
 * else a `*` step. */
static void push_deref_of(CXCursor operand, struct lock_expr *out)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(cursor_strip(operand)));
    if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
        t.kind == CXType_VariableArray)
        lock_expr_push_index(out, "0", "0");
    else
        lock_expr_push(out, LOCK_STEP_DEREF, NULL);
}

bool lock_expr_from_value(const struct lock_expr_ctx *ctx, CXCursor e, struct lock_expr *out)
{
    memset(out, 0, sizeof *out);
    e = cursor_strip(e);
    struct cursor_list kids = {0};
    bool ok = false;
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr:
        ok = root_from_decl(ctx, clang_getCursorReferenced(e), out);
        break;
    case CXCursor_MemberRefExpr: {
        cursor_children(e, &kids);
        if (kids.count != 1)
            break;
        CXCursor base = kids.items[0];
        if (!lock_expr_from_value(ctx, base, out))
            break;
        if (is_pointer_typed(cursor_strip(base)) || is_pointer_typed(base))
            lock_expr_push(out, LOCK_STEP_DEREF, NULL);
        char *field = cursor_spelling(e);
        lock_expr_push(out, LOCK_STEP_FIELD, field);
        free(field);
        CXCursor decl = clang_getCursorReferenced(e);
        if (!clang_Cursor_isNull(decl))
            out->steps[out->step_count - 1].id = cursor_usr(decl);
        ok = true;
        break;
    }
    case CXCursor_UnaryOperator: {
        enum CXUnaryOperatorKind op = cursor_unary_op(e);
        if (op != CXUnaryOperator_AddrOf && op != CXUnaryOperator_Deref)
            break;
        cursor_children(e, &kids);
        if (kids.count != 1 || !lock_expr_from_value(ctx, kids.items[0], out))
            break;
        if (op == CXUnaryOperator_AddrOf)
            lock_expr_push(out, LOCK_STEP_ADDR, NULL);
        else
            push_deref_of(kids.items[0], out);
        ok = true;
        break;
    }
    case CXCursor_ArraySubscriptExpr: {
        cursor_children(e, &kids);
        if (kids.count != 2 || !lock_expr_from_value(ctx, kids.items[0], out))
            break;
        char *written, *key;
        index_text(ctx, kids.items[1], &written, &key);
        /* A pointer-based p[i] is *(p + i): keep it as an element of p's target. */
        lock_expr_push_index(out, written, key);
        free(written);
        free(key);
        ok = true;
        break;
    }
    default:
        break;
    }
    cursor_list_free(&kids);
    if (!ok) {
        if (clang_Cursor_isNull(e) || !clang_isExpression(clang_getCursorKind(e))) {
            lock_expr_free(out);
            return false;
        }
        make_opaque(e, out);
    }
    lock_expr_normalize(out);
    return true;
}

bool lock_expr_from_pointer(const struct lock_expr_ctx *ctx, CXCursor arg, struct lock_expr *out)
{
    if (!lock_expr_from_value(ctx, arg, out))
        return false;
    push_deref_of(arg, out);
    lock_expr_normalize(out);
    return true;
}

/* The text one step adds to a key, in one or two pieces (pieces[1] may
 * be NULL): each index as compared, or as "[]" (any_index). key_text
 * writes these; key_relation matches them without building the key. */
static void step_pieces(const struct lock_step *step, bool any_index, const char *pieces[2])
{
    pieces[1] = NULL;
    switch (step->kind) {
    case LOCK_STEP_DEREF: pieces[0] = "|*"; break;
    case LOCK_STEP_ADDR: pieces[0] = "|&"; break;
    case LOCK_STEP_FIELD:
        pieces[0] = "|.";
        pieces[1] = step->name;
        break;
    case LOCK_STEP_INDEX:
        pieces[0] = any_index ? "|[]" : "|[";
        if (!any_index)
            pieces[1] = step->id ? step->id : step->name;
        break;
    }
}

/* The key, with each index as compared, or as "[]" (any_index). */
static char *key_text(const struct lock_expr *e, bool any_index)
{
    struct strbuf buf = {0};
    strbuf_append(&buf, e->root_id);
    for (size_t i = 0; i < e->step_count; i++) {
        const char *pieces[2];
        step_pieces(&e->steps[i], any_index, pieces);
        strbuf_append(&buf, pieces[0]);
        if (pieces[1])
            strbuf_append(&buf, pieces[1]);
    }
    return strbuf_take(&buf);
}

char *lock_expr_key(const struct lock_expr *e)
{
    return key_text(e, false);
}

char *lock_expr_shape(const struct lock_expr *e)
{
    return key_text(e, true);
}

char *lock_expr_display(const struct lock_expr *e)
{
    char *text = xstrdup(e->root_name);
    /* A trailing dereference is how a pointer names its lock: show `m`, not `*m`. */
    size_t count = e->step_count;
    if (count > 0 && e->steps[count - 1].kind == LOCK_STEP_DEREF)
        count--;
    for (size_t i = 0; i < count; i++) {
        const struct lock_step *step = &e->steps[i];
        char *next;
        if (step->kind == LOCK_STEP_DEREF && i + 1 < count && e->steps[i + 1].kind == LOCK_STEP_FIELD) {
            next = str_printf("%s->%s", text, e->steps[i + 1].name);
            i++;
        } else if (step->kind == LOCK_STEP_DEREF) {
            next = str_printf("(*%s)", text);
        } else if (step->kind == LOCK_STEP_ADDR) {
            next = str_printf("(&%s)", text);
        } else if (step->kind == LOCK_STEP_FIELD) {
            next = str_printf("%s.%s", text, step->name);
        } else {
            next = str_printf("%s[%s]", text, step->name);
        }
        free(text);
        text = next;
    }
    /* Outer parentheses add nothing in a message. */
    size_t len = strlen(text);
    if (len > 2 && text[0] == '(' && text[len - 1] == ')') {
        int depth = 0;
        bool wraps = true;
        for (size_t i = 0; i < len; i++) {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (depth == 0 && i + 1 < len)
                wraps = false;
        }
        if (wraps) {
            memmove(text, text + 1, len - 2);
            text[len - 2] = '\0';
        }
    }
    return text;
}

/* "$i" or "$i|..." names argument i. */
static bool param_reference(const char *key, int *index, const char **rest)
{
    if (key[0] != '$')
        return false;
    char *end;
    long n = strtol(key + 1, &end, 10);
    if (end == key + 1 || (*end != '\0' && *end != '|'))
        return false;
    *index = (int)n;
    *rest = end;
    return true;
}

bool lock_expr_substitute(const struct lock_expr *summary_expr, const struct lock_expr *args,
                          size_t arg_count, struct lock_expr *out)
{
    memset(out, 0, sizeof *out);
    if (summary_expr->root_kind != LOCK_ROOT_PARAM) {
        out->root_kind = summary_expr->root_kind;
        out->root_id = xstrdup(summary_expr->root_id);
        out->root_name = xstrdup(summary_expr->root_name);
    } else {
        int index = atoi(summary_expr->root_id + 1);
        if (index < 0 || (size_t)index >= arg_count || !args[index].root_id)
            return false;
        lock_expr_copy(out, &args[index]);
    }
    for (size_t i = 0; i < summary_expr->step_count; i++) {
        const struct lock_step *step = &summary_expr->steps[i];
        int index;
        const char *rest;
        if (step->kind == LOCK_STEP_INDEX && step->id && param_reference(step->id, &index, &rest)) {
            /* An index that is a parameter: the caller's argument. */
            if (index < 0 || (size_t)index >= arg_count || !args[index].root_id || *rest) {
                lock_expr_free(out);
                return false;
            }
            char *key = lock_expr_key(&args[index]);
            char *written = lock_expr_display(&args[index]);
            lock_expr_push_index(out, written, key);
            free(key);
            free(written);
        } else {
            lock_expr_push_step(out, step);
        }
    }
    lock_expr_normalize(out);
    return true;
}

bool lock_expr_visible_to_caller(const struct lock_expr *e)
{
    return e->root_kind == LOCK_ROOT_GLOBAL || e->root_kind == LOCK_ROOT_PARAM;
}

bool lock_expr_in_frame(const struct lock_expr *e)
{
    if (e->root_kind != LOCK_ROOT_LOCAL)
        return false;
    for (size_t i = 0; i < e->step_count; i++)
        if (e->steps[i].kind == LOCK_STEP_DEREF)
            return false;
    return true;
}

static bool key_has_prefix(const char *key, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(key, prefix, n) == 0 && (key[n] == '\0' || key[n] == '|');
}

static bool index_depends_on(const struct lock_expr *e, const char *value_key)
{
    for (size_t i = 0; i < e->step_count; i++)
        if (e->steps[i].kind == LOCK_STEP_INDEX && e->steps[i].id &&
            key_has_prefix(e->steps[i].id, value_key))
            return true;
    return false;
}

/* One piece of e's key (key_text) against value_key from *p: -1 when the
 * piece matched and value_key goes on (or ends right after it), else the
 * relation decided here: 2 when value_key ended inside the piece where
 * e's key goes on with '|', 0 otherwise. */
static int match_piece(const char **p, const char *piece)
{
    const char *v = *p;
    while (*piece && *v == *piece)
        piece++, v++;
    *p = v;
    if (!*piece)
        return -1;
    return !*v && *piece == '|' ? 2 : 0;
}

/* 1: e's key is value_key; 2: it strictly starts with it (up to a '|');
 * 0: neither. The key is matched piece by piece, not built: a long
 * function asks this of every lock sharing a root at every assignment. */
static int key_relation(const struct lock_expr *e, const char *value_key)
{
    if (!e->root_id)
        return 0;
    const char *p = value_key;
    int r = match_piece(&p, e->root_id);
    if (r >= 0) /* value_key is not e's root, nor starts with it */
        return 0;
    for (size_t i = 0; r < 0 && i < e->step_count; i++) {
        const char *pieces[2];
        step_pieces(&e->steps[i], false, pieces);
        r = match_piece(&p, pieces[0]);
        if (r < 0 && pieces[1])
            r = match_piece(&p, pieces[1]);
    }
    if (r >= 0)
        return r;
    return *p ? 0 : 1;
}

bool lock_expr_depends_on(const struct lock_expr *e, const char *value_key)
{
    /* The lock itself is not a value the expression depends on: `m = x`
     * does not rename `m`'s lock, but `p = x` renames `p->mu` and `*p`. */
    return key_relation(e, value_key) == 2 || index_depends_on(e, value_key);
}

bool lock_expr_reads(const struct lock_expr *e, const char *value_key)
{
    return key_relation(e, value_key) != 0 || index_depends_on(e, value_key);
}
