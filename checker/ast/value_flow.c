/*
 * value_flow.c: where a value comes from within a function (see
 * value_flow.h).
 *
 * One walk over the function records every store (initialisers, `=`,
 * compound assignments and `++`/`--`, which store an unknown value) keyed by
 * the object_key of what is written, and every pointer that leaves the
 * expression it was computed in (a call argument, a copy, a return value,
 * an initialiser): the object it points to "escapes", and stores made
 * through the copy would not be seen, so that object and everything inside
 * it have no known value. Questions are then answered by following stores
 * backwards, to a bounded depth.
 */
#include "ast/value_flow.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/object_key.h"
#include "ast/threads.h"
#include "util/hash.h"
#include "util/memory.h"
#include "util/strings.h"

#define MAX_DEPTH 16
#define QUERY_BUDGET 4096   /* resolve steps per question: copies of copies
                               in loops could otherwise branch exponentially */

/* ---- functions that return a parameter (memoised per environment) ---------- */

enum { RETURNS_COMPUTING = -2 };

struct returned_parameter {
    char *usr;
    int index;           /* -1: none; RETURNS_COMPUTING while its body is read */
};

struct value_flow_env {
    struct returned_parameter *items;
    size_t count, capacity;
    unsigned nesting;    /* bodies being read, one inside the other */
};

#define MAX_NESTING 32

struct value_flow_env *value_flow_env_new(void)
{
    return xcalloc(1, sizeof(struct value_flow_env));
}

void value_flow_env_free(struct value_flow_env *env)
{
    if (!env)
        return;
    for (size_t i = 0; i < env->count; i++)
        free(env->items[i].usr);
    free(env->items);
    free(env);
}

/* ---- the stores of one function ------------------------------------------------- */

struct value_store {
    char *key;           /* object_key of what is written */
    char *text;          /* how the source names it, for notes */
    CXCursor at;         /* the assignment, declaration or compound literal */
    CXCursor target;     /* the variable or the lvalue written */
    CXCursor value;      /* null: an unknown value */
};

/* Everything known about one object key: its stores, in walk order, and
 * whether a pointer to it escapes. */
struct key_entry {
    char *key;
    size_t *stores;       /* indices into value_flow.stores */
    size_t store_count, store_capacity;
    size_t valued;        /* stores of something other than a null constant */
    bool escaped;
};

struct value_flow {
    struct value_flow_env *env;
    CXCursor function;
    struct value_store *stores;
    size_t store_count, store_capacity;
    struct key_entry *keys;        /* in order of first appearance */
    size_t key_count, key_capacity;
    size_t *slots;                 /* open addressing over keys: index + 1, 0 empty */
    size_t slot_count;             /* a power of two, at least twice key_count */
    unsigned budget;      /* resolve steps left for the current question */
};

/* `key` is `prefix` or an object inside it (`prefix.f`, `prefix[]`). */
static bool key_within(const char *key, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(key, prefix, n) == 0 && (key[n] == '\0' || key[n] == '.' || key[n] == '[');
}

static bool is_null_constant(CXCursor e)
{
    enum CXCursorKind kind = clang_getCursorKind(e);
    return kind == CXCursor_IntegerLiteral || kind == CXCursor_GNUNullExpr ||
           kind == CXCursor_CXXNullPtrLiteralExpr;
}

/* ---- the table of keys ------------------------------------------------------------ */

/* The slot holding `key`, or the empty slot where it would go. */
static size_t *key_slot(const struct value_flow *vf, const char *key)
{
    size_t mask = vf->slot_count - 1;
    for (size_t i = hash_string(HASH_SEED, key) & mask;; i = (i + 1) & mask)
        if (!vf->slots[i] || strcmp(vf->keys[vf->slots[i] - 1].key, key) == 0)
            return &vf->slots[i];
}

static struct key_entry *find_key(const struct value_flow *vf, const char *key)
{
    if (!vf->slot_count)
        return NULL;
    size_t at = *key_slot(vf, key);
    return at ? &vf->keys[at - 1] : NULL;
}

static void grow_slots(struct value_flow *vf)
{
    free(vf->slots);
    vf->slot_count = vf->slot_count ? vf->slot_count * 2 : 64;
    vf->slots = xcalloc(vf->slot_count, sizeof *vf->slots);
    for (size_t i = 0; i < vf->key_count; i++)
        *key_slot(vf, vf->keys[i].key) = i + 1;
}

