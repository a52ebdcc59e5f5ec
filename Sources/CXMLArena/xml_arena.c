#include "xml_arena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A chunk is this header and then `capacity` bytes of blocks. A block is a 16-byte header holding its size, then
 * the memory handed out; blocks start at multiples of 16 from the chunk's start, so the memory is aligned as
 * malloc's is on x86-64 and arm64. */
typedef struct Chunk {
    struct Chunk *next;
    size_t capacity;
} Chunk;

enum {
    BLOCK_HEADER = 16,
    /* A new chunk's size, unless one block needs more. */
    CHUNK_SIZE = 1 << 20,
    /* At the end of a span, chunks beyond this many bytes are returned to the C library. */
    RETAINED_BYTES = 8 << 20,
};

/* One thread's chunks: those before `current` are full, those after it are free. */
typedef struct {
    Chunk *first;
    Chunk *current;
    char *cursor;
    char *limit;
    /* The last block handed out: it can grow, or be taken back, in place. */
    char *last;
    int depth;
    size_t used;
} Arena;

static __thread Arena arena;

static pthread_key_t cleanupKey;
static pthread_once_t cleanupOnce = PTHREAD_ONCE_INIT;

static char *chunkStart(Chunk *chunk) { return (char *)chunk + sizeof(Chunk); }
static char *chunkEnd(Chunk *chunk) { return chunkStart(chunk) + chunk->capacity; }

/* Frees a finished thread's chunks (a pthread key destructor: it runs when a thread that allocated one exits). */
static void releaseChunks(void *value) {
    Arena *owner = value;
    Chunk *chunk = owner->first;
    while (chunk != NULL) {
        Chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    memset(owner, 0, sizeof(Arena));
}

static void makeCleanupKey(void) { pthread_key_create(&cleanupKey, releaseChunks); }

/* Whether `pointer` lies in one of this thread's chunks. */
static int owns(const void *pointer) {
    const char *address = pointer;
    if (arena.current != NULL && address >= chunkStart(arena.current) && address < chunkEnd(arena.current)) return 1;
    for (Chunk *chunk = arena.first; chunk != NULL; chunk = chunk->next) {
        if (address >= chunkStart(chunk) && address < chunkEnd(chunk)) return 1;
    }
    return 0;
}

static size_t roundUp(size_t size) { return (size + 15) & ~(size_t)15; }

/* Makes the chunk after the current one (a free one large enough, or a new one) current. */
static int advance(size_t needed) {
    Chunk *next = arena.current != NULL ? arena.current->next : arena.first;
    if (next == NULL || next->capacity < needed) {
        size_t capacity = needed > CHUNK_SIZE ? roundUp(needed) : CHUNK_SIZE;
        Chunk *chunk = malloc(sizeof(Chunk) + capacity);
        if (chunk == NULL) return 0;
        chunk->capacity = capacity;
        chunk->next = next;
        if (arena.current != NULL) {
            arena.current->next = chunk;
        } else {
            arena.first = chunk;
            pthread_once(&cleanupOnce, makeCleanupKey);
            pthread_setspecific(cleanupKey, &arena);
        }
        next = chunk;
    }
    arena.current = next;
    arena.cursor = chunkStart(next);
    arena.limit = chunkEnd(next);
    return 1;
}

void evidence_xml_arena_begin(void) {
    if (arena.depth++ == 0) arena.used = 0;
}

void evidence_xml_arena_end(void) {
    if (arena.depth == 0 || --arena.depth > 0) return;
    /* Keep chunks, up to RETAINED_BYTES in all, for the next span; return the others (a large document's). */
    size_t kept = 0;
    Chunk **link = &arena.first;
    while (*link != NULL) {
        Chunk *chunk = *link;
        if (kept + chunk->capacity <= RETAINED_BYTES) {
            kept += chunk->capacity;
            link = &chunk->next;
        } else {
            *link = chunk->next;
            free(chunk);
        }
    }
    arena.current = arena.first;
    arena.cursor = arena.first != NULL ? chunkStart(arena.first) : NULL;
    arena.limit = arena.first != NULL ? chunkEnd(arena.first) : NULL;
    arena.last = NULL;
}

size_t evidence_xml_arena_used(void) { return arena.used; }

void *evidence_xml_arena_malloc(size_t size) {
    if (arena.depth == 0) return malloc(size);
    size_t needed = BLOCK_HEADER + roundUp(size);
    if (needed < size) return NULL;
    if (arena.cursor == NULL || (size_t)(arena.limit - arena.cursor) < needed) {
        if (!advance(needed)) return NULL;
    }
    char *block = arena.cursor;
    *(size_t *)block = size;
    arena.cursor += needed;
    arena.used += needed;
    arena.last = block + BLOCK_HEADER;
    return arena.last;
}

void *evidence_xml_arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return evidence_xml_arena_malloc(size);
    if (!owns(pointer)) return realloc(pointer, size);
    char *memory = pointer;
    size_t *header = (size_t *)(memory - BLOCK_HEADER);
    size_t old = *header;
    if (memory == arena.last && arena.depth > 0 && (size_t)(arena.limit - memory) >= roundUp(size)) {
        /* The last block grows or shrinks where it is. */
        char *cursor = memory + roundUp(size);
        if (cursor >= arena.cursor) {
            arena.used += (size_t)(cursor - arena.cursor);
        } else {
            arena.used -= (size_t)(arena.cursor - cursor);
        }
        arena.cursor = cursor;
        *header = size;
        return memory;
    }
    if (size <= old) {
        *header = size;
        return memory;
    }
    void *moved = evidence_xml_arena_malloc(size);
    if (moved != NULL) memcpy(moved, memory, old);
    return moved;
}

void evidence_xml_arena_free(void *pointer) {
    if (pointer == NULL) return;
    if (!owns(pointer)) {
        free(pointer);
        return;
    }
    if (pointer == arena.last && arena.depth > 0) {
        /* The last block is taken back (a temporary freed at once). */
        char *block = (char *)pointer - BLOCK_HEADER;
        arena.used -= (size_t)(arena.cursor - block);
        arena.cursor = block;
        arena.last = NULL;
    }
}

char *evidence_xml_arena_strdup(const char *text) {
    /* libxml2's own default (xmlStrdup) returns NULL for NULL. */
    if (text == NULL) return NULL;
    size_t length = strlen(text) + 1;
    char *copy = evidence_xml_arena_malloc(length);
    if (copy != NULL) memcpy(copy, text, length);
    return copy;
}
