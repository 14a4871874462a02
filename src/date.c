/* date.c - proleptic Gregorian date arithmetic and the finder for date expressions in news
 * text ("on Wednesday", "in March", "June 19, 2024", "two weeks ago", "World War II"), each
 * resolved against the document's reference date. Linear in the text; nothing is allocated. */
#include "date.h"

#include <string.h>

#define YEAR_LIMIT 1000000L /* years are clamped to +-this so day counts never overflow */

/* ---- calendar arithmetic --------------------------------------------------------------- */

static int is_leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(long y, int m) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static long floor_div(long a, long b) {
  long q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The date moved into the calendar: unknown (0) or out-of-range month and day become the
 * nearest valid value, the year is clamped to +-YEAR_LIMIT. */
static dyad_date fix(dyad_date d) {
  if (d.y > YEAR_LIMIT) d.y = (int)YEAR_LIMIT;
  if (d.y < -YEAR_LIMIT) d.y = (int)-YEAR_LIMIT;
  if (d.m < 1) d.m = 1;
  if (d.m > 12) d.m = 12;
  if (d.d < 1) d.d = 1;
  if (d.d > month_days(d.y, d.m)) d.d = month_days(d.y, d.m);
  return d;
}

/* Days since 1970-01-01 for a fixed date. Years are counted from March 1 so that the leap day
 * falls at the very end of a counting year; 719468 is the count for 1970-03-01 minus 59. */
static long to_days(dyad_date d) {
  long y = d.y - (d.m <= 2);
  long mi = d.m <= 2 ? d.m + 9 : d.m - 3; /* 0 = March .. 11 = February */
  long days = 365 * y + floor_div(y, 4) - floor_div(y, 100) + floor_div(y, 400);
  return days + (153 * mi + 2) / 5 + d.d - 1 - 719468;
}

/* The date for a count of days since 1970-01-01: peel off 400-year cycles, then centuries,
 * 4-year groups and years of the March-based count, then the month within the year. */
static dyad_date from_days(long z) {
  z += 719468;
  long cycle = floor_div(z, 146097), r = z - cycle * 146097;
  long c = r / 36524;
  if (c == 4) c = 3; /* the last day of a 400-year cycle */
  r -= c * 36524;
  long q = r / 1461;
  r -= q * 1461;
  long yy = r / 365;
  if (yy == 4) yy = 3; /* the leap day closing a 4-year group */
  r -= yy * 365;
  long mi = (5 * r + 2) / 153;
  dyad_date d;
  d.d = (int)(r - (153 * mi + 2) / 5 + 1);
  d.m = (int)(mi < 10 ? mi + 3 : mi - 9);
  d.y = (int)(cycle * 400 + c * 100 + q * 4 + yy + (d.m <= 2));
  return d;
}

static long floor_mod(long a, long b) { return a - floor_div(a, b) * b; }

int dyad_date_weekday(dyad_date d) {
  return (int)floor_mod(to_days(fix(d)) + 3, 7); /* 1970-01-01 was a Thursday */
}

dyad_date dyad_date_add_days(dyad_date d, int days) {
  return from_days(to_days(fix(d)) + days);
}

long dyad_date_diff(dyad_date a, dyad_date b) { return to_days(fix(b)) - to_days(fix(a)); }

static int digits(const char *s, size_t n) {
  int v = 0;
  for (size_t k = 0; k < n; k++) {
    if (s[k] < '0' || s[k] > '9') return -1;
    v = v * 10 + (s[k] - '0');
  }
  return v;
}

int dyad_date_parse(const char *s, size_t n, dyad_date *out) {
  if (!s || !out || n < 10) return -1;
  char sep = s[4];
  if ((sep != '-' && sep != '/') || s[7] != sep) return -1;
  if (n > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return -1;
  int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > month_days(y, m)) return -1;
  out->y = y;
  out->m = m;
  out->d = d;
  return 0;
}

void dyad_date_format(dyad_date d, char out[11]) {
  int y = d.y < 0 ? 0 : d.y > 9999 ? 9999 : d.y;
  int m = d.m < 1 || d.m > 12 ? 1 : d.m;
  int dd = d.d < 1 || d.d > 31 ? 1 : d.d;
  int v[3] = {y, m, dd}, w[3] = {4, 2, 2};
  char *p = out;
  for (int f = 0; f < 3; f++) {
    if (f) *p++ = '-';
    for (int k = w[f] - 1; k >= 0; k--, v[f] /= 10) p[k] = (char)('0' + v[f] % 10);
    p += w[f];
  }
  *p = '\0';
}

/* ---- tokens ------------------------------------------------------------------------------ */

enum { TK_END, TK_WORD, TK_NUM, TK_ORD, TK_MIXED, TK_PUNCT };

typedef struct {
  size_t s, e;
  int kind;
  long val; /* value of TK_NUM (up to 6 digits) and TK_ORD, else -1 */
} dtok;

#define RING 16 /* tokens kept: matchers look at most 2 back and 10 ahead */

typedef struct {
  const char *t;
  size_t n, pos;
  dtok ring[RING];
  size_t head, have; /* absolute index of token 0; tokens read so far */
  dtok none;         /* what lies before the first token */
} tstream;

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_wordbyte(char c) { return is_alpha(c) || is_digit(c) || (unsigned char)c >= 0x80; }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Kind and value of the alphanumeric run [s, e) that opens with nd digits; digit_after says
 * whether a digit follows the first non-digit. */
static void classify(const char *t, dtok *k, size_t nd, int digit_after) {
  size_t len = k->e - k->s;
  k->val = -1;
  if (nd == len) {
    k->kind = TK_NUM;
    if (len <= 6) k->val = digits(t + k->s, len);
  } else if (nd == 0) {
    k->kind = digit_after ? TK_MIXED : TK_WORD;
  } else {
    const char *suf = t + k->s + nd;
    char a = lower(suf[0]), b = len - nd == 2 ? lower(suf[1]) : 0;
    int ord = nd <= 2 && ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                          (a == 'r' && b == 'd') || (a == 't' && b == 'h'));
    k->kind = ord ? TK_ORD : TK_MIXED;
    if (ord) k->val = digits(t + k->s, nd);
  }
}

