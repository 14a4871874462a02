/* tag.c - tokenize one sentence and attach what the lexicon knows of each token: lowercase
 * form, dictionary word id, verb and noun lemmas (WordNet), closed-class tags, quoting. The
 * contextual choice between noun, verb and adjective is made later by the parser. */
#include "alloc.h"
#include "sentence.h"
#include "lemma.h"
#include <stdlib.h>
#include <string.h>

/* A sentence is cut by the segmenter at DYAD_SENT_MAX bytes, so it never has more tokens. */
#define MAX_TOKENS 4096
#define LOCAL_SPANS 256 /* token spans kept on the stack: sentences longer are tokenized twice */

/* What the lexicon says of one lowercase form; cached per coder because news repeats words. */
typedef struct {
  char *w;                 /* owned lowercase form, NULL = empty slot */
  uint32_t n;
  int32_t word, lemv, lemn;
  const char *vlemma;      /* owned */
  unsigned lexpos, fv, fn;
  uint8_t tag, aux, vform, plural;
} lex_slot;

#define LEXCACHE_SLOTS (1u << 16)

struct dyad_lexcache { lex_slot *slots; size_t used; };

dyad_lexcache *dyad_lexcache_new(void) {
  dyad_lexcache *c = dyad_calloc(1, sizeof *c);
  if (c && !(c->slots = dyad_calloc(LEXCACHE_SLOTS, sizeof *c->slots))) { free(c); return NULL; }
  return c;
}

static void lexcache_clear(dyad_lexcache *c) {
  for (size_t i = 0; i < LEXCACHE_SLOTS; i++) {
    free(c->slots[i].w);
    free((char *)c->slots[i].vlemma);
  }
  memset(c->slots, 0, LEXCACHE_SLOTS * sizeof *c->slots);
  c->used = 0;
}

void dyad_lexcache_free(dyad_lexcache *c) {
  if (!c) return;
  lexcache_clear(c);
  free(c->slots);
  free(c);
}

/* "test-fired", "re-elected": a compound WordNet lacks takes its parts of speech from its last
 * part, and its lemmas are the first part joined to the last part's lemmas ("test-fire"). */
static void lex_hyphenated(const dyad_dict *d, lex_slot *t) {
  const char *dash = NULL;
  for (size_t i = t->n; i-- > 0;) if (t->w[i] == '-') { dash = t->w + i; break; }
  dyad_lexinfo li;
  if (!dash || dash == t->w || !dyad_lex_lookup(dash + 1, t->n - (size_t)(dash + 1 - t->w), &li)) return;
  size_t pre = (size_t)(dash + 1 - t->w);
  char buf[160];
  t->lexpos = li.pos;
  if (li.lemma[DYAD_LEX_V] && pre + li.lemma_n[DYAD_LEX_V] < sizeof buf) {
    memcpy(buf, t->w, pre);
    memcpy(buf + pre, li.lemma[DYAD_LEX_V], li.lemma_n[DYAD_LEX_V]);
    size_t len = pre + li.lemma_n[DYAD_LEX_V];
    t->lemv = dyad_dict_word(d, buf, len);
    t->vlemma = dyad_strndup(buf, len);
    t->fv = li.freq[DYAD_LEX_V] + 1;
    t->vform = len == t->n ? VF_BASE : t->w[t->n - 1] == 'g' ? VF_ING : t->w[t->n - 1] == 's' ? VF_3SG : VF_PAST;
  }
  if (li.lemma[DYAD_LEX_N] && pre + li.lemma_n[DYAD_LEX_N] < sizeof buf) {
    memcpy(buf, t->w, pre);
    memcpy(buf + pre, li.lemma[DYAD_LEX_N], li.lemma_n[DYAD_LEX_N]);
    t->lemn = dyad_dict_word(d, buf, pre + li.lemma_n[DYAD_LEX_N]);
    t->fn = li.freq[DYAD_LEX_N] + 1;
  }
}

