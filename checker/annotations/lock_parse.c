/*
 * lock_parse.c: parsing the lock expressions written in annotations (see
 * lock_parse.h).
 *
 * The grammar is the part of C that names an object:
 *     expr    := '*' expr | '&' expr | postfix
 *     postfix := primary ( '->' name | '.' name | '[' tokens ']' )*
 *     primary := name | '(' expr ')'
 * The type of the expression is followed along (parameter, field and global
 * types from libclang) so that a pointer to a lock can be turned into the
 * lock itself, and so that messages can say "mutex" or "rwlock".
 */
#include "annotations/lock_parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "report/finding.h"
#include "util/memory.h"
#include "util/strbuf.h"
#include "util/strings.h"

struct lexer {
    char **tokens;
    size_t count, capacity;
    size_t at;
};

static void lex(const char *text, struct lexer *lx)
{
    memset(lx, 0, sizeof *lx);
    const char *p = text;
    while (*p) {
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        size_t len = 1;
        if (is_identifier_char((unsigned char)*p)) {
            while (is_identifier_char((unsigned char)p[len]))
                len++;
        } else if (p[0] == '-' && p[1] == '>') {
            len = 2;
        }
        ARRAY_RESERVE(lx->tokens, lx->capacity, lx->count + 1);
        lx->tokens[lx->count++] = xstrndup(p, len);
        p += len;
    }
}

static void lexer_free(struct lexer *lx)
{
    for (size_t i = 0; i < lx->count; i++)
        free(lx->tokens[i]);
    free(lx->tokens);
}

static const char *peek(const struct lexer *lx)
{
    return lx->at < lx->count ? lx->tokens[lx->at] : "";
}

static bool accept(struct lexer *lx, const char *tok)
{
    if (strcmp(peek(lx), tok) != 0)
        return false;
    lx->at++;
    return true;
}

static bool is_name(const char *tok)
{
    return (isalpha((unsigned char)tok[0]) || tok[0] == '_');
}

char **split_annotation_args(const char *args, unsigned *count)
{
    char **out = NULL;
    size_t capacity = 0;
    *count = 0;
    int depth = 0;
    const char *start = args;
    for (const char *p = args;; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if (*p == ')' || *p == ']')
            depth--;
        if (*p == '\0' || (*p == ',' && depth == 0)) {
            while (isspace((unsigned char)*start))
                start++;
            size_t len = (size_t)(p - start);
            while (len > 0 && isspace((unsigned char)start[len - 1]))
                len--;
            if (len > 0) {
                ARRAY_RESERVE(out, capacity, *count + 1);
                out[(*count)++] = xstrndup(start, len);
            }
            if (*p == '\0')
                break;
            start = p + 1;
        }
    }
    return out;
}

bool parse_success_value(const char *text, long long *value)
{
    while (isspace((unsigned char)*text))
        text++;
    if (strncmp(text, "true", 4) == 0) {
        *value = 1;
        return true;
    }
    if (strncmp(text, "false", 5) == 0) {
        *value = 0;
        return true;
    }
    char *end;
    *value = strtoll(text, &end, 0);
    return end != text;
}

/* ---- the expression being built, with its type ---------------------------- */

struct parsed {
    struct lock_expr expr;
    CXType type;
    bool type_known;
    int address_of;     /* pending `&` not yet cancelled by a dereference */
};

static void step_deref(struct parsed *p)
{
    lock_expr_push(&p->expr, LOCK_STEP_DEREF, NULL);
    if (p->address_of > 0) {
        p->address_of--;
        return;
    }
    if (!p->type_known)
        return;
    CXType t = clang_getCanonicalType(p->type);
    if (t.kind == CXType_Pointer)
        p->type = clang_getPointeeType(t);
    else if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
        p->type = clang_getArrayElementType(t);
    else
        p->type_known = false;
}

static CXCursor record_field(CXCursor record, const char *name)
{
    return cursor_child_named(record, CXCursor_FieldDecl, name);
}

static void step_field(struct parsed *p, const char *name)
{
    lock_expr_push(&p->expr, LOCK_STEP_FIELD, name);
    if (!p->type_known || p->address_of > 0) {
        p->type_known = false;
        return;
    }
    CXCursor record = clang_getTypeDeclaration(clang_getCanonicalType(p->type));
    CXCursor field = record_field(record, name);
    p->type_known = !clang_Cursor_isNull(field);
    if (p->type_known)
        p->type = clang_getCursorType(field);
}

static void step_index(struct parsed *p, const char *key)
{
    lock_expr_push(&p->expr, LOCK_STEP_INDEX, key);
    if (!p->type_known)
        return;
    CXType t = clang_getCanonicalType(p->type);
    if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
        p->type = clang_getArrayElementType(t);
    else if (t.kind == CXType_Pointer)
        p->type = clang_getPointeeType(t);
    else
        p->type_known = false;
}

/* ---- roots ------------------------------------------------------------------ */

static void set_root(struct parsed *p, enum lock_root_kind kind, char *id, const char *name)
{
    p->expr.root_kind = kind;
    p->expr.root_id = id;
    p->expr.root_name = xstrdup(name);
}

static bool root_parameter(const struct annotation_scope *scope, const char *name, struct parsed *p)
{
    for (unsigned f = 0; f < scope->function_count; f++) {
        CXCursor function = scope->functions[f];
        int n = clang_Cursor_getNumArguments(function);
        for (int i = 0; i < n; i++) {
            CXCursor param = clang_Cursor_getArgument(function, (unsigned)i);
            char *spelling = cursor_spelling(param);
            bool match = strcmp(spelling, name) == 0;
            free(spelling);
            if (match) {
                set_root(p, LOCK_ROOT_PARAM, str_printf("$%d", i), name);
                p->type = clang_getCursorType(param);
                p->type_known = true;
                return true;
            }
        }
    }
    return false;
}

