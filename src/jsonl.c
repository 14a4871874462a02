/* jsonl.c - one JSON lines input record (embedded NUL kept, lengths kept): a flat object of
 * strings, integers, true, false and null is read directly; anything else (nesting, reals,
 * errors, invalid UTF-8) goes through jansson, whose reading the direct path reproduces byte for
 * byte. Also the format sniffer that tells JSON lines, HTML and plain text apart. */
#include "alloc.h"
#include "jsonl.h"
#include "util.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNIFF_WINDOW 1024  /* bytes after leading white space that the sniffer looks at */

static void set_err(char *err, size_t errcap, const char *fmt, ...) {
  if (!err || errcap == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errcap, fmt, ap);
  va_end(ap);
}

/* jansson rejects a whole line over one bad byte; a copy with each invalid UTF-8 byte replaced
 * by U+FFFD lets the record through. Returns NULL when the line is valid or memory runs out. */
static char *repair_utf8(const char *line, size_t n, size_t *out_n) {
  const unsigned char *s = (const unsigned char *)line;
  size_t bad = 0, k;
  for (size_t i = 0; i < n; i += k ? k : 1) bad += (k = dyad_utf8_len(s + i, n - i)) == 0;
  return bad ? dyad_utf8_repair(line, n, bad, out_n) : NULL;
}

/* A malloc'ed NUL-terminated copy of k bytes (which may contain NUL). */
static char *dup_mem(const char *s, size_t k) {
  char *p = dyad_malloc(k + 1);
  if (!p) return NULL;
  memcpy(p, s, k);
  p[k] = 0;
  return p;
}

/* Copies the string member key of obj, with its length in *len (len may be NULL). */
static char *get_string(json_t *obj, const char *key, size_t *len) {
  json_t *v = json_object_get(obj, key);
  if (!json_is_string(v)) return NULL;
  if (len) *len = json_string_length(v);
  return dup_mem(json_string_value(v), json_string_length(v));
}

/* "id" as text: strings as they are, integers and reals printed; other types give NULL. */
static char *get_id(json_t *obj) {
  json_t *v = json_object_get(obj, "id");
  char buf[64];
  if (json_is_string(v)) return dup_mem(json_string_value(v), strlen(json_string_value(v)));
  if (json_is_integer(v)) snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
  else if (json_is_real(v)) snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
  else return NULL;
  return dup_mem(buf, strlen(buf));
}

/* Was key a string in obj whose copy failed (out of memory)? */
static int lost_copy(json_t *obj, const char *key, const char *copy) {
  return json_is_string(json_object_get(obj, key)) && !copy;
}

static const char *type_name(const json_t *v) {
  switch (json_typeof(v)) {
  case JSON_ARRAY: return "an array";
  case JSON_STRING: return "a string";
  case JSON_INTEGER: case JSON_REAL: return "a number";
  case JSON_TRUE: case JSON_FALSE: return "a boolean";
  default: return "null";
  }
}

static int hex4(const char *p, const char *end, unsigned *v);

/* Is p[0..6) an escape \\uXXXX of a surrogate in [lo, hi]? */
static int surrogate_at(const char *p, const char *end, unsigned lo, unsigned hi) {
  unsigned v;
  return end - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, end, &v) == 0 && v >= lo && v <= hi;
}

char *dyad_jsonl_unpair(const char *line, size_t n) {
  char *copy = NULL;
  const char *end = line + n;
  for (const char *p = line; p + 1 < end; p++) {
    if (*p != '\\') continue;
    if (p[1] != 'u') { p++; continue; }   /* an escaped backslash: the next byte is text */
    if (surrogate_at(p, end, 0xD800, 0xDBFF) && surrogate_at(p + 6, end, 0xDC00, 0xDFFF)) { p += 11; continue; }
    if (!surrogate_at(p, end, 0xD800, 0xDFFF)) { p += 5; continue; }
    if (!copy) {
      if (!(copy = dyad_malloc(n))) return NULL;
      memcpy(copy, line, n);
    }
    memcpy(copy + (p - line), "\\ufffd", 6);
    p += 5;
  }
  return copy;
}