static struct key_entry *key_entry_for(struct value_flow *vf, const char *key)
{
    struct key_entry *found = find_key(vf, key);
    if (found)
        return found;
    if (2 * (vf->key_count + 1) > vf->slot_count)
        grow_slots(vf);
    ARRAY_RESERVE(vf->keys, vf->key_capacity, vf->key_count + 1);
    struct key_entry *e = &vf->keys[vf->key_count++];
    memset(e, 0, sizeof *e);
    e->key = xstrdup(key);
    *key_slot(vf, key) = vf->key_count;
    return e;
}

static void add_store(struct value_flow *vf, char *key, char *text, CXCursor at, CXCursor target,
                      CXCursor value)
{
    struct key_entry *e = key_entry_for(vf, key);
    ARRAY_RESERVE(e->stores, e->store_capacity, e->store_count + 1);
    e->stores[e->store_count++] = vf->store_count;
    e->valued += clang_Cursor_isNull(value) || !is_null_constant(cursor_strip(value));
    ARRAY_RESERVE(vf->stores, vf->store_capacity, vf->store_count + 1);
    vf->stores[vf->store_count++] = (struct value_store){
        .key = key, .text = text, .at = at, .target = target, .value = value};
}

static void add_unknown_store(struct value_flow *vf, const char *key, CXCursor at)
{
    add_store(vf, xstrdup(key), xstrdup(""), at, at, clang_getNullCursor());
}

static bool is_pointer_like(CXType t)
{
    enum CXTypeKind kind = clang_getCanonicalType(t).kind;
    return kind == CXType_Pointer || kind == CXType_ConstantArray ||
           kind == CXType_IncompleteArray || kind == CXType_VariableArray;
}

static bool is_aggregate(CXType t)
{
    enum CXTypeKind kind = clang_getCanonicalType(t).kind;
    return kind == CXType_Record || kind == CXType_ConstantArray ||
           kind == CXType_IncompleteArray || kind == CXType_VariableArray;
}

static char *literal_key(CXCursor literal)
{
    return str_printf("(literal)%u", clang_hashCursor(literal));
}

/* The key of what a pointer expression points to, compound literals included. */
static char *pointer_target_key(CXCursor p)
{
    p = cursor_strip(p);
    if (clang_getCursorKind(p) == CXCursor_UnaryOperator &&
        cursor_unary_op(p) == CXUnaryOperator_AddrOf) {
        CXCursor inner = cursor_strip(cursor_first_child(p));
        if (clang_getCursorKind(inner) == CXCursor_CompoundLiteralExpr)
            return literal_key(inner);
    }
    if (clang_getCursorKind(p) == CXCursor_CompoundLiteralExpr)
        return literal_key(p);
    return pointee_key(p);
}

/* A pointer value leaves its expression: what it points to escapes. */
static void note_pointer_copy(struct value_flow *vf, CXCursor value)
{
    if (clang_Cursor_isNull(value) || !is_pointer_like(clang_getCursorType(value)))
        return;
    char *key = pointer_target_key(value);
    if (!key)
        return;
    key_entry_for(vf, key)->escaped = true;
    free(key);
}

/* ---- initialisers ------------------------------------------------------------------ */

struct init_target {
    const char *root_key;   /* the whole object: brace elision makes it unknown */
    CXCursor at;
};

static void index_initialiser(struct value_flow *vf, const struct init_target *t, const char *key,
                              const char *text, CXType type, CXCursor value);

struct field_names {
    CXCursor *fields;
    size_t count, capacity;
};

static enum CXVisitorResult collect_field(CXCursor field, CXClientData data)
{
    struct field_names *f = data;
    ARRAY_RESERVE(f->fields, f->capacity, f->count + 1);
    f->fields[f->count++] = field;
    return CXVisit_Continue;
}

/* A designated initialiser (`.a.b = x`, `[2] = x`): designators, then the value. */
static bool is_designated(CXCursor c)
{
    struct cursor_list kids = {0};
    cursor_children(c, &kids);
    bool designated = clang_getCursorKind(c) == CXCursor_UnexposedExpr && kids.count >= 2;
    cursor_list_free(&kids);
    return designated;
}

