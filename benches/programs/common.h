/* Shared by the drivers of the real-program suite: the size argument, a deterministic input
 * generator and a checksum. Nothing here depends on the clock, the environment or the pointer
 * size, so a driver prints the same line natively and in WebAssembly. */
#ifndef LIFE_BENCH_COMMON_H
#define LIFE_BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The work size: argv[1] if given, else `dflt`. */
static long bench_size(int argc, char **argv, long dflt) {
    if (argc < 2) return dflt;
    long n = strtol(argv[1], NULL, 10);
    if (n <= 0) {
        fprintf(stderr, "usage: %s [SIZE > 0]\n", argv[0]);
        exit(2);
    }
    return n;
}

/* A 64-bit xorshift* generator. */
static uint64_t bench_rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t bench_rand(void) {
    uint64_t x = bench_rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    bench_rng_state = x;
    return (uint32_t)((x * 0x2545f4914f6cdd1dull) >> 32);
}

/* FNV-1a, 64-bit. */
static uint64_t bench_hash(uint64_t h, const void *data, size_t len) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}
#define BENCH_HASH_INIT 0xcbf29ce484222325ull

/* `len` bytes of English-like text (words with a skewed frequency, punctuation, numbers and
 * line breaks): compressible about as well as real prose. */
static void bench_text(unsigned char *out, size_t len) {
    static const char *const words[] = {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
        "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which",
        "but", "have", "an", "had", "they", "you", "were", "their", "one", "all", "we",
        "machine", "memory", "function", "module", "table", "global", "instance", "value",
        "interpreter", "compiler", "register", "branch", "stack", "frame", "linear",
        "validation", "translation", "benchmark", "program", "sandbox", "webassembly",
    };
    const size_t nwords = sizeof words / sizeof words[0];
    size_t i = 0, col = 0;
    while (i < len) {
        uint32_t r = bench_rand();
        /* Squaring a uniform index favours the first, common words. */
        size_t w = (size_t)(((uint64_t)(r & 0xffff) * (r & 0xffff) >> 16) * nwords >> 16);
        char piece[32];
        int n;
        if ((r >> 16) % 97 == 0) n = snprintf(piece, sizeof piece, "%u", (r >> 8) % 100000);
        else n = snprintf(piece, sizeof piece, "%s", words[w]);
        const char *sep = (r >> 24) % 13 == 0 ? ". " : (r >> 24) % 7 == 0 ? ", " : " ";
        col += (size_t)n + strlen(sep);
        if (col > 72) { sep = "\n"; col = 0; }
        for (int k = 0; k < n && i < len; k++) out[i++] = (unsigned char)piece[k];
        for (const char *s = sep; *s && i < len; s++) out[i++] = (unsigned char)*s;
    }
}

#endif
