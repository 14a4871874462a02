/* output.c - the three event writers: JSON lines (the schema in docs/event.schema.json), TSV and
 * the --explain view that marks source, verb and target inside the sentence. */
#include "output.h"
#include "place.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *stance_name(int s) {
  static const char *n[] = {"", "assert", "allege", "deny", "confirm"};
  return (s > 0 && s <= 4) ? n[s] : "";
}
static const char *prec_name(int p) { return p == DYAD_DATE_YEAR ? "year" : p == DYAD_DATE_MONTH ? "month" : "day"; }

/* ---- JSON: small appenders without printf, then one function per object of the record ----
 * Every appender returns 0, or nonzero when the buffer is full; callers OR the results. To add an
 * object to the record, write json_<object>() below and call it from dyad_write_json in the order
 * docs/event.schema.json gives. */
#define LIT(b, s) put((b), (s), sizeof(s) - 1)

/* dyad_buf_add with the common case (room left, under the cap) inline. */
static inline int put(dyad_buf *b, const char *s, size_t n) {
  if (b->n + n < b->cap_alloc && b->n + n <= b->cap_max) {
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return 0;
  }
  return dyad_buf_add(b, s, n);
}
static inline int putc_(dyad_buf *b, char c) { return put(b, &c, 1); }

/* 1 for bytes that JSON strings must escape: controls, '"' and '\\'. */
static const unsigned char json_escape[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, ['\\'] = 1};

/* 1 when one of the 8 bytes at p is a byte JSON must escape: a word holds a control byte when
 * (v - 0x20..) & ~v & 0x80.. is nonzero, and '"' or '\\' when the same test for zero holds for v
 * XOR that byte (exact for "any byte", which is all this asks). */
static inline int word_needs_escape(const char *p) {
  const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
  uint64_t v, q, e;
  memcpy(&v, p, 8);
  q = v ^ (ones * '"');
  e = v ^ (ones * '\\');
  return (((v - ones * 0x20) & ~v & high) | ((q - ones) & ~q & high) | ((e - ones) & ~e & high)) != 0;
}

/* Index of the first byte in s[i, n) that JSON must escape, or n: eight bytes at a time, then
 * the bytes of the word that tests positive (or of the tail) one by one. */
static inline size_t plain_end(const char *s, size_t i, size_t n) {
  while (i + 8 <= n && !word_needs_escape(s + i)) i += 8;
  while (i < n && !json_escape[(unsigned char)s[i]]) i++;
  return i;
}

/* Appends the escape of byte c (one json_escape marks). */
static int put_escape(dyad_buf *b, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  char esc[6] = {'\\', (char)c};
  size_t k = 2;
  if (c == '\n') esc[1] = 'n';
  else if (c == '\t') esc[1] = 't';
  else if (c == '\r') esc[1] = 'r';
  else if (c < 0x20) { esc[1] = 'u'; esc[2] = '0'; esc[3] = '0'; esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; k = 6; }
  return put(b, esc, k);
}

/* The string with escapes; j is the index of its first byte that needs one (or n). */
static int json_string_escaped(dyad_buf *b, const char *s, size_t n, size_t j) {
  int r = putc_(b, '"');
  for (size_t i = 0;;) {
    r |= put(b, s + i, j - i);
    if (j >= n) break;
    r |= put_escape(b, (unsigned char)s[j]);
    i = j + 1;
    j = plain_end(s, i, n);
  }
  r |= putc_(b, '"');
  return r ? -1 : 0;
}

int dyad_json_string(dyad_buf *b, const char *s, size_t n) {
  size_t j = plain_end(s, 0, n), end = b->n + n + 2;
  if (j < n || end >= b->cap_alloc || end > b->cap_max) return json_string_escaped(b, s, n, j);
  char *d = b->p + b->n; /* the common case: nothing to escape and room for the quoted copy */
  d[0] = '"';
  memcpy(d + 1, s, n);
  d[n + 1] = '"';
  d[n + 2] = 0;
  b->n = end;
  return 0;
}

static int json_cstr(dyad_buf *b, const char *s) {
  return s ? dyad_json_string(b, s, strlen(s)) : LIT(b, "null");
}
static int json_view(dyad_buf *b, dyad_str s) { return dyad_json_string(b, s.p, s.n); }