static int dict_verb_head(const dyad_dict *d, const char *w, size_t n) {
  int32_t id = dyad_dict_word(d, w, n);
  return id >= 0 && (size_t)id < d->head_cap && d->verb_first[id] >= 0 ? id : -1;
}

/* A verb the lexicon lacks but a dictionary names ("cordon" in "cordon off", a new coinage):
 * its -ed and -ing forms are read as the verb ("cordoned", "cordoning"). Not the bare or -s
 * forms: "airstrikes" is the plural of a noun the dictionary also uses as a verb head. */
static void lex_dict_verb(const dyad_dict *d, lex_slot *t) {
  static const struct { const char *suf; const char *add; uint8_t vf; } rule[] = {
    {"ing", "", VF_ING}, {"ing", "e", VF_ING}, {"ed", "", VF_PAST}, {"d", "", VF_PAST}};
  char buf[64];
  for (size_t r = 0; r < sizeof rule / sizeof *rule; r++) {
    size_t sl = strlen(rule[r].suf), al = strlen(rule[r].add);
    if (t->n <= sl + 2 || t->n - sl + al >= sizeof buf || memcmp(t->w + t->n - sl, rule[r].suf, sl) != 0) continue;
    size_t len = t->n - sl;
    memcpy(buf, t->w, len);
    memcpy(buf + len, rule[r].add, al);
    len += al;
    if (sl == 3 || sl == 2) {   /* "tapped" -> "tap": a doubled final consonant */
      if (dict_verb_head(d, buf, len) < 0 && len >= 3 && buf[len - 1] == buf[len - 2] && !al) len--;
    }
    int32_t id = dict_verb_head(d, buf, len);
    if (id < 0) continue;
    t->lexpos |= 1u << DYAD_LEX_V;
    t->lemv = id;
    t->vlemma = dyad_strndup(buf, len);
    t->fv = 1;
    t->vform = rule[r].vf;
    return;
  }
}

static void lex_info(const dyad_dict *d, lex_slot *t) {
  dyad_lexinfo li;
  size_t n = t->n;
  const char *w = t->w;
  t->tag = (uint8_t)dyad_closed_class(w, n, &t->aux);
  if (t->tag == T_AUX && t->aux == AUX_BE) {   /* a copula heads its clause: "was optimistic" matches "be optimistic" */
    t->lemv = dyad_dict_word(d, "be", 2);
    t->vlemma = dyad_strndup("be", 2);
  }
  if (t->tag != T_WORD) return;
  if (!dyad_lex_lookup(w, n, &li)) {
    lex_hyphenated(d, t);
    if (!t->lexpos) lex_dict_verb(d, t);
    return;
  }
  t->lexpos = li.pos;
  if (li.lemma[DYAD_LEX_V]) {
    t->lemv = dyad_dict_word(d, li.lemma[DYAD_LEX_V], li.lemma_n[DYAD_LEX_V]);
    t->vlemma = dyad_strndup(li.lemma[DYAD_LEX_V], li.lemma_n[DYAD_LEX_V]);
    t->fv = li.freq[DYAD_LEX_V] + 1;
    if (li.lemma_n[DYAD_LEX_V] == n && memcmp(li.lemma[DYAD_LEX_V], w, n) == 0) t->vform = VF_BASE;
    else if (n > 3 && memcmp(w + n - 3, "ing", 3) == 0) t->vform = VF_ING;
    else if (w[n - 1] == 's') t->vform = VF_3SG;
    else t->vform = VF_PAST;
  }
  if (li.lemma[DYAD_LEX_N]) {
    t->lemn = dyad_dict_word(d, li.lemma[DYAD_LEX_N], li.lemma_n[DYAD_LEX_N]);
    t->fn = li.freq[DYAD_LEX_N] + 1;
    t->plural = !(li.lemma_n[DYAD_LEX_N] == n && memcmp(li.lemma[DYAD_LEX_N], w, n) == 0);
  }
}