static void index_designated(struct value_flow *vf, const struct init_target *t, const char *key,
                             const char *text, CXType type, CXCursor designated)
{
    struct cursor_list kids = {0};
    cursor_children(designated, &kids);
    CXCursor value = cursor_last_expression_child(designated);
    char *k = xstrdup(key), *x = xstrdup(text);
    for (size_t i = 0; i < kids.count && !clang_equalCursors(kids.items[i], value); i++) {
        bool field = clang_getCursorKind(kids.items[i]) == CXCursor_MemberRef;
        char *name = field ? cursor_spelling(kids.items[i]) : value_flow_text(kids.items[i]);
        char *nk = str_printf(field ? "%s.%s" : "%s[]", k, name);
        char *nx = str_printf(field ? "%s.%s" : "%s[%s]", x, name);
        type = field ? clang_getCursorType(kids.items[i])
                     : clang_getArrayElementType(clang_getCanonicalType(type));
        free(name);
        free(k);
        free(x);
        k = nk;
        x = nx;
    }
    index_initialiser(vf, t, k, x, type, value);
    free(k);
    free(x);
    cursor_list_free(&kids);
}

static void index_record_list(struct value_flow *vf, const struct init_target *t, const char *key,
                              const char *text, CXType type, const struct cursor_list *kids)
{
    struct field_names f = {0};
    clang_Type_visitFields(clang_getCanonicalType(type), collect_field, &f);
    size_t position = 0;
    bool positions_known = true;
    for (size_t i = 0; i < kids->count; i++) {
        CXCursor c = kids->items[i];
        if (is_designated(c)) {
            index_designated(vf, t, key, text, type, c);
            positions_known = false; /* what follows continues after the designated field */
        } else if (positions_known && position < f.count) {
            char *name = cursor_spelling(f.fields[position]);
            char *k = str_printf("%s.%s", key, name), *x = str_printf("%s.%s", text, name);
            index_initialiser(vf, t, k, x, clang_getCursorType(f.fields[position]), c);
            position++;
            free(k);
            free(x);
            free(name);
        } else {
            add_unknown_store(vf, t->root_key, t->at);
        }
    }
    free(f.fields);
}

static void index_array_list(struct value_flow *vf, const struct init_target *t, const char *key,
                             const char *text, CXType type, const struct cursor_list *kids)
{
    CXType element = clang_getArrayElementType(clang_getCanonicalType(type));
    char *k = str_printf("%s[]", key);
    for (size_t i = 0; i < kids->count; i++) {
        if (is_designated(kids->items[i])) {
            index_designated(vf, t, key, text, type, kids->items[i]);
            continue;
        }
        char *x = str_printf("%s[%zu]", text, i);
        index_initialiser(vf, t, k, x, element, kids->items[i]);
        free(x);
    }
    free(k);
}

static void index_init_list(struct value_flow *vf, const struct init_target *t, const char *key,
                            const char *text, CXType type, CXCursor list)
{
    struct cursor_list kids = {0};
    cursor_children(list, &kids);
    enum CXTypeKind kind = clang_getCanonicalType(type).kind;
    if (kind == CXType_Record)
        index_record_list(vf, t, key, text, type, &kids);
    else if (is_aggregate(type))
        index_array_list(vf, t, key, text, type, &kids);
    else if (kids.count == 1)
        index_initialiser(vf, t, key, text, type, kids.items[0]);
    cursor_list_free(&kids);
}

static bool same_type(CXType a, CXType b)
{
    return clang_equalTypes(clang_getCanonicalType(a), clang_getCanonicalType(b));
}

static void index_initialiser(struct value_flow *vf, const struct init_target *t, const char *key,
                              const char *text, CXType type, CXCursor value)
{
    if (clang_getCursorKind(value) == CXCursor_InitListExpr) {
        index_init_list(vf, t, key, text, type, value);
        return;
    }
    if (is_null_constant(cursor_strip(value)))
        return; /* `{0}`: zeroes hold no object */
    if (is_aggregate(type) && !same_type(type, clang_getCursorType(value))) {
        add_unknown_store(vf, t->root_key, t->at); /* braces left out: positions shift */
        return;
    }
    note_pointer_copy(vf, value);
    /* Notes point at the declaration for a whole variable, else at the value. */
    CXCursor at = strcmp(key, t->root_key) == 0 ? t->at : value;
    add_store(vf, xstrdup(key), xstrdup(text), at, at,
              is_aggregate(type) ? clang_getNullCursor() : value);
}

