/*
 * rule_list.h: the one table of rules. Each line names a rule whose
 * definition `const struct rule rule_<name>` lives in rules/check_<name>.c.
 * The order here is the order of --list-checks and of SARIF's rules[].
 */
RULE(missing_unlock)
RULE(double_lock)
RULE(unlock_not_held)
RULE(guarded_access)
RULE(requires_lock)
RULE(excluded_lock_held)
RULE(lock_not_acquired)
RULE(mt_unsafe_call)
RULE(dangling_thread_arg)
RULE(thread_unsafe_handle)
RULE(lock_order_inversion)
RULE(blocking_under_spinlock)
RULE(lockcheck_nolint)
RULE(data_race)
