/* zlib: deflate at levels 1, 6 and 9 and inflate back, over generated text; the checksum covers
 * the compressed bytes, CRC-32 and Adler-32. Size: rounds over 256 KiB. */
#include "common.h"
#include "zlib.h"

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 12);
    const size_t len = 256 << 10;
    unsigned char *src = malloc(len), *back = malloc(len);
    uLongf cap = compressBound(len);
    unsigned char *dst = malloc(cap);
    bench_text(src, len);
    static const int levels[] = {1, 6, 9};
    uint64_t h = BENCH_HASH_INIT;
    size_t total = 0;
    for (long r = 0; r < rounds; r++) {
        src[(size_t)r * 7919 % len] ^= (unsigned char)r; /* each round compresses new data */
        uLongf dlen = cap, blen = len;
        if (compress2(dst, &dlen, src, len, levels[r % 3]) != Z_OK) return 1;
        if (uncompress(back, &blen, dst, dlen) != Z_OK || blen != len || memcmp(src, back, len)) return 1;
        uint32_t sums[2] = {(uint32_t)crc32(0, back, (uInt)len), (uint32_t)adler32(1, back, (uInt)len)};
        h = bench_hash(bench_hash(h, dst, dlen), sums, sizeof sums);
        total += dlen;
    }
    printf("zlib %s: %ld rounds, %zu compressed bytes, checksum %016llx\n", zlibVersion(), rounds, total,
           (unsigned long long)h);
    return 0;
}