/* ---- the walk ------------------------------------------------------------------------ */

static void index_object(struct value_flow *vf, const char *key, const char *text, CXType type,
                         CXCursor init, CXCursor at)
{
    struct init_target t = {.root_key = key, .at = at};
    index_initialiser(vf, &t, key, text, type, init);
}

static void index_variable(struct value_flow *vf, CXCursor var)
{
    /* Not the last child: a variable-length array's size is one. */
    CXCursor init = clang_Cursor_getVarDeclInitializer(var);
    if (clang_Cursor_isNull(init))
        return;
    char *key = variable_key(clang_getCanonicalCursor(var));
    char *name = cursor_spelling(var);
    index_object(vf, key, name, clang_getCursorType(var), init, var);
    free(name);
    free(key);
}

static void index_literal(struct value_flow *vf, CXCursor literal)
{
    CXCursor list = cursor_last_expression_child(literal);
    char *key = literal_key(literal);
    CXString type_name = clang_getTypeSpelling(clang_getCursorType(literal));
    char *text = str_printf("(%s){...}", clang_getCString(type_name));
    clang_disposeString(type_name);
    index_object(vf, key, text, clang_getCursorType(literal), list, literal);
    free(text);
    free(key);
}

static void index_assignment(struct value_flow *vf, CXCursor op)
{
    CXCursor lhs = cursor_first_child(op);
    CXCursor rhs = cursor_last_expression_child(op);
    char *key = object_key(lhs);
    note_pointer_copy(vf, rhs);
    if (!key)
        return;
    bool plain = clang_getCursorKind(op) == CXCursor_BinaryOperator &&
                 cursor_binary_op(op) == CXBinaryOperator_Assign;
    bool known = plain && !is_aggregate(clang_getCursorType(lhs));
    add_store(vf, key, value_flow_text(lhs), op, cursor_strip(lhs),
              known ? rhs : clang_getNullCursor());
}

static bool is_increment(CXCursor op)
{
    enum CXUnaryOperatorKind kind = cursor_unary_op(op);
    return kind == CXUnaryOperator_PostInc || kind == CXUnaryOperator_PostDec ||
           kind == CXUnaryOperator_PreInc || kind == CXUnaryOperator_PreDec;
}

/* Calls that do not keep or write through the pointers they get, as far as
 * values are concerned: thread creation hands the value over (what the rules
 * look at), free ends it, memset only zeroes. */
static bool call_keeps_no_pointer(CXCursor call)
{
    if (is_thread_create_call(call))
        return true;
    char *name = call_callee_name(call);
    bool harmless = strcmp(name, "free") == 0 || strcmp(name, "memset") == 0;
    free(name);
    return harmless;
}

static void index_call(struct value_flow *vf, CXCursor call)
{
    if (call_keeps_no_pointer(call))
        return;
    int n = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < n; i++)
        note_pointer_copy(vf, clang_Cursor_getArgument(call, (unsigned)i));
}

static enum CXChildVisitResult index_cursor(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct value_flow *vf = data;
    switch (clang_getCursorKind(c)) {
    case CXCursor_VarDecl:
        index_variable(vf, c);
        break;
    case CXCursor_CompoundLiteralExpr:
        index_literal(vf, c);
        break;
    case CXCursor_BinaryOperator:
        if (cursor_binary_op(c) == CXBinaryOperator_Assign)
            index_assignment(vf, c);
        break;
    case CXCursor_CompoundAssignOperator:
        index_assignment(vf, c);
        break;
    case CXCursor_UnaryOperator:
        if (is_increment(c)) {
            char *key = object_key(cursor_first_child(c));
            if (key)
                add_unknown_store(vf, key, c);
            free(key);
        }
        break;
    case CXCursor_CallExpr:
        index_call(vf, c);
        break;
    case CXCursor_ReturnStmt:
        note_pointer_copy(vf, cursor_last_expression_child(c));
        break;
    default:
        break;
    }
    return CXChildVisit_Recurse;
}

struct value_flow *value_flow_new(struct value_flow_env *env, CXCursor function)
{
    struct value_flow *vf = xcalloc(1, sizeof *vf);
    vf->env = env;
    vf->function = function;
    clang_visitChildren(function, index_cursor, vf);
    return vf;
}

