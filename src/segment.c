/* segment.c - the sentence splitter: cuts normalized text into blocks, heading lines and
 * sentences, flags page chrome and headlines, drops outlet suffixes from headlines and caps
 * sentence length. One linear pass over the text; nothing is allocated. */
#include "segment.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#define HEADING_MAX 120      /* a bare line shorter than this before a non-lowercase line is a heading */
#define HEADLINE_MAX 300     /* longest one-line block still taken as a headline */
#define CHROME_LINE_MAX 160  /* longer lines are never chrome */
#define CHROME_WORDS_MAX 8   /* chrome lines have at most this many words */
#define WORD_LOOK 40         /* longest word before a '.' examined for abbreviations */
#define OUTLET_WORDS_MAX 6   /* words in a " -- Outlet Name" suffix */

typedef struct {
  const char *t;
  size_t n;
  dyad_sent_fn fn;
  void *ctx;
  size_t count;
  int stop;
} seg_state;

/* ---- character classes ---------------------------------------------------------------- */

static int is_sp(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static int is_hsp(char c) { return c != '\n' && is_sp(c); }
static int is_mark(char c) { return c == '.' || c == '!' || c == '?'; }
static int is_closer(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_aupper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_alower(char c) { return c >= 'a' && c <= 'z'; }
static int is_aalpha(char c) { return is_aupper(c) || is_alower(c); }
static char lower(char c) { return is_aupper(c) ? (char)(c - 'A' + 'a') : c; }

/* Unicode general category of the character at t[i]; bytes that do not decode are "unassigned". */
static int cat_at(const char *t, size_t i, size_t lim) {
  utf8proc_int32_t cp;
  size_t avail = lim - i < 4 ? lim - i : 4;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)avail, &cp);
  return k < 1 ? UTF8PROC_CATEGORY_CN : (int)utf8proc_category(cp);
}

