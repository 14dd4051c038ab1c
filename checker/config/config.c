/*
 * config.c: reading `.lockcheck.yml` with libyaml (see config.h).
 *
 * The file is loaded as a libyaml document (nodes carry their line), then
 * each top-level key is handed to a small reader for its value. Every reader
 * reports the first problem as "PATH:LINE: reason" and stops.
 */
#include "config/config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "util/bounded_regex.h"
#include "util/memory.h"
#include "util/path.h"
#include "util/strings.h"

#define CONFIG_NAME ".lockcheck.yml"
#define MAX_ARG_INDEX 63
/* A configuration is a few lines; libyaml keeps the whole document, about
 * 16 times the file's size, so a larger file could exhaust memory. */
#define CONFIG_MAX_BYTES (4u * 1024u * 1024u)
/* Lists and mappings nested this deep are far past what a configuration
 * needs; libyaml's scanner costs the depth on every token, so a file of
 * nested `[` took minutes before. */
#define CONFIG_MAX_DEPTH 64

struct reader {
    yaml_document_t *doc;
    const char *path;
    struct lockcheck_config *config;
    config_checks_validator checks_valid;
    char *error;
};

/* ---- small helpers over libyaml nodes ------------------------------------------------ */

static unsigned node_line(const yaml_node_t *node)
{
    return (unsigned)node->start_mark.line + 1;
}

static bool fail(struct reader *r, const yaml_node_t *node, const char *fmt, const char *arg)
{
    char *reason = str_printf(fmt, arg);
    r->error = str_printf("%s:%u: %s", r->path, node_line(node), reason);
    free(reason);
    return false;
}

static const char *scalar(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static bool read_string(struct reader *r, const yaml_node_t *node, const char *key, char **out)
{
    const char *s = scalar(node);
    if (!s || !*s)
        return fail(r, node, "'%s' needs a non-empty string", key);
    *out = xstrdup(s);
    return true;
}

static bool read_integer(struct reader *r, const yaml_node_t *node, const char *key,
                         long long min, long long max, long long *out)
{
    const char *s = scalar(node);
    char *end = NULL;
    errno = 0;
    long long v = s ? strtoll(s, &end, 0) : 0;
    if (!s || !*s || *end || errno || v < min || v > max)
        return fail(r, node, "'%s' needs an integer", key);
    *out = v;
    return true;
}

static bool read_arg_index(struct reader *r, const yaml_node_t *node, const char *key, int *out)
{
    long long v;
    if (!read_integer(r, node, key, 0, MAX_ARG_INDEX, &v))
        return false;
    *out = (int)v;
    return true;
}

/* One word among `choices` (NULL-terminated); its index in *out. */
static bool read_choice(struct reader *r, const yaml_node_t *node, const char *key,
                        const char *const *choices, const char *expected, int *out)
{
    const char *s = scalar(node);
    for (int i = 0; s && choices[i]; i++)
        if (strcmp(s, choices[i]) == 0) {
            *out = i;
            return true;
        }
    char *what = str_printf("'%s' must be %s", key, expected);
    fail(r, node, "%s", what);
    free(what);
    return false;
}

static bool expect_kind(struct reader *r, const yaml_node_t *node, yaml_node_type_t type,
                        const char *key, const char *what)
{
    if (node->type == type)
        return true;
    char *msg = str_printf("'%s' must be %s", key, what);
    fail(r, node, "%s", msg);
    free(msg);
    return false;
}

static yaml_node_t *node_at(struct reader *r, int index)
{
    return yaml_document_get_node(r->doc, index);
}

struct key_at {
    const char *key;
    const yaml_node_t *node;
    size_t position; /* in the mapping */
};

static int compare_keys(const void *a, const void *b)
{
    const struct key_at *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->position > y->position) - (x->position < y->position);
}

/* Rejects a key given twice in one mapping, naming the first repetition in
 * the file. Sorted, not compared pairwise: a mapping may have 60,000 keys. */
static bool check_unique_keys(struct reader *r, const yaml_node_t *map)
{
    size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start), count = 0;
    struct key_at *keys = xcalloc(n + 1, sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *node = node_at(r, map->data.mapping.pairs.start[i].key);
        if (scalar(node))
            keys[count++] = (struct key_at){scalar(node), node, i};
    }
    qsort(keys, count, sizeof *keys, compare_keys);
    const struct key_at *repeated = NULL;
    for (size_t i = 1; i < count; i++)
        if (strcmp(keys[i].key, keys[i - 1].key) == 0 && (!repeated || keys[i].position < repeated->position))
            repeated = &keys[i];
    bool ok = !repeated || fail(r, repeated->node, "key '%s' given twice", repeated->key);
    free(keys);
    return ok;
}