/* The next token from the stream, read in one pass over its bytes. */
static dtok read_tok(tstream *ts) {
  const char *t = ts->t;
  size_t p = ts->pos, n = ts->n;
  while (p < n && (unsigned char)t[p] <= ' ') p++;
  dtok k = {p, p, TK_END, -1};
  if (p < n && !is_wordbyte(t[p])) {
    k.kind = TK_PUNCT;
    p++;
  } else if (p < n) {
    while (p < n && is_digit(t[p])) p++;
    size_t nd = p - k.s;
    int digit_after = 0;
    for (; p < n && is_wordbyte(t[p]); p++) digit_after |= is_digit(t[p]);
    k.e = p;
    classify(t, &k, nd, digit_after);
  }
  if (k.kind == TK_PUNCT) k.e = p;
  ts->pos = p;
  return k;
}

/* Reads tokens until absolute index idx is in the ring; returns it. */
static const dtok *fill_to(tstream *ts, size_t idx) {
  while (ts->have <= idx) {
    ts->ring[ts->have % RING] = read_tok(ts);
    ts->have++;
  }
  return &ts->ring[idx % RING];
}

/* Token k relative to the current one (k may be -2..10); inline for tokens already read. */
static inline const dtok *tk(tstream *ts, long k) {
  if (k < 0 && (size_t)-k > ts->head) return &ts->none;
  size_t idx = ts->head + (size_t)k;
  return idx < ts->have ? &ts->ring[idx % RING] : fill_to(ts, idx);
}

/* 1 when token x is the word w (lowercase ASCII), ignoring case. */
static int tok_eq(const tstream *ts, const dtok *x, const char *w) {
  if (x->kind == TK_END || lower(ts->t[x->s]) != w[0]) return 0;
  size_t len = strlen(w);
  if (x->e - x->s != len) return 0;
  for (size_t i = 1; i < len; i++)
    if (lower(ts->t[x->s + i]) != w[i]) return 0;
  return 1;
}

