/*
 * summary_io.c: summaries to JSON text and back (see summary_io.h), with
 * json-c. The cross-TU summary cache stores one document per source file.
 */
#include "summary/summary_io.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "report/finding.h"
#include "util/memory.h"

static const char *const op_names[] = {
    [LOCK_OP_ACQUIRE] = "acquire", [LOCK_OP_TRY_ACQUIRE] = "try-acquire", [LOCK_OP_RELEASE] = "release",
    [LOCK_OP_TAKES] = "takes"};
static const char *const mode_names[] = {
    [LOCK_MODE_EXCLUSIVE] = "exclusive", [LOCK_MODE_SHARED] = "shared", [LOCK_MODE_ANY] = "any"};
static const char *const root_names[] = {
    [LOCK_ROOT_GLOBAL] = "global", [LOCK_ROOT_PARAM] = "param",
    [LOCK_ROOT_LOCAL] = "local", [LOCK_ROOT_OPAQUE] = "opaque"};
static const char *const step_names[] = {
    [LOCK_STEP_DEREF] = "deref", [LOCK_STEP_ADDR] = "addr",
    [LOCK_STEP_FIELD] = "field", [LOCK_STEP_INDEX] = "index"};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* ---- the string pool ------------------------------------------------------------ */

const char *string_pool_intern(struct string_pool *pool, const char *s)
{
    for (size_t i = 0; i < pool->count; i++)
        if (strcmp(pool->items[i], s) == 0)
            return pool->items[i];
    ARRAY_RESERVE(pool->items, pool->capacity, pool->count + 1);
    return pool->items[pool->count++] = xstrdup(s);
}

void string_pool_free(struct string_pool *pool)
{
    for (size_t i = 0; i < pool->count; i++)
        free(pool->items[i]);
    free(pool->items);
    memset(pool, 0, sizeof *pool);
}

/* ---- writing ---------------------------------------------------------------------- */

static void add_string(json_object *obj, const char *key, const char *value)
{
    if (value)
        json_object_object_add(obj, key, json_object_new_string(value));
}

static json_object *lock_to_json(const struct lock_expr *e)
{
    json_object *lock = json_object_new_object();
    add_string(lock, "root", root_names[e->root_kind]);
    add_string(lock, "id", e->root_id);
    add_string(lock, "name", e->root_name);
    json_object *steps = json_object_new_array();
    for (size_t i = 0; i < e->step_count; i++) {
        json_object *step = json_object_new_object();
        add_string(step, "step", step_names[e->steps[i].kind]);
        add_string(step, "name", e->steps[i].name);
        add_string(step, "id", e->steps[i].id);
        json_object_array_add(steps, step);
    }
    json_object_object_add(lock, "steps", steps);
    return lock;
}

static json_object *effect_to_json(const struct summary_effect *e)
{
    json_object *effect = json_object_new_object();
    add_string(effect, "op", op_names[e->op]);
    add_string(effect, "mode", mode_names[e->mode]);
    json_object_object_add(effect, "success", json_object_new_int64(e->success_value));
    add_string(effect, "kind", e->kind);
    json_object_object_add(effect, "lock", lock_to_json(&e->lock));
    return effect;
}

static json_object *summary_to_json(const struct summary *s)
{
    json_object *obj = json_object_new_object();
    add_string(obj, "usr", s->usr);
    add_string(obj, "name", s->name);
    json_object *effects = json_object_new_array();
    for (unsigned i = 0; i < s->effect_count; i++)
        /* Argument-dependent effects are not exchanged: a TAKES is read
         * back as unconditional (it changes nothing for the caller), a
         * release or an acquisition would not be true for every call. */
        if (s->effects[i].if_arg < 0 || s->effects[i].op == LOCK_OP_TAKES)
            json_object_array_add(effects, effect_to_json(&s->effects[i]));
    json_object_object_add(obj, "effects", effects);
    return obj;
}

