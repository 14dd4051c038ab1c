/*
 * bank.h: a tiny in-memory bank, the example project bundled with lockcheck.
 *
 * Accounts each carry their own mutex; the bank's account table is behind a
 * read-write lock; every posted movement goes to a ledger, a bounded queue
 * drained by an auditor thread. teller.c runs a few teller threads over it.
 */
#ifndef BANK_H
#define BANK_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#define BANK_MAX_ACCOUNTS 64
#define LEDGER_CAPACITY 128

/* Errors are returned as negative values. */
enum bank_error {
    BANK_OK = 0,
    BANK_EINVAL = -1,
    BANK_ENOFUNDS = -2,
    BANK_EFROZEN = -3,
    BANK_ENOENT = -4,
    BANK_EFULL = -5,
    BANK_EIO = -6,
    BANK_ELOCK = -7,
};

struct account {
    pthread_mutex_t lock;      /* guards everything below */
    int id;
    long balance;              /* in cents */
    int frozen;
    char owner[32];
};

enum entry_kind { ENTRY_DEPOSIT, ENTRY_WITHDRAWAL, ENTRY_TRANSFER };

struct ledger_entry {
    enum entry_kind kind;
    int from;                  /* account id, or -1 */
    int to;                    /* account id, or -1 */
    long amount;
};

struct ledger {
    pthread_mutex_t lock;      /* guards the ring and the counters */
    pthread_cond_t not_empty;
    struct ledger_entry ring[LEDGER_CAPACITY];
    size_t head, count;
    unsigned long posted, dropped;
    int closing;
};

struct bank {
    pthread_rwlock_t table_lock;   /* guards accounts[] and count */
    struct account *accounts[BANK_MAX_ACCOUNTS];
    size_t count;
    struct ledger ledger;
};

/* account.c */
int bank_init(struct bank *bank);
void bank_destroy(struct bank *bank);
int bank_open_account(struct bank *bank, const char *owner, long initial);
struct account *bank_find(struct bank *bank, int id);
int account_deposit(struct bank *bank, struct account *acct, long amount);
int account_withdraw(struct bank *bank, struct account *acct, long amount);
int account_balance(struct account *acct, long *out);
int bank_transfer(struct bank *bank, struct account *from, struct account *to, long amount);
long bank_total(struct bank *bank);

/* ledger.c */
int ledger_init(struct ledger *lg);
void ledger_destroy(struct ledger *lg);
int ledger_post(struct ledger *lg, enum entry_kind kind, int from, int to, long amount);
int ledger_take(struct ledger *lg, struct ledger_entry *out);
void ledger_close(struct ledger *lg);
int ledger_write(struct ledger *lg, FILE *out);
int ledger_stats(struct ledger *lg, unsigned long *posted, unsigned long *dropped);

#endif