/* Reads a YAML list into a growing array of `size`-byte items, each
 * zeroed and then filled by `read_item`. */
typedef bool (*item_reader)(struct reader *r, const yaml_node_t *node, void *item);

static bool read_list(struct reader *r, const yaml_node_t *value, const char *key, const char *what,
                      void **items, size_t *count, size_t size, item_reader read_item)
{
    if (!expect_kind(r, value, YAML_SEQUENCE_NODE, key, what))
        return false;
    size_t n = (size_t)(value->data.sequence.items.top - value->data.sequence.items.start);
    *items = xrealloc(*items, (*count + n + 1) * size); /* once: lists may be long */
    for (yaml_node_item_t *i = value->data.sequence.items.start; i < value->data.sequence.items.top; i++) {
        void *item = (char *)*items + *count * size;
        memset(item, 0, size);
        (*count)++;
        if (!read_item(r, node_at(r, *i), item))
            return false;
    }
    return true;
}

/* ---- lock-functions ------------------------------------------------------------------- */

static const char *const op_words[] = {"acquire", "try-acquire", "release", NULL};
static const enum lock_op op_values[] = {LOCK_OP_ACQUIRE, LOCK_OP_TRY_ACQUIRE, LOCK_OP_RELEASE};
static const char *const mode_words[] = {"exclusive", "shared", NULL};
static const enum lock_mode mode_values[] = {LOCK_MODE_EXCLUSIVE, LOCK_MODE_SHARED};

static bool read_lock_field(struct reader *r, const yaml_node_t *key_node, const yaml_node_t *value,
                            struct lock_api *api, bool *has_op, bool *has_mode)
{
    const char *key = scalar(key_node);
    int choice;
    long long number;
    if (strcmp(key, "name") == 0)
        return read_string(r, value, key, (char **)&api->function);
    if (strcmp(key, "kind") == 0)
        return read_string(r, value, key, (char **)&api->kind);
    if (strcmp(key, "lock-arg") == 0)
        return read_arg_index(r, value, key, &api->lock_arg);
    if (strcmp(key, "success") == 0) {
        if (!read_integer(r, value, key, LLONG_MIN, LLONG_MAX, &number))
            return false;
        api->success_value = number;
        return true;
    }
    if (strcmp(key, "op") == 0) {
        if (!read_choice(r, value, key, op_words, "acquire, try-acquire or release", &choice))
            return false;
        api->op = op_values[choice];
        *has_op = true;
        return true;
    }
    if (strcmp(key, "mode") == 0) {
        if (!read_choice(r, value, key, mode_words, "exclusive or shared", &choice))
            return false;
        api->mode = mode_values[choice];
        *has_mode = true;
        return true;
    }
    return fail(r, key_node, "unknown key '%s' in a lock function", key);
}

static bool read_lock_function(struct reader *r, const yaml_node_t *entry, void *item)
{
    struct lock_api *api = item;
    if (!expect_kind(r, entry, YAML_MAPPING_NODE, "lock-functions",
                     "a list of mappings (name, op, lock-arg, ...)") ||
        !check_unique_keys(r, entry))
        return false;
    bool has_op = false, has_mode = false;
    for (yaml_node_pair_t *p = entry->data.mapping.pairs.start; p < entry->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node_at(r, p->key);
        if (!scalar(key))
            return fail(r, key, "%s", "keys must be words");
        if (!read_lock_field(r, key, node_at(r, p->value), api, &has_op, &has_mode))
            return false;
    }
    if (!api->function)
        return fail(r, entry, "%s", "a lock function needs a 'name'");
    if (!has_op)
        return fail(r, entry, "lock function '%s' needs an 'op'", api->function);
    if (api->op == LOCK_OP_RELEASE && !has_mode)
        api->mode = LOCK_MODE_ANY;
    if (!api->kind)
        api->kind = xstrdup("lock");
    return true;
}

/* ---- thread-create-functions ---------------------------------------------------------- */

