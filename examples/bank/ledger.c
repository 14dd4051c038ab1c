/*
 * ledger.c: the bank's ledger, a bounded queue of posted movements.
 *
 * Tellers post entries (ledger_post); the auditor thread takes them one at a
 * time (ledger_take) and ledger_write dumps whatever is pending as text. One
 * mutex guards the ring and the counters; not_empty wakes the auditor.
 */
#define _POSIX_C_SOURCE 200809L

#include "bank.h"

#include <sched.h>

static const char *entry_kind_name(enum entry_kind kind)
{
    switch (kind) {
    case ENTRY_DEPOSIT:
        return "deposit";
    case ENTRY_WITHDRAWAL:
        return "withdrawal";
    case ENTRY_TRANSFER:
        return "transfer";
    }
    return "?";
}

int ledger_init(struct ledger *lg)
{
    lg->head = lg->count = 0;
    lg->posted = lg->dropped = 0;
    lg->closing = 0;
    if (pthread_mutex_init(&lg->lock, NULL) != 0)
        return BANK_ELOCK;
    if (pthread_cond_init(&lg->not_empty, NULL) != 0) {
        pthread_mutex_destroy(&lg->lock);
        return BANK_ELOCK;
    }
    return BANK_OK;
}

void ledger_destroy(struct ledger *lg)
{
    pthread_cond_destroy(&lg->not_empty);
    pthread_mutex_destroy(&lg->lock);
}

int ledger_post(struct ledger *lg, enum entry_kind kind, int from, int to, long amount)
{
    struct ledger_entry *slot;

    /* The auditor drains the ring quickly: when it is full, give it a
     * moment and try again before dropping the entry. */
    for (int attempt = 1;; attempt++) {
        pthread_mutex_lock(&lg->lock);
        if (lg->count < LEDGER_CAPACITY)
            break;
        if (attempt == 3) {
            lg->dropped++;
            pthread_mutex_unlock(&lg->lock);
            return BANK_EFULL;
        }
        sched_yield();
    }
    slot = &lg->ring[(lg->head + lg->count) % LEDGER_CAPACITY];
    slot->kind = kind;
    slot->from = from;
    slot->to = to;
    slot->amount = amount;
    lg->count++;
    lg->posted++;
    pthread_cond_signal(&lg->not_empty);
    pthread_mutex_unlock(&lg->lock);
    return BANK_OK;
}

int ledger_take(struct ledger *lg, struct ledger_entry *out)
{
    pthread_mutex_lock(&lg->lock);
    while (lg->count == 0 && !lg->closing)
        pthread_cond_wait(&lg->not_empty, &lg->lock);
    if (lg->count == 0) {
        /* Closed and drained. */
        pthread_mutex_unlock(&lg->lock);
        return BANK_ENOENT;
    }
    *out = lg->ring[lg->head];
    lg->head = (lg->head + 1) % LEDGER_CAPACITY;
    lg->count--;
    pthread_mutex_unlock(&lg->lock);
    return BANK_OK;
}

void ledger_close(struct ledger *lg)
{
    pthread_mutex_lock(&lg->lock);
    lg->closing = 1;
    pthread_cond_broadcast(&lg->not_empty);
    pthread_mutex_unlock(&lg->lock);
}

int ledger_write(struct ledger *lg, FILE *out)
{
    struct ledger_entry batch[LEDGER_CAPACITY];
    size_t n = 0;

    pthread_mutex_lock(&lg->lock);
    while (lg->count > 0) {
        batch[n++] = lg->ring[lg->head];
        lg->head = (lg->head + 1) % LEDGER_CAPACITY;
        lg->count--;
    }
    /* Write the batch without holding the lock: output may be slow. */
    pthread_mutex_unlock(&lg->lock);

    for (size_t i = 0; i < n; i++) {
        if (fprintf(out, "%-10s %3d %3d %8ld\n", entry_kind_name(batch[i].kind),
                    batch[i].from, batch[i].to, batch[i].amount) < 0) {
            pthread_mutex_unlock(&lg->lock);
            return BANK_EIO;
        }
    }
    return fflush(out) == 0 ? BANK_OK : BANK_EIO;
}

int ledger_stats(struct ledger *lg, unsigned long *posted, unsigned long *dropped)
{
    /* Called by monitoring code: never wait behind the tellers. */
    if (pthread_mutex_trylock(&lg->lock) == 0) {
        *posted = lg->posted;
        *dropped = lg->dropped;
        pthread_mutex_unlock(&lg->lock);
        return BANK_OK;
    }
    return BANK_ELOCK;
}
