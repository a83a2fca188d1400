/* lz4: the fast compressor and the HC compressor at level 9, and decompression of both, over
 * generated text; the checksum covers the decompressed bytes. lz4's 64-bit build hashes
 * differently from its 32-bit (Wasm) build, so compressed sizes differ natively and stay out of
 * the printed line. Size: rounds over 256 KiB. */
#include "common.h"
#include "lz4.h"
#include "lz4hc.h"

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 16);
    const int len = 256 << 10;
    char *src = malloc(len), *back = malloc(len);
    int cap = LZ4_compressBound(len);
    char *dst = malloc(cap);
    bench_text((unsigned char *)src, len);
    uint64_t h = BENCH_HASH_INIT;
    for (long r = 0; r < rounds; r++) {
        src[(size_t)r * 7919 % len] ^= (char)r;
        int dlen = r % 2 ? LZ4_compress_HC(src, dst, len, cap, 9) : LZ4_compress_default(src, dst, len, cap);
        if (dlen <= 0) return 1;
        for (int k = 0; k < 4; k++) {
            int blen = LZ4_decompress_safe(dst, back, dlen, len);
            if (blen != len || memcmp(src, back, len)) return 1;
        }
        h = bench_hash(h, back, len);
    }
    printf("lz4 %s: %ld rounds, checksum %016llx\n", LZ4_versionString(), rounds, (unsigned long long)h);
    return 0;
}
