/* normalize.c - the one text normalization every input goes through before tokenizing: repairs
 * UTF-8 (U+FFFD per maximal invalid subsequence), maps typographic quotes, dashes, spaces and
 * controls to ASCII, drops invisible characters and puts the rest in NFC, in one linear pass. */
#include "alloc.h"
#include "normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Non-ASCII runs are composed in chunks: a chunk is cut before a safe starter once it holds
 * NORM_SOFT_SPLIT bytes, and anywhere once it holds NORM_HARD_SPLIT (pathological input). */
#define NORM_SOFT_SPLIT ((size_t)64 * 1024)
#define NORM_HARD_SPLIT ((size_t)1024 * 1024)
#define NORM_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE)

typedef struct {
  uint8_t *p;
  size_t n, cap, max;  /* max: hard cap on cap */
} nbuf;

typedef struct {
  nbuf out;                 /* the result */
  nbuf seg;                 /* the current non-ASCII run, mapped but not yet composed */
  int seg_wide;             /* seg holds a non-ASCII byte, so NFC must run */
  utf8proc_int32_t *cps;    /* decomposition scratch for one chunk */
  size_t cps_cap;
  dyad_norm_stats st;
  int failed;               /* out of memory */
} norm_state;

/* Makes room for extra more bytes; 0 on success, -1 (and state->failed) past the cap or OOM. */
static int buf_reserve(nbuf *b, size_t extra) {
  if (b->n + extra <= b->cap) return 0;
  if (b->n + extra > b->max) return -1;
  size_t cap = b->cap ? b->cap * 2 : 256;
  if (cap < b->n + extra) cap = b->n + extra;
  if (cap > b->max) cap = b->max;
  uint8_t *p = dyad_realloc(b->p, cap);
  if (!p) return -1;
  b->p = p;
  b->cap = cap;
  return 0;
}

static void buf_add(norm_state *s, nbuf *b, const void *src, size_t k) {
  if (s->failed || k == 0) return;
  if (buf_reserve(b, k) != 0) {
    s->failed = 1;
    return;
  }
  memcpy(b->p + b->n, src, k);
  b->n += k;
}

/* Decodes one UTF-8 sequence at s (n > 0 bytes left). Returns the bytes consumed; *cp is the
 * code point, or -1 for an invalid maximal subpart (which is what was consumed). */
static size_t utf8_decode(const uint8_t *s, size_t n, int32_t *cp) {
  uint8_t b = s[0], lo = 0x80, hi = 0xBF;
  size_t need;
  int32_t c;
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1, c = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2, c = b & 0x0F;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;  /* no surrogates */
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3, c = b & 0x07;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;  /* nothing past U+10FFFF */
  } else {
    *cp = -1;
    return 1;
  }
  for (size_t k = 1; k <= need; k++) {
    if (k >= n || s[k] < lo || s[k] > hi) {
      *cp = -1;
      return k;
    }
    c = (c << 6) | (s[k] & 0x3F);
    lo = 0x80, hi = 0xBF;
  }
  *cp = c;
  return need + 1;
}

/* The documented mapping for a non-ASCII code point: returns 0 to keep it, 1 when *rep (maybe
 * "") replaces it, 2 when it is a C1 control replaced by a space. */
static int map_char(int32_t c, const char **rep) {
  if (c <= 0x9F) return *rep = " ", 2;
  if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
      c == 0x3000)
    return *rep = " ", 1;
  if (c == 0xAD || c == 0x180E || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF)
    return *rep = "", 1;
  if ((c >= 0x2018 && c <= 0x201B) || c == 0x2039 || c == 0x203A) return *rep = "'", 1;
  if ((c >= 0x201C && c <= 0x201F) || c == 0xAB || c == 0xBB) return *rep = "\"", 1;
  if ((c >= 0x2013 && c <= 0x2015) || c == 0x2212) return *rep = "--", 1;
  if (c == 0x2028 || c == 0x2029) return *rep = "\n", 1;
  return 0;
}

/* True when NFC never combines c with what precedes it, so a chunk may end right before c. */
static int safe_split_before(int32_t c) {
  if (c < 0x80) return 1;
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0xD7B0 && c <= 0xD7FF)) return 0;  /* Hangul jamo */
  const utf8proc_property_t *pr = utf8proc_get_property(c);
  if (pr->combining_class != 0) return 0;
  return pr->category != UTF8PROC_CATEGORY_MN && pr->category != UTF8PROC_CATEGORY_MC &&
         pr->category != UTF8PROC_CATEGORY_ME && pr->category != UTF8PROC_CATEGORY_CN;
}