static int tk_is(tstream *ts, long k, const char *w) { return tok_eq(ts, tk(ts, k), w); }

/* 1-based index of token k in list (NULL-terminated, lowercase ASCII), or 0: tok_eq for each
 * entry, with the token's first letter and length read once (run for most tokens of a text). */
static int tk_in(tstream *ts, long k, const char *const *list) {
  const dtok *x = tk(ts, k);
  if (x->kind == TK_END || x->kind == TK_PUNCT) return 0;
  const char *t = ts->t + x->s;
  size_t len = x->e - x->s;
  char c0 = lower(t[0]);
  for (int i = 0; list[i]; i++) {
    const char *w = list[i];
    if (w[0] != c0) continue;
    size_t j = 1;
    while (j < len && w[j] == lower(t[j])) j++;   /* stops at w's end too: t holds no NUL */
    if (j == len && w[len] == 0) return i + 1;
  }
  return 0;
}

static int tk_cap(tstream *ts, long k) {
  const dtok *x = tk(ts, k);
  return x->kind == TK_WORD && ts->t[x->s] >= 'A' && ts->t[x->s] <= 'Z';
}

static int tk_punct(tstream *ts, long k, char c) {
  return tk(ts, k)->kind == TK_PUNCT && ts->t[tk(ts, k)->s] == c;
}

/* Value of token k when it is a 4-digit number within [lo, hi], else -1. */
static long tk_year(tstream *ts, long k, long lo, long hi) {
  const dtok *x = tk(ts, k);
  if (x->kind != TK_NUM || x->e - x->s != 4 || x->val < lo || x->val > hi) return -1;
  return x->val;
}

/* Value of token k when it can be a day of the month ("5", "05", "5th"), else -1. */
static long tk_day(tstream *ts, long k) {
  const dtok *x = tk(ts, k);
  if ((x->kind != TK_NUM && x->kind != TK_ORD) || x->e - x->s > 4) return -1;
  return x->val >= 1 && x->val <= 31 ? x->val : -1;
}

/* ---- word lists --------------------------------------------------------------------------- */

/* The five lists that can open an expression are X-macros so that can_start's filter (below) is
 * built from the same words at compile time. */
#define MONTH_NAMES(X, a) X("january", a) X("february", a) X("march", a) X("april", a) \
  X("may", a) X("june", a) X("july", a) X("august", a) X("september", a) X("october", a) \
  X("november", a) X("december", a)
#define MONTH_ABBREVS(X, a) X("jan", a) X("feb", a) X("mar", a) X("apr", a) X("may", a) \
  X("jun", a) X("jul", a) X("aug", a) X("sep", a) X("oct", a) X("nov", a) X("dec", a) \
  X("sept", a)
#define WEEKDAY_NAMES(X, a) X("monday", a) X("tuesday", a) X("wednesday", a) X("thursday", a) \
  X("friday", a) X("saturday", a) X("sunday", a)
#define NUMBER_WORDS(X, a) X("one", a) X("two", a) X("three", a) X("four", a) X("five", a) \
  X("six", a) X("seven", a) X("eight", a) X("nine", a) X("ten", a) X("eleven", a) X("twelve", a)
#define LIST_ITEM(w, a) w,
static const char *const month_names[] = {MONTH_NAMES(LIST_ITEM, 0) NULL};
static const char *const month_abbrevs[] = {MONTH_ABBREVS(LIST_ITEM, 0) NULL};
static const char *const weekday_names[] = {WEEKDAY_NAMES(LIST_ITEM, 0) NULL};
static const char *const number_words[] = {NUMBER_WORDS(LIST_ITEM, 0) NULL};
/* Words after which a bare month name is a month. */
static const char *const month_preps[] = {"in", "since", "until", "till", "by", "from", "during",
  "of", "before", "after", "through", NULL};
/* Words after which a bare year is a year. */
static const char *const year_preps[] = {"in", "since", "until", "by", "from", "during", "of", NULL};
/* Words before "... War" that make it another war than the named one. */
static const char *const other_war[] = {"a", "an", "new", "another", "second", "next", NULL};

/* ---- resolution --------------------------------------------------------------------------- */

