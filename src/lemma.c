/* lemma.c - the WordNet lexicon lookup: finds each POS a word form can take and its base form,
 * using the exception lists, the form itself, then Morphy-style suffix rules checked against
 * the generated base-form table (build/gen/lemma_table.c, layout in lemma_table.h). */
#include "lemma.h"

#include <string.h>

#include "lemma_table.h"

/* Longest form we try; WordNet's longest single-word lemma is well under this. */
#define DYAD_LEX_MAXWORD 96

/* One detachment rule: strip `suffix`, append `ending`. */
typedef struct {
  const char *suffix;
  const char *ending;
} lex_rule;

static const lex_rule lex_noun_rules[] = {
    {"s", ""},     {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
};
static const lex_rule lex_verb_rules[] = {
    {"s", ""},  {"ies", "y"}, {"es", "e"},  {"es", ""},
    {"ed", "e"}, {"ed", ""},  {"ing", "e"}, {"ing", ""},
};
static const lex_rule lex_adj_rules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
};

/* Compares key (n bytes, no NUL inside) with the pool string s in strcmp order. */
static int lex_cmp(const char *key, size_t n, const char *s) {
  int d = strncmp(key, s, n);
  if (d != 0) return d;
  return s[n] == '\0' ? 0 : -1;
}

/* Binary search of the base-form table; NULL when the form is not a WordNet base form. */
static const dyad_lemma_base_entry *lex_find_base(const char *key, size_t n) {
  size_t lo = 0, hi = dyad_lemma_nbases;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int d = lex_cmp(key, n, dyad_lemma_pool + dyad_lemma_bases[mid].off);
    if (d == 0) return &dyad_lemma_bases[mid];
    if (d < 0) hi = mid;
    else lo = mid + 1;
  }
  return NULL;
}

/* Binary search of the exception list for (form, pos); NULL when there is none. */
static const dyad_lemma_exc_entry *lex_find_exc(const char *key, size_t n, unsigned pos) {
  size_t lo = 0, hi = dyad_lemma_nexcs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const dyad_lemma_exc_entry *e = &dyad_lemma_excs[mid];
    int d = lex_cmp(key, n, dyad_lemma_pool + e->form);
    if (d == 0) d = (int)pos - (int)e->pos;
    if (d == 0) return e;
    if (d < 0) hi = mid;
    else lo = mid + 1;
  }
  return NULL;
}

/* Records base form `lemma` (static pool storage) for pos in *out. */
static void lex_set(dyad_lexinfo *out, unsigned pos, const char *lemma, unsigned freq) {
  size_t len = strlen(lemma);
  out->pos |= 1u << pos;
  out->lemma[pos] = lemma;
  out->lemma_n[pos] = (unsigned char)(len > 255 ? 255 : len);
  out->freq[pos] = freq;
}

static int lex_is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Applies rule r to w (n bytes) into cand; returns the candidate length, 0 if it does not apply.
 * Candidates shorter than two letters are refused ("as" is not "a"+s). */
static size_t lex_apply(const char *w, size_t n, const lex_rule *r, char *cand) {
  size_t sl = strlen(r->suffix), el = strlen(r->ending);
  if (n <= sl || memcmp(w + n - sl, r->suffix, sl) != 0) return 0;
  if (sl == 1 && r->suffix[0] == 's' && n >= 2 && w[n - 2] == 's') return 0; /* "glass" */
  size_t stem = n - sl;
  if (stem + el < 2) return 0;
  memcpy(cand, w, stem);
  memcpy(cand + stem, r->ending, el);
  return stem + el;
}

/* "stopped" -> stop, "planning" -> plan: a doubled consonant before -ed/-ing. */
static size_t lex_undouble(const char *w, size_t n, char *cand) {
  size_t sl;
  if (n > 2 && memcmp(w + n - 2, "ed", 2) == 0) sl = 2;
  else if (n > 3 && memcmp(w + n - 3, "ing", 3) == 0) sl = 3;
  else return 0;
  size_t stem = n - sl;
  if (stem < 3 || w[stem - 1] != w[stem - 2] || lex_is_vowel(w[stem - 1])) return 0;
  memcpy(cand, w, stem - 1);
  return stem - 1;
}

/* Tries the detachment rules of one POS and returns the best candidate that is a base form in
 * that POS, or NULL. The highest tagged-sense count wins; ties go to the earlier rule ("hoped" ->
 * hope, "singing" -> sing rather than singe). */
static const dyad_lemma_base_entry *lex_rules(const char *w, size_t n, unsigned pos) {
  static const struct { const lex_rule *r; size_t n; } sets[DYAD_LEX_NPOS] = {
      {lex_noun_rules, sizeof lex_noun_rules / sizeof lex_noun_rules[0]},
      {lex_verb_rules, sizeof lex_verb_rules / sizeof lex_verb_rules[0]},
      {lex_adj_rules, sizeof lex_adj_rules / sizeof lex_adj_rules[0]},
      {NULL, 0}};
  char cand[DYAD_LEX_MAXWORD + 4];
  const dyad_lemma_base_entry *best = NULL;
  for (size_t i = 0; i <= sets[pos].n; i++) {
    size_t cn = i < sets[pos].n ? lex_apply(w, n, &sets[pos].r[i], cand)
                : pos == DYAD_LEX_V ? lex_undouble(w, n, cand) : 0;
    if (cn == 0) continue;
    const dyad_lemma_base_entry *b = lex_find_base(cand, cn);
    if (b && (b->pos & (1u << pos)) && (!best || b->freq[pos] > best->freq[pos])) best = b;
  }
  return best;
}

/* Fills one POS: exception list first, then the form itself, then the suffix rules. A plural
 * that WordNet also lists as a noun ("leaders", "talks") yields to its singular unless the
 * plural is the more often tagged ("means", "species" stay). */
static void lex_fill_pos(const char *w, size_t n, const dyad_lemma_base_entry *self, unsigned pos,
                         dyad_lexinfo *out) {
  const dyad_lemma_exc_entry *e = lex_find_exc(w, n, pos);
  if (e) {
    const char *base = dyad_lemma_pool + e->base;
    const dyad_lemma_base_entry *b = lex_find_base(base, strlen(base));
    lex_set(out, pos, base, b && (b->pos & (1u << pos)) ? b->freq[pos] : 0);
    return;
  }
  if (self && !(self->pos & (1u << pos))) self = NULL;
  if (self && pos != DYAD_LEX_N) {
    lex_set(out, pos, dyad_lemma_pool + self->off, self->freq[pos]);
    return;
  }
  const dyad_lemma_base_entry *best = lex_rules(w, n, pos);
  if (self && (!best || best->freq[pos] < self->freq[pos])) best = self;
  if (best) lex_set(out, pos, dyad_lemma_pool + best->off, best->freq[pos]);
}

int dyad_lex_lookup(const char *word, size_t n, dyad_lexinfo *out) {
  if (!out) return 0;
  memset(out, 0, sizeof *out);
  if (!word || n == 0 || n > DYAD_LEX_MAXWORD) return 0;
  char w[DYAD_LEX_MAXWORD + 1];
  for (size_t i = 0; i < n; i++) {
    char c = word[i];
    if (c == '\0') return 0;
    w[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
  }
  w[n] = '\0';
  const dyad_lemma_base_entry *self = lex_find_base(w, n);
  for (unsigned pos = 0; pos < DYAD_LEX_NPOS; pos++) lex_fill_pos(w, n, self, pos, out);
  return out->pos != 0;
}

size_t dyad_lex_size(void) { return dyad_lemma_nbases; }