/* The cached lexicon entry for a lowercase form, computing it on first sight; NULL on OOM. */
static const lex_slot *lex_lookup(const dyad_dict *d, dyad_lexcache *c, const char *w, size_t n) {
  size_t i = (size_t)dyad_hash(w, n) & (LEXCACHE_SLOTS - 1);
  while (c->slots[i].w) {
    if (c->slots[i].n == n && memcmp(c->slots[i].w, w, n) == 0) return &c->slots[i];
    i = (i + 1) & (LEXCACHE_SLOTS - 1);
  }
  lex_slot *t = &c->slots[i];
  memset(t, 0, sizeof *t);
  if (!(t->w = dyad_strndup(w, n))) return NULL;
  t->n = (uint32_t)n;
  t->word = dyad_dict_word(d, w, n);
  t->lemv = t->lemn = -1;
  lex_info(d, t);
  if (t->fv && !t->vlemma) {   /* the verb lemma's copy failed: out of memory, leave the slot empty */
    free(t->w);
    memset(t, 0, sizeof *t);
    return NULL;
  }
  c->used++;
  return t;
}

static int all_caps(const char *p, size_t n) {
  int up = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] >= 'a' && p[i] <= 'z') return 0;
    if (p[i] >= 'A' && p[i] <= 'Z') up++;
  }
  return up > 0;
}

int dyad_tag_sentence(const dyad_dict *d, dyad_lexcache *cache, dyad_arena *a, dyad_sentence *s) {
  /* Full enough: start over rather than grow, but only between sentences, because the tokens of a
     sentence point into the cache (vlemma). A sentence adds at most MAX_TOKENS (4096) forms, so
     the table stays under 9/16 full. */
  if (cache->used >= LEXCACHE_SLOTS / 2) lexcache_clear(cache);
  const char *base = s->text + s->start;
  size_t len = s->end - s->start;
  dyad_tokspan local[LOCAL_SPANS], *sp = local;   /* one pass for a sentence that fits */
  size_t n = dyad_tokenize(base, len, s->start, local, LOCAL_SPANS);
  if (n > MAX_TOKENS) n = MAX_TOKENS;
  if (n > LOCAL_SPANS) {   /* a long one: its spans again, into the arena */
    if (!(sp = dyad_arena_alloc_raw(a, n * sizeof *sp))) return -1;
    dyad_tokenize(base, len, s->start, sp, n);
  }
  s->t = dyad_arena_alloc(a, (n ? n : 1) * sizeof *s->t);
  if (!s->t) return -1;
  s->n = (int)n;
  int quoted = 0;
  for (size_t i = 0; i < n; i++) {
    dyad_tok *t = &s->t[i];
    t->start = sp[i].start;
    t->end = sp[i].end;
    t->kind = sp[i].kind;
    t->word = t->lemv = t->lemn = -1;
    t->mention = t->np = -1;
    const char *p = s->text + t->start;
    size_t tl = t->end - t->start;
    char *low = dyad_arena_alloc(a, tl + 1);
    if (!low) return -1;
    dyad_token_lower(p, tl, low, tl);
    t->lower = low;
    t->cap = (p[0] >= 'A' && p[0] <= 'Z') || (unsigned char)p[0] == 0xC3;
    t->allcaps = (uint8_t)all_caps(p, tl);
    if (t->kind != DYAD_TK_WORD) {
      t->word = dyad_dict_word(d, low, tl);
      if (t->kind == DYAD_TK_QUOTE) { quoted = !quoted; t->tag = T_QUOTE; continue; }
      t->quoted = (uint8_t)quoted;
      t->tag = t->kind == DYAD_TK_PUNCT ? T_PUNCT : t->kind == DYAD_TK_POSS ? T_POSS : T_NUM;
      continue;
    }
    t->quoted = (uint8_t)quoted;
    const lex_slot *e = lex_lookup(d, cache, low, tl);
    if (!e) return -1;
    t->word = e->word; t->lemv = e->lemv; t->lemn = e->lemn; t->vlemma = e->vlemma;
    t->lexpos = e->lexpos; t->fv = e->fv; t->fn = e->fn;
    t->tag = e->tag; t->aux = e->aux; t->vform = e->vform; t->plural = e->plural;
  }
  return 0;
}
