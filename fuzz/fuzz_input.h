/*
 * fuzz_input.h: handing a fuzzer's bytes to readers that take a path.
 *
 * The readers (configuration, compile database, baseline) open files by
 * name, as they do in a run. The bytes go into an anonymous in-memory file
 * (memfd), named by its /proc/self/fd path: nothing is written to disk.
 */
#ifndef LOCKCHECK_FUZZ_INPUT_H
#define LOCKCHECK_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_file {
    int fd;
    char path[64];
};

/* Fills an in-memory file with data[0..size); false when it cannot. */
int fuzz_file_open(struct fuzz_file *file, const uint8_t *data, size_t size);
void fuzz_file_close(struct fuzz_file *file);

#endif
