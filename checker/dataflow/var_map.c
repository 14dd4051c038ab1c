/*
 * var_map.c: the persistent array of tracked conditions' facts (see
 * var_map.h). Nodes are reference-counted; a node with more than one
 * reference is never written, it is copied first.
 */
#include "dataflow/var_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/memory.h"

#define FAN_BITS 4
#define FAN (1u << FAN_BITS)

struct var_map_node {
    unsigned refs;
    union {
        struct var_map_node *kids[FAN];  /* above the leaves */
        struct var_fact facts[FAN];      /* a leaf */
    } u;
};

const struct var_fact VAR_FACT_UNKNOWN = {
    .truth = TRUTH_UNKNOWN,
    .result_form = RESULT_VALUE,
    .values_known = 0,
    .set_at = NO_NODE_ID,
    .result_of = NO_NODE_ID,
    .values = 0,
    .equal_to = NO_CONDITION,
};

void var_map_init(struct var_map *m, unsigned count)
{
    m->root = NULL;
    m->depth = 0;
    for (unsigned capacity = FAN; capacity < count; capacity <<= FAN_BITS)
        m->depth++;
}

static void node_release(struct var_map_node *n, unsigned level)
{
    if (!n || --n->refs)
        return;
    if (level)
        for (unsigned i = 0; i < FAN; i++)
            node_release(n->u.kids[i], level - 1);
    free(n);
}

void var_map_clear(struct var_map *m)
{
    node_release(m->root, m->depth);
    m->root = NULL;
}

void var_map_assign(struct var_map *dst, const struct var_map *src)
{
    if (src->root)
        src->root->refs++;
    node_release(dst->root, dst->depth);
    dst->root = src->root;
    dst->depth = src->depth;
}

static unsigned slot_of(unsigned v, unsigned level)
{
    return (v >> (FAN_BITS * level)) & (FAN - 1);
}

const struct var_fact *var_map_get(const struct var_map *m, unsigned v)
{
    const struct var_map_node *n = m->root;
    for (unsigned level = m->depth; n && level; level--)
        n = n->u.kids[slot_of(v, level)];
    return n ? &n->u.facts[slot_of(v, 0)] : &VAR_FACT_UNKNOWN;
}

static struct var_map_node *node_new(unsigned level)
{
    struct var_map_node *n = xcalloc(1, sizeof *n);
    n->refs = 1;
    if (!level)
        for (unsigned i = 0; i < FAN; i++)
            n->u.facts[i] = VAR_FACT_UNKNOWN;
    return n;
}

/* A private copy of a shared node: the children gain a reference. */
static struct var_map_node *node_unshare(struct var_map_node *n, unsigned level)
{
    struct var_map_node *copy = xmalloc(sizeof *copy);
    memcpy(copy, n, sizeof *copy);
    copy->refs = 1;
    if (level)
        for (unsigned i = 0; i < FAN; i++)
            if (copy->u.kids[i])
                copy->u.kids[i]->refs++;
    n->refs--;
    return copy;
}

struct var_fact *var_map_set(struct var_map *m, unsigned v)
{
    struct var_map_node **slot = &m->root;
    for (unsigned level = m->depth;; level--) {
        if (!*slot)
            *slot = node_new(level);
        else if ((*slot)->refs > 1)
            *slot = node_unshare(*slot, level);
        if (!level)
            return &(*slot)->u.facts[slot_of(v, 0)];
        slot = &(*slot)->u.kids[slot_of(v, level)];
    }
}

static bool fact_equal(const struct var_fact *a, const struct var_fact *b)
{
    return a->truth == b->truth && a->result_form == b->result_form && a->values_known == b->values_known &&
           a->set_at == b->set_at && a->result_of == b->result_of && a->values == b->values &&
           a->equal_to == b->equal_to;
}

static const struct var_fact *leaf_fact(const struct var_map_node *n, unsigned i)
{
    return n ? &n->u.facts[i] : &VAR_FACT_UNKNOWN;
}

static const struct var_map_node *kid(const struct var_map_node *n, unsigned i)
{
    return n ? n->u.kids[i] : NULL;
}

static bool node_equal(const struct var_map_node *a, const struct var_map_node *b, unsigned level)
{
    if (a == b)
        return true;
    for (unsigned i = 0; i < FAN; i++)
        if (level ? !node_equal(kid(a, i), kid(b, i), level - 1) : !fact_equal(leaf_fact(a, i), leaf_fact(b, i)))
            return false;
    return true;
}

bool var_map_equal(const struct var_map *a, const struct var_map *b)
{
    return node_equal(a->root, b->root, a->depth);
}

struct var_fact var_fact_join(const struct var_fact *a, const struct var_fact *b)
{
    struct var_fact r = *a;
    if (r.truth != b->truth)
        r.truth = TRUTH_UNKNOWN;
    if (r.result_of != b->result_of || r.result_form != b->result_form) {
        r.result_of = NO_NODE_ID;
        r.result_form = RESULT_VALUE;
    }
    if (r.equal_to != b->equal_to)
        r.equal_to = NO_CONDITION;
    r.set_at = r.set_at == NO_NODE_ID ? b->set_at : b->set_at == NO_NODE_ID ? r.set_at
               : r.set_at > b->set_at ? r.set_at : b->set_at;
    return r;
}

/* The join of in[0..count) at one level; scratch holds count pointers per
 * level below. A result equal to one of the inputs is that input, shared. */
static struct var_map_node *node_join(const struct var_map_node **in, unsigned count, unsigned level,
                                      const struct var_map_node **scratch)
{
    bool same = true;
    for (unsigned i = 1; i < count && same; i++)
        same = in[i] == in[0];
    struct var_map_node *r;
    if (same) {
        r = (struct var_map_node *)in[0];
        if (r)
            r->refs++;
        return r;
    }
    if (!level) {
        r = node_new(0);
        for (unsigned j = 0; j < FAN; j++) {
            struct var_fact f = *leaf_fact(in[0], j);
            for (unsigned i = 1; i < count; i++)
                f = var_fact_join(&f, leaf_fact(in[i], j));
            r->u.facts[j] = f;
        }
    } else {
        r = node_new(level);
        for (unsigned j = 0; j < FAN; j++) {
            for (unsigned i = 0; i < count; i++)
                scratch[i] = kid(in[i], j);
            r->u.kids[j] = node_join(scratch, count, level - 1, scratch + count);
        }
    }
    for (unsigned i = 0; i < count; i++)
        if (node_equal(r, in[i], level)) {
            node_release(r, level);
            r = (struct var_map_node *)in[i];
            if (r)
                r->refs++;
            break;
        }
    return r;
}

void var_map_join(struct var_map *out, const struct var_map *const *in, unsigned count)
{
    unsigned depth = in[0]->depth;
    const struct var_map_node **nodes = xmalloc((size_t)count * (depth + 2) * sizeof *nodes);
    for (unsigned i = 0; i < count; i++)
        nodes[i] = in[i]->root;
    struct var_map_node *root = node_join(nodes, count, depth, nodes + count);
    node_release(out->root, out->depth);
    out->root = root;
    out->depth = depth;
    free(nodes);
}
