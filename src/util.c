/* util.c - arena, capped buffer and interning table shared by every module. */
#include "alloc.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dyad_arena_block { dyad_arena_block *next; size_t used, size; max_align_t data[]; };

enum { ARENA_BLOCK = 64 * 1024 };

void dyad_arena_init(dyad_arena *a) { a->head = NULL; a->used_total = 0; }

void *dyad_arena_alloc_raw(dyad_arena *a, size_t n) {
  n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
  dyad_arena_block *b = a->head;
  if (!b || b->size - b->used < n) {
    size_t sz = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = dyad_malloc(sizeof *b + sz);
    if (!b) return NULL;
    b->next = a->head; b->used = 0; b->size = sz;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  a->used_total += n;
  return p;
}

void *dyad_arena_alloc(dyad_arena *a, size_t n) {
  void *p = dyad_arena_alloc_raw(a, n);
  if (p) memset(p, 0, n);
  return p;
}

char *dyad_arena_strndup(dyad_arena *a, const char *s, size_t n) {
  char *p = dyad_arena_alloc(a, n + 1);
  if (p) { memcpy(p, s, n); p[n] = 0; }
  return p;
}

void dyad_arena_reset(dyad_arena *a) {
  if (!a->head) return;
  dyad_arena_block *b = a->head->next;
  while (b) { dyad_arena_block *nx = b->next; free(b); b = nx; }
  a->head->next = NULL; a->head->used = 0; a->used_total = 0;
}

void dyad_arena_free(dyad_arena *a) {
  dyad_arena_block *b = a->head;
  while (b) { dyad_arena_block *nx = b->next; free(b); b = nx; }
  a->head = NULL; a->used_total = 0;
}

void dyad_buf_init(dyad_buf *b, size_t cap_max) { b->p = NULL; b->n = b->cap_alloc = 0; b->cap_max = cap_max; }

static int buf_reserve(dyad_buf *b, size_t extra) {
  if (extra > b->cap_max || b->n > b->cap_max - extra) return -1;
  size_t need = b->n + extra + 1;
  if (need <= b->cap_alloc) return 0;
  size_t c = b->cap_alloc ? b->cap_alloc : 256;
  while (c < need) c *= 2;
  char *p = dyad_realloc(b->p, c);
  if (!p) return -1;
  b->p = p; b->cap_alloc = c;
  return 0;
}

int dyad_buf_add(dyad_buf *b, const void *p, size_t n) {
  if (buf_reserve(b, n)) return -1;
  if (n) memcpy(b->p + b->n, p, n);
  b->n += n; b->p[b->n] = 0;
  return 0;
}
int dyad_buf_addc(dyad_buf *b, char c) { return dyad_buf_add(b, &c, 1); }
int dyad_buf_adds(dyad_buf *b, const char *s) { return dyad_buf_add(b, s, strlen(s)); }

int dyad_buf_printf(dyad_buf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (k < 0) return -1;
  if ((size_t)k < sizeof tmp) return dyad_buf_add(b, tmp, (size_t)k);
  if (buf_reserve(b, (size_t)k)) return -1;
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)k;
  return 0;
}

void dyad_buf_free(dyad_buf *b) { free(b->p); dyad_buf_init(b, b->cap_max); }

uint64_t dyad_hash(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
  return h ^ (h >> 29);
}

size_t dyad_put_int(char *out, size_t cap, size_t at, long long v) {
  char tmp[24];
  size_t k = sizeof tmp;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do tmp[--k] = (char)('0' + u % 10); while (u /= 10);
  if (v < 0) tmp[--k] = '-';
  return at < cap ? at + dyad_copy_str(out + at, cap - at, tmp + k, sizeof tmp - k) : at;
}

void dyad_lower_ascii(char *out, const char *in, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)in[i];
    out[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
}

void dyad_intern_init(dyad_intern *t) { memset(t, 0, sizeof *t); }

