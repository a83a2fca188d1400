/* A libc-style generic quicksort (element size and comparator passed at run time, so every
 * comparison is an indirect call) sorting 16384 records by key then id. Each round fills the
 * records from an LCG, sorts them and checks the order. `sort_bench(n)` runs n rounds and returns
 * a checksum of the sorted ids, or -1 if a round is out of order. */
#include "bench.h"

#define COUNT 16384

typedef struct {
    u32 key;
    u32 id;
} Record;

static Record records[COUNT];

typedef int (*Compare)(const void *, const void *);

static int compare_records(const void *a, const void *b) {
    const Record *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->id != y->id) return x->id < y->id ? -1 : 1;
    return 0;
}

static void swap(u8 *a, u8 *b, usize size) {
    if (size % 4 == 0) {
        u32 *x = (u32 *)a, *y = (u32 *)b;
        for (usize i = 0; i < size / 4; i++) {
            u32 t = x[i];
            x[i] = y[i];
            y[i] = t;
        }
    } else {
        for (usize i = 0; i < size; i++) {
            u8 t = a[i];
            a[i] = b[i];
            b[i] = t;
        }
    }
}

static void insertion_sort(u8 *base, usize count, usize size, Compare cmp) {
    for (usize i = 1; i < count; i++) {
        for (usize j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--) {
            swap(base + (j - 1) * size, base + j * size, size);
        }
    }
}

static void quick_sort(u8 *base, usize count, usize size, Compare cmp) {
    while (count > 12) {
        u8 *lo = base, *mid = base + (count / 2) * size, *hi = base + (count - 1) * size;
        /* Median of three, left in the middle. */
        if (cmp(mid, lo) < 0) swap(mid, lo, size);
        if (cmp(hi, mid) < 0) {
            swap(hi, mid, size);
            if (cmp(mid, lo) < 0) swap(mid, lo, size);
        }
        /* Hoare partition around the pivot, which moves to the front. */
        swap(lo, mid, size);
        usize i = 0, j = count;
        for (;;) {
            do i++; while (i < count && cmp(base + i * size, base) < 0);
            do j--; while (cmp(base + j * size, base) > 0);
            if (i >= j) break;
            swap(base + i * size, base + j * size, size);
        }
        swap(base, base + j * size, size);
        /* Recurse into the smaller side, loop on the larger one. */
        usize left = j, right = count - j - 1;
        if (left < right) {
            quick_sort(base, left, size, cmp);
            base += (j + 1) * size;
            count = right;
        } else {
            quick_sort(base + (j + 1) * size, right, size, cmp);
            count = left;
        }
    }
    insertion_sort(base, count, size, cmp);
}

BENCH_EXPORT long long sort_bench(int n) {
    u64 check = 0;
    for (int round = 0; round < n; round++) {
        u32 x = (u32)round * 747796405u + 2891336453u;
        for (u32 i = 0; i < COUNT; i++) {
            x = x * 1664525u + 1013904223u;
            /* Keys in a small range, so ties are common and the id decides. */
            records[i].key = (x >> 8) % 4096;
            records[i].id = i;
        }
        quick_sort((u8 *)records, COUNT, sizeof(Record), compare_records);
        for (u32 i = 1; i < COUNT; i++) {
            if (compare_records(&records[i - 1], &records[i]) >= 0) return -1;
        }
        for (u32 i = 0; i < COUNT; i += 97) check = check * 31 + records[i].id;
    }
    return (long long)check;
}
