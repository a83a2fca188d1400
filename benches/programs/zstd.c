/* zstd: compress at levels 1, 3 and 9 and decompress back, over generated text; the checksum
 * covers the decompressed bytes and the compressed sizes. Size: rounds over 256 KiB. */
#include "common.h"
#include "zstd.h"

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 12);
    const size_t len = 256 << 10;
    unsigned char *src = malloc(len), *back = malloc(len);
    size_t cap = ZSTD_compressBound(len);
    unsigned char *dst = malloc(cap);
    bench_text(src, len);
    static const int levels[] = {1, 3, 9};
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    uint64_t h = BENCH_HASH_INIT;
    size_t total = 0;
    for (long r = 0; r < rounds; r++) {
        src[(size_t)r * 7919 % len] ^= (unsigned char)r;
        size_t dlen = ZSTD_compressCCtx(cctx, dst, cap, src, len, levels[r % 3]);
        if (ZSTD_isError(dlen)) return 1;
        size_t blen = ZSTD_decompressDCtx(dctx, back, len, dst, dlen);
        if (ZSTD_isError(blen) || blen != len || memcmp(src, back, len)) return 1;
        uint32_t size = (uint32_t)dlen;
        h = bench_hash(bench_hash(h, back, blen), &size, sizeof size);
        total += dlen;
    }
    ZSTD_freeCCtx(cctx);
    ZSTD_freeDCtx(dctx);
    printf("zstd %s: %ld rounds, %zu compressed bytes, checksum %016llx\n", ZSTD_versionString(), rounds, total,
           (unsigned long long)h);
    return 0;
}