void value_flow_free(struct value_flow *vf)
{
    if (!vf)
        return;
    for (size_t i = 0; i < vf->store_count; i++) {
        free(vf->stores[i].key);
        free(vf->stores[i].text);
    }
    for (size_t i = 0; i < vf->key_count; i++) {
        free(vf->keys[i].key);
        free(vf->keys[i].stores);
    }
    free(vf->stores);
    free(vf->keys);
    free(vf->slots);
    free(vf);
}

/* ---- following a value backwards ------------------------------------------------ */

enum resolved {
    RESOLVED_UNKNOWN,
    RESOLVED_NULL,       /* a null pointer or another constant: holds no object */
    RESOLVED_FRESH,      /* a value the expression makes (a call, an address) */
    RESOLVED_VAR,        /* the value of out->var */
};

struct resolution {
    struct value_origin origin;   /* steps outermost first while resolving */
    bool stable;                  /* the variable holds one value in the whole function */
};

static enum resolved resolve(struct value_flow *vf, CXCursor e, struct resolution *r, unsigned depth);

static void push_step(struct resolution *r, struct value_step step)
{
    if (r->origin.step_count < VALUE_FLOW_MAX_STEPS)
        r->origin.steps[r->origin.step_count++] = step;
}

/* True when `test` holds for the entry of an object that encloses `key`'s
 * (`p` and `p.a` for `p.a[].b`). */
static bool enclosing_key(const struct value_flow *vf, const char *key,
                          bool (*test)(const struct key_entry *e))
{
    char *prefix = xstrdup(key);
    bool hit = false;
    for (size_t i = 1; key[i] && !hit; i++) {
        if (key[i] != '.' && key[i] != '[')
            continue;
        prefix[i] = '\0';
        const struct key_entry *e = find_key(vf, prefix);
        hit = e && test(e);
        prefix[i] = key[i];
    }
    free(prefix);
    return hit;
}

static bool written_or_escaped(const struct key_entry *e)
{
    return e->store_count > 0 || e->escaped;
}

static bool given_several_values(const struct key_entry *e)
{
    return e->valued > 1;
}

/* The object `key` names has no known value: it escapes, or an object that
 * contains it is written as a whole (`job = other` for `job.parser`) or
 * escapes, or a pointer on the way to it (`p` for `*p.f`) is given more than
 * one value, so stores through it may have gone to another object. */
static bool key_clobbered(const struct value_flow *vf, const char *key)
{
    const struct key_entry *e = find_key(vf, key);
    return (e && e->escaped) || enclosing_key(vf, key, written_or_escaped) ||
           (key[0] == '*' && enclosing_key(vf, key + 1, given_several_values));
}

/* All stores to `key` store the value of one stable variable (constants
 * aside): that variable, with the hop of the first such store. */
static enum resolved resolve_stores(struct value_flow *vf, const char *key, enum value_step_kind kind,
                                    struct resolution *r, unsigned depth)
{
    size_t saved = r->origin.step_count;
    struct resolution first = {0};
    bool found = false, agree = true;
    const struct key_entry *e = find_key(vf, key);
    for (size_t i = 0; e && i < e->store_count && agree; i++) {
        const struct value_store *s = &vf->stores[e->stores[i]];
        struct resolution inner = {0};
        enum resolved what = clang_Cursor_isNull(s->value) ? RESOLVED_UNKNOWN
                                                            : resolve(vf, s->value, &inner, depth + 1);
        if (what == RESOLVED_NULL)
            continue;
        if (what != RESOLVED_VAR || !inner.stable) {
            agree = false;
        } else if (!found) {
            first = inner;
            push_step(r, (struct value_step){.kind = kind, .at = s->at, .target = s->target,
                                              .target_text = s->text});
            for (size_t j = 0; j < inner.origin.step_count; j++)
                push_step(r, inner.origin.steps[j]);
            found = true;
        } else {
            agree = clang_equalCursors(first.origin.var, inner.origin.var);
        }
    }
    if (!found || !agree) {
        r->origin.step_count = saved;
        return RESOLVED_UNKNOWN;
    }
    r->origin.var = first.origin.var;
    r->stable = true;
    return RESOLVED_VAR;
}