/* Appends seg in NFC to out and empties seg. */
static void flush_seg(norm_state *s) {
  nbuf *g = &s->seg;
  if (!s->seg_wide || s->failed) {
    buf_add(s, &s->out, g->p, g->n);
    g->n = 0;
    return;
  }
  utf8proc_ssize_t r =
      utf8proc_decompose(g->p, (utf8proc_ssize_t)g->n, s->cps, (utf8proc_ssize_t)s->cps_cap, NORM_OPTIONS);
  if (r >= (utf8proc_ssize_t)s->cps_cap && (size_t)r <= 4 * g->max) {
    free(s->cps);
    s->cps_cap = (size_t)r + 1;  /* reencode writes a NUL after 4 bytes per code point */
    s->cps = dyad_malloc(s->cps_cap * sizeof *s->cps);
    if (!s->cps) {
      s->cps_cap = 0;
      s->failed = 1;
      return;
    }
    r = utf8proc_decompose(g->p, (utf8proc_ssize_t)g->n, s->cps, (utf8proc_ssize_t)s->cps_cap, NORM_OPTIONS);
  }
  if (r >= 0 && r < (utf8proc_ssize_t)s->cps_cap) r = utf8proc_reencode(s->cps, r, NORM_OPTIONS);
  else r = -1;
  if (r >= 0)
    buf_add(s, &s->out, s->cps, (size_t)r);
  else
    buf_add(s, &s->out, g->p, g->n);  /* cannot happen on valid UTF-8; keep the text anyway */
  g->n = 0;
  s->seg_wide = 0;
}

/* Copies plain ASCII from in[i..] and handles the control character that stops the run.
 * Returns the index of the first byte not consumed. */
static size_t take_ascii(norm_state *s, const uint8_t *in, size_t n, size_t i) {
  size_t start = i;
  while (i < n && ((in[i] >= 0x20 && in[i] < 0x7F) || in[i] == '\n')) i++;
  buf_add(s, &s->out, in + start, i - start);
  if (i >= n || in[i] >= 0x80) return i;
  uint8_t c = in[i++];
  if (c == '\r') {
    if (i < n && in[i] == '\n') i++;
    buf_add(s, &s->out, "\n", 1);
  } else {
    if (c != '\t') s->st.controls++;
    buf_add(s, &s->out, " ", 1);
  }
  return i;
}

/* Takes the non-ASCII run starting at in[i] (plus the ASCII character before it, which may be
 * the base of a combining mark), maps it and appends it in NFC. Returns the index after it. */
static size_t take_run(norm_state *s, const uint8_t *in, size_t n, size_t i) {
  if (s->out.n > 0 && s->out.p[s->out.n - 1] < 0x80) {
    buf_add(s, &s->seg, &s->out.p[s->out.n - 1], 1);
    s->out.n--;
  }
  while (i < n && in[i] >= 0x80 && !s->failed) {
    int32_t c;
    size_t k = utf8_decode(in + i, n - i, &c);
    const char *rep = NULL;
    int kind = c < 0 ? 1 : map_char(c, &rep);
    if (s->seg.n >= NORM_HARD_SPLIT || (s->seg.n >= NORM_SOFT_SPLIT && (kind || safe_split_before(c))))
      flush_seg(s);
    if (c < 0) {
      s->st.invalid++;
      buf_add(s, &s->seg, "\xEF\xBF\xBD", 3);
      s->seg_wide = 1;
    } else if (kind) {
      s->st.controls += kind == 2;
      buf_add(s, &s->seg, rep, strlen(rep));
    } else {
      buf_add(s, &s->seg, in + i, k);
      s->seg_wide = 1;
    }
    i += k;
  }
  flush_seg(s);
  return i;
}

char *dyad_normalize(const char *in, size_t n, size_t *out_n, dyad_norm_stats *stats) {
  norm_state s;
  memset(&s, 0, sizeof s);
  if (out_n) *out_n = 0;
  if (n > (SIZE_MAX - 64) / 3) return NULL;
  s.out.max = 3 * n + 16;  /* the worst case: every byte becomes U+FFFD, or NFC triples it */
  s.seg.max = NORM_HARD_SPLIT + 16;
  if (buf_reserve(&s.out, n + n / 16 + 16) != 0) return NULL;
  const uint8_t *p = (const uint8_t *)in;
  size_t i = 0;
  while (i < n && !s.failed) i = p[i] < 0x80 ? take_ascii(&s, p, n, i) : take_run(&s, p, n, i);
  buf_add(&s, &s.out, "", 1);
  free(s.seg.p);
  free(s.cps);
  if (s.failed) {
    free(s.out.p);
    return NULL;
  }
  if (out_n) *out_n = s.out.n - 1;
  if (stats) *stats = s.st;
  return (char *)s.out.p;
}