static bool root_sibling(const struct annotation_scope *scope, const char *name, struct parsed *p)
{
    CXCursor field = record_field(scope->record, name);
    if (clang_Cursor_isNull(field))
        return false;
    set_root(p, LOCK_ROOT_PARAM, xstrdup("$0"), "");
    step_field(p, name);
    p->type = clang_getCursorType(field);
    p->type_known = true;
    return true;
}

static bool root_global(const struct annotation_scope *scope, const char *name, struct parsed *p)
{
    CXCursor var;
    if (!scope->find_global || !scope->find_global(scope->find_global_data, name, &var))
        return false;
    /* The same identity the code's own uses of the global get. */
    struct lock_expr_ctx ctx = {.function = clang_getNullCursor()};
    struct lock_expr global;
    if (!lock_expr_from_decl(&ctx, var, &global))
        return false;
    set_root(p, LOCK_ROOT_GLOBAL, global.root_id, name);
    global.root_id = NULL;
    lock_expr_free(&global);
    p->type = clang_getCursorType(var);
    p->type_known = true;
    return true;
}

static void resolve_root(const struct annotation_scope *scope, const char *name, struct parsed *p)
{
    if (root_parameter(scope, name, p) || root_sibling(scope, name, p) || root_global(scope, name, p))
        return;
    set_root(p, LOCK_ROOT_OPAQUE, str_printf("?%s", name), name);
    p->type_known = false;
}

/* ---- the grammar ---------------------------------------------------------------- */

static bool parse_expr(const struct annotation_scope *scope, struct lexer *lx, struct parsed *p);

static bool parse_index(struct lexer *lx, struct parsed *p)
{
    struct strbuf key = {0};
    int depth = 1;
    while (lx->at < lx->count) {
        const char *tok = lx->tokens[lx->at++];
        if (strcmp(tok, "[") == 0)
            depth++;
        else if (strcmp(tok, "]") == 0 && --depth == 0)
            break;
        strbuf_append(&key, tok);
    }
    char *text = strbuf_take(&key);
    char *end;
    long long value = strtoll(text, &end, 0);
    if (*text && *end == '\0') {
        free(text);
        text = str_printf("%lld", value);
    }
    step_index(p, text);
    free(text);
    return depth == 0;
}

static bool parse_postfix(const struct annotation_scope *scope, struct lexer *lx, struct parsed *p)
{
    if (accept(lx, "(")) {
        if (!parse_expr(scope, lx, p) || !accept(lx, ")"))
            return false;
    } else if (is_name(peek(lx))) {
        resolve_root(scope, lx->tokens[lx->at++], p);
    } else {
        return false;
    }
    for (;;) {
        if (accept(lx, "->")) {
            if (!is_name(peek(lx)))
                return false;
            step_deref(p);
            step_field(p, lx->tokens[lx->at++]);
        } else if (accept(lx, ".")) {
            if (!is_name(peek(lx)))
                return false;
            step_field(p, lx->tokens[lx->at++]);
        } else if (accept(lx, "[")) {
            if (!parse_index(lx, p))
                return false;
        } else {
            return true;
        }
    }
}

static bool parse_expr(const struct annotation_scope *scope, struct lexer *lx, struct parsed *p)
{
    if (accept(lx, "*")) {
        if (!parse_expr(scope, lx, p))
            return false;
        step_deref(p);
        return true;
    }
    if (accept(lx, "&")) {
        if (!parse_expr(scope, lx, p))
            return false;
        lock_expr_push(&p->expr, LOCK_STEP_ADDR, NULL);
        p->address_of++;
        return true;
    }
    return parse_postfix(scope, lx, p);
}

static const char *lock_kind_of(CXType type)
{
    CXString s = clang_getTypeSpelling(type);
    CXString c = clang_getTypeSpelling(clang_getCanonicalType(type));
    const char *names[2] = {clang_getCString(s), clang_getCString(c)};
    const char *kind = "lock";
    for (int i = 0; i < 2 && strcmp(kind, "lock") == 0; i++) {
        if (strstr(names[i], "rwlock"))
            kind = "rwlock";
        else if (strstr(names[i], "spinlock"))
            kind = "spinlock";
        else if (strstr(names[i], "mutex") || strstr(names[i], "mtx"))
            kind = "mutex";
    }
    clang_disposeString(s);
    clang_disposeString(c);
    return kind;
}

bool lock_parse(const struct annotation_scope *scope, const char *text, struct lock_expr *out,
                const char **kind)
{
    struct lexer lx;
    lex(text, &lx);
    struct parsed p;
    memset(&p, 0, sizeof p);
    bool ok = parse_expr(scope, &lx, &p) && lx.at == lx.count;
    lexer_free(&lx);
    if (!ok) {
        lock_expr_free(&p.expr);
        return false;
    }
    /* A pointer names the lock it points to. */
    if (p.address_of > 0) {
        lock_expr_push(&p.expr, LOCK_STEP_DEREF, NULL);
    } else if (p.type_known && clang_getCanonicalType(p.type).kind == CXType_Pointer) {
        step_deref(&p);
    }
    lock_expr_normalize(&p.expr);
    *kind = p.type_known ? lock_kind_of(p.type) : "lock";
    *out = p.expr;
    return true;
}