static int upper_at(const char *t, size_t i, size_t lim) {
  if ((unsigned char)t[i] < 0x80) return is_aupper(t[i]);
  int c = cat_at(t, i, lim);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int lower_at(const char *t, size_t i, size_t lim) {
  if ((unsigned char)t[i] < 0x80) return is_alower(t[i]);
  return cat_at(t, i, lim) == UTF8PROC_CATEGORY_LL;
}

static void trim(const char *t, size_t *s, size_t *e) {
  while (*s < *e && is_sp(t[*s])) (*s)++;
  while (*e > *s && is_sp(t[*e - 1])) (*e)--;
}

/* 1 when t[s..s+len) equals word w exactly (case-sensitive); w is not empty. The first byte is
 * tested before strlen (most list words differ there). */
static int word_is(const char *t, size_t s, size_t len, const char *w) {
  return len > 0 && t[s] == w[0] && strlen(w) == len && memcmp(t + s, w, len) == 0;
}

static int word_in(const char *t, size_t s, size_t len, const char *const *list) {
  for (size_t k = 0; list[k]; k++)
    if (word_is(t, s, len, list[k])) return 1;
  return 0;
}

/* ---- output ----------------------------------------------------------------------------- */

static void deliver(seg_state *st, size_t s, size_t e, unsigned flags) {
  dyad_sent sent = {s, e, flags};
  st->count++;
  if (st->fn(&sent, st->ctx)) st->stop = 1;
}

/* Where to cut a sentence starting at s that is longer than DYAD_SENT_MAX: the last space in
 * the second half of the window, else the window end moved back to a UTF-8 character start.
 * Each cut advances at least DYAD_SENT_MAX/2 bytes, which keeps cutting linear. */
static size_t cut_point(const char *t, size_t s) {
  size_t p = s + DYAD_SENT_MAX;
  while (p > s + DYAD_SENT_MAX / 2 && !is_sp(t[p])) p--;
  if (p > s + DYAD_SENT_MAX / 2) return p;
  p = s + DYAD_SENT_MAX;
  while (p > s + 1 && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
  return p;
}

/* Trims [s, e) and reports it, cut into TOO_LONG pieces when it exceeds DYAD_SENT_MAX. */
static void emit(seg_state *st, size_t s, size_t e, unsigned flags) {
  trim(st->t, &s, &e);
  if (s >= e) return;
  if (e - s > DYAD_SENT_MAX) flags |= DYAD_SENT_TOO_LONG;
  while (s < e && !st->stop) {
    size_t c = e - s > DYAD_SENT_MAX ? cut_point(st->t, s) : e;
    size_t ps = s, pe = c;
    trim(st->t, &ps, &pe);
    if (ps < pe) deliver(st, ps, pe, flags);
    s = c;
    while (s < e && is_sp(st->t[s])) s++;
  }
}

/* ---- end marks -------------------------------------------------------------------------- */

/* Abbreviations after which a '.' never ends a sentence. */
static const char *const hard_abbrev[] = {
  "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Sgt", "Capt", "Adm", "Gov", "Sen", "Rep", "Rev",
  "St", "Prof", "Pres", "Maj", "Brig", "Cpl", "Pvt", "Cmdr", "Gens", "Sens", "Reps", "Mt", "Ft",
  "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
  "vs", "i.e", "e.g", "approx", NULL};
/* Abbreviations that may also close a sentence: they end one only before an obvious starter. */
static const char *const soft_abbrev[] = {"etc", "Inc", "Corp", "Ltd", "Co", "Jr", "Sr", NULL};
/* Words that plainly open a new sentence after an acronym, initial or soft abbreviation. */
static const char *const starters[] = {
  "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But", "And",
  "Or", "So", "Yet", "However", "This", "That", "These", "Those", "There", "His", "Her", "Their",
  "Its", "Our", "My", "After", "Before", "When", "While", "Meanwhile", "Earlier", "Later", "Also",
  "Still", "Then", "If", "As", "Some", "Many", "Most", "Both", "What", "Why", "How", "Who",
  "Where", "Officials", "Police", NULL};

/* 1 when the text at k plainly starts a sentence: a capital, a digit, or an opening quote or
 * bracket before one. */
static int starts_sentence(const char *t, size_t k, size_t lim) {
  char c = t[k];
  if (is_digit(c) || upper_at(t, k, lim)) return 1;
  if ((c == '"' || c == '\'' || c == '(' || c == '[') && k + 1 < lim)
    return is_digit(t[k + 1]) || upper_at(t, k + 1, lim);
  return 0;
}

/* 1 when the word at k (after an optional opening quote) is in the starters list. */
static int obvious_start(const char *t, size_t k, size_t lim) {
  if (k < lim && (t[k] == '"' || t[k] == '\'')) k++;
  size_t e = k;
  while (e < lim && e - k < 16 && is_aalpha(t[e])) e++;
  if (e < lim && is_aalpha(t[e])) return 0;
  return word_in(t, k, e - k, starters);
}

/* 1 for dotted acronyms without their final dot: "U.S", "U.N", "a.m". */
static int is_dotted(const char *t, size_t s, size_t len) {
  if (len < 3 || len % 2 == 0) return 0;
  for (size_t k = 0; k < len; k++)
    if (k % 2 ? t[s + k] != '.' : !is_aalpha(t[s + k])) return 0;
  return 1;
}

/* Decides whether a lone '.' at i (inside the sentence that starts at ss) ends the sentence,
 * given that the next word starts at k: abbreviations, initials and acronyms usually do not. */
static int dot_ends(const char *t, size_t ss, size_t i, size_t k, size_t lim) {
  size_t ws = i;
  while (ws > ss && !is_sp(t[ws - 1]) && i - ws < WORD_LOOK) ws--;
  if (ws > ss && !is_sp(t[ws - 1])) return 1;  /* a long token: no abbreviation */
  while (ws < i && (t[ws] == '"' || t[ws] == '\'' || t[ws] == '(' || t[ws] == '[')) ws++;
  size_t len = i - ws;
  if (len == 0) return 1;
  if (word_in(t, ws, len, hard_abbrev)) return 0;
  if (word_is(t, ws, len, "No")) return !is_digit(t[k]);
  if ((len == 1 && is_aupper(t[ws])) || is_dotted(t, ws, len) || word_in(t, ws, len, soft_abbrev))
    return obvious_start(t, k, lim);
  return 1;
}

/* Examines the run of end marks at t[i] inside a sentence starting at ss (text ends at lim).
 * Returns where the sentence ends (after the marks and any closing quotes or brackets) or 0
 * when the marks do not end it; *run_end gets the end of the mark run. */
static size_t end_mark(const char *t, size_t ss, size_t i, size_t lim, size_t *run_end) {
  size_t j = i;
  while (j < lim && is_mark(t[j])) j++;
  *run_end = j;
  int lone_dot = j - i == 1 && t[i] == '.';
  while (j < lim && is_closer(t[j])) j++;
  if (j == lim) return j;
  if (!is_sp(t[j])) return 0;
  size_t k = j;
  while (k < lim && is_sp(t[k])) k++;
  if (k == lim) return j;
  if (!starts_sentence(t, k, lim)) return 0;
  if (lone_dot && !dot_ends(t, ss, i, k, lim)) return 0;
  return j;
}

/* Splits the running text [a, b) (one block or a part of one) at its sentence ends. */
static void split_run(seg_state *st, size_t a, size_t b) {
  const char *t = st->t;
  size_t ss = a, i = a;
  while (i < b && !st->stop) {
    if (!is_mark(t[i])) {
      i++;
      continue;
    }
    size_t run_end, e = end_mark(t, ss, i, b, &run_end);
    if (e) {
      emit(st, ss, e, 0);
      ss = i = e;
    } else {
      i = run_end;
    }
  }
  if (!st->stop) emit(st, ss, b, 0);
}

/* ---- lines: headlines, headings, chrome --------------------------------------------------- */

/* 1 when the trimmed line [s, e) has no sentence end at all, not even a final one. */
static int bare_line(const char *t, size_t s, size_t e) {
  for (size_t i = s; i < e; i++) {
    if (!is_mark(t[i])) continue;
    size_t run_end;
    if (end_mark(t, s, i, e, &run_end)) return 0;
    i = run_end - 1;
  }
  return 1;
}

/* Words after which a line plainly goes on in the next one. */
static const char *const joiners[] = {
  "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or",
  "but", "as", "that", "than", "into", "over", "about", "after", "before", "against", "between",
  "under", "which", "who", "whose", "during", "said", "says", NULL};

/* 1 when the trimmed line [s, e) ends in a way that continues on the next line. */
static int line_continues(const char *t, size_t s, size_t e) {
  char c = t[e - 1];
  if (c == ',' || c == ';' || c == ':' || c == '-') return 1;
  size_t ws = e;
  while (ws > s && is_aalpha(t[ws - 1])) ws--;
  return word_in(t, ws, e - ws, joiners);
}

/* 1 when the block's text ends after the line [ls, le) (next line blank or none), or when the
 * line is a heading: short, no end mark, not visibly continued, and the next line does not
 * start in lowercase. */
static int segment_ends_after(const char *t, size_t n, size_t ls, size_t le) {
  size_t k = le + 1;
  if (le >= n || k >= n) return 1;
  while (k < n && is_hsp(t[k])) k++;
  if (k == n || t[k] == '\n') return 1;
  size_t s = ls, e = le;
  trim(t, &s, &e);
  if (e - s >= HEADING_MAX || lower_at(t, k, n)) return 0;
  return !line_continues(t, s, e) && bare_line(t, s, e);
}

/* The end of a headline [s, e) without a trailing " -- Outlet" or " | Outlet" of at most
 * OUTLET_WORDS_MAX capitalized or numeric words. */
static size_t outlet_cut(const char *t, size_t s, size_t e) {
  size_t p = e, sep = 0;
  while (p > s + 1 && !sep) {
    p--;
    if (p + 4 <= e && memcmp(t + p, " -- ", 4) == 0) sep = 4;
    else if (p + 3 <= e && memcmp(t + p, " | ", 3) == 0) sep = 3;
  }
  if (!sep) return e;
  size_t words = 0;
  for (size_t k = p + sep; k < e; k++) {
    if (is_sp(t[k]) || !is_sp(t[k - 1])) continue;
    if (++words > OUTLET_WORDS_MAX || !(is_digit(t[k]) || upper_at(t, k, e))) return e;
  }
  size_t bs = s, be = p;
  trim(t, &bs, &be);
  return words > 0 && bs < be ? be : e;
}

/* Interface phrases that make up chrome lines. */
static const char *const chrome_phrases[] = {
  "skip to content", "back to top", "sign in", "sign up", "log in", "log out", "read more",
  "follow us", "copy link", "min read", "close", "share", "tweet", "email", "print", "comment",
  "comments", "advertisement", "advertising", "subscribe", "menu", "search", "related", "cookie",
  "cookies", "accept", "newsletter", "facebook", "twitter", "x", "linkedin", "whatsapp",
  "reddit", "pinterest", "watch", "listen", "updated", "loading", NULL};

typedef struct { size_t s, len; } wspan;

/* Length of the word character (letter or number) at t[i], or 0 for a separator. */
static size_t word_char(const char *t, size_t i, size_t lim) {
  unsigned char c = (unsigned char)t[i];
  if (c < 0x80) return (is_aalpha((char)c) || is_digit((char)c)) ? 1 : 0;
  utf8proc_int32_t cp;
  size_t avail = lim - i < 4 ? lim - i : 4;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)avail, &cp);
  if (k < 1) return 0;
  int cat = (int)utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO ? (size_t)k : 0;
}