enum { M_PAST = -1, M_NEAREST = 0, M_FUTURE = 1, M_BEFORE = -2, M_AFTER = 2, M_SAME = 3 };

typedef struct {
  dyad_date ref;
  int tense;
} fctx;

static dyad_date mkdate(long y, int m, int d) {
  dyad_date x = {(int)y, m, d};
  return fix(x);
}

/* The weekday wd (0 = Monday) relative to ref: on/before (M_PAST), on/after (M_FUTURE), within
 * 3 days (M_NEAREST), strictly before or after (M_BEFORE, M_AFTER), or in ref's week (M_SAME). */
static dyad_date resolve_weekday(dyad_date ref, int wd, int mode) {
  int r = dyad_date_weekday(ref), back = (r - wd + 7) % 7, fwd = (wd - r + 7) % 7;
  int off = -back;
  if (mode == M_FUTURE || (mode == M_NEAREST && fwd < back)) off = fwd;
  else if (mode == M_BEFORE) off = back ? -back : -7;
  else if (mode == M_AFTER) off = fwd ? fwd : 7;
  else if (mode == M_SAME) off = wd - r;
  return dyad_date_add_days(ref, off);
}

/* Month m (first day) relative to ref's month: M_PAST on or before, M_FUTURE on or after,
 * M_BEFORE/M_AFTER strictly, M_SAME in ref's year. M_NEAREST is treated as M_PAST. */
static dyad_date resolve_month(dyad_date ref, int m, int mode) {
  long y = ref.y;
  if (mode == M_PAST || mode == M_NEAREST) y -= m > ref.m;
  else if (mode == M_FUTURE) y += m < ref.m;
  else if (mode == M_BEFORE) y -= m >= ref.m;
  else if (mode == M_AFTER) y += m <= ref.m;
  return mkdate(y, m, 1);
}

/* Month m, day d without a year: the year putting it on/before ref (tense < 0), on/after ref
 * (tense > 0) or nearest to ref (tense == 0, ties to the past). */
static dyad_date resolve_month_day(dyad_date ref, int m, int d, int tense) {
  dyad_date best = mkdate(ref.y, m, d);
  long best_gap = -1;
  for (long y = (long)ref.y - 1; y <= (long)ref.y + 1; y++) {
    dyad_date c = mkdate(y, m, d);
    long gap = dyad_date_diff(c, ref); /* > 0 when c is before ref */
    if ((tense < 0 && gap < 0) || (tense > 0 && gap > 0)) continue;
    long a = gap < 0 ? -gap : gap;
    if (best_gap < 0 || a < best_gap) best = c, best_gap = a;
  }
  return best;
}

static void set_hit(dyad_date_hit *h, dyad_date d, int prec) {
  h->date = d;
  h->precision = prec;
}

/* Month shifted by delta months, as the first day of that month. */
static dyad_date month_shift(dyad_date ref, long delta) {
  long idx = (long)ref.y * 12 + (ref.m - 1) + delta;
  return mkdate(floor_div(idx, 12), (int)floor_mod(idx, 12) + 1, 1);
}

/* ---- matchers: each looks at token k, returns the byte end of a match or 0 --------------- */

typedef size_t (*matcher)(tstream *ts, long k, const fctx *c, dyad_date_hit *h);

static size_t tend(tstream *ts, long k) { return tk(ts, k)->e; }

/* Month named by token k (capitalized; abbreviations only before '.' or a number), or 0.
 * *next gets the token after the name and its dot. */
static int month_at(tstream *ts, long k, long *next) {
  if (!tk_cap(ts, k)) return 0;
  int m = tk_in(ts, k, month_names);
  *next = k + 1;
  if (m) return m;
  m = tk_in(ts, k, month_abbrevs);
  if (!m) return 0;
  if (tk_punct(ts, k + 1, '.') && tk(ts, k + 1)->s == tk(ts, k)->e) *next = k + 2;
  else if (tk_day(ts, k + 1) < 0 && tk_year(ts, k + 1, 1000, 2999) < 0) return 0;
  return m == 13 ? 9 : m;
}

