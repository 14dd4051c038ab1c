/*
 * teller.c: the bank's program. A few teller threads move money between
 * accounts at random while an auditor thread follows the ledger; at the end
 * the total must equal what was deposited minus what was withdrawn.
 */
#define _POSIX_C_SOURCE 200809L

#include "bank.h"

#include <stdlib.h>

#define TELLERS 4
#define ACCOUNTS 8
#define OPERATIONS 10000

struct teller {
    pthread_t thread;
    struct bank *bank;
    unsigned seed;
    long deposited, withdrawn;
};

struct auditor {
    pthread_t thread;
    struct ledger *ledger;
    unsigned long seen;
    long volume;
};

static struct bank bank;
static struct teller tellers[TELLERS];
static struct auditor auditor;

static void *teller_main(void *arg)
{
    struct teller *t = arg;

    for (int i = 0; i < OPERATIONS; i++) {
        struct account *a = bank_find(t->bank, rand_r(&t->seed) % ACCOUNTS);
        struct account *b = bank_find(t->bank, rand_r(&t->seed) % ACCOUNTS);
        long amount = 1 + rand_r(&t->seed) % 500;

        switch (rand_r(&t->seed) % 4) {
        case 0:
            if (account_deposit(t->bank, a, amount) == BANK_OK)
                t->deposited += amount;
            break;
        case 1:
            if (account_withdraw(t->bank, a, amount) == BANK_OK)
                t->withdrawn += amount;
            break;
        default:
            if (a != b)
                bank_transfer(t->bank, a, b, amount);
            break;
        }
    }
    return NULL;
}

static void *auditor_main(void *arg)
{
    struct auditor *au = arg;
    struct ledger_entry entry;

    while (ledger_take(au->ledger, &entry) == BANK_OK) {
        au->seen++;
        au->volume += entry.amount;
    }
    return NULL;
}

int main(void)
{
    long initial = 0, deposited = 0, withdrawn = 0, total;
    unsigned long posted = 0, dropped = 0;
    int started = 0;

    if (bank_init(&bank) != BANK_OK)
        return 1;
    for (int i = 0; i < ACCOUNTS; i++) {
        char owner[24];

        snprintf(owner, sizeof owner, "customer-%d", i);
        if (bank_open_account(&bank, owner, 1000) < 0)
            return 1;
        initial += 1000;
    }

    auditor.ledger = &bank.ledger;
    if (pthread_create(&auditor.thread, NULL, auditor_main, &auditor) != 0)
        return 1;
    for (; started < TELLERS; started++) {
        tellers[started].bank = &bank;
        tellers[started].seed = 17u * (unsigned)started + 1u;
        if (pthread_create(&tellers[started].thread, NULL, teller_main, &tellers[started]) != 0)
            break;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(tellers[i].thread, NULL);
        deposited += tellers[i].deposited;
        withdrawn += tellers[i].withdrawn;
    }
    ledger_close(&bank.ledger);
    pthread_join(auditor.thread, NULL);

    ledger_write(&bank.ledger, stdout);
    ledger_stats(&bank.ledger, &posted, &dropped);
    printf("tellers %d, ledger entries %lu (dropped %lu), audited %lu\n",
           started, posted, dropped, auditor.seen);
    total = bank_total(&bank);
    printf("total %ld, expected %ld\n", total, initial + deposited - withdrawn);
    bank_destroy(&bank);
    return total == initial + deposited - withdrawn ? 0 : 1;
}