static int json_uint(dyad_buf *b, unsigned long long v) {
  char tmp[24];
  size_t i = sizeof tmp;
  do { tmp[--i] = (char)('0' + v % 10); v /= 10; } while (v);
  return put(b, tmp + i, sizeof tmp - i);
}
static int json_int(dyad_buf *b, long long v) {
  if (v >= 0) return json_uint(b, (unsigned long long)v);
  return putc_(b, '-') | json_uint(b, 0ULL - (unsigned long long)v);
}
static int json_bool(dyad_buf *b, int v) { return v ? LIT(b, "true") : LIT(b, "false"); }

/* A number with one decimal, exactly as printf's "%.1f" writes it: the fast path takes values
 * that are whole tenths (every Goldstein weight); anything else goes through printf. */
static int json_tenths(dyad_buf *b, double g) {
  double t = g * 10.0;
  if (!(t > -1e15 && t < 1e15)) return dyad_buf_printf(b, "%.1f", g);
  long long r = llround(t);
  if (fabs(t - (double)r) > 1e-6 || (r == 0 && signbit(g))) return dyad_buf_printf(b, "%.1f", g);
  int out = r < 0 ? putc_(b, '-') : 0;
  unsigned long long a = r < 0 ? 0ULL - (unsigned long long)r : (unsigned long long)r;
  out |= json_uint(b, a / 10);
  out |= putc_(b, '.');
  return out | putc_(b, (char)('0' + a % 10));
}

/* A number with five decimals, exactly as printf's "%.5f" writes it (coordinates): the fast path
 * rounds |x| * 1e5 to the nearest integer; where that product is within 1e-3 of a tie between two
 * neighbours (its rounding error is below 1e-5 for |x| < 1e6) printf decides. */
static int json_fixed5(dyad_buf *b, double x) {
  double a = fabs(x);
  if (!(a < 1e6)) return dyad_buf_printf(b, "%.5f", x);
  double p = a * 1e5, r = floor(p + 0.5);
  if (fabs(fabs(p - r) - 0.5) < 1e-3) return dyad_buf_printf(b, "%.5f", x);
  unsigned long long v = (unsigned long long)r;
  char frac[5];
  for (int i = 4; i >= 0; i--, v /= 10) frac[i] = (char)('0' + v % 10);
  int out = signbit(x) ? putc_(b, '-') : 0;
  out |= json_uint(b, v);
  out |= putc_(b, '.');
  return out | put(b, frac, sizeof frac);
}

/* Writes the decimal digits of v ending just before out (backwards); returns where they start. */
static char *digits_before(char *out, unsigned long long v) {
  do { *--out = (char)('0' + v % 10); v /= 10; } while (v);
  return out;
}