/* A day and optional year after month m, starting at token j: "19, 2024", "19", "2024". */
static size_t month_tail(tstream *ts, long j, int m, const fctx *c, dyad_date_hit *h) {
  long d = tk_day(ts, j), y;
  if (d > 0 && d <= month_days(2000, m)) {
    long yj = tk_punct(ts, j + 1, ',') ? j + 2 : j + 1;
    if ((y = tk_year(ts, yj, 1000, 2999)) > 0 && d <= month_days(y, m)) {
      set_hit(h, mkdate(y, m, (int)d), DYAD_PREC_DAY);
      return tend(ts, yj);
    }
    set_hit(h, resolve_month_day(c->ref, m, (int)d, c->tense), DYAD_PREC_DAY);
    return tend(ts, j);
  }
  if ((y = tk_year(ts, j, 1000, 2999)) > 0) {
    set_hit(h, mkdate(y, m, 1), DYAD_PREC_MONTH);
    return tend(ts, j);
  }
  return 0;
}

/* "June 19, 2024", "June 19", "June 2024", "Sept. 5", or a bare month after a preposition. */
static size_t m_month(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  long j;
  int m = month_at(ts, k, &j);
  if (!m) return 0;
  size_t e = month_tail(ts, j, m, c, h);
  if (e) return e;
  if (!tk_in(ts, k - 1, month_preps)) return 0;
  set_hit(h, resolve_month(c->ref, m, c->tense > 0 ? M_FUTURE : M_PAST), DYAD_PREC_MONTH);
  return tend(ts, k);
}

/* "19 June 2024", "19 June", "5th of June". */
static size_t m_day_first(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  long d = tk_day(ts, k), j = k + 1, next, y;
  if (d < 0) return 0;
  if (tk_is(ts, j, "of")) j++;
  int m = month_at(ts, j, &next);
  if (!m || d > month_days(2000, m)) return 0;
  long yj = tk_punct(ts, next, ',') ? next + 1 : next;
  if ((y = tk_year(ts, yj, 1000, 2999)) > 0 && d <= month_days(y, m)) {
    set_hit(h, mkdate(y, m, (int)d), DYAD_PREC_DAY);
    return tend(ts, yj);
  }
  set_hit(h, resolve_month_day(c->ref, m, (int)d, c->tense), DYAD_PREC_DAY);
  return tend(ts, next - 1);
}

/* ISO dates "2024-06-19" (and "2024/06/19"), also at the start of "2024-06-19T08:00". */
static size_t m_iso(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  const dtok *x = tk(ts, k);
  dyad_date d;
  (void)c;
  if (x->kind != TK_NUM || x->e - x->s != 4 || ts->n - x->s < 10) return 0;
  if (dyad_date_parse(ts->t + x->s, 10, &d) != 0) return 0;
  size_t e = x->s + 10;
  if (e < ts->n && is_wordbyte(ts->t[e]) && ts->t[e] != 'T') return 0;
  set_hit(h, d, DYAD_PREC_DAY);
  return e;
}

/* A capitalized weekday, optionally followed by an explicit date ("Monday, June 17"). */
static size_t m_weekday(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  int wd = tk_cap(ts, k) ? tk_in(ts, k, weekday_names) : 0;
  if (!wd) return 0;
  long j = tk_punct(ts, k + 1, ',') ? k + 2 : k + 1;
  size_t e = m_month(ts, j, c, h);
  if (!e) e = m_day_first(ts, j, c, h);
  if (e && h->precision == DYAD_PREC_DAY) return e;
  int mode = c->tense < 0 ? M_PAST : c->tense > 0 ? M_FUTURE : M_NEAREST;
  set_hit(h, resolve_weekday(c->ref, wd - 1, mode), DYAD_PREC_DAY);
  return tend(ts, k);
}

/* today, tonight, yesterday, tomorrow. */
static size_t m_deictic(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  static const char *const words[] = {"today", "tonight", "yesterday", "tomorrow", NULL};
  static const int offset[] = {0, 0, -1, 1};
  int w = tk_in(ts, k, words);
  if (!w) return 0;
  set_hit(h, dyad_date_add_days(c->ref, offset[w - 1]), DYAD_PREC_DAY);
  return tend(ts, k);
}