static bool read_thread_create_function(struct reader *r, const yaml_node_t *entry, void *item)
{
    struct thread_create_function *f = item;
    f->argument_arg = -1;
    if (!expect_kind(r, entry, YAML_MAPPING_NODE, "thread-create-functions",
                     "a list of mappings (name, start-routine-arg, argument-arg)") ||
        !check_unique_keys(r, entry))
        return false;
    bool has_start = false;
    for (yaml_node_pair_t *p = entry->data.mapping.pairs.start; p < entry->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node_at(r, p->key), *value = node_at(r, p->value);
        const char *name = scalar(key);
        bool ok;
        if (name && strcmp(name, "name") == 0)
            ok = read_string(r, value, name, &f->name);
        else if (name && strcmp(name, "start-routine-arg") == 0)
            ok = has_start = read_arg_index(r, value, name, &f->start_routine_arg);
        else if (name && strcmp(name, "argument-arg") == 0)
            ok = read_arg_index(r, value, name, &f->argument_arg);
        else
            ok = fail(r, key, "unknown key '%s' in a thread-creation function", name ? name : "?");
        if (!ok)
            return false;
    }
    if (!f->name)
        return fail(r, entry, "%s", "a thread-creation function needs a 'name'");
    if (!has_start)
        return fail(r, entry, "thread-creation function '%s' needs a 'start-routine-arg'", f->name);
    return true;
}

/* ---- the other keys ------------------------------------------------------------------- */

static bool read_type_name(struct reader *r, const yaml_node_t *node, void *item)
{
    return read_string(r, node, "not-thread-safe-types", item);
}

static bool read_checks(struct reader *r, const yaml_node_t *value)
{
    char *why = NULL;
    if (!read_string(r, value, "checks", &r->config->checks))
        return false;
    if (!r->checks_valid || r->checks_valid(r->config->checks, &why))
        return true;
    fail(r, value, "checks: %s", why);
    free(why);
    return false;
}

static bool read_header_filter(struct reader *r, const yaml_node_t *value)
{
    char *regex, *why = NULL;
    if (!read_string(r, value, "header-filter", &regex))
        return false;
    bool ok = config_set_header_filter(r->config, regex, &why);
    free(regex);
    if (!ok) {
        fail(r, value, "%s", why);
        free(why);
    }
    return ok;
}

/* `infer-lock-apis: true|false` (summary/inferred_api.c). */
static bool read_inference_switch(struct reader *r, const yaml_node_t *value)
{
    const char *s = scalar(value);
    if (!s || (strcmp(s, "true") != 0 && strcmp(s, "false") != 0))
        return fail(r, value, "'%s' needs true or false", "infer-lock-apis");
    r->config->no_lock_api_inference = strcmp(s, "false") == 0;
    return true;
}

static bool read_top_level(struct reader *r, const yaml_node_t *root)
{
    struct lockcheck_config *c = r->config;
    if (!expect_kind(r, root, YAML_MAPPING_NODE, CONFIG_NAME, "a mapping of keys to values") ||
        !check_unique_keys(r, root))
        return false;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node_at(r, p->key), *value = node_at(r, p->value);
        const char *name = scalar(key);
        bool ok;
        if (!name)
            ok = fail(r, key, "%s", "keys must be words");
        else if (strcmp(name, "checks") == 0)
            ok = read_checks(r, value);
        else if (strcmp(name, "header-filter") == 0)
            ok = read_header_filter(r, value);
        else if (strcmp(name, "lock-functions") == 0)
            ok = read_list(r, value, name, "a list", (void **)&c->lock_functions,
                           &c->lock_function_count, sizeof *c->lock_functions, read_lock_function);
        else if (strcmp(name, "thread-create-functions") == 0)
            ok = read_list(r, value, name, "a list", (void **)&c->thread_create_functions,
                           &c->thread_create_function_count, sizeof *c->thread_create_functions,
                           read_thread_create_function);
        else if (strcmp(name, "infer-lock-apis") == 0)
            ok = read_inference_switch(r, value);
        else if (strcmp(name, "not-thread-safe-types") == 0)
            ok = read_list(r, value, name, "a list of type names", (void **)&c->not_thread_safe_types,
                           &c->not_thread_safe_type_count, sizeof *c->not_thread_safe_types, read_type_name);
        else
            ok = fail(r, key, "unknown key '%s'", name);
        if (!ok)
            return false;
    }
    return true;
}

/* ---- loading -------------------------------------------------------------------------- */

/* The file's text, read whole (a pipe too: --config=/dev/stdin), or NULL
 * with *error set when it cannot be read or is larger than the limit. */
