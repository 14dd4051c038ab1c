/*
 * annotations.c: reading lock annotations (see annotations.h).
 *
 * Not yet implemented: no declaration is treated as annotated.
 */
#include "annotations/annotations.h"

const struct summary *annotation_summary(struct tu_context *tu, CXCursor function)
{
    (void)tu;
    (void)function;
    return NULL;
}

bool annotation_no_analysis(struct tu_context *tu, CXCursor function)
{
    (void)tu;
    (void)function;
    return false;
}

void annotation_collect(struct function_analysis *fa)
{
    (void)fa;
}

bool annotation_wants_dataflow(struct function_analysis *fa)
{
    (void)fa;
    return false;
}

void annotation_entry_state(struct function_analysis *fa, struct lock_state *entry)
{
    (void)fa;
    (void)entry;
}