static json_t *load(const char *line, size_t n, char *err, size_t errcap) {
  json_error_t je;
  json_t *root = json_loadb(line, n, JSON_ALLOW_NUL, &je);
  if (!root) {   /* bad bytes become U+FFFD, then lone surrogate escapes do */
    size_t fixed_n = 0;
    char *fixed = repair_utf8(line, n, &fixed_n);
    const char *base = fixed ? fixed : line;
    size_t base_n = fixed ? fixed_n : n;
    char *unpaired = dyad_jsonl_unpair(base, base_n);
    if (fixed || unpaired) root = json_loadb(unpaired ? unpaired : base, base_n, JSON_ALLOW_NUL, NULL);
    free(unpaired);
    free(fixed);
  }
  if (!root) {
    set_err(err, errcap, "not a JSON object: %s at column %d (each line must hold one JSON object)",
            je.text, je.column);
    return NULL;
  }
  if (!json_is_object(root)) {
    set_err(err, errcap, "not a JSON object: the line holds %s; give each record as {\"text\": ...}",
            type_name(root));
    json_decref(root);
    return NULL;
  }
  return root;
}

/* ---- the direct path: a flat object, read without a tree ------------------------------------- */
enum { F_ID, F_TEXT, F_HTML, F_DATE, F_URL, F_TITLE, F_OUTLET, NFIELDS };
static const char *const FIELD_NAMES[NFIELDS] = {"id", "text", "html", "date", "url", "title", "outlet"};

typedef struct { const char *p, *end; } cur;
typedef struct { const char *p; size_t raw, len; char kind, esc; } val;   /* kind: 's'tring, 'i'nteger, 'o'ther; esc: has escapes */
typedef struct { int has_text, has_html, lost; } shape;

static void skip_ws(cur *c) {
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

/* Length of the UTF-8 sequence at s as jansson accepts it (1-4 bytes), 0 when jansson rejects it. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0], v;
  size_t k;
  if (c < 0x80) return 1;
  if (c < 0xC2 || c > 0xF4) return 0;
  k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  v = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
  if (n < k) return 0;
  for (size_t i = 1; i < k; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (k == 3 && v < 0x800) || (k == 4 && v < 0x10000)) return 0;
  return k;
}

/* Four hex digits at p (end bounds the line) into *v; -1 when they are not there. */
static int hex4(const char *p, const char *end, unsigned *v) {
  if (end - p < 4) return -1;
  *v = 0;
  for (int i = 0; i < 4; i++) {
    char h = p[i];
    int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
    if (d < 0) return -1;
    *v = *v * 16 + (unsigned)d;
  }
  return 0;
}

/* UTF-8 of code point v into dst (when not NULL); its length. */
static size_t put_utf8(unsigned v, char *dst) {
  size_t k = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
  if (dst) {
    static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
    for (size_t i = k - 1; i > 0; i--, v >>= 6) dst[i] = (char)(0x80 | (v & 0x3F));
    dst[0] = (char)(k == 1 ? v : (lead[k] | v));
  }
  return k;
}

/* The escape after a backslash at *pp (moved past it): its code point, or -1 when jansson would
 * refuse it (unknown escape, bad hex, a lone or unpaired surrogate). */
static long escape(const char **pp, const char *end) {
  const char *p = *pp;
  static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
  if (p >= end) return -1;
  const char *e = *p ? strchr(from, *p) : NULL;
  if (e) { *pp = p + 1; return (unsigned char)to[e - from]; }
  unsigned v, lo;
  if (*p != 'u' || hex4(p + 1, end, &v)) return -1;
  p += 5;
  if (v >= 0xDC00 && v <= 0xDFFF) return -1;
  if (v >= 0xD800 && v <= 0xDBFF) {
    if (end - p < 2 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, end, &lo) || lo < 0xDC00 || lo > 0xDFFF) return -1;
    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
    p += 6;
  }
  *pp = p;
  return (long)v;
}

/* Does any of the 8 bytes in w need a look (a control byte, non-ASCII, '"' or backslash)? */
static int word_special(uint64_t w) {
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');   /* zero bytes where w holds '"', '\\' */
  uint64_t control = (w - ones * 0x20) & ~w & high;           /* some byte < 0x20 (no false misses) */
  uint64_t quote = (q - ones) & ~q & high, slash = (b - ones) & ~b & high;
  return ((w & high) | control | quote | slash) != 0;
}

/* Reads a string from just after its opening quote to just past its closing one, checking it as
 * jansson does (no control bytes, valid UTF-8 and escapes) and, when dst is not NULL, writing its
 * decoded bytes there. Sets v's raw and decoded lengths; *nul when it decodes a NUL byte.
 * Returns -1 when jansson must read the line. */
