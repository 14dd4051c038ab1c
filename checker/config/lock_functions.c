/*
 * lock_functions.c: the configuration's `lock-functions:` in front of the
 * built-in table of lock APIs (see config.h). Here, not in apis/, because
 * apis/ sits below config/ in the layers: the table knows nothing of the
 * configuration, the configuration's entries are table entries.
 */
#include "config/config.h"

#include <string.h>

const struct lock_api *lock_api_find_in(const struct lockcheck_config *config, const char *function)
{
    for (size_t i = 0; config && i < config->lock_function_count; i++)
        if (strcmp(config->lock_functions[i].function, function) == 0)
            return &config->lock_functions[i];
    return lock_api_find(function);
}
