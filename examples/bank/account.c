/*
 * account.c: accounts and the bank's account table.
 *
 * Lock order: the table lock (read or write) before any account lock, and two
 * account locks in increasing id order. Each account's mutex guards its
 * balance and its frozen flag. Movements are posted to the ledger after the
 * account locks are released; the ledger is an audit trail, so a full ledger
 * drops the entry (and counts it) but does not undo the movement.
 */
#define _POSIX_C_SOURCE 200809L

#include "bank.h"

#include <stdlib.h>
#include <string.h>

int bank_init(struct bank *bank)
{
    memset(bank, 0, sizeof *bank);
    if (pthread_rwlock_init(&bank->table_lock, NULL) != 0)
        return BANK_ELOCK;
    if (ledger_init(&bank->ledger) != 0) {
        pthread_rwlock_destroy(&bank->table_lock);
        return BANK_ELOCK;
    }
    return BANK_OK;
}

void bank_destroy(struct bank *bank)
{
    for (size_t i = 0; i < bank->count; i++) {
        pthread_mutex_destroy(&bank->accounts[i]->lock);
        free(bank->accounts[i]);
    }
    ledger_destroy(&bank->ledger);
    pthread_rwlock_destroy(&bank->table_lock);
}

int bank_open_account(struct bank *bank, const char *owner, long initial)
{
    struct account *acct;
    int id;

    if (initial < 0)
        return BANK_EINVAL;
    acct = calloc(1, sizeof *acct);
    if (acct == NULL)
        return BANK_EFULL;
    pthread_mutex_init(&acct->lock, NULL);
    acct->balance = initial;
    strncpy(acct->owner, owner, sizeof acct->owner - 1);

    pthread_rwlock_wrlock(&bank->table_lock);
    if (bank->count == BANK_MAX_ACCOUNTS) {
        pthread_rwlock_unlock(&bank->table_lock);
        pthread_mutex_destroy(&acct->lock);
        free(acct);
        return BANK_EFULL;
    }
    id = (int)bank->count;
    acct->id = id;
    bank->accounts[bank->count++] = acct;
    pthread_rwlock_unlock(&bank->table_lock);
    return id;
}

struct account *bank_find(struct bank *bank, int id)
{
    struct account *acct = NULL;

    pthread_rwlock_rdlock(&bank->table_lock);
    if (id >= 0 && (size_t)id < bank->count)
        acct = bank->accounts[id];
    pthread_rwlock_unlock(&bank->table_lock);
    return acct;
}

int account_deposit(struct bank *bank, struct account *acct, long amount)
{
    if (amount <= 0)
        return BANK_EINVAL;
    pthread_mutex_lock(&acct->lock);
    if (acct->frozen) {
        pthread_mutex_unlock(&acct->lock);
        return BANK_EFROZEN;
    }
    acct->balance += amount;
    pthread_mutex_unlock(&acct->lock);
    ledger_post(&bank->ledger, ENTRY_DEPOSIT, -1, acct->id, amount);
    return BANK_OK;
}

int account_withdraw(struct bank *bank, struct account *acct, long amount)
{
    if (amount <= 0)
        return BANK_EINVAL;
    pthread_mutex_lock(&acct->lock);
    if (acct->frozen) {
        pthread_mutex_unlock(&acct->lock);
        return BANK_EFROZEN;
    }
    if (acct->balance < amount)
        return BANK_ENOFUNDS;
    acct->balance -= amount;
    pthread_mutex_unlock(&acct->lock);
    ledger_post(&bank->ledger, ENTRY_WITHDRAWAL, acct->id, -1, amount);
    return BANK_OK;
}

int account_balance(struct account *acct, long *out)
{
    if (pthread_mutex_lock(&acct->lock) != 0)
        return BANK_ELOCK;
    *out = acct->balance;
    pthread_mutex_unlock(&acct->lock);
    return BANK_OK;
}

int bank_transfer(struct bank *bank, struct account *from, struct account *to, long amount)
{
    struct account *first, *second;
    int rc = BANK_OK;

    if (amount <= 0 || from == to)
        return BANK_EINVAL;
    first = from->id < to->id ? from : to;
    second = from->id < to->id ? to : from;

    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
    if (from->frozen || to->frozen) {
        rc = BANK_EFROZEN;
        goto out;
    }
    if (from->balance < amount) {
        rc = BANK_ENOFUNDS;
        goto out;
    }
    from->balance -= amount;
    to->balance += amount;
out:
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
    if (rc == BANK_OK)
        ledger_post(&bank->ledger, ENTRY_TRANSFER, from->id, to->id, amount);
    return rc;
}

long bank_total(struct bank *bank)
{
    long total = 0;

    pthread_rwlock_rdlock(&bank->table_lock);
    for (size_t i = 0; i < bank->count; i++) {
        struct account *acct = bank->accounts[i];

        pthread_mutex_lock(&acct->lock);
        total += acct->balance;
        pthread_mutex_unlock(&acct->lock);
    }
    pthread_rwlock_unlock(&bank->table_lock);
    return total;
}
