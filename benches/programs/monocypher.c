/* Monocypher: authenticated encryption (XChaCha20-Poly1305), BLAKE2b, X25519 key exchange and
 * EdDSA signatures; the checksum covers every output. Size: rounds. */
#include "common.h"
#include "monocypher.h"

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 12);
    const size_t len = 256 << 10;
    uint8_t *msg = malloc(len), *cipher = malloc(len), *plain = malloc(len);
    bench_text(msg, len);
    uint8_t key[32], nonce[24], mac[16], hash[64], seed[32], sk[64], pk[32], sig[64];
    uint8_t xa[32], xb[32], pa[32], pb[32], sa[32], sb[32];
    for (int i = 0; i < 32; i++) key[i] = (uint8_t)bench_rand();
    for (int i = 0; i < 24; i++) nonce[i] = (uint8_t)bench_rand();
    uint64_t h = BENCH_HASH_INIT;
    for (long r = 0; r < rounds; r++) {
        nonce[0] = (uint8_t)r;
        crypto_aead_lock(cipher, mac, key, nonce, NULL, 0, msg, len);
        if (crypto_aead_unlock(plain, mac, key, nonce, NULL, 0, cipher, len) || memcmp(plain, msg, len)) return 1;
        crypto_blake2b(hash, 64, cipher, len);
        h = bench_hash(bench_hash(h, mac, sizeof mac), hash, sizeof hash);
        for (int k = 0; k < 8; k++) {
            for (int i = 0; i < 32; i++) xa[i] = (uint8_t)bench_rand(), xb[i] = (uint8_t)bench_rand();
            crypto_x25519_public_key(pa, xa);
            crypto_x25519_public_key(pb, xb);
            crypto_x25519(sa, xa, pb);
            crypto_x25519(sb, xb, pa);
            if (memcmp(sa, sb, 32)) return 1;
            memcpy(seed, sa, 32);
            crypto_eddsa_key_pair(sk, pk, seed);
            crypto_eddsa_sign(sig, sk, hash, sizeof hash);
            if (crypto_eddsa_check(sig, pk, hash, sizeof hash)) return 1;
            h = bench_hash(h, sig, sizeof sig);
        }
    }
    printf("monocypher: %ld rounds, checksum %016llx\n", rounds, (unsigned long long)h);
    return 0;
}