static int scan_string(cur *c, char *dst, val *v, int *nul) {
  const char *p = c->p, *start = p;
  size_t len = 0;
  int esc = 0;
  while (p < c->end && *p != '"') {
    uint64_t w;
    if (c->end - p >= 8 && (memcpy(&w, p, 8), !word_special(w))) {   /* eight plain bytes */
      if (dst) memcpy(dst + len, &w, 8);
      p += 8;
      len += 8;
      continue;
    }
    unsigned char b = (unsigned char)*p;
    if (b == '\\') {
      p++;
      esc = 1;
      long u = escape(&p, c->end);
      if (u < 0) return -1;
      if (u == 0 && nul) *nul = 1;
      len += put_utf8((unsigned)u, dst ? dst + len : NULL);
      continue;
    }
    size_t k = b < 0x20 ? 0 : b < 0x80 ? 1 : utf8_seq((const unsigned char *)p, (size_t)(c->end - p));
    if (k == 0) return -1;
    for (size_t i = 0; i < k; i++, len++, p++)
      if (dst) dst[len] = *p;
  }
  if (p >= c->end) return -1;
  v->p = start; v->raw = (size_t)(p - start); v->len = len; v->kind = 's'; v->esc = (char)esc;
  c->p = p + 1;
  return 0;
}

/* An integer jansson prints back as written (no "-0", no leading zeros, up to 18 digits), true,
 * false or null; -1 for anything else (reals, nesting: jansson reads those). */
static int scan_scalar(cur *c, val *v) {
  const char *p = c->p, *q = p;
  v->p = p; v->kind = 'o';
  static const char *const words[] = {"true", "false", "null"};
  for (int i = 0; i < 3; i++) {
    size_t k = strlen(words[i]);
    if ((size_t)(c->end - p) >= k && memcmp(p, words[i], k) == 0) { c->p = p + k; v->raw = v->len = k; return 0; }
  }
  if (q < c->end && *q == '-') q++;
  const char *d = q;
  while (q < c->end && *q >= '0' && *q <= '9') q++;
  size_t nd = (size_t)(q - d);
  if (nd == 0 || nd > 18 || (*d == '0' && (nd > 1 || d != p))) return -1;
  if (q < c->end && (*q == '.' || *q == 'e' || *q == 'E')) return -1;
  v->kind = 'i'; v->raw = v->len = (size_t)(q - p);
  c->p = q;
  return 0;
}

/* Which of our fields a key names (NFIELDS for any other key), or -1 when jansson must read the line. */
static int read_key(cur *c) {
  val k;
  int nul = 0;
  cur probe = *c;
  if (scan_string(&probe, NULL, &k, &nul) || nul) return -1;
  if (k.len > 6) { *c = probe; return NFIELDS; }
  char name[8];
  scan_string(c, name, &k, NULL);
  for (int f = 0; f < NFIELDS; f++)
    if (strlen(FIELD_NAMES[f]) == k.len && memcmp(name, FIELD_NAMES[f], k.len) == 0) return f;
  return NFIELDS;
}

/* Reads the whole line as a flat object into fields (kind 0 where absent); -1: jansson reads it. */
static int scan_object(const char *line, size_t n, val *fields) {
  cur c = {line, line + n};
  skip_ws(&c);
  if (c.p >= c.end || *c.p++ != '{') return -1;
  skip_ws(&c);
  if (c.p < c.end && *c.p == '}') c.p++;
  else for (;;) {
    if (c.p >= c.end || *c.p++ != '"') return -1;
    int f = read_key(&c);
    val v;
    skip_ws(&c);
    if (f < 0 || c.p >= c.end || *c.p++ != ':') return -1;
    skip_ws(&c);
    if (c.p >= c.end) return -1;
    if (*c.p == '"' ? (c.p++, scan_string(&c, NULL, &v, NULL)) : scan_scalar(&c, &v)) return -1;
    if (f < NFIELDS) {
      if (fields[f].kind) return -1;   /* a repeated field: jansson keeps the last */
      fields[f] = v;
    }
    skip_ws(&c);
    if (c.p < c.end && *c.p == ',') { c.p++; skip_ws(&c); continue; }
    if (c.p < c.end && *c.p == '}') { c.p++; break; }
    return -1;
  }
  skip_ws(&c);
  return c.p == c.end ? 0 : -1;
}

/* A malloc'ed copy of string value v, decoded (NUL-terminated; may hold NUL), or NULL. */
static char *decode(const val *v) {
  char *p = dyad_malloc(v->len + 1);
  if (!p) return NULL;
  cur c = {v->p, v->p + v->raw + 1};
  val again;
  if (v->esc) scan_string(&c, p, &again, NULL);
  else memcpy(p, v->p, v->len);
  p[v->len] = 0;
  return p;
}