static unsigned char *read_text(FILE *f, const char *path, size_t *length, char **error)
{
    size_t capacity = 4096, used = 0;
    unsigned char *text = xmalloc(capacity);
    for (;;) {
        if (used == capacity) {
            capacity *= 2;
            text = xrealloc(text, capacity);
        }
        size_t n = fread(text + used, 1, capacity - used, f);
        used += n;
        if (used > CONFIG_MAX_BYTES) {
            *error = str_printf("%s: larger than %u MiB, not read (a configuration is a few lines)", path,
                                CONFIG_MAX_BYTES >> 20);
            free(text);
            return NULL;
        }
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        *error = str_printf("%s: cannot read: %s", path, strerror(errno));
        free(text);
        return NULL;
    }
    *length = used;
    return text;
}

/* Whether lists and mappings nest within the limit; if not, *error says
 * where. Tokens are counted, not loaded (a text that is not valid YAML
 * passes: loading it says where it is wrong). */
static bool nesting_within_limit(const unsigned char *text, size_t length, const char *path, char **error)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, text, length);
    int depth = 0;
    bool ok = true, more = true;
    while (ok && more) {
        yaml_token_t token;
        if (!yaml_parser_scan(&parser, &token))
            break;
        more = token.type != YAML_STREAM_END_TOKEN;
        if (token.type == YAML_FLOW_SEQUENCE_START_TOKEN || token.type == YAML_FLOW_MAPPING_START_TOKEN ||
            token.type == YAML_BLOCK_SEQUENCE_START_TOKEN || token.type == YAML_BLOCK_MAPPING_START_TOKEN)
            depth++;
        else if (token.type == YAML_FLOW_SEQUENCE_END_TOKEN || token.type == YAML_FLOW_MAPPING_END_TOKEN ||
                 token.type == YAML_BLOCK_END_TOKEN)
            depth--;
        if (depth > CONFIG_MAX_DEPTH) {
            *error = str_printf("%s:%u: lists and mappings nested more than %d deep", path,
                                (unsigned)token.start_mark.line + 1, CONFIG_MAX_DEPTH);
            ok = false;
        }
        yaml_token_delete(&token);
    }
    yaml_parser_delete(&parser);
    return ok;
}

bool config_load(const char *path, struct lockcheck_config *out,
                 config_checks_validator checks_valid, char **error)
{
    memset(out, 0, sizeof *out);
    out->path = xstrdup(path);
    *error = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *error = str_printf("%s: cannot read: %s", path, strerror(errno));
        return false;
    }
    size_t length = 0;
    unsigned char *text = read_text(f, path, &length, error);
    fclose(f);
    if (!text)
        return false;
    if (!nesting_within_limit(text, length, path, error)) {
        free(text);
        return false;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, text, length);
    if (!yaml_parser_load(&parser, &doc)) {
        char *context = parser.context ? str_printf(" (%s started on line %u)", parser.context,
                                                    (unsigned)parser.context_mark.line + 1)
                                       : xstrdup("");
        *error = str_printf("%s:%u: not valid YAML: %s%s", path, (unsigned)parser.problem_mark.line + 1,
                            parser.problem ? parser.problem : "parse error", context);
        free(context);
        yaml_parser_delete(&parser);
        free(text);
        return false;
    }
    struct reader r = {.doc = &doc, .path = path, .config = out, .checks_valid = checks_valid};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    bool ok = !root || read_top_level(&r, root); /* an empty file is an empty configuration */
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(text);
    *error = r.error;
    return ok;
}

void config_free(struct lockcheck_config *config)
{
    free(config->path);
    free(config->checks);
    for (size_t i = 0; i < config->lock_function_count; i++) {
        free((char *)config->lock_functions[i].function);
        free((char *)config->lock_functions[i].kind);
    }
    free(config->lock_functions);
    for (size_t i = 0; i < config->thread_create_function_count; i++)
        free(config->thread_create_functions[i].name);
    free(config->thread_create_functions);
    for (size_t i = 0; i < config->not_thread_safe_type_count; i++)
        free(config->not_thread_safe_types[i]);
    free(config->not_thread_safe_types);
    if (config->header_filter)
        regfree(&config->header_regex);
    free(config->header_filter);
    memset(config, 0, sizeof *config);
}

/* ---- queries -------------------------------------------------------------------------- */

bool config_set_header_filter(struct lockcheck_config *config, const char *regex, char **error)
{
    regex_t compiled;
    char *why = NULL;
    enum bounded_regex_result rc = bounded_regcomp(&compiled, regex, &why);
    if (rc != BOUNDED_REGEX_OK) {
        bool shortened = strlen(regex) > 200;
        *error = str_printf(rc == BOUNDED_REGEX_TOO_COSTLY
                                ? "header filter '%.200s%s' is rejected: %s"
                                : "header filter '%.200s%s' is not a regular expression: %s",
                            regex, shortened ? "..." : "", why);
        free(why);
        return false;
    }
    if (config->header_filter)
        regfree(&config->header_regex);
    free(config->header_filter);
    config->header_filter = xstrdup(regex);
    config->header_regex = compiled;
    return true;
}

