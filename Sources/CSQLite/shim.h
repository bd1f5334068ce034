#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call: this turns off the
   memory statistics (SQLITE_CONFIG_MEMSTATUS) through a fixed signature.
   It must run before SQLite initialises; afterwards it returns
   SQLITE_MISUSE and changes nothing. */
static inline int orgsqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* A pool for SQLite's small allocations, for a process that opens a
   database, makes one short read or write and exits. Parsing a chart's
   schema at open makes thousands of small allocations, and closing frees
   them all: through malloc and free that was about a sixth of a small
   write's instructions. Here a block comes from a free list of its size
   class, or from the pool's next free bytes, in a few instructions; a freed
   block goes back on its list. Larger requests, and those once the pool is
   used up, go to malloc. Only the thread that installed the pool uses it:
   on any other thread a request goes to malloc, and a pool block freed
   there is kept unused, so the lists need no lock.

   Layout: each block starts 16-aligned with 8 bytes holding the size the
   caller may use; the caller's bytes follow (8-aligned, as SQLite needs). */

#if defined(__APPLE__)
#include <malloc/malloc.h>
#define orgsqlite_usable_size malloc_size
#else
#include <malloc.h>
#define orgsqlite_usable_size malloc_usable_size
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ORGSQLITE_POOL_BYTES ((size_t)8 << 20)
/* Blocks up to this size (header included) come from the pool. */
#define ORGSQLITE_POOL_LARGEST ((size_t)16384)

/* The pool's state. Swift imports no C global variable defined in a
   header, but an inline function's own static is emitted with it: every
   function here reaches the state through this one. Only Connection.swift
   installs the pool, so one copy of them is made. */
struct orgsqlite_pool_state {
    uintptr_t start, next, end;
    char *freeBlocks[ORGSQLITE_POOL_LARGEST / 16 + 1];
    char bytes[ORGSQLITE_POOL_BYTES] __attribute__((aligned(16)));
};

static inline struct orgsqlite_pool_state *orgsqlite_pool(void) {
    static struct orgsqlite_pool_state pool;
    return &pool;
}

/* Whether the calling thread installed the pool: a thread-local flag,
   read in one instruction. */
static inline char *orgsqlite_pool_owned(void) {
    static __thread char owned;
    return &owned;
}

static inline int orgsqlite_pool_holds(const struct orgsqlite_pool_state *pool, const void *p) {
    uintptr_t address = (uintptr_t)p;
    return address > pool->start && address < pool->end;
}

static void *orgsqlite_pool_malloc(int n) {
    struct orgsqlite_pool_state *pool = orgsqlite_pool();
    size_t size = ((size_t)n + 8 + 15) & ~(size_t)15;
    if (size <= ORGSQLITE_POOL_LARGEST && *orgsqlite_pool_owned()) {
        char *block = pool->freeBlocks[size >> 4];
        if (block) {
            pool->freeBlocks[size >> 4] = *(char **)(block + 8);
            return block + 8;
        }
        if (pool->end - pool->next >= size) {
            block = (char *)pool->next;
            pool->next += size;
            *(uint64_t *)block = size - 8;
            return block + 8;
        }
    }
    return malloc((size_t)n);
}

static void orgsqlite_pool_free(void *p) {
    struct orgsqlite_pool_state *pool = orgsqlite_pool();
    if (!orgsqlite_pool_holds(pool, p)) {
        free(p);
        return;
    }
    if (!*orgsqlite_pool_owned()) return;
    char *block = (char *)p - 8;
    size_t size = (size_t)*(uint64_t *)block + 8;
    *(char **)p = pool->freeBlocks[size >> 4];
    pool->freeBlocks[size >> 4] = block;
}

static int orgsqlite_pool_size(void *p) {
    struct orgsqlite_pool_state *pool = orgsqlite_pool();
    if (!orgsqlite_pool_holds(pool, p)) return (int)orgsqlite_usable_size(p);
    return (int)*(uint64_t *)((char *)p - 8);
}

static void *orgsqlite_pool_realloc(void *p, int n) {
    struct orgsqlite_pool_state *pool = orgsqlite_pool();
    if (!orgsqlite_pool_holds(pool, p)) return realloc(p, (size_t)n);
    size_t usable = (size_t)*(uint64_t *)((char *)p - 8);
    if ((size_t)n <= usable) return p;
    void *moved = orgsqlite_pool_malloc(n);
    if (!moved) return 0;
    memcpy(moved, p, usable);
    orgsqlite_pool_free(p);
    return moved;
}

static int orgsqlite_pool_roundup(int n) {
    size_t size = ((size_t)n + 8 + 15) & ~(size_t)15;
    return size <= ORGSQLITE_POOL_LARGEST ? (int)(size - 8) : (n + 7) & ~7;
}

static int orgsqlite_pool_init(void *unused) { (void)unused; return SQLITE_OK; }
static void orgsqlite_pool_shutdown(void *unused) { (void)unused; }

/* Makes SQLite allocate through the pool, for the calling thread. Like
   every sqlite3_config, it must run before SQLite initialises (the first
   connection opens); afterwards it returns SQLITE_MISUSE and changes
   nothing. */
static inline int orgsqlite_use_pool_on_this_thread(void) {
    static sqlite3_mem_methods methods = {
        orgsqlite_pool_malloc, orgsqlite_pool_free, orgsqlite_pool_realloc, orgsqlite_pool_size,
        orgsqlite_pool_roundup, orgsqlite_pool_init, orgsqlite_pool_shutdown, 0
    };
    struct orgsqlite_pool_state *installed = orgsqlite_pool();
    /* Once per process: after a sqlite3_shutdown, blocks of the first pool
       may still be held, and a fresh pool would hand them out again. */
    if (installed->start) return SQLITE_MISUSE;
    int rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
    if (rc == SQLITE_OK) {
        struct orgsqlite_pool_state *pool = orgsqlite_pool();
        *orgsqlite_pool_owned() = 1;
        pool->start = (uintptr_t)pool->bytes;
        pool->next = pool->start;
        pool->end = pool->start + ORGSQLITE_POOL_BYTES;
    }
    return rc;
}
