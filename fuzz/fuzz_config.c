/*
 * fuzz_config.c: libFuzzer target for the .lockcheck.yml reader
 * (config/config.c), header filters (util/bounded_regex.c) included: every
 * input is either a configuration or a one-line error, never a crash, a
 * leak, a hang or an allocation beyond libFuzzer's -rss_limit_mb.
 */
#include <stdint.h>
#include <stdlib.h>

#include "config/config.h"
#include "fuzz_input.h"
#include "rules/rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_file file;
    if (!fuzz_file_open(&file, data, size))
        return 0;
    struct lockcheck_config config;
    char *error = NULL;
    if (config_load(file.path, &config, rule_checks_valid, &error)) {
        config_reports_header(&config, "src/include/header.h");
        config_type_not_thread_safe(&config, "struct conn");
        config_thread_create_function(&config, "spawn");
    }
    config_free(&config);
    free(error);
    fuzz_file_close(&file);
    return 0;
}