/* Collects up to max+1 words of [s, e) into w; returns how many were found (max+1 = too many). */
static size_t line_words(const char *t, size_t s, size_t e, wspan *w, size_t max) {
  size_t nw = 0, i = s;
  while (i < e && nw <= max) {
    size_t k = word_char(t, i, e);
    if (!k) {
      i++;
      continue;
    }
    w[nw].s = i;
    while (i < e && (k = word_char(t, i, e)) > 0) i += k;
    w[nw].len = i - w[nw].s;
    nw++;
  }
  return nw;
}

/* 1 when word w equals the ASCII word p[0..plen) ignoring case. */
static int word_eq_ci(const char *t, wspan w, const char *p, size_t plen) {
  if (w.len != plen) return 0;
  for (size_t k = 0; k < plen; k++)
    if (lower(t[w.s + k]) != p[k]) return 0;
  return 1;
}

/* Number of words of w[i..nw) matched by the space-separated phrase, or 0. */
static size_t phrase_match(const char *t, const wspan *w, size_t i, size_t nw, const char *ph) {
  size_t used = 0;
  while (*ph) {
    size_t plen = strcspn(ph, " ");
    if (i + used >= nw || !word_eq_ci(t, w[i + used], ph, plen)) return 0;
    used++;
    ph += plen;
    if (*ph == ' ') ph++;
  }
  return used;
}

