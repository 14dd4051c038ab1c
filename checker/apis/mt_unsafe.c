/*
 * mt_unsafe.c: the one table of library functions that must not be called
 * from several threads at once (used by rules/check_mt_unsafe_call.c).
 *
 * Sources:
 *  - POSIX.1-2017, XSH 2.9.1 "Thread-Safety": the list of functions that
 *    "need not be thread-safe" (marked "POSIX" below);
 *  - the GNU C Library manual's POSIX safety concepts: functions marked
 *    MT-Unsafe (race:..., const:env, ...) in their documentation ("glibc").
 * Functions POSIX lists but glibc documents as MT-Safe (dirname, basename,
 * getenv, system, ...) are left out: on the platform lockcheck targets they
 * are safe, and reporting them would be noise.
 *
 * Each entry names the reentrant replacement where one exists (the _r
 * variants POSIX defines next to the function, or the GNU one).
 */
#include "apis/mt_unsafe.h"

#include <stddef.h>
#include <string.h>

static const struct mt_unsafe_function table[] = {
    /* strings */
    {"strtok", "use 'strtok_r', which keeps its position in a caller-owned pointer", "POSIX, glibc"},
    {"strerror", "use 'strerror_r' (or 'strerror_l')", "POSIX, glibc"},
    {"strsignal", NULL, "POSIX, glibc"},
    /* time */
    {"localtime", "use 'localtime_r', which fills a caller-owned struct tm", "POSIX, glibc"},
    {"gmtime", "use 'gmtime_r', which fills a caller-owned struct tm", "POSIX, glibc"},
    {"ctime", "use 'ctime_r' with a caller-owned buffer, or 'strftime'", "POSIX, glibc"},
    {"asctime", "use 'asctime_r' with a caller-owned buffer, or 'strftime'", "POSIX, glibc"},
    {"getdate", "use 'getdate_r' (GNU)", "POSIX, glibc"},
    /* random numbers */
    /* glibc serialises rand, but every thread draws from one shared sequence */
    {"rand", "use 'rand_r' with a per-thread seed, or a per-thread generator", "POSIX"},
    {"drand48", "use 'erand48' with a per-thread state", "POSIX, glibc"},
    {"lrand48", "use 'nrand48' with a per-thread state", "POSIX, glibc"},
    {"mrand48", "use 'jrand48' with a per-thread state", "POSIX, glibc"},
    /* directories and files */
    {"readdir", "give each thread its own DIR stream ('readdir_r' is deprecated)", "POSIX, glibc"},
    {"tmpnam", "use 'mkstemp', which also avoids the race on the name", "POSIX, glibc"},
    {"ttyname", "use 'ttyname_r'", "POSIX, glibc"},
    {"ptsname", "use 'ptsname_r'", "POSIX, glibc"},
    /* environment */
    {"setenv", "set the environment before starting threads", "POSIX, glibc"},
    {"unsetenv", "change the environment before starting threads", "POSIX, glibc"},
    {"putenv", "set the environment before starting threads", "POSIX, glibc"},
    {"clearenv", "change the environment before starting threads", "glibc"},
    /* users, groups, hosts */
    {"getlogin", "use 'getlogin_r'", "POSIX, glibc"},
    {"getpwnam", "use 'getpwnam_r'", "POSIX, glibc"},
    {"getpwuid", "use 'getpwuid_r'", "POSIX, glibc"},
    {"getpwent", "use 'getpwent_r' (GNU)", "POSIX, glibc"},
    {"getgrnam", "use 'getgrnam_r'", "POSIX, glibc"},
    {"getgrgid", "use 'getgrgid_r'", "POSIX, glibc"},
    {"getgrent", "use 'getgrent_r' (GNU)", "POSIX, glibc"},
    {"gethostbyname", "use 'getaddrinfo'", "POSIX (removed in 2008), glibc"},
    {"gethostbyaddr", "use 'getnameinfo'", "POSIX (removed in 2008), glibc"},
    {"getservbyname", "use 'getservbyname_r' (GNU) or 'getaddrinfo'", "POSIX, glibc"},
    {"getprotobyname", "use 'getprotobyname_r' (GNU)", "POSIX, glibc"},
    {"inet_ntoa", "use 'inet_ntop' with a caller-owned buffer", "POSIX"},
    /* misc */
    {"crypt", "use 'crypt_r' (GNU)", "POSIX, glibc"},
    {"encrypt", "use 'encrypt_r' (GNU)", "POSIX, glibc"},
    {"setkey", "use 'setkey_r' (GNU)", "POSIX, glibc"},
    {"lgamma", "use 'lgamma_r'", "POSIX, glibc"},
    {"lgammaf", "use 'lgammaf_r'", "POSIX, glibc"},
    {"lgammal", "use 'lgammal_r'", "POSIX, glibc"},
    {"hcreate", "use 'hcreate_r' (GNU)", "POSIX, glibc"},
    {"hsearch", "use 'hsearch_r' (GNU)", "POSIX, glibc"},
    {"hdestroy", "use 'hdestroy_r' (GNU)", "POSIX, glibc"},
    {"ecvt", "use 'snprintf'", "glibc"},
    {"fcvt", "use 'snprintf'", "glibc"},
    {"l64a", NULL, "POSIX, glibc"},
    {"localeconv", NULL, "POSIX, glibc"},
    {"nl_langinfo", "use 'nl_langinfo_l'", "POSIX"},
};

const struct mt_unsafe_function *mt_unsafe_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}