/* this/last/next + week|month|year, a weekday or a month name. */
static size_t m_this_last_next(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  static const char *const mods[] = {"last", "this", "next", NULL};
  static const char *const units[] = {"week", "month", "year", NULL};
  int mod = tk_in(ts, k, mods), u, x;
  long step = mod - 2, j; /* -1, 0, +1 */
  if (!mod) return 0;
  if ((u = tk_in(ts, k + 1, units)) == 1) set_hit(h, dyad_date_add_days(c->ref, (int)step * 7), DYAD_PREC_DAY);
  else if (u == 2) set_hit(h, month_shift(c->ref, step), DYAD_PREC_MONTH);
  else if (u == 3) set_hit(h, mkdate(c->ref.y + step, 1, 1), DYAD_PREC_YEAR);
  else if (tk_cap(ts, k + 1) && (x = tk_in(ts, k + 1, weekday_names)) > 0)
    set_hit(h, resolve_weekday(c->ref, x - 1, step < 0 ? M_BEFORE : step > 0 ? M_AFTER : M_SAME), DYAD_PREC_DAY);
  else if ((x = month_at(ts, k + 1, &j)) > 0)
    set_hit(h, resolve_month(c->ref, x, step < 0 ? M_BEFORE : step > 0 ? M_AFTER : M_SAME), DYAD_PREC_MONTH);
  else
    return 0;
  return tend(ts, k + 1);
}

/* early/late/mid + month or year: "early March", "mid-2023". */
static size_t m_part_of(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  static const char *const mods[] = {"early", "late", "mid", NULL};
  long j = k + 1, next, y;
  int m;
  if (!tk_in(ts, k, mods)) return 0;
  if (tk_punct(ts, j, '-')) j++;
  if ((y = tk_year(ts, j, 1000, 2999)) > 0) {
    set_hit(h, mkdate(y, 1, 1), DYAD_PREC_YEAR);
    return tend(ts, j);
  }
  if (!(m = month_at(ts, j, &next))) return 0;
  size_t e = month_tail(ts, next, m, c, h);
  if (e) return e;
  set_hit(h, resolve_month(c->ref, m, c->tense > 0 ? M_FUTURE : M_PAST), DYAD_PREC_MONTH);
  return tend(ts, j);
}

/* "N days|weeks|months|years ago", N a number, one..twelve, "a" or "an". */
static size_t m_ago(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  static const char *const units[] = {"day", "days", "week", "weeks", "month", "months", "year",
                                      "years", NULL};
  static const long most[] = {100000, 10000, 12000, 5000};
  const dtok *x = tk(ts, k);
  long v = x->kind == TK_NUM ? x->val : tk_in(ts, k, number_words);
  if (tk_is(ts, k, "a") || tk_is(ts, k, "an")) v = 1;
  int u = (tk_in(ts, k + 1, units) + 1) / 2;
  if (v <= 0 || !u || v > most[u - 1] || !tk_is(ts, k + 2, "ago")) return 0;
  if (u <= 2) set_hit(h, dyad_date_add_days(c->ref, (int)-(u == 1 ? v : 7 * v)), DYAD_PREC_DAY);
  else if (u == 3) set_hit(h, month_shift(c->ref, -v), DYAD_PREC_MONTH);
  else set_hit(h, mkdate(c->ref.y - v, 1, 1), DYAD_PREC_YEAR);
  return tend(ts, k + 2);
}

/* A year 1900..2099 after a preposition, or followed by a comma or period (not a decimal). */
static size_t m_year(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  long y = tk_year(ts, k, 1900, 2099);
  (void)c;
  if (y < 0) return 0;
  int after = (tk_punct(ts, k + 1, ',') || tk_punct(ts, k + 1, '.')) &&
              tk(ts, k + 1)->s == tk(ts, k)->e &&
              !(tk(ts, k + 2)->kind == TK_NUM && tk(ts, k + 2)->s == tk(ts, k + 1)->e);
  if (!after && !tk_in(ts, k - 1, year_preps)) return 0;
  set_hit(h, mkdate(y, 1, 1), DYAD_PREC_YEAR);
  return tend(ts, k);
}

