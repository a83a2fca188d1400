/* bzip2: compress with 900 KiB blocks and decompress back, over generated text; the checksum
 * covers the compressed bytes. Size: rounds over 256 KiB. */
#include "common.h"
#include "bzlib.h"

/* Built with BZ_NO_STDIO, the library reports an internal inconsistency through this. */
void bz_internal_error(int code) {
    fprintf(stderr, "bzip2: internal error %d\n", code);
    exit(3);
}

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 4);
    const unsigned len = 256 << 10;
    char *src = malloc(len), *back = malloc(len);
    unsigned cap = len + len / 100 + 600;
    char *dst = malloc(cap);
    bench_text((unsigned char *)src, len);
    uint64_t h = BENCH_HASH_INIT;
    size_t total = 0;
    for (long r = 0; r < rounds; r++) {
        src[(size_t)r * 7919 % len] ^= (char)r;
        unsigned dlen = cap, blen = len;
        if (BZ2_bzBuffToBuffCompress(dst, &dlen, src, len, 9, 0, 30) != BZ_OK) return 1;
        if (BZ2_bzBuffToBuffDecompress(back, &blen, dst, dlen, 0, 0) != BZ_OK || blen != len ||
            memcmp(src, back, len))
            return 1;
        h = bench_hash(h, dst, dlen);
        total += dlen;
    }
    printf("bzip2 %.5s: %ld rounds, %zu compressed bytes, checksum %016llx\n", BZ2_bzlibVersion(), rounds, total,
           (unsigned long long)h);
    return 0;
}