char *summaries_to_text(const struct summary *const *list, size_t count)
{
    json_object *doc = json_object_new_object();
    add_string(doc, "format", "lockcheck-summaries");
    json_object_object_add(doc, "version", json_object_new_int(SUMMARY_IO_VERSION));
    json_object *summaries = json_object_new_array();
    for (size_t i = 0; i < count; i++)
        json_object_array_add(summaries, summary_to_json(list[i]));
    json_object_object_add(doc, "summaries", summaries);
    char *text = xstrdup(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(doc);
    return text;
}

/* ---- reading ---------------------------------------------------------------------- */

/* Every reader below returns false after setting *error. */

static bool member(json_object *obj, const char *key, json_type type, bool optional,
                   json_object **out, char **error)
{
    *out = NULL;
    if (!json_object_object_get_ex(obj, key, out) || json_object_is_type(*out, json_type_null)) {
        *out = NULL;
        if (optional)
            return true;
        *error = str_printf("'%s' is missing", key);
        return false;
    }
    if (!json_object_is_type(*out, type)) {
        *error = str_printf("'%s' has the wrong type", key);
        return false;
    }
    return true;
}

static bool string_member(json_object *obj, const char *key, bool optional, char **out, char **error)
{
    json_object *value;
    *out = NULL;
    if (!member(obj, key, json_type_string, optional, &value, error))
        return false;
    if (value)
        *out = xstrdup(json_object_get_string(value));
    return true;
}

/* The index of `key`'s string value in `names`. */
static bool enum_member(json_object *obj, const char *key, const char *const *names, size_t count,
                        int *out, char **error)
{
    json_object *value;
    if (!member(obj, key, json_type_string, false, &value, error))
        return false;
    const char *s = json_object_get_string(value);
    for (size_t i = 0; i < count; i++)
        if (names[i] && strcmp(names[i], s) == 0) {
            *out = (int)i;
            return true;
        }
    *error = str_printf("'%s' has an unknown value '%s'", key, s);
    return false;
}

/* lock_expr_free and summary_clear's job, repeated here on purpose: this
 * file builds alone (with memory.c and finding.c) for its round-trip unit
 * test, without libclang or the analysis. */
static void free_lock_fields(struct lock_expr *e)
{
    for (size_t i = 0; i < e->step_count; i++) {
        free(e->steps[i].name);
        free(e->steps[i].id);
    }
    free(e->steps);
    free(e->root_id);
    free(e->root_name);
    memset(e, 0, sizeof *e);
}

static bool step_from_json(json_object *obj, struct lock_step *out, char **error)
{
    int kind;
    if (!json_object_is_type(obj, json_type_object)) {
        *error = xstrdup("a step is not an object");
        return false;
    }
    if (!enum_member(obj, "step", step_names, COUNT(step_names), &kind, error))
        return false;
    out->kind = (enum lock_step_kind)kind;
    return string_member(obj, "name", true, &out->name, error) &&
           string_member(obj, "id", true, &out->id, error);
}

static bool lock_from_json(json_object *obj, struct lock_expr *out, char **error)
{
    memset(out, 0, sizeof *out);
    json_object *steps;
    int root;
    if (!enum_member(obj, "root", root_names, COUNT(root_names), &root, error) ||
        !string_member(obj, "id", false, &out->root_id, error) ||
        !string_member(obj, "name", false, &out->root_name, error) ||
        !member(obj, "steps", json_type_array, false, &steps, error))
        return false;
    out->root_kind = (enum lock_root_kind)root;
    size_t n = json_object_array_length(steps);
    out->steps = xcalloc(n + 1, sizeof *out->steps);
    for (size_t i = 0; i < n; i++) {
        out->step_count = i + 1;
        if (!step_from_json(json_object_array_get_idx(steps, i), &out->steps[i], error))
            return false;
    }
    return true;
}

static bool effect_from_json(json_object *obj, struct summary_effect *out, struct string_pool *kinds,
                             char **error)
{
    json_object *lock, *success, *kind;
    int op, mode;
    if (!json_object_is_type(obj, json_type_object)) {
        *error = xstrdup("an effect is not an object");
        return false;
    }
    if (!enum_member(obj, "op", op_names, COUNT(op_names), &op, error) ||
        !enum_member(obj, "mode", mode_names, COUNT(mode_names), &mode, error) ||
        !member(obj, "success", json_type_int, false, &success, error) ||
        !member(obj, "kind", json_type_string, false, &kind, error) ||
        !member(obj, "lock", json_type_object, false, &lock, error))
        return false;
    out->op = (enum lock_op)op;
    out->mode = (enum lock_mode)mode;
    out->success_value = json_object_get_int64(success);
    out->if_arg = -1; /* argument-dependent effects are not exchanged: always */
    out->if_op = 0;
    out->if_constant = 0;
    out->kind = string_pool_intern(kinds, json_object_get_string(kind));
    return lock_from_json(lock, &out->lock, error);
}

static bool summary_from_json(json_object *obj, struct summary *out, struct string_pool *kinds,
                              char **error)
{
    json_object *effects;
    if (!json_object_is_type(obj, json_type_object)) {
        *error = xstrdup("a summary is not an object");
        return false;
    }
    if (!string_member(obj, "usr", false, &out->usr, error) ||
        !string_member(obj, "name", false, &out->name, error) ||
        !member(obj, "effects", json_type_array, false, &effects, error))
        return false;
    size_t n = json_object_array_length(effects);
    out->effects = xcalloc(n + 1, sizeof *out->effects);
    for (size_t i = 0; i < n; i++) {
        out->effect_count = (unsigned)i + 1;
        if (!effect_from_json(json_object_array_get_idx(effects, i), &out->effects[i], kinds, error))
            return false;
    }
    return true;
}

void summary_io_free_fields(struct summary *s)
{
    for (unsigned i = 0; i < s->effect_count; i++)
        free_lock_fields(&s->effects[i].lock);
    free(s->effects);
    free(s->usr);
    free(s->name);
    memset(s, 0, sizeof *s);
}

static bool check_header(json_object *doc, json_object **summaries, char **error)
{
    json_object *format, *version;
    if (!json_object_is_type(doc, json_type_object)) {
        *error = xstrdup("not a JSON object");
        return false;
    }
    if (!member(doc, "format", json_type_string, false, &format, error) ||
        !member(doc, "version", json_type_int, false, &version, error))
        return false;
    if (strcmp(json_object_get_string(format), "lockcheck-summaries") != 0) {
        *error = xstrdup("'format' is not lockcheck-summaries");
        return false;
    }
    if (json_object_get_int(version) != SUMMARY_IO_VERSION) {
        *error = str_printf("summary format version %d, expected %d", json_object_get_int(version),
                            SUMMARY_IO_VERSION);
        return false;
    }
    return member(doc, "summaries", json_type_array, false, summaries, error);
}

bool summaries_from_text(const char *text, struct summary **list, size_t *count,
                         struct string_pool *kinds, char **error)
{
    *list = NULL;
    *count = 0;
    *error = NULL;
    json_tokener *tok = json_tokener_new();
    json_object *doc = json_tokener_parse_ex(tok, text, (int)strlen(text));
    bool complete = json_tokener_get_error(tok) == json_tokener_success &&
                    tok->char_offset == (int)strlen(text);
    json_tokener_free(tok);
    json_object *summaries;
    if (!doc || !complete) {
        *error = xstrdup("not valid JSON");
    } else if (check_header(doc, &summaries, error)) {
        size_t n = json_object_array_length(summaries);
        *list = xcalloc(n + 1, sizeof **list);
        for (size_t i = 0; i < n && !*error; i++) {
            *count = i + 1;
            summary_from_json(json_object_array_get_idx(summaries, i), &(*list)[i], kinds, error);
        }
    }
    json_object_put(doc);
    if (!*error)
        return true;
    for (size_t i = 0; i < *count; i++)
        summary_io_free_fields(&(*list)[i]);
    free(*list);
    *list = NULL;
    *count = 0;
    return false;
}