/* World War I/II (also "Second World War", "WWII"), the Korean, Cold, Vietnam and Gulf Wars,
 * Soviet times/era: year precision, always historical. */
static size_t m_era(tstream *ts, long k, const fctx *c, dyad_date_hit *h) {
  static const char *const one[] = {"i", "1", "one", NULL}, *const two[] = {"ii", "2", "two", NULL};
  static const char *const wars[] = {"korean", "cold", "vietnam", "gulf", NULL};
  static const int war_year[] = {1950, 1947, 1955, 1990};
  long y = 0, last = k;
  int w;
  (void)c;
  if (tk_is(ts, k, "world") && tk_is(ts, k + 1, "war")) {
    y = tk_in(ts, k + 2, two) ? 1939 : tk_in(ts, k + 2, one) ? 1914 : 0;
    last = k + 2;
  } else if ((tk_is(ts, k, "second") || tk_is(ts, k, "first")) && tk_is(ts, k + 1, "world") &&
             tk_is(ts, k + 2, "war")) {
    y = tk_is(ts, k, "second") ? 1939 : 1914;
    last = k + 2;
  } else if (tk_is(ts, k, "wwii") || tk_is(ts, k, "ww2") || tk_is(ts, k, "wwi") || tk_is(ts, k, "ww1")) {
    y = (tk_is(ts, k, "wwii") || tk_is(ts, k, "ww2")) ? 1939 : 1914;
  } else if ((w = tk_in(ts, k, wars)) > 0 && tk_is(ts, k + 1, "war") && !tk_in(ts, k - 1, other_war)) {
    y = war_year[w - 1];
    last = k + 1;
  } else if (tk_is(ts, k, "soviet")) {
    last = tk_punct(ts, k + 1, '-') ? k + 2 : k + 1;
    y = (tk_is(ts, last, "times") || tk_is(ts, last, "era")) ? 1922 : 0;
  }
  if (!y) return 0;
  set_hit(h, mkdate(y, 1, 1), DYAD_PREC_YEAR);
  h->historical = 1;
  return tend(ts, last);
}

/* ---- the finder ---------------------------------------------------------------------------- */

/* 1 when the period named by the hit ends more than a year (365 days) before ref. */
static int is_historical(const dyad_date_hit *h, dyad_date ref) {
  dyad_date end = h->date;
  if (h->precision == DYAD_PREC_YEAR) end.m = 12, end.d = 31;
  else if (h->precision == DYAD_PREC_MONTH) end.d = month_days(end.y, end.m);
  return dyad_date_diff(end, ref) > 365;
}

/* Words that can open an expression (besides numbers, month names and weekdays). */
#define OPENERS(X, a) X("today", a) X("tonight", a) X("yesterday", a) X("tomorrow", a) \
  X("last", a) X("this", a) X("next", a) X("early", a) X("late", a) X("mid", a) X("a", a) \
  X("an", a) X("world", a) X("second", a) X("first", a) X("wwii", a) X("ww2", a) X("wwi", a) \
  X("ww1", a) X("korean", a) X("cold", a) X("vietnam", a) X("gulf", a) X("soviet", a)
static const char *const openers[] = {OPENERS(LIST_ITEM, 0) NULL};

/* A 512-bit filter over every word of the five opening lists, keyed on the first two letters and
 * the length (a word's second "letter" is NUL when it has one): a token whose bit is clear is in
 * none of the lists. Built by the compiler from the X-macros, so it cannot drift from them. */
#define START_HASH(c0, c1, len) \
  ((((unsigned)(c0) * 31u) + ((unsigned)(c1) * 7u) + (unsigned)(len) * 131u) & 511u)
#define WORD_HASH(w) START_HASH((w)[0], (w)[1], sizeof(w) - 1)
#define START_BIT(w, slot) | (WORD_HASH(w) >> 6 == (slot) ? 1ull << (WORD_HASH(w) & 63u) : 0)
#define START_SLOT(slot)                                                                  \
  (0 OPENERS(START_BIT, slot) NUMBER_WORDS(START_BIT, slot) MONTH_NAMES(START_BIT, slot) \
   MONTH_ABBREVS(START_BIT, slot) WEEKDAY_NAMES(START_BIT, slot))