static bool is_local(CXCursor var)
{
    if (clang_getCursorKind(var) != CXCursor_VarDecl)
        return false;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(var);
    return sc != CX_SC_Static && sc != CX_SC_Extern &&
           clang_getCursorKind(clang_getCursorSemanticParent(var)) == CXCursor_FunctionDecl;
}

static enum resolved resolve_variable(struct value_flow *vf, CXCursor var, struct resolution *r,
                                      unsigned depth)
{
    var = clang_getCanonicalCursor(var);
    char *key = variable_key(var);
    r->origin.var = var;
    r->stable = false;
    if (key_clobbered(vf, key)) {
        free(key);
        return RESOLVED_VAR;
    }
    const struct key_entry *entry = find_key(vf, key);
    size_t stores = entry ? entry->valued : 0;
    enum resolved what = resolve_stores(vf, key, VALUE_COPIED, r, depth);
    free(key);
    if (what == RESOLVED_VAR)
        return what;
    r->origin.var = var;
    /* Never written here: a parameter or a global keeps the value it came
     * with. Written once: the variable holds that one value. */
    r->stable = stores == 1 || (stores == 0 && !is_local(var));
    return RESOLVED_VAR;
}

static enum resolved resolve_lvalue(struct value_flow *vf, CXCursor e, struct resolution *r,
                                    unsigned depth)
{
    if (clang_getCursorKind(e) == CXCursor_DeclRefExpr) {
        CXCursor decl = clang_getCursorReferenced(e);
        enum CXCursorKind kind = clang_getCursorKind(decl);
        if (kind != CXCursor_VarDecl && kind != CXCursor_ParmDecl)
            return RESOLVED_UNKNOWN;
        return resolve_variable(vf, decl, r, depth);
    }
    char *key = object_key(e);
    enum resolved what = RESOLVED_UNKNOWN;
    if (key && !key_clobbered(vf, key))
        what = resolve_stores(vf, key, VALUE_STORED, r, depth);
    free(key);
    return what;
}

static enum resolved resolve_call(struct value_flow *vf, CXCursor call, struct resolution *r,
                                  unsigned depth)
{
    CXCursor callee = clang_getCursorReferenced(call);
    int index = clang_getCursorKind(callee) == CXCursor_FunctionDecl
                    ? value_flow_returned_parameter(vf->env, callee)
                    : -1;
    if (index < 0 || index >= clang_Cursor_getNumArguments(call))
        return RESOLVED_FRESH;
    size_t saved = r->origin.step_count;
    push_step(r, (struct value_step){.kind = VALUE_RETURNED, .at = call, .callee = callee});
    enum resolved what = resolve(vf, clang_Cursor_getArgument(call, (unsigned)index), r, depth + 1);
    if (what != RESOLVED_VAR)
        r->origin.step_count = saved;
    return what;
}

/* `&x` stands for the object x itself, whose address never changes; the
 * address of a part of an object is a value of its own. */
static enum resolved resolve_address(CXCursor object, struct resolution *r)
{
    object = cursor_strip(object);
    if (clang_getCursorKind(object) != CXCursor_DeclRefExpr)
        return RESOLVED_FRESH;
    CXCursor decl = clang_getCursorReferenced(object);
    if (clang_getCursorKind(decl) != CXCursor_VarDecl && clang_getCursorKind(decl) != CXCursor_ParmDecl)
        return RESOLVED_FRESH;
    r->origin.var = clang_getCanonicalCursor(decl);
    r->stable = true;
    return RESOLVED_VAR;
}

static enum resolved resolve(struct value_flow *vf, CXCursor e, struct resolution *r, unsigned depth)
{
    if (depth > MAX_DEPTH || vf->budget == 0 || clang_Cursor_isNull(e))
        return RESOLVED_UNKNOWN;
    vf->budget--;
    e = cursor_strip(e);
    switch (clang_getCursorKind(e)) {
    case CXCursor_CallExpr:
        return resolve_call(vf, e, r, depth);
    case CXCursor_DeclRefExpr:
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr:
        return resolve_lvalue(vf, e, r, depth);
    case CXCursor_UnaryOperator:
        if (cursor_unary_op(e) == CXUnaryOperator_Deref)
            return resolve_lvalue(vf, e, r, depth);
        return cursor_unary_op(e) == CXUnaryOperator_AddrOf ? resolve_address(cursor_first_child(e), r)
                                                            : RESOLVED_UNKNOWN;
    default:
        return is_null_constant(e) ? RESOLVED_NULL : RESOLVED_UNKNOWN;
    }
}

