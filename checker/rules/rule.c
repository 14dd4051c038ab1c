/*
 * rule.c: the registry built from rules/rule_list.h.
 */
#include "rules/rule.h"

#include <string.h>

#define RULE(name) &rule_##name,
const struct rule *const all_rules[] = {
#include "rules/rule_list.h"
};
#undef RULE

const unsigned rule_count = sizeof all_rules / sizeof all_rules[0];

static bool disabled[sizeof all_rules / sizeof all_rules[0]];

static int rule_index(const struct rule *rule)
{
    for (unsigned i = 0; i < rule_count; i++)
        if (all_rules[i] == rule)
            return (int)i;
    return -1;
}

const struct rule *rule_find(const char *id)
{
    for (unsigned i = 0; i < rule_count; i++)
        if (strcmp(all_rules[i]->id, id) == 0)
            return all_rules[i];
    return NULL;
}

bool rule_enabled(const struct rule *rule)
{
    int i = rule_index(rule);
    return i >= 0 && !disabled[i];
}

void rule_set_enabled(const struct rule *rule, bool enabled)
{
    int i = rule_index(rule);
    if (i >= 0)
        disabled[i] = !enabled;
}