static const unsigned long long start_filter[8] = {START_SLOT(0u), START_SLOT(1u), START_SLOT(2u),
  START_SLOT(3u), START_SLOT(4u), START_SLOT(5u), START_SLOT(6u), START_SLOT(7u)};

/* 0 when the word token x is in none of the five opening lists (its filter bit is clear). */
static int maybe_start(const tstream *ts, const dtok *x) {
  const char *t = ts->t + x->s;
  size_t len = x->e - x->s;
  unsigned c1 = len > 1 ? (unsigned char)lower(t[1]) : 0u;
  unsigned h = START_HASH((unsigned char)lower(t[0]), c1, len);
  return (int)((start_filter[h >> 6] >> (h & 63u)) & 1u);
}

/* A cheap filter run once per token: 0 when no matcher can start at the current token. */
static int can_start(tstream *ts) {
  const dtok *x = tk(ts, 0);
  if (x->kind == TK_NUM || x->kind == TK_ORD) return 1;
  if ((x->kind != TK_WORD && x->kind != TK_MIXED) || !maybe_start(ts, x)) return 0;
  if (x->kind == TK_MIXED) return tk_in(ts, 0, openers) > 0;
  if (x->e - x->s > 9) return 0;
  return tk_in(ts, 0, openers) || tk_in(ts, 0, number_words) ||
         (tk_cap(ts, 0) && (tk_in(ts, 0, month_names) || tk_in(ts, 0, month_abbrevs) ||
                            tk_in(ts, 0, weekday_names)));
}

/* The longest match starting at the current token; returns its end or 0. */
static size_t best_match(tstream *ts, const fctx *c, dyad_date_hit *best) {
  static const matcher all[] = {m_iso, m_month, m_day_first, m_weekday, m_deictic,
                                m_this_last_next, m_part_of, m_ago, m_year, m_era};
  size_t best_end = 0;
  if (!can_start(ts)) return 0;
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    dyad_date_hit h = {0, 0, {0, 0, 0}, 0, -1};
    size_t e = all[i](ts, 0, c, &h);
    if (e > best_end) {
      best_end = e;
      *best = h;
    }
  }
  if (!best_end) return 0;
  best->start = tk(ts, 0)->s;
  best->end = best_end;
  if (best->historical < 0) best->historical = is_historical(best, c->ref);
  return best_end;
}

/* Conventions beyond date.h: a hit spans only the date words ("March" in "In March", "Friday"
 * in "on Friday") plus modifiers that change the date ("last Friday", "mid-March", "two weeks
 * ago"); the era words without "the". Month and weekday names must be capitalized. Bare months
 * resolve to the past for tense <= 0 and to the future for tense > 0; "last/next March" is
 * strictly before/after ref's month, "this March" in ref's year. Weekdays with tense 0 take
 * the nearest (within 3 days); "last/next Friday" is strictly before/after ref, "this Friday" in
 * ref's Monday-based week. "last/this/next week" is ref -7/0/+7 days at day precision; "... month"
 * and "... year" have month and year precision. Months without a year but with a day take the
 * year that fits the tense (nearest for 0). Bare months also count after of, before, after,
 * through and till. Leftmost match first; among matches at the same token the longest. */
size_t dyad_dates_find(const char *text, size_t n, dyad_date ref, int tense,
                       dyad_date_hit *hits, size_t cap) {
  if (!text) return 0;
  tstream ts;
  memset(&ts, 0, sizeof ts);
  ts.t = text;
  ts.n = n;
  fctx c = {fix(ref), tense};
  size_t found = 0;
  while (tk(&ts, 0)->kind != TK_END) {
    dyad_date_hit h;
    size_t e = best_match(&ts, &c, &h);
    if (!e) {
      ts.head++;
      continue;
    }
    if (hits && found < cap) hits[found] = h;
    found++;
    while (tk(&ts, 0)->kind != TK_END && tk(&ts, 0)->s < e) ts.head++;
  }
  return found;
}
