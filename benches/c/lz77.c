/* LZ77 compression with hash chains (the scheme of deflate's matcher, without the Huffman
 * stage), plus the decompressor. Each round generates 64 KiB of word-salad text, compresses it,
 * decompresses it and checks the round trip. `lz77_bench(n)` runs n rounds and returns a
 * checksum of the compressed sizes and bytes, or -1 if a round trip fails. */
#include "bench.h"

#define IN_LEN 65536
#define HASH_BITS 13
#define MAX_CHAIN 16
#define MIN_MATCH 4
#define MAX_MATCH 258
#define MAX_OFFSET 65535

static u8 input[IN_LEN];
static u8 packed[IN_LEN + IN_LEN / 64 + 64];
static u8 unpacked[IN_LEN];
static int head[1 << HASH_BITS];
static int prev[IN_LEN];

static const char *const WORDS[] = {
    "the",     "of",     "and",    "memory",   "stack",   "module",  "function", "table",
    "import",  "export", "global", "value",    "branch",  "loop",    "block",    "call",
    "result",  "type",   "local",  "compile",  "engine",  "store",   "instance", "trap",
    "integer", "float",  "vector", "register", "machine", "program", "a",        "is",
};

static u32 rng;

static u32 next_random(void) {
    rng = rng * 1664525u + 1013904223u;
    return rng >> 8;
}

static void generate(u32 seed) {
    rng = seed * 2654435761u + 1;
    usize pos = 0;
    while (pos < IN_LEN) {
        u32 r = next_random();
        const char *w = WORDS[r & 31];
        if ((r >> 5) % 16 == 0) {
            /* A number: digits that rarely repeat, to keep some entropy in the text. */
            u32 v = next_random() % 100000;
            do {
                if (pos < IN_LEN) input[pos++] = (u8)('0' + v % 10);
                v /= 10;
            } while (v);
        } else {
            while (*w && pos < IN_LEN) input[pos++] = (u8)*w++;
        }
        if (pos < IN_LEN) input[pos++] = ((r >> 9) % 11 == 0) ? '\n' : ' ';
    }
}

static u32 hash4(const u8 *p) {
    u32 v = (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

static u8 *put_len(u8 *out, usize len) {
    while (len >= 255) {
        *out++ = 255;
        len -= 255;
    }
    *out++ = (u8)len;
    return out;
}

static void insert(const u8 *in, usize pos) {
    u32 h = hash4(in + pos);
    prev[pos] = head[h];
    head[h] = (int)pos;
}

static usize compress(const u8 *in, usize len, u8 *out) {
    u8 *o = out;
    for (usize i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
    usize pos = 0, lit_start = 0;
    while (pos + MIN_MATCH <= len) {
        usize best_len = 0, best_off = 0;
        int cand = head[hash4(in + pos)];
        int chain = MAX_CHAIN;
        usize limit = len - pos < MAX_MATCH ? len - pos : MAX_MATCH;
        while (cand >= 0 && pos - (usize)cand <= MAX_OFFSET && chain-- > 0) {
            const u8 *c = in + cand;
            if (c[best_len] == in[pos + best_len] || best_len == 0) {
                usize l = 0;
                while (l < limit && c[l] == in[pos + l]) l++;
                if (l > best_len) {
                    best_len = l;
                    best_off = pos - (usize)cand;
                    if (l == limit) break;
                }
            }
            cand = prev[cand];
        }
        insert(in, pos);
        if (best_len >= MIN_MATCH) {
            o = put_len(o, pos - lit_start);
            for (usize i = lit_start; i < pos; i++) *o++ = in[i];
            o = put_len(o, best_len - MIN_MATCH);
            *o++ = (u8)best_off;
            *o++ = (u8)(best_off >> 8);
            for (usize k = 1; k < best_len && pos + k + MIN_MATCH <= len; k++) insert(in, pos + k);
            pos += best_len;
            lit_start = pos;
        } else {
            pos++;
        }
    }
    o = put_len(o, len - lit_start);
    for (usize i = lit_start; i < len; i++) *o++ = in[i];
    return (usize)(o - out);
}

static usize get_len(const u8 *in, usize *ip) {
    usize len = 0;
    u8 b;
    do {
        b = in[(*ip)++];
        len += b;
    } while (b == 255);
    return len;
}

/* Returns the decompressed length, or 0 on malformed input. */
static usize decompress(const u8 *in, usize in_len, u8 *out, usize out_cap) {
    usize ip = 0, op = 0;
    for (;;) {
        usize lit = get_len(in, &ip);
        if (lit > out_cap - op || lit > in_len - ip) return 0;
        for (usize i = 0; i < lit; i++) out[op++] = in[ip++];
        if (ip == in_len) return op;
        usize m = get_len(in, &ip) + MIN_MATCH;
        usize off = (usize)in[ip] | (usize)in[ip + 1] << 8;
        ip += 2;
        if (off == 0 || off > op || m > out_cap - op) return 0;
        const u8 *from = out + op - off;
        for (usize i = 0; i < m; i++) out[op + i] = from[i];
        op += m;
    }
}

BENCH_EXPORT long long lz77_bench(int n) {
    u64 check = 0;
    for (int round = 0; round < n; round++) {
        generate((u32)round);
        usize packed_len = compress(input, IN_LEN, packed);
        usize out_len = decompress(packed, packed_len, unpacked, IN_LEN);
        if (out_len != IN_LEN) return -1;
        for (usize i = 0; i < IN_LEN; i++) {
            if (unpacked[i] != input[i]) return -1;
        }
        u32 h = 2166136261u;
        for (usize i = 0; i < packed_len; i += 61) h = (h ^ packed[i]) * 16777619u;
        check = (check << 7 | check >> 57) ^ ((u64)packed_len << 32 | h);
    }
    return (long long)check;
}