/* Steps were pushed outermost first: program order is the reverse. */
static void finish_origin(const struct resolution *r, struct value_origin *out)
{
    *out = r->origin;
    for (size_t i = 0; i < out->step_count; i++)
        out->steps[i] = r->origin.steps[r->origin.step_count - 1 - i];
}

bool value_flow_origin(struct value_flow *vf, CXCursor e, struct value_origin *out)
{
    vf->budget = QUERY_BUDGET;
    struct resolution r = {0};
    if (resolve(vf, e, &r, 0) != RESOLVED_VAR)
        return false;
    finish_origin(&r, out);
    return true;
}

bool value_flow_carried(struct value_flow *vf, CXCursor pointer,
                        bool (*accept)(void *data, const struct value_origin *origin), void *data,
                        struct value_origin *out)
{
    char *base = pointer_target_key(pointer);
    if (!base)
        return false;
    bool found = false;
    for (size_t i = 0; i < vf->key_count && !found; i++) {
        const char *key = vf->keys[i].key;
        if (!vf->keys[i].store_count || strcmp(key, base) == 0 || !key_within(key, base) ||
            key_clobbered(vf, key))
            continue;
        struct resolution r = {0};
        vf->budget = QUERY_BUDGET;
        if (resolve_stores(vf, key, VALUE_STORED, &r, 0) != RESOLVED_VAR)
            continue;
        finish_origin(&r, out);
        found = accept(data, out);
    }
    free(base);
    return found;
}

bool value_flow_is_alias(struct value_flow *vf, CXCursor var, CXCursor origin_var,
                         struct value_origin *how)
{
    var = clang_getCanonicalCursor(var);
    origin_var = clang_getCanonicalCursor(origin_var);
    struct resolution r = {.origin.var = var};
    vf->budget = QUERY_BUDGET;
    bool alias = clang_equalCursors(var, origin_var) ||
                 (resolve_variable(vf, var, &r, 0) == RESOLVED_VAR &&
                  clang_equalCursors(r.origin.var, origin_var));
    if (alias && how)
        finish_origin(&r, how);
    return alias;
}

static CXCursor copied_variable(CXCursor statement)
{
    if (clang_getCursorKind(statement) == CXCursor_VarDecl)
        return statement;
    if (clang_getCursorKind(statement) != CXCursor_BinaryOperator ||
        cursor_binary_op(statement) != CXBinaryOperator_Assign)
        return clang_getNullCursor();
    CXCursor lhs = cursor_strip(cursor_first_child(statement));
    return clang_getCursorKind(lhs) == CXCursor_DeclRefExpr ? clang_getCursorReferenced(lhs)
                                                             : clang_getNullCursor();
}

bool value_flow_is_copy(struct value_flow *vf, CXCursor statement, CXCursor origin_var)
{
    CXCursor target = copied_variable(statement);
    if (clang_Cursor_isNull(target) || !value_flow_is_alias(vf, target, origin_var, NULL))
        return false;
    CXCursor value = cursor_strip(cursor_last_expression_child(statement));
    if (clang_getCursorKind(value) != CXCursor_DeclRefExpr)
        return false;
    CXCursor source = clang_getCursorReferenced(value);
    return value_flow_is_alias(vf, source, origin_var, NULL);
}

/* ---- returns a parameter ------------------------------------------------------------ */

struct return_walk {
    struct value_flow *vf;
    int index;           /* -1 until the first return; -2 once two disagree */
};

static int parameter_position(CXCursor function, CXCursor param)
{
    int n = clang_Cursor_getNumArguments(function);
    for (int i = 0; i < n; i++)
        if (clang_equalCursors(clang_getCanonicalCursor(clang_Cursor_getArgument(function, (unsigned)i)),
                               clang_getCanonicalCursor(param)))
            return i;
    return -1;
}

/* Never assigned and its address never taken: it still holds the argument. */
static bool parameter_unchanged(const struct value_flow *vf, CXCursor param)
{
    char *key = variable_key(clang_getCanonicalCursor(param));
    const struct key_entry *e = find_key(vf, key);
    free(key);
    return !e || (e->store_count == 0 && !e->escaped);
}