/* "[start,end]", formed in a local buffer and appended at once. */
static int json_span(dyad_buf *b, size_t start, size_t end) {
  char tmp[48];
  char *p = tmp + sizeof tmp;
  *--p = ']';
  p = digits_before(p, end);
  *--p = ',';
  p = digits_before(p, start);
  *--p = '[';
  return put(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* The event's place object, or null when nothing places it. */
static int json_place(dyad_buf *b, const dyad_place *p) {
  if (!p->name) return dyad_buf_adds(b, "null");
  int r = dyad_buf_adds(b, "{\"name\":");
  r |= json_cstr(b, p->name);
  r |= dyad_buf_adds(b, ",\"country\":");
  r |= p->country[0] ? json_cstr(b, p->country) : dyad_buf_adds(b, "null");
  r |= dyad_buf_adds(b, ",\"admin1\":");
  r |= p->admin1[0] ? json_cstr(b, p->admin1) : dyad_buf_adds(b, "null");
  r |= LIT(b, ",\"lat\":");
  r |= json_fixed5(b, p->lat);
  r |= LIT(b, ",\"lon\":");
  r |= json_fixed5(b, p->lon);
  r |= LIT(b, ",\"precision\":");
  r |= json_cstr(b, dyad_place_precision_name(p->precision));
  r |= LIT(b, ",\"basis\":");
  r |= json_cstr(b, dyad_place_basis_name(p->basis));
  r |= LIT(b, ",\"span\":");
  r |= json_span(b, p->start, p->end);
  return r | putc_(b, '}');
}

static int json_actor(dyad_buf *b, const dyad_actor *a) {
  if (!a) return LIT(b, "null");
  int r = LIT(b, "{\"code\":");
  r |= json_cstr(b, a->code);
  r |= LIT(b, ",\"name\":");
  r |= a->name.n ? json_view(b, a->name) : LIT(b, "null");
  r |= LIT(b, ",\"text\":");
  r |= json_view(b, a->text);
  r |= LIT(b, ",\"span\":");
  r |= json_span(b, a->start, a->end);
  r |= LIT(b, ",\"entry\":");
  r |= json_cstr(b, a->entry ? a->entry : "unknown");
  r |= LIT(b, ",\"role\":");
  r |= json_cstr(b, a->role);
  r |= LIT(b, ",\"agent\":");
  r |= json_cstr(b, a->agent);
  r |= LIT(b, ",\"how\":");
  r |= json_cstr(b, a->how ? a->how : "name");
  r |= LIT(b, ",\"file\":");
  r |= json_cstr(b, a->file);
  r |= LIT(b, ",\"line\":");
  r |= json_int(b, a->line);
  return r | putc_(b, '}');
}

static int json_mode(dyad_buf *b, const dyad_event *ev) {
  int r = LIT(b, "{\"negated\":");
  r |= json_bool(b, ev->mode.negated);
  r |= LIT(b, ",\"future\":");
  r |= json_bool(b, ev->mode.future);
  r |= LIT(b, ",\"hypothetical\":");
  r |= json_bool(b, ev->mode.hypothetical);
  r |= LIT(b, ",\"conditional\":");
  r |= json_bool(b, ev->mode.conditional);
  r |= LIT(b, ",\"historical\":");
  r |= json_bool(b, ev->mode.historical);
  return r | putc_(b, '}');
}

static int json_attribution(dyad_buf *b, const dyad_event *ev) {
  if (!ev->stance) return LIT(b, "null");
  int r = LIT(b, "{\"speaker\":");
  if (ev->speaker) {
    r |= LIT(b, "{\"code\":");
    r |= json_cstr(b, ev->speaker->code);
    r |= LIT(b, ",\"text\":");
    r |= json_view(b, ev->speaker->text);
    r |= putc_(b, '}');
  } else {
    r |= LIT(b, "null");
  }
  r |= LIT(b, ",\"stance\":");
  r |= json_cstr(b, stance_name(ev->stance));
  return r | putc_(b, '}');
}

static int json_evidence(dyad_buf *b, const dyad_event *ev) {
  int r = LIT(b, "{\"text\":");
  r |= json_view(b, ev->evidence);
  r |= LIT(b, ",\"span\":");
  r |= json_span(b, ev->ev_start, ev->ev_end);
  r |= LIT(b, ",\"verb\":");
  r |= json_span(b, ev->verb_start, ev->verb_end);
  return r | putc_(b, '}');
}

static int json_rule(dyad_buf *b, const dyad_event *ev) {
  int r = LIT(b, "{\"id\":");
  r |= json_cstr(b, ev->rule.id);
  r |= LIT(b, ",\"file\":");
  r |= json_cstr(b, ev->rule.file);
  r |= LIT(b, ",\"line\":");
  r |= json_int(b, ev->rule.line);
  r |= LIT(b, ",\"pattern\":");
  r |= json_cstr(b, ev->rule.pattern);
  r |= LIT(b, ",\"grammar\":");
  r |= json_cstr(b, ev->rule.grammar);
  return r | putc_(b, '}');
}

/* The record's head: id, document, sentence and date. */
static int json_head(dyad_buf *b, const dyad_event *ev) {
  int r = LIT(b, "{\"id\":");
  r |= json_cstr(b, ev->id);
  r |= LIT(b, ",\"doc\":");
  r |= json_cstr(b, ev->doc);
  r |= LIT(b, ",\"sent\":");
  r |= json_int(b, ev->sent);
  r |= LIT(b, ",\"date\":");
  r |= json_cstr(b, ev->date);
  r |= LIT(b, ",\"date_precision\":");
  return r | json_cstr(b, prec_name(ev->date_precision));
}

/* The CAMEO code with what the code table says of it. */
static int json_code(dyad_buf *b, const dyad_event *ev) {
  int r = LIT(b, ",\"code\":");
  r |= json_cstr(b, ev->code);
  r |= LIT(b, ",\"root\":");
  r |= json_cstr(b, ev->root);
  r |= LIT(b, ",\"quad\":");
  r |= json_int(b, ev->quad);
  r |= LIT(b, ",\"goldstein\":");
  r |= json_tenths(b, ev->goldstein);
  r |= LIT(b, ",\"plover\":");
  return r | json_cstr(b, ev->plover);
}

/* ,"sanctions":[{regime, measure, basis, category, legal, span, file, line}, ...] (docs/sanctions.md) */
static int json_sanctions(dyad_buf *b, const dyad_event *ev) {
  int r = LIT(b, ",\"sanctions\":[");
  for (int i = 0; i < ev->nsanctions; i++) {
    const dyad_sanction *f = &ev->sanctions[i];
    r |= i ? LIT(b, ",{\"regime\":") : LIT(b, "{\"regime\":");
    r |= json_cstr(b, f->regime);
    r |= LIT(b, ",\"target\":");
    r |= json_cstr(b, f->target);
    r |= LIT(b, ",\"measure\":");
    r |= json_cstr(b, f->measure);
    r |= LIT(b, ",\"basis\":");
    r |= json_cstr(b, f->basis);
    r |= LIT(b, ",\"category\":");
    r |= json_cstr(b, f->category);
    r |= LIT(b, ",\"legal\":");
    r |= json_cstr(b, f->legal);
    r |= dyad_buf_printf(b, ",\"span\":[%zu,%zu],\"file\":", f->start, f->end);
    r |= json_cstr(b, f->file);
    r |= dyad_buf_printf(b, ",\"line\":%d}", f->line);
  }
  return r | LIT(b, "]");
}

int dyad_write_json(const dyad_event *ev, dyad_buf *b) {
  int r = json_head(b, ev);
  r |= LIT(b, ",\"source\":");
  r |= json_actor(b, ev->source);
  r |= LIT(b, ",\"target\":");
  r |= json_actor(b, ev->target);
  r |= json_code(b, ev);
  r |= LIT(b, ",\"mode\":");
  r |= json_mode(b, ev);
  r |= LIT(b, ",\"attribution\":");
  r |= json_attribution(b, ev);
  r |= LIT(b, ",\"evidence\":");
  r |= json_evidence(b, ev);
  r |= LIT(b, ",\"rule\":");
  r |= json_rule(b, ev);
  r |= json_sanctions(b, ev);
  r |= LIT(b, ",\"place\":");
  r |= json_place(b, &ev->place);
  r |= LIT(b, "}\n");
  return r ? -1 : 0;
}

/* TSV fields may not hold tabs or newlines: they become spaces. */
static int tsv_field(dyad_buf *b, const char *s, size_t n, int last) {
  int r = 0;
  for (size_t i = 0; i < n; i++) r |= dyad_buf_addc(b, (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
  return r | dyad_buf_addc(b, last ? '\n' : '\t');
}
static int tsv_cstr(dyad_buf *b, const char *s) { return tsv_field(b, s ? s : "", s ? strlen(s) : 0, 0); }

int dyad_write_tsv(const dyad_event *ev, dyad_buf *b) {
  int r = tsv_cstr(b, ev->id);
  r |= tsv_cstr(b, ev->date);
  r |= tsv_cstr(b, ev->source ? ev->source->code : NULL);
  r |= ev->source ? tsv_field(b, ev->source->text.p, ev->source->text.n, 0) : tsv_cstr(b, NULL);
  r |= tsv_cstr(b, ev->target ? ev->target->code : NULL);
  r |= ev->target ? tsv_field(b, ev->target->text.p, ev->target->text.n, 0) : tsv_cstr(b, NULL);
  r |= tsv_cstr(b, ev->code);
  r |= tsv_cstr(b, ev->root);
  r |= json_int(b, ev->quad) | dyad_buf_addc(b, '\t');
  r |= json_tenths(b, ev->goldstein) | dyad_buf_addc(b, '\t');
  r |= tsv_cstr(b, ev->plover);
  r |= tsv_cstr(b, ev->mode.negated ? "1" : "0");
  r |= tsv_field(b, ev->evidence.p, ev->evidence.n, 1);
  return r ? -1 : 0;
}

/* The sentence with [source], {target} and <verb> marked. */
static int marked_sentence(const dyad_event *ev, dyad_buf *b) {
  int r = 0;
  for (size_t off = ev->ev_start; off <= ev->ev_end; off++) {
    if (ev->source && off == ev->source->start) r |= dyad_buf_addc(b, '[');
    if (ev->target && off == ev->target->start) r |= dyad_buf_addc(b, '{');
    if (off == ev->verb_start) r |= dyad_buf_addc(b, '<');
    if (off == ev->verb_end) r |= dyad_buf_addc(b, '>');
    if (ev->target && off == ev->target->end) r |= dyad_buf_addc(b, '}');
    if (ev->source && off == ev->source->end) r |= dyad_buf_addc(b, ']');
    if (off < ev->ev_end) {
      char c = ev->evidence.p[off - ev->ev_start];
      r |= dyad_buf_addc(b, c == '\n' ? ' ' : c);
    }
  }
  return r;
}

static int explain_actor(dyad_buf *b, const char *label, const dyad_actor *a) {
  if (!a) return dyad_buf_printf(b, "  %-7s -\n", label);
  char where[64] = "";   /* an actor read off a place has a table, not a file line */
  if (a->line > 0) snprintf(where, sizeof where, ":%d", a->line);
  return dyad_buf_printf(b, "  %-7s %-10s \"%.*s\"  entry %s%s%s%s%s  (%s%s, %s)\n", label, a->code, (int)a->text.n, a->text.p,
                         a->entry ? a->entry : "?", a->agent ? " + " : "", a->agent ? a->agent : "",
                         a->role ? "  role " : "", a->role ? a->role : "",
                         a->file ? a->file : "?", where, a->how ? a->how : "name");
}

int dyad_write_explain(const dyad_event *ev, dyad_buf *b) {
  int r = dyad_buf_printf(b, "%s %s  %s -> %s  %s %s (%s, quad %d, goldstein %+.1f)  %s/%s\n", ev->doc, ev->id,
                          ev->source ? ev->source->code : "-", ev->target ? ev->target->code : "-", ev->code,
                          ev->plover, ev->root, ev->quad, ev->goldstein, ev->date,
                          ev->date_precision == DYAD_DATE_DAY ? "day" : ev->date_precision == DYAD_DATE_MONTH ? "month" : "year");
  r |= dyad_buf_adds(b, "  text    ");
  r |= dyad_buf_add(b, ev->evidence.p, ev->evidence.n);
  r |= dyad_buf_adds(b, "\n  marked  ");
  r |= marked_sentence(ev, b);
  r |= dyad_buf_addc(b, '\n');
  r |= explain_actor(b, "source", ev->source);
  r |= explain_actor(b, "target", ev->target);
  r |= dyad_buf_printf(b, "  rule    %s  (%s:%d, %s)\n", ev->rule.id, ev->rule.file ? ev->rule.file : "?", ev->rule.line,
                       ev->rule.grammar ? ev->rule.grammar : "");
  if (ev->mode.negated || ev->mode.future || ev->mode.hypothetical || ev->mode.conditional || ev->mode.historical)
    r |= dyad_buf_printf(b, "  mode   %s%s%s%s%s\n", ev->mode.negated ? " negated" : "", ev->mode.future ? " future" : "",
                         ev->mode.hypothetical ? " hypothetical" : "", ev->mode.conditional ? " conditional" : "",
                         ev->mode.historical ? " historical" : "");
  if (ev->place.name)
    r |= dyad_buf_printf(b, "  place   %s (%s, %s%s%s) %.3f,%.3f  from the %s\n", ev->place.name, dyad_place_precision_name(ev->place.precision),
                         ev->place.country[0] ? ev->place.country : "-", ev->place.admin1[0] ? " " : "", ev->place.admin1,
                         ev->place.lat, ev->place.lon, dyad_place_basis_name(ev->place.basis));
  if (ev->stance)
    r |= dyad_buf_printf(b, "  said    %s by %s \"%.*s\"\n", stance_name(ev->stance), ev->speaker ? ev->speaker->code : "?",
                         ev->speaker ? (int)ev->speaker->text.n : 0, ev->speaker ? ev->speaker->text.p : "");
  for (int i = 0; i < ev->nsanctions; i++) {
    const dyad_sanction *f = &ev->sanctions[i];
    if (f->start < ev->ev_start || f->end > ev->ev_end || f->end < f->start) continue;
    r |= dyad_buf_printf(b, "  sanction %s %s (%s, %s \"%.*s\")  %s  (%s:%d)\n", f->regime, f->measure, f->basis, f->category,
                         (int)(f->end - f->start), ev->evidence.p + (f->start - ev->ev_start), f->legal, f->file, f->line);
  }
  r |= dyad_buf_addc(b, '\n');
  return r ? -1 : 0;
}