/* The record's fields from a line the direct path read; 0, or 1 when it is no flat object. */
static int fill_direct(const char *line, size_t n, dyad_jsonl_rec *out, shape *sh) {
  val f[NFIELDS];
  memset(f, 0, sizeof f);
  if (scan_object(line, n, f)) return 1;
  char **dst[NFIELDS] = {&out->id, &out->text, &out->html, &out->date, &out->url, &out->title, &out->outlet};
  for (int i = 0; i < NFIELDS; i++) {   /* (an id read as a C string ends at its first NUL) */
    if (f[i].kind == 's') *dst[i] = decode(&f[i]);
    else if (f[i].kind == 'i' && i == F_ID) *dst[i] = dup_mem(f[i].p, f[i].len);
    else continue;
    sh->lost |= !*dst[i];
  }
  if (out->text) out->text_n = f[F_TEXT].len;
  if (out->html) out->html_n = f[F_HTML].len;
  sh->has_text = f[F_TEXT].kind == 's';
  sh->has_html = f[F_HTML].kind == 's';
  return 0;
}

/* ---- through jansson -------------------------------------------------------------------------- */
/* The record's fields from jansson's tree of the line; -1 (err set) when it is no JSON object. */
static int fill_jansson(const char *line, size_t n, dyad_jsonl_rec *out, shape *sh, char *err, size_t errcap) {
  json_t *root = load(line, n, err, errcap);
  if (!root) return -1;
  out->id = get_id(root);
  out->text = get_string(root, "text", &out->text_n);
  out->html = get_string(root, "html", &out->html_n);
  out->date = get_string(root, "date", NULL);
  out->url = get_string(root, "url", NULL);
  out->title = get_string(root, "title", NULL);
  out->outlet = get_string(root, "outlet", NULL);
  sh->has_text = json_is_string(json_object_get(root, "text"));
  sh->has_html = json_is_string(json_object_get(root, "html"));
  json_t *id = json_object_get(root, "id");
  sh->lost = ((json_is_string(id) || json_is_number(id)) && !out->id) || lost_copy(root, "date", out->date) ||
             lost_copy(root, "url", out->url) || lost_copy(root, "title", out->title) ||
             lost_copy(root, "outlet", out->outlet);
  json_decref(root);
  return 0;
}

int dyad_jsonl_parse(const char *line, size_t n, dyad_jsonl_rec *out, char *err, size_t errcap) {
  memset(out, 0, sizeof *out);
  if (err && errcap) err[0] = 0;
  if (!line) line = "", n = 0;
  shape sh = {0, 0, 0};
  if (fill_direct(line, n, out, &sh)) {
    dyad_jsonl_rec_free(out);
    sh = (shape){0, 0, 0};
    if (fill_jansson(line, n, out, &sh, err, errcap)) return -1;
  }
  int has_text = sh.has_text, has_html = sh.has_html, lost = sh.lost;
  if (!has_text && !has_html) {
    set_err(err, errcap, "no \"text\" or \"html\" string: give the record its article as \"text\" or \"html\"");
    return -1;
  }
  if (lost || (has_text && !out->text) || (has_html && !out->html)) {
    set_err(err, errcap, "out of memory copying a record of %zu bytes: free memory or split the input", n);
    return -1;
  }
  return 0;
}

void dyad_jsonl_rec_free(dyad_jsonl_rec *rec) {
  if (!rec) return;
  free(rec->id);
  free(rec->text);
  free(rec->html);
  free(rec->date);
  free(rec->url);
  free(rec->title);
  free(rec->outlet);
  memset(rec, 0, sizeof *rec);
}

/* Does s (k bytes) start with the lowercase tag t, case-insensitively, followed by a byte that
 * ends a tag name (or the end of the buffer)? */
static int tag_at(const char *s, size_t k, const char *t) {
  size_t i = 0;
  for (; t[i]; i++) {
    char c = i < k ? s[i] : 0;
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != t[i]) return 0;
  }
  return i >= k || s[i] == '>' || s[i] == '/' || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
         s[i] == '\r' || s[i] == '\f';
}

int dyad_sniff_format(const char *buf, size_t n) {
  static const char *const TAGS[] = {"<!doctype", "<html", "<head", "<body", "<p", "<div", "<article", NULL};
  size_t i = 0;
  if (!buf) return 't';
  if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\f')) i++;
  if (i < n && buf[i] == '{') return 'j';
  size_t end = n - i > SNIFF_WINDOW ? i + SNIFF_WINDOW : n;
  for (size_t j = i; j < end; j++) {
    if (buf[j] != '<') continue;
    for (const char *const *t = TAGS; *t; t++)
      if (tag_at(buf + j, end - j, *t)) return 'h';
  }
  return 't';
}