static enum CXChildVisitResult check_return(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct return_walk *w = data;
    if (clang_getCursorKind(c) != CXCursor_ReturnStmt)
        return CXChildVisit_Recurse;
    struct resolution r = {0};
    w->vf->budget = QUERY_BUDGET;
    enum resolved what = resolve(w->vf, cursor_last_expression_child(c), &r, 0);
    if (what == RESOLVED_NULL)
        return CXChildVisit_Continue; /* `if (!rc) return NULL;` */
    int at = -1;
    if (what == RESOLVED_VAR && clang_getCursorKind(r.origin.var) == CXCursor_ParmDecl &&
        parameter_unchanged(w->vf, r.origin.var))
        at = parameter_position(w->vf->function, r.origin.var);
    if (at < 0 || (w->index >= 0 && w->index != at)) {
        w->index = -2;
        return CXChildVisit_Break;
    }
    w->index = at;
    return CXChildVisit_Continue;
}

static int compute_returned_parameter(struct value_flow_env *env, CXCursor definition)
{
    struct value_flow *vf = value_flow_new(env, definition);
    struct return_walk w = {.vf = vf, .index = -1};
    clang_visitChildren(definition, check_return, &w);
    value_flow_free(vf);
    return w.index >= 0 ? w.index : -1;
}

int value_flow_returned_parameter(struct value_flow_env *env, CXCursor function)
{
    CXCursor definition = clang_getCursorDefinition(function);
    if (clang_Cursor_isNull(definition) ||
        clang_getCanonicalType(clang_getCursorResultType(definition)).kind != CXType_Pointer)
        return -1;
    char *usr = cursor_usr(definition);
    for (size_t i = 0; i < env->count; i++)
        if (strcmp(env->items[i].usr, usr) == 0) {
            free(usr);
            return env->items[i].index < 0 ? -1 : env->items[i].index;
        }
    if (env->nesting >= MAX_NESTING) {
        free(usr);
        return -1; /* a chain of clone functions this long: not followed */
    }
    size_t slot = env->count;
    ARRAY_RESERVE(env->items, env->capacity, env->count + 1);
    env->items[env->count++] = (struct returned_parameter){.usr = usr, .index = RETURNS_COMPUTING};
    env->nesting++;
    int index = compute_returned_parameter(env, definition);
    env->nesting--;
    env->items[slot].index = index; /* `items` may have moved while computing */
    return index;
}

/* ---- text for notes ------------------------------------------------------------------ */

static char *index_text(CXCursor index)
{
    long long value;
    index = cursor_strip(index);
    if (cursor_int_value(index, &value))
        return str_printf("%lld", value);
    return clang_getCursorKind(index) == CXCursor_DeclRefExpr ? cursor_spelling(index)
                                                              : xstrdup("...");
}

/* Rebuilt from the expression's structure (macros cannot garble it). */
char *value_flow_text(CXCursor e)
{
    if (clang_isDeclaration(clang_getCursorKind(e)))
        return cursor_spelling(e);
    e = cursor_strip(e);
    struct cursor_list kids = {0};
    cursor_children(e, &kids);
    char *base = kids.count ? value_flow_text(kids.items[0]) : NULL;
    char *text;
    enum CXCursorKind kind = clang_getCursorKind(e);
    if (!base && kind != CXCursor_DeclRefExpr)
        kind = CXCursor_UnexposedExpr; /* no operand to show */
    switch (kind) {
    case CXCursor_DeclRefExpr:
        text = cursor_spelling(e);
        break;
    case CXCursor_MemberRefExpr: {
        bool arrow = clang_getCanonicalType(clang_getCursorType(cursor_strip(kids.items[0]))).kind ==
                     CXType_Pointer;
        char *field = cursor_spelling(e);
        text = str_printf("%s%s%s", base, arrow ? "->" : ".", field);
        free(field);
        break;
    }
    case CXCursor_ArraySubscriptExpr: {
        char *index = kids.count > 1 ? index_text(kids.items[1]) : xstrdup("...");
        text = str_printf("%s[%s]", base, index);
        free(index);
        break;
    }
    case CXCursor_UnaryOperator:
        text = str_printf("%s%s", cursor_unary_op(e) == CXUnaryOperator_Deref ? "*" : "&", base);
        break;
    default:
        text = xstrdup("...");
        break;
    }
    free(base);
    cursor_list_free(&kids);
    return text;
}