bool config_reports_header(const struct lockcheck_config *config, const char *path)
{
    return config && config->header_filter && *config->header_filter &&
           regexec(&config->header_regex, path, 0, NULL, 0) == 0;
}

const struct thread_create_function *config_thread_create_function(
    const struct lockcheck_config *config, const char *name)
{
    for (size_t i = 0; config && i < config->thread_create_function_count; i++)
        if (strcmp(config->thread_create_functions[i].name, name) == 0)
            return &config->thread_create_functions[i];
    return NULL;
}

static const char *without_tag(const char *type_name)
{
    static const char *const tags[] = {"struct ", "union ", "enum "};
    const char *rest;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (str_starts_with(type_name, tags[i], &rest))
            return rest;
    return type_name;
}

bool config_type_not_thread_safe(const struct lockcheck_config *config, const char *type_name)
{
    for (size_t i = 0; config && i < config->not_thread_safe_type_count; i++)
        if (strcmp(without_tag(config->not_thread_safe_types[i]), without_tag(type_name)) == 0)
            return true;
    return false;
}

/* ---- finding the file ----------------------------------------------------------------- */

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Under the current folder, the name relative to it (as messages show it). */
static char *relative_to_cwd(char *path)
{
    char cwd[PATH_MAX];
    size_t n;
    if (!getcwd(cwd, sizeof cwd) || strcmp(cwd, "/") == 0 || strncmp(path, cwd, n = strlen(cwd)) != 0 ||
        path[n] != '/')
        return path;
    char *relative = xstrdup(path + n + 1);
    free(path);
    return relative;
}

char *config_find_for(const char *source_file)
{
    char *dir = path_absolute(source_file);
    char *found = NULL;
    char *slash;
    while (!found && (slash = strrchr(dir, '/'))) {
        *slash = '\0';
        char *candidate = str_printf("%s/" CONFIG_NAME, dir);
        if (is_file(candidate))
            found = candidate;
        else
            free(candidate);
    }
    free(dir);
    return found ? relative_to_cwd(found) : NULL;
}

/* ---- one run's configurations --------------------------------------------------------- */

struct cached_config {
    char *path;                     /* NULL: the configuration without a file */
    struct lockcheck_config config;
    bool bad;
};

struct config_cache {
    const char *explicit_path;
    const char *header_filter;
    config_checks_validator checks_valid;
    struct cached_config **items;
    size_t count;
};

struct config_cache *config_cache_new(const char *explicit_path, const char *header_filter,
                                      config_checks_validator checks_valid)
{
    struct config_cache *cache = xcalloc(1, sizeof *cache);
    cache->explicit_path = explicit_path;
    cache->header_filter = header_filter;
    cache->checks_valid = checks_valid;
    return cache;
}

void config_cache_free(struct config_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++) {
        config_free(&cache->items[i]->config);
        free(cache->items[i]->path);
        free(cache->items[i]);
    }
    free(cache->items);
    free(cache);
}

/* Loads `path` (NULL: no file) and applies the command line over it. */
static struct cached_config *load_cached(struct config_cache *cache, const char *path, char **error)
{
    struct cached_config *c = xcalloc(1, sizeof *c);
    c->path = path ? xstrdup(path) : NULL;
    c->bad = path && !config_load(path, &c->config, cache->checks_valid, error);
    if (!c->bad && cache->header_filter)
        c->bad = !config_set_header_filter(&c->config, cache->header_filter, error);
    cache->items = xrealloc(cache->items, (cache->count + 1) * sizeof *cache->items);
    cache->items[cache->count++] = c;
    return c;
}

static bool same_path(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

const struct lockcheck_config *config_for_file(struct config_cache *cache,
                                               const char *source_file, char **error)
{
    *error = NULL;
    char *path = cache->explicit_path ? xstrdup(cache->explicit_path) : config_find_for(source_file);
    struct cached_config *c = NULL;
    for (size_t i = 0; i < cache->count && !c; i++)
        if (same_path(cache->items[i]->path, path))
            c = cache->items[i];
    if (!c)
        c = load_cached(cache, path, error);
    free(path);
    return c->bad ? NULL : &c->config;
}