/* 1 when the line [s, e) consists only of interface words (and numbers), at most
 * CHROME_WORDS_MAX words, with at least one interface word. */
static int chrome_line(const char *t, size_t s, size_t e) {
  trim(t, &s, &e);
  if (s >= e || e - s > CHROME_LINE_MAX) return 0;
  wspan w[CHROME_WORDS_MAX + 1];
  size_t nw = line_words(t, s, e, w, CHROME_WORDS_MAX), hits = 0;
  if (nw == 0 || nw > CHROME_WORDS_MAX) return 0;
  for (size_t i = 0; i < nw;) {
    size_t used = 0;
    for (size_t p = 0; chrome_phrases[p] && !used; p++) used = phrase_match(t, w, i, nw, chrome_phrases[p]);
    if (!used) {
      for (size_t k = 0; k < w[i].len; k++)
        if (!is_digit(t[w[i].s + k])) return 0;
      used = 1;
    } else {
      hits++;
    }
    i += used;
  }
  return hits > 0;
}

/* Reports the running text [a, b) of `lines` lines: a lone bare line is a headline. */
static void flush(seg_state *st, size_t a, size_t b, size_t lines) {
  if (lines == 0 || st->stop) return;
  size_t s = a, e = b;
  trim(st->t, &s, &e);
  if (lines == 1 && e > s && e - s <= HEADLINE_MAX && bare_line(st->t, s, e))
    emit(st, s, outlet_cut(st->t, s, e), DYAD_SENT_HEADLINE);
  else
    split_run(st, a, b);
}

static int blank_line(const char *t, size_t s, size_t e) {
  while (s < e && is_sp(t[s])) s++;
  return s == e;
}

/* Conventions beyond segment.h: lines are read one at a time. A line of interface words is a
 * CHROME sentence of its own. Lines join into running text until a blank line, or until a
 * heading: a line under HEADING_MAX bytes with no sentence end, not ending in , ; : - or a
 * function word, followed by a line not starting in lowercase. Running text of a single bare
 * line (a headline block or a heading) of at most HEADLINE_MAX bytes is one HEADLINE sentence.
 * "etc. Inc. Corp. Ltd. Co. Jr. Sr.", initials and dotted acronyms end a sentence only before an
 * obvious opener ("The", "He", "It", ...); "No." does not end one before a digit. Every piece
 * of a sentence cut at DYAD_SENT_MAX, the last one included, carries TOO_LONG. */
size_t dyad_segment(const char *text, size_t n, dyad_sent_fn fn, void *ctx) {
  seg_state st = {text, n, fn, ctx, 0, 0};
  size_t pos = 0, seg_a = 0, seg_b = 0, lines = 0;
  if (!text || !fn) return 0;
  while (pos < n && !st.stop) {
    const char *nl = memchr(text + pos, '\n', n - pos);
    size_t le = nl ? (size_t)(nl - text) : n;
    if (blank_line(text, pos, le)) {
      /* blank lines end blocks; the block was flushed when its last line was read */
    } else if (chrome_line(text, pos, le)) {
      flush(&st, seg_a, seg_b, lines);
      lines = 0;
      if (!st.stop) emit(&st, pos, le, DYAD_SENT_CHROME);
    } else {
      if (lines++ == 0) seg_a = pos;
      seg_b = le;
      if (segment_ends_after(text, n, pos, le)) {
        flush(&st, seg_a, seg_b, lines);
        lines = 0;
      }
    }
    pos = le + 1;
  }
  flush(&st, seg_a, seg_b, lines);
  return st.count;
}
