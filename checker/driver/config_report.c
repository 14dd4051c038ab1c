/*
 * config_report.c: --list-checks and --dump-config (see config_report.h).
 * The YAML is written with libyaml's emitter, so quoting is libyaml's and
 * the output reads back with the same library the configuration reader
 * uses.
 */
#include "driver/config_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "config/config.h"
#include "driver/options.h"
#include "report/finding.h"
#include "rules/rule.h"
#include "util/memory.h"
#include "util/strings.h"

/* A name in the folder whose configuration applies when no file is given. */
#define CURRENT_FOLDER_PROBE "lockcheck-current-folder"

/* The configuration for the first file (or the current folder), with the
 * command line's overrides; NULL after printing the error. */
static const struct lockcheck_config *effective_config(const struct options *opts,
                                                       struct config_cache *cache)
{
    const char *file = opts->file_count > 0 ? opts->files[0] : CURRENT_FOLDER_PROBE;
    char *error = NULL;
    const struct lockcheck_config *config = config_for_file(cache, file, &error);
    if (!config && error)
        fprintf(stderr, "lockcheck: error: %s\n", error);
    free(error);
    return config;
}

int config_report_list_checks(const struct options *opts)
{
    struct config_cache *cache =
        config_cache_new(opts->config_file, opts->header_filter, rule_checks_valid);
    const struct lockcheck_config *config = effective_config(opts, cache);
    if (config) {
        struct rule_selection rules;
        rule_select(&rules, config->checks, opts->checks);
        for (unsigned r = 0; r < rule_count; r++)
            if (rules.enabled[r])
                printf("%-22s %s\n", all_rules[r]->description.id,
                       all_rules[r]->description.short_description);
    }
    config_cache_free(cache);
    return config ? 0 : 2;
}

/* ---- YAML ---- */

static void emit(yaml_emitter_t *e, yaml_event_t *event)
{
    yaml_emitter_emit(e, event);
}

static void scalar(yaml_emitter_t *e, const char *text)
{
    yaml_event_t event;
    yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)text, (int)strlen(text), 1, 1,
                                 YAML_ANY_SCALAR_STYLE);
    emit(e, &event);
}

static void key_value(yaml_emitter_t *e, const char *key, const char *value)
{
    scalar(e, key);
    scalar(e, value);
}

static void key_number(yaml_emitter_t *e, const char *key, long long value)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", value);
    key_value(e, key, text);
}

static void mapping_start(yaml_emitter_t *e, yaml_mapping_style_t style)
{
    yaml_event_t event;
    yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, style);
    emit(e, &event);
}

static void sequence_start(yaml_emitter_t *e, yaml_sequence_style_t style)
{
    yaml_event_t event;
    yaml_sequence_start_event_initialize(&event, NULL, NULL, 1, style);
    emit(e, &event);
}

static void mapping_end(yaml_emitter_t *e)
{
    yaml_event_t event;
    yaml_mapping_end_event_initialize(&event);
    emit(e, &event);
}

static void sequence_end(yaml_emitter_t *e)
{
    yaml_event_t event;
    yaml_sequence_end_event_initialize(&event);
    emit(e, &event);
}

static const char *op_name(enum lock_op op)
{
    return op == LOCK_OP_TRY_ACQUIRE ? "try-acquire" : op == LOCK_OP_RELEASE ? "release" : "acquire";
}

static void emit_lock_functions(yaml_emitter_t *e, const struct lockcheck_config *c)
{
    scalar(e, "lock-functions");
    sequence_start(e, YAML_BLOCK_SEQUENCE_STYLE);
    for (size_t i = 0; i < c->lock_function_count; i++) {
        const struct lock_api *api = &c->lock_functions[i];
        mapping_start(e, YAML_FLOW_MAPPING_STYLE);
        key_value(e, "name", api->function);
        key_value(e, "op", op_name(api->op));
        key_number(e, "lock-arg", api->lock_arg);
        if (api->mode != LOCK_MODE_ANY) /* a release without `mode:` releases either */
            key_value(e, "mode", api->mode == LOCK_MODE_SHARED ? "shared" : "exclusive");
        if (api->op == LOCK_OP_TRY_ACQUIRE)
            key_number(e, "success", api->success_value);
        key_value(e, "kind", api->kind ? api->kind : "lock");
        mapping_end(e);
    }
    sequence_end(e);
}

static void emit_thread_create_functions(yaml_emitter_t *e, const struct lockcheck_config *c)
{
    scalar(e, "thread-create-functions");
    sequence_start(e, YAML_BLOCK_SEQUENCE_STYLE);
    for (size_t i = 0; i < c->thread_create_function_count; i++) {
        const struct thread_create_function *t = &c->thread_create_functions[i];
        mapping_start(e, YAML_FLOW_MAPPING_STYLE);
        key_value(e, "name", t->name);
        key_number(e, "start-routine-arg", t->start_routine_arg);
        key_number(e, "argument-arg", t->argument_arg);
        mapping_end(e);
    }
    sequence_end(e);
}

static void emit_types(yaml_emitter_t *e, const struct lockcheck_config *c)
{
    scalar(e, "not-thread-safe-types");
    sequence_start(e, YAML_FLOW_SEQUENCE_STYLE);
    for (size_t i = 0; i < c->not_thread_safe_type_count; i++)
        scalar(e, c->not_thread_safe_types[i]);
    sequence_end(e);
}

/* The checks a file under this configuration runs (every rule to start
 * with): the file's globs, then --checks (the command line wins). */
static char *effective_checks(const struct lockcheck_config *c, const struct options *opts)
{
    if (c->checks && opts->checks)
        return str_printf("%s,%s", c->checks, opts->checks);
    return xstrdup(c->checks ? c->checks : opts->checks ? opts->checks : "*");
}

static int write_to_stdout(void *data, unsigned char *buffer, size_t size)
{
    (void)data;
    return fwrite(buffer, 1, size, stdout) == size;
}

static void emit_config(const struct lockcheck_config *c, const struct options *opts)
{
    yaml_emitter_t e;
    yaml_event_t event;
    yaml_emitter_initialize(&e);
    yaml_emitter_set_output(&e, write_to_stdout, NULL);
    yaml_emitter_set_unicode(&e, 1);
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    emit(&e, &event);
    yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
    emit(&e, &event);
    mapping_start(&e, YAML_BLOCK_MAPPING_STYLE);
    char *checks = effective_checks(c, opts);
    key_value(&e, "checks", checks);
    free(checks);
    if (c->header_filter)
        key_value(&e, "header-filter", c->header_filter);
    emit_lock_functions(&e, c);
    emit_thread_create_functions(&e, c);
    emit_types(&e, c);
    mapping_end(&e);
    yaml_document_end_event_initialize(&event, 1);
    emit(&e, &event);
    yaml_stream_end_event_initialize(&event);
    emit(&e, &event);
    yaml_emitter_flush(&e);
    yaml_emitter_delete(&e);
}

int config_report_dump(const struct options *opts)
{
    struct config_cache *cache =
        config_cache_new(opts->config_file, opts->header_filter, rule_checks_valid);
    const struct lockcheck_config *config = effective_config(opts, cache);
    if (config) {
        printf("# lockcheck's effective configuration (from %s)\n",
               config->path ? config->path : "no configuration file: the defaults");
        emit_config(config, opts);
    }
    config_cache_free(cache);
    return config ? 0 : 2;
}
