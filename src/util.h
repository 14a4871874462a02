/* util.h - small shared pieces: string views, an arena, a growable byte buffer with a hard cap,
 * and an interning string table. Ownership: whoever calls an init or new function frees with the matching
 * *_free; views (dyad_str) borrow and die with what they point into. */
#ifndef DYAD_UTIL_H
#define DYAD_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "dyad.h"

/* ---- arena: many small allocations freed at once ---- */
typedef struct dyad_arena_block dyad_arena_block;
typedef struct { dyad_arena_block *head; size_t used_total; } dyad_arena;
void dyad_arena_init(dyad_arena *a);
void *dyad_arena_alloc(dyad_arena *a, size_t n);          /* zeroed; NULL when out of memory */
void *dyad_arena_alloc_raw(dyad_arena *a, size_t n);      /* not zeroed: the caller writes before reading */
char *dyad_arena_strndup(dyad_arena *a, const char *s, size_t n);
void dyad_arena_reset(dyad_arena *a);                     /* keeps the first block */
void dyad_arena_free(dyad_arena *a);

/* ---- word equality for the grammar's fixed word lists: most words differ in their first byte,
 * tested inline before the strcmp call (a call costs ~20 instructions). Both NUL-terminated. ---- */
static inline int dyad_streq(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

/* ---- short copies without printf: snprintf(out, cap, "%.*s", n, s) costs ~500 instructions a
 * call, this a few per byte. Copies at most n bytes of s, stopping at its NUL, into out (cap > 0
 * bytes), truncated to cap - 1 bytes and NUL-terminated; returns the length written. s not NULL.
 * dyad_put_int appends the decimal form of v at out[at] the same way ("%d"). ---- */
static inline size_t dyad_copy_str(char *out, size_t cap, const char *s, size_t n) {
  size_t i = 0;
  for (; i < n && i + 1 < cap && s[i]; i++) out[i] = s[i];
  out[i] = 0;
  return i;
}
size_t dyad_put_int(char *out, size_t cap, size_t at, long long v);

/* ---- growable buffer: refuses to grow past cap (returns -1) ---- */
typedef struct { char *p; size_t n, cap_alloc, cap_max; } dyad_buf;
void dyad_buf_init(dyad_buf *b, size_t cap_max);
int dyad_buf_add(dyad_buf *b, const void *p, size_t n);
int dyad_buf_addc(dyad_buf *b, char c);
int dyad_buf_adds(dyad_buf *b, const char *s);
int dyad_buf_printf(dyad_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dyad_buf_free(dyad_buf *b);

/* ---- interning table: string -> dense id (0..count-1) ---- */
typedef struct {
  uint32_t *slots;     /* id+1, 0 = empty */
  size_t nslots;
  char **strs;         /* id -> NUL-terminated copy (owned) */
  uint32_t *lens;
  size_t count, cap;
} dyad_intern;
void dyad_intern_init(dyad_intern *t);
int32_t dyad_intern_add(dyad_intern *t, const char *s, size_t n);        /* -1 on OOM */
int32_t dyad_intern_find(const dyad_intern *t, const char *s, size_t n); /* -1 if absent */
void dyad_intern_free(dyad_intern *t);

/* Length of the valid UTF-8 sequence at s (n > 0 bytes left: 1 for ASCII), or 0 when invalid
 * (overlongs, surrogates and code points above U+10FFFF included). */
size_t dyad_utf8_len(const unsigned char *s, size_t n);
/* A malloc'ed copy of in with each invalid UTF-8 byte replaced by U+FFFD (invalid: how many such
 * bytes there are, as counted with dyad_utf8_len); NULL when memory runs out. */
char *dyad_utf8_repair(const char *in, size_t n, size_t invalid, size_t *out_n);

uint64_t dyad_hash(const void *p, size_t n);
/* ASCII lowercase copy of n bytes into out (non-ASCII bytes are copied unchanged). */
void dyad_lower_ascii(char *out, const char *in, size_t n);
#endif