static int32_t intern_probe(const dyad_intern *t, const char *s, size_t n, size_t *slot) {
  if (!t->nslots) { *slot = 0; return -1; }
  size_t m = t->nslots - 1, i = (size_t)dyad_hash(s, n) & m;
  for (;;) {
    uint32_t v = t->slots[i];
    if (!v) { *slot = i; return -1; }
    if (t->lens[v - 1] == n && memcmp(t->strs[v - 1], s, n) == 0) { *slot = i; return (int32_t)(v - 1); }
    i = (i + 1) & m;
  }
}

static int intern_grow(dyad_intern *t) {
  size_t ns = t->nslots ? t->nslots * 2 : 1024;
  uint32_t *sl = dyad_calloc(ns, sizeof *sl);
  if (!sl) return -1;
  for (size_t id = 0; id < t->count; id++) {
    size_t i = (size_t)dyad_hash(t->strs[id], t->lens[id]) & (ns - 1);
    while (sl[i]) i = (i + 1) & (ns - 1);
    sl[i] = (uint32_t)id + 1;
  }
  free(t->slots); t->slots = sl; t->nslots = ns;
  return 0;
}

int32_t dyad_intern_find(const dyad_intern *t, const char *s, size_t n) {
  size_t slot;
  return intern_probe(t, s, n, &slot);
}

int32_t dyad_intern_add(dyad_intern *t, const char *s, size_t n) {
  size_t slot;
  int32_t id = intern_probe(t, s, n, &slot);
  if (id >= 0) return id;
  if ((t->count + 1) * 2 > t->nslots) {
    if (intern_grow(t)) return -1;
    intern_probe(t, s, n, &slot);
  }
  if (t->count == t->cap) {
    size_t nc = t->cap ? t->cap * 2 : 1024;
    char **ns = dyad_realloc(t->strs, nc * sizeof *ns);
    if (!ns) return -1;
    t->strs = ns;
    uint32_t *nl = dyad_realloc(t->lens, nc * sizeof *nl);
    if (!nl) return -1;
    t->lens = nl; t->cap = nc;
  }
  char *c = dyad_malloc(n + 1);
  if (!c) return -1;
  memcpy(c, s, n); c[n] = 0;
  t->strs[t->count] = c; t->lens[t->count] = (uint32_t)n;
  t->slots[slot] = (uint32_t)t->count + 1;
  return (int32_t)t->count++;
}

void dyad_intern_free(dyad_intern *t) {
  for (size_t i = 0; i < t->count; i++) free(t->strs[i]);
  free(t->strs); free(t->lens); free(t->slots);
  memset(t, 0, sizeof *t);
}

size_t dyad_utf8_len(const unsigned char *s, size_t n) {
  unsigned char b = s[0], lo = 0x80, hi = 0xBF;
  if (b < 0x80) return 1;
  if (b < 0xC2 || b > 0xF4) return 0;
  size_t need = b <= 0xDF ? 1 : b <= 0xEF ? 2 : 3;
  if (b == 0xE0) lo = 0xA0;
  if (b == 0xED) hi = 0x9F;
  if (b == 0xF0) lo = 0x90;
  if (b == 0xF4) hi = 0x8F;
  for (size_t k = 1; k <= need; k++, lo = 0x80, hi = 0xBF)
    if (k >= n || s[k] < lo || s[k] > hi) return 0;
  return need + 1;
}

char *dyad_utf8_repair(const char *in, size_t n, size_t invalid, size_t *out_n) {
  const unsigned char *s = (const unsigned char *)in;
  if (invalid > (SIZE_MAX - n) / 2) return NULL;
  char *out = dyad_malloc(n + 2 * invalid + 1);
  size_t o = 0, k;
  for (size_t i = 0; out && i < n; i += k ? k : 1) {
    k = dyad_utf8_len(s + i, n - i);
    if (k) memcpy(out + o, s + i, k), o += k;
    else memcpy(out + o, "\xEF\xBF\xBD", 3), o += 3;
  }
  *out_n = o;
  return out;
}
