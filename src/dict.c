/* dict.c - load dyad's plain-text dictionaries (docs/dictionaries.md) from the embedded copy or
 * a directory, report malformed lines as FILE:LINE, and build the phrase trie and pattern index. */
#include "alloc.h"
#include "dict.h"
#include "embedded.h"
#include "lemma.h"
#include "token.h"
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  dyad_dict *d;
  dyad_diag *diag;
  const char *file;      /* arena copy of the file's name */
  int line;
  int32_t person;        /* actor index of the current person entry, -1 */
  int errors;
  unsigned flags;        /* DYAD_DICT_* */
} loader;

static void diag(loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void diag(loader *L, const char *fmt, ...) {
  char msg[600];
  int k = snprintf(msg, sizeof msg, "%s:%d: ", L->file, L->line);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
  va_end(ap);
  L->errors++;
  if (L->diag) {
    L->diag->count++;
    if (L->diag->fn) L->diag->fn(msg, L->diag->ctx);
  }
}

/* Every allocation failure while loading marks d->oom, so the load is refused instead of
 * silently missing an entry (the GROW macro needs the dictionary as d in scope). */
#define GROW(arr, n, cap) \
  ((n) < (cap) ? 0 : grow_array(d, (void **)&(arr), &(cap), sizeof *(arr)))
static int grow_array(dyad_dict *d, void **arr, size_t *cap, size_t elem) {
  size_t nc = *cap ? *cap * 2 : 256;
  void *p = dyad_realloc(*arr, nc * elem);
  if (!p) { d->oom = 1; return -1; }
  *arr = p;
  *cap = nc;
  return 0;
}

/* ---- small lexical helpers ---------------------------------------------------------------- */
static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = 0;
  return s;
}

static void strip_comment(char *s) {
  for (char *p = s; *p; p++)
    if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) { *p = 0; return; }
}

/* Splits off the first whitespace-delimited field. */
static char *field(char **s) {
  char *p = *s;
  while (*p == ' ' || *p == '\t') p++;
  char *start = p;
  while (*p && *p != ' ' && *p != '\t') p++;
  if (*p) *p++ = 0;
  *s = p;
  return start;
}

/* Finds "key=" in an options string and copies its value. */
static int option(const char *opts, const char *key, char *out, size_t cap) {
  size_t kl = strlen(key);
  for (const char *p = opts; p && *p; p++) {
    if ((p == opts || p[-1] == ' ' || p[-1] == '\t') && strncmp(p, key, kl) == 0 && p[kl] == '=') {
      const char *v = p + kl + 1;
      size_t n = strcspn(v, " \t");
      if (n >= cap) n = cap - 1;
      memcpy(out, v, n);
      out[n] = 0;
      return 1;
    }
  }
  return 0;
}

int dyad_valid_code(const char *c) {
  size_t n = strlen(c);
  if (n < 3 || n > 15) return 0;
  for (size_t i = 0; i < n; i++)
    if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9'))) return 0;
  return 1;
}

static const char *adup(dyad_dict *d, const char *s) {
  const char *p = dyad_arena_strndup(&d->arena, s, strlen(s));
  if (!p) d->oom = 1;
  return p;
}

static void *aalloc(dyad_dict *d, size_t n) {
  void *p = dyad_arena_alloc(&d->arena, n);
  if (!p) d->oom = 1;
  return p;
}

/* The vocabulary id of a lowercase word, added when new; -1 (and d->oom) when memory ran out. */
static int32_t word_add(dyad_dict *d, const char *w, size_t n) {
  int32_t id = dyad_intern_add(&d->vocab, w, n);
  if (id < 0) d->oom = 1;
  return id;
}

int32_t dyad_dict_word(const dyad_dict *d, const char *w, size_t n) { return dyad_intern_find(&d->vocab, w, n); }

/* ---- the phrase trie ------------------------------------------------------------------------ */
static uint64_t edge_key(int32_t node, int32_t word) { return ((uint64_t)(uint32_t)node << 32) | (uint32_t)word; }

int32_t dyad_dict_step(const dyad_dict *d, int32_t node, int32_t word) {
  if (!d->nedge_slots || word < 0) return -1;
  uint64_t k = edge_key(node, word);
  size_t m = d->nedge_slots - 1, i = (size_t)(k * 0x9E3779B97F4A7C15ULL >> 20) & m;
  while (d->edges[i].child >= 0) {
    if (d->edges[i].key == k) return d->edges[i].child;
    i = (i + 1) & m;
  }
  return -1;
}

static int edges_grow(dyad_dict *d) {
  size_t ns = d->nedge_slots ? d->nedge_slots * 2 : 4096;
  dyad_trie_edge *old = d->edges;
  size_t olds = d->nedge_slots;
  d->edges = dyad_malloc(ns * sizeof *d->edges);
  if (!d->edges) { d->edges = old; d->oom = 1; return -1; }
  for (size_t i = 0; i < ns; i++) d->edges[i].child = -1;
  d->nedge_slots = ns;
  for (size_t i = 0; i < olds; i++) {
    if (old[i].child < 0) continue;
    uint64_t k = old[i].key;
    size_t j = (size_t)(k * 0x9E3779B97F4A7C15ULL >> 20) & (ns - 1);
    while (d->edges[j].child >= 0) j = (j + 1) & (ns - 1);
    d->edges[j] = old[i];
  }
  free(old);
  return 0;
}

static int32_t trie_child(dyad_dict *d, int32_t node, int32_t word) {
  int32_t c = dyad_dict_step(d, node, word);
  if (c >= 0) return c;
  if ((d->nedges + 1) * 2 > d->nedge_slots && edges_grow(d)) return -1;
  if (GROW(d->node_first, d->nnodes, d->capnodes)) return -1;
  c = (int32_t)d->nnodes++;
  d->node_first[c] = -1;
  uint64_t k = edge_key(node, word);
  size_t m = d->nedge_slots - 1, i = (size_t)(k * 0x9E3779B97F4A7C15ULL >> 20) & m;
  while (d->edges[i].child >= 0) i = (i + 1) & m;
  d->edges[i].key = k;
  d->edges[i].child = c;
  d->nedges++;
  return c;
}

/* Interns the lowercase tokens of a phrase; returns the count or -1. */
static int phrase_words(dyad_dict *d, const char *s, int32_t *ids, int cap, int *all_caps, int *first_cap) {
  dyad_tokspan t[32];
  size_t n = dyad_tokenize(s, strlen(s), 0, t, 32);
  if (n == 0 || n > 32 || (int)n > cap) return -1;
  int letters = 0, lower = 0;
  for (const char *p = s; *p; p++) {
    if (*p >= 'A' && *p <= 'Z') letters++;
    else if (*p >= 'a' && *p <= 'z') lower++;
  }
  *all_caps = letters >= 2 && lower == 0;
  *first_cap = s[t[0].start] >= 'A' && s[t[0].start] <= 'Z';
  for (size_t i = 0; i < n; i++) {
    char buf[128];
    size_t len = dyad_token_lower(s + t[i].start, t[i].end - t[i].start, buf, sizeof buf);
    ids[i] = word_add(d, buf, len);
    if (ids[i] < 0) return -1;
  }
  return (int)n;
}

static int add_phrase(loader *L, const char *phrase, int32_t entry) {
  dyad_dict *d = L->d;
  int32_t ids[32];
  int all_caps, first_cap;
  int n = phrase_words(d, phrase, ids, 32, &all_caps, &first_cap);
  if (n <= 0) { diag(L, "empty or overlong phrase \"%s\": write 1 to 32 words", phrase); return -1; }
  int32_t node = 0;
  for (int i = 0; i < n; i++) {
    node = trie_child(d, node, ids[i]);
    if (node < 0) return -1;
  }
  if (GROW(d->phrases, d->nphrases, d->capphrases)) return -1;
  size_t k = d->nphrases++;
  d->phrases[k].entry = entry;
  d->phrases[k].exact_case = (uint8_t)all_caps;
  d->phrases[k].need_cap = (uint8_t)(first_cap && d->actors[entry].kind != DYAD_AK_AGENT);
  d->phrases[k].ntok = (uint8_t)n;
  d->phrases[k].next = d->node_first[node];
  d->node_first[node] = (int32_t)k;
  return 0;
}

/* ---- actors ------------------------------------------------------------------------------ */
static const char *kind_names[DYAD_AK_NKINDS] = {
  "country", "adj", "capital", "seat", "igo", "group", "context", "pair", "person", "agent"};

static int32_t new_actor(loader *L, int kind, const char *code, const char *name) {
  dyad_dict *d = L->d;
  if (GROW(d->actors, d->nactors, d->capactors)) return -1;
  dyad_actor_entry *a = &d->actors[d->nactors];
  memset(a, 0, sizeof *a);
  a->kind = kind;
  a->code = code ? adup(d, code) : NULL;
  a->name = adup(d, name);
  a->file = L->file;
  a->line = L->line;
  a->surname = -1;
  char id[300];
  if (kind == DYAD_AK_PERSON || kind == DYAD_AK_AGENT || kind == DYAD_AK_GROUP || kind == DYAD_AK_IGO)
    snprintf(id, sizeof id, "%s:%s", kind_names[kind], name);
  else
    snprintf(id, sizeof id, "%s:%s:%s", kind_names[kind], code, name);
  a->id = adup(d, id);
  return (int32_t)d->nactors++;
}

/* Adds each '|'-separated phrase of list to the trie for entry. */
static void add_phrases(loader *L, char *list, int32_t entry) {
  char *save = NULL;
  for (char *p = strtok_r(list, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
    p = trim(p);
    if (*p) add_phrase(L, p, entry);
  }
}

static int parse_date_field(const char *s, dyad_date *out) {
  memset(out, 0, sizeof *out);
  if (strcmp(s, "..") == 0) return 0;
  int y = 0, m = 0, dd = 0;
  int k = sscanf(s, "%4d-%2d-%2d", &y, &m, &dd);
  if (k < 1 || y < 1000 || y > 2999 || (k >= 2 && (m < 1 || m > 12)) || (k == 3 && (dd < 1 || dd > 31))) return -1;
  out->y = y; out->m = k >= 2 ? m : 1; out->d = k == 3 ? dd : 1;
  return 0;
}

static int date_lt(dyad_date a, dyad_date b) {
  if (a.y != b.y) return a.y < b.y;
  if (a.m != b.m) return a.m < b.m;
  return a.d < b.d;
}

static void load_role(loader *L, char *rest) {
  dyad_dict *d = L->d;
  if (L->person < 0) { diag(L, "role without a person line above it"); return; }
  char *code = field(&rest), *from = field(&rest), *to = field(&rest);
  char *title = trim(rest);
  dyad_date f, t;
  if (!dyad_valid_code(code)) { diag(L, "bad role code \"%s\": use ISO alpha-3 plus sector, e.g. RUSGOV", code); return; }
  if (!*from || parse_date_field(from, &f) || f.y == 0) { diag(L, "bad start date \"%s\": use YYYY-MM-DD", from); return; }
  if (!*to || parse_date_field(to, &t)) { diag(L, "bad end date \"%s\": use YYYY-MM-DD or ..", to); return; }
  if (t.y && !date_lt(f, t)) { diag(L, "role ends before it starts"); return; }
  dyad_actor_entry *p = &d->actors[L->person];
  dyad_role *nr = aalloc(d, (size_t)(p->nroles + 1) * sizeof *nr);
  if (!nr) return;
  if (p->nroles) memcpy(nr, p->roles, (size_t)p->nroles * sizeof *nr);
  dyad_role *r = &nr[p->nroles];
  r->code = adup(d, code);
  r->from = f; r->to = t;
  r->title = *title ? adup(d, title) : NULL;
  char txt[80];
  snprintf(txt, sizeof txt, "%s %s..%s", code, from, t.y ? to : "");
  r->text = adup(d, txt);
  p->roles = nr;
  p->nroles++;
  d->roles++;
  if (date_lt(d->as_of, f)) d->as_of = f;
}

static void load_person(loader *L, char *rest, char *opts) {
  char country[16] = "", surname[64] = "";
  option(opts, "country", country, sizeof country);
  option(opts, "surname", surname, sizeof surname);
  char first[256];
  size_t fl = strcspn(rest, "|");
  if (fl >= sizeof first) fl = sizeof first - 1;
  memcpy(first, rest, fl); first[fl] = 0;
  char *name = trim(first);
  if (!*name) { diag(L, "person without a name"); return; }
  if (*country && !dyad_valid_code(country)) { diag(L, "bad country= code \"%s\"", country); return; }
  int32_t e = new_actor(L, DYAD_AK_PERSON, NULL, name);
  if (e < 0) return;
  dyad_actor_entry *a = &L->d->actors[e];
  a->country = *country ? adup(L->d, country) : NULL;
  if (!*surname) {
    const char *sp = strrchr(name, ' ');
    snprintf(surname, sizeof surname, "%s", sp ? sp + 1 : name);
  }
  char low[64];
  size_t ln = dyad_token_lower(surname, strlen(surname), low, sizeof low);
  a->surname = word_add(L->d, low, ln);
  L->person = e;
  L->d->people++;
  add_phrases(L, rest, e);
}

/* An agent line's `prefix=1` (its code goes before the country: "NGO" + "ARN") or `prefix=0`.
 * Returns -1 after a diagnostic when the value is neither. */
static int agent_prefix(loader *L, const char *opts, int *prefix) {
  char v[8] = "";
  if (!opts || !option(opts, "prefix", v, sizeof v)) return 0;
  if (strcmp(v, "1") && strcmp(v, "0")) { diag(L, "bad prefix=%s: use prefix=1 (the code goes before the country) or leave it out", v); return -1; }
  *prefix = v[0] == '1';
  return 0;
}

static void load_actor_line(loader *L, char *line) {
  char *opts = strchr(line, ';');
  if (opts) *opts++ = 0;
  char *rest = line;
  char *kw = field(&rest);
  int kind = -1;
  for (int k = 0; k < DYAD_AK_NKINDS; k++)
    if (strcmp(kw, kind_names[k]) == 0) kind = k;
  if (strcmp(kw, "role") == 0) { load_role(L, rest); return; }
  if (kind == DYAD_AK_PERSON) { load_person(L, rest, opts); return; }
  if (kind < 0) { diag(L, "unknown kind \"%s\": expected country, adj, capital, seat, igo, group, context, pair, person, role or agent", kw); return; }
  L->person = -1;
  char *code = field(&rest);
  char code2[64] = "";
  if (kind == DYAD_AK_PAIR) {
    char *comma = strchr(code, ',');
    if (!comma) { diag(L, "pair needs two or more codes like PRK,KOR"); return; }
    *comma = 0;
    snprintf(code2, sizeof code2, "%s", comma + 1);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s", code2);
    char *save = NULL;
    for (char *c = strtok_r(tmp, ",", &save); c; c = strtok_r(NULL, ",", &save))
      if (!dyad_valid_code(c)) { diag(L, "bad code \"%s\" in pair", c); return; }
  }
  if (kind == DYAD_AK_AGENT ? (strlen(code) > 6 || !dyad_valid_code(code)) : !dyad_valid_code(code)) {
    diag(L, "bad code \"%s\": expected %s", code, kind == DYAD_AK_AGENT ? "3 to 6 uppercase letters, e.g. GOV or GOVFRM" : "uppercase letters, e.g. PRK or IGOUNO");
    return;
  }
  int prefix = 0;
  if (kind == DYAD_AK_AGENT && agent_prefix(L, opts, &prefix)) return;
  rest = trim(rest);
  if (!*rest) { diag(L, "%s %s has no phrases", kw, code); return; }
  if (kind == DYAD_AK_CONTEXT && !(opts && option(opts, "needs", code2, sizeof code2))) {
    diag(L, "context line needs '; needs=CODE,CODE'"); return;
  }
  char first[256];
  size_t fl = strcspn(rest, "|");
  if (fl >= sizeof first) fl = sizeof first - 1;
  memcpy(first, rest, fl); first[fl] = 0;
  int32_t e = new_actor(L, kind, code, trim(first));
  if (e < 0) return;
  if (*code2) L->d->actors[e].codes2 = adup(L->d, code2);
  L->d->actors[e].prefix = prefix;
  if (kind == DYAD_AK_AGENT) L->d->agents++;
  add_phrases(L, rest, e);
}

/* ---- patterns and sets --------------------------------------------------------------------- */
static int set_find(const dyad_dict *d, const char *name) {
  for (size_t i = 0; i < d->nsets; i++)
    if (strcmp(d->sets[i].name, name) == 0) return (int)i;
  return -1;
}

static int cmp_i32(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

static void load_set(loader *L, char *rest) {
  dyad_dict *d = L->d;
  char *name = field(&rest);
  rest = trim(rest);
  if (*rest != '=') { diag(L, "expected 'set NAME = word | word'"); return; }
  rest++;
  if (!*name || set_find(d, name) >= 0) { diag(L, "set \"%s\" is empty-named or defined twice", name); return; }
  int32_t ids[4096];
  size_t n = 0;
  char *save = NULL;
  for (char *p = strtok_r(rest, "|", &save); p && n < 4096; p = strtok_r(NULL, "|", &save)) {
    p = trim(p);
    if (!*p) continue;
    char low[128];
    size_t ln = dyad_token_lower(p, strlen(p), low, sizeof low);
    ids[n++] = word_add(d, low, ln);
  }
  if (!n) { diag(L, "set %s has no words", name); return; }
  if (GROW(d->sets, d->nsets, d->capsets)) return;
  qsort(ids, n, sizeof ids[0], cmp_i32);
  dyad_wordset *s = &d->sets[d->nsets++];
  s->name = adup(d, name);
  s->file = L->file;
  s->line = L->line;
  s->ids = aalloc(d, n * sizeof *ids);
  if (!s->ids || !s->name) { d->nsets--; return; }   /* out of memory: the load is refused at its end */
  memcpy(s->ids, ids, n * sizeof *ids);
  s->n = n;
  s->bloom = 0;
  for (size_t i = 0; i < n; i++) s->bloom |= (uint64_t)1 << (ids[i] & 63);
}

static int ensure_heads(dyad_dict *d, int32_t id) {
  if ((size_t)id < d->head_cap) return 0;
  size_t nc = d->head_cap ? d->head_cap : 1024;
  while (nc <= (size_t)id) nc *= 2;
  int32_t *v = dyad_realloc(d->verb_first, nc * sizeof *v);
  if (!v) { d->oom = 1; return -1; }
  d->verb_first = v;
  int32_t *n = dyad_realloc(d->noun_first, nc * sizeof *n);
  if (!n) { d->oom = 1; return -1; }
  d->noun_first = n;
  for (size_t i = d->head_cap; i < nc; i++) d->verb_first[i] = d->noun_first[i] = -1;
  d->head_cap = nc;
  return 0;
}

/* Foreign dictionaries (PETRARCH's test suite uses WEIS codes such as "903" or "075A") may use
 * codes the CAMEO table lacks: they get a row with no weight, QuadClass 0 and PLOVER "OTHER". */
static int foreign_code(loader *L, const char *code) {
  dyad_dict *d = L->d;
  size_t n = strlen(code);
  if (n < 2 || n > 15 || GROW(d->cameo, d->ncameo, d->capcameo)) return 0;
  d->foreign = 1;
  dyad_cameo *c = &d->cameo[d->ncameo++];
  c->code = adup(d, code);
  c->root[0] = code[0]; c->root[1] = code[1]; c->root[2] = 0;
  c->quad = 0;
  c->goldstein = 0;
  c->plover = "OTHER";
  c->label = "foreign code";
  return 1;
}

/* Reads pattern elements (words, &SETS, `*`, `$`, `@`, `^`) from text into el (at most cap); when
 * head is not NULL the first word is the head lemma instead. *has_t gets bit 1 for a `$` (target),
 * bit 2 for an `@` (source). Returns the count or -1 (reported). */
static int read_elements(loader *L, char *text, dyad_pelem *el, int cap, int32_t *head, int *spec, int *has_t) {
  dyad_dict *d = L->d;
  int nel = 0;
  char *save = NULL;
  for (char *w = strtok_r(text, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
    char low[128];
    if (head && *head < 0) {
      *head = word_add(d, low, dyad_token_lower(w, strlen(w), low, sizeof low));
      continue;
    }
    if (nel == cap) { diag(L, "pattern longer than %d elements", cap); return -1; }
    if (strcmp(w, "*") == 0) el[nel++] = (dyad_pelem){DYAD_PE_SKIP, 0};
    else if (strcmp(w, "$") == 0) { el[nel++] = (dyad_pelem){DYAD_PE_TARGET, 0}; *has_t |= 1; (*spec)++; }
    else if (strcmp(w, "@") == 0) { el[nel++] = (dyad_pelem){DYAD_PE_SOURCE, 0}; *has_t |= 2; (*spec)++; }
    else if (strcmp(w, "^") == 0) { el[nel++] = (dyad_pelem){DYAD_PE_ACTOR, 0}; (*spec)++; }
    else if (w[0] == '&') {
      int s = set_find(d, w + 1);
      if (s < 0) { diag(L, "unknown set %s: define it with 'set %s = ...' in an earlier line or file", w, w + 1); return -1; }
      el[nel++] = (dyad_pelem){DYAD_PE_SET, s};
      *spec += 2;
    } else {
      el[nel++] = (dyad_pelem){DYAD_PE_WORD, word_add(d, low, dyad_token_lower(w, strlen(w), low, sizeof low))};
      *spec += 2;
    }
  }
  return nel;
}

typedef struct { dyad_pelem pre[16]; int npre, compound; char reverse[16]; int32_t form; } pattern_opts;

/* The clauses after ';': "before WORDS" (words before the head, `*` for a gap), "compound"
 * (several actors in the subject), "reverse CODE", "form WORD" (the head written so: "left", not
 * "leave"). Returns 0 or -1 (reported). */
static int pattern_options(loader *L, char *opts, pattern_opts *o, int *spec) {
  char *save = NULL;
  for (char *c = strtok_r(opts, ";", &save); c; c = strtok_r(NULL, ";", &save)) {
    char *kw = field(&c);
    c = trim(c);
    if (!strcmp(kw, "compound") && !*c) { o->compound = 1; (*spec)++; continue; }
    if (!strcmp(kw, "reverse") && *c && !strchr(c, ' ')) {
      if (!dyad_dict_cameo(L->d, c) && !((L->flags & DYAD_DICT_ANY_CODE) && foreign_code(L, c))) {
        diag(L, "unknown CAMEO code \"%s\" in 'reverse': see data/cameo.tsv", c);
        return -1;
      }
      snprintf(o->reverse, sizeof o->reverse, "%s", c);
      continue;
    }
    if (!strcmp(kw, "form") && *c && !strchr(c, ' ')) {
      char low[128];
      o->form = word_add(L->d, low, dyad_token_lower(c, strlen(c), low, sizeof low));
      (*spec)++;
      continue;
    }
    if (!strcmp(kw, "before") && *c) {
      int marks = 0;   /* `$` or `@` read (bits), or a `^` */
      int n = read_elements(L, c, o->pre, 16, NULL, spec, &marks);
      if (n < 0) return -1;
      for (int i = 0; i < n; i++) if (o->pre[i].kind == DYAD_PE_ACTOR) marks = 1;
      if (marks) { diag(L, "'$', '@' and '^' cannot stand before the verb: the subject there is the source"); return -1; }
      o->npre = n;
      continue;
    }
    diag(L, "unknown pattern option \"%s\": expected 'before WORDS', 'compound', 'form WORD' or 'reverse CODE'", kw);
    return -1;
  }
  return 0;
}

static void load_pattern(loader *L, int noun, char *rest) {
  dyad_dict *d = L->d;
  char *code = field(&rest);
  /* "---" claims a reading that is no event ("called it a provocation" is not a phone call) */
  if (strcmp(code, DYAD_NO_EVENT) != 0 && !dyad_dict_cameo(d, code) &&
      !((L->flags & DYAD_DICT_ANY_CODE) && foreign_code(L, code))) {
    diag(L, "unknown CAMEO code \"%s\": see data/cameo.tsv", code);
    return;
  }
  char text[512];
  dyad_copy_str(text, sizeof text, trim(rest), SIZE_MAX);
  char *semi = strchr(rest, ';');
  if (semi) *semi++ = 0;
  dyad_pelem el[32];
  int spec = 0, has_t = 0;
  int32_t head = -1;
  int nel = read_elements(L, rest, el, 32, &head, &spec, &has_t);
  if (nel < 0) return;
  if (head < 0) { diag(L, "pattern without a %s", noun ? "noun" : "verb"); return; }
  pattern_opts o;
  memset(&o, 0, sizeof o);
  o.form = -1;
  if (semi && pattern_options(L, semi, &o, &spec) < 0) return;
  if (GROW(d->patterns, d->npatterns, d->cappatterns) || ensure_heads(d, head)) return;
  dyad_pattern *p = &d->patterns[d->npatterns];
  memset(p, 0, sizeof *p);
  p->noun = noun; p->code = adup(d, code); p->head = head; p->nel = nel; p->spec = spec;
  p->has_target = has_t & 1;
  p->has_source = (has_t & 2) != 0;
  p->el = aalloc(d, (size_t)(nel ? nel : 1) * sizeof *el);
  if (!p->el) return;
  memcpy(p->el, el, (size_t)nel * sizeof *el);
  if (o.npre) {
    if (!(p->pre = aalloc(d, (size_t)o.npre * sizeof *p->pre))) return;
    memcpy(p->pre, o.pre, (size_t)o.npre * sizeof *p->pre);
    p->npre = o.npre;
  }
  p->compound = o.compound;
  p->form = o.form;
  int nneed = 0;
  for (int i = 0; i < 3; i++) p->need[i] = -1;
  for (int i = 0; i < nel && nneed < 3; i++)
    if (el[i].kind == DYAD_PE_WORD && el[i].id >= 0) p->need[nneed++] = el[i].id;
  p->reverse = o.reverse[0] ? adup(d, o.reverse) : NULL;
  char id[600];
  snprintf(id, sizeof id, "%s:%s", code, text);
  p->id = adup(d, id); p->text = adup(d, text); p->file = L->file; p->line = L->line;
  int32_t *first = noun ? d->noun_first : d->verb_first;
  /* keep file order within a head so ties go to the first pattern loaded */
  p->next = -1;
  if (first[head] < 0) first[head] = (int32_t)d->npatterns;
  else {
    int32_t k = first[head];
    while (d->patterns[k].next >= 0) k = d->patterns[k].next;
    d->patterns[k].next = (int32_t)d->npatterns;
  }
  d->npatterns++;
}

static void load_pattern_line(loader *L, char *line) {
  char *rest = line;
  char *kw = field(&rest);
  if (strcmp(kw, "set") == 0 || strcmp(kw, "words") == 0) load_set(L, rest);
  else if (strcmp(kw, "verb") == 0) load_pattern(L, 0, rest);
  else if (strcmp(kw, "noun") == 0) load_pattern(L, 1, rest);
  else diag(L, "unknown line kind \"%s\": expected set, verb or noun", kw);
}

#define CAMEO_KEYS 50000
/* "057" -> 3*10000+57: digits and value together tell "05", "005" and "0005" apart. */
static int cameo_key(const char *code) {
  int v = 0, n = 0;
  for (; code[n]; n++) {
    if (code[n] < '0' || code[n] > '9' || n >= 4) return -1;
    v = v * 10 + (code[n] - '0');
  }
  return n ? n * 10000 + v : -1;
}

/* ---- CAMEO table ---------------------------------------------------------------------------- */
static void load_cameo_line(loader *L, char *line) {
  char *f[6];
  int k = 0;
  char *p = line;
  while (k < 6) {
    f[k++] = p;
    char *tab = strchr(p, '\t');
    if (!tab) break;
    *tab = 0;
    p = tab + 1;
  }
  if (k < 6) { diag(L, "expected 6 tab-separated fields: code root quad goldstein plover label"); return; }
  if (strcmp(f[0], "code") == 0) return;
  dyad_dict *d = L->d;
  size_t cl = strlen(f[0]);
  if (cl < 2 || cl > 4 || strspn(f[0], "0123456789") != cl || strlen(f[1]) != 2) { diag(L, "bad CAMEO code \"%s\"", f[0]); return; }
  if (GROW(d->cameo, d->ncameo, d->capcameo)) return;
  if (!d->cameo_index && !(d->cameo_index = dyad_calloc(CAMEO_KEYS, sizeof *d->cameo_index))) { d->oom = 1; return; }
  int key = cameo_key(f[0]);
  if (d->cameo_index[key]) { diag(L, "CAMEO code %s listed twice", f[0]); return; }
  d->cameo_index[key] = (int16_t)(d->ncameo + 1);
  dyad_cameo *c = &d->cameo[d->ncameo++];
  c->code = adup(d, f[0]);
  memcpy(c->root, f[1], 3);
  c->quad = atoi(f[2]);
  c->goldstein = atof(f[3]);
  c->plover = adup(d, trim(f[4]));
  c->label = adup(d, trim(f[5]));
}

const dyad_cameo *dyad_dict_cameo(const dyad_dict *d, const char *code) {
  int k = cameo_key(code);
  if (k >= 0 && d->cameo_index && d->cameo_index[k]) return &d->cameo[d->cameo_index[k] - 1];
  if (d->foreign)
    for (size_t i = 0; i < d->ncameo; i++)
      if (strcmp(d->cameo[i].code, code) == 0) return &d->cameo[i];
  return NULL;
}

const dyad_wordset *dyad_dict_set(const dyad_dict *d, const char *name) {
  int s = set_find(d, name);
  return s < 0 ? NULL : &d->sets[s];
}

int dyad_wordset_has(const dyad_wordset *s, int32_t word) {
  if (!s || word < 0) return 0;
  if (s->bloom && !((s->bloom >> (word & 63)) & 1)) return 0;
  size_t lo = 0, hi = s->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->ids[mid] == word) return 1;
    if (s->ids[mid] < word) lo = mid + 1; else hi = mid;
  }
  return 0;
}

const dyad_role *dyad_person_role(const dyad_actor_entry *p, dyad_date on) {
  for (int i = p->nroles - 1; i >= 0; i--) {
    const dyad_role *r = &p->roles[i];
    if (date_lt(on, r->from)) continue;
    if (r->to.y && !date_lt(on, r->to)) continue;
    return r;
  }
  return NULL;
}

/* ---- file dispatch -------------------------------------------------------------------------- */
enum { F_ACTORS, F_AGENTS, F_VERBS, F_CAMEO, F_LEXICON, F_SANCTIONS, F_SKIP };

static int file_kind(const char *rel) {
  if (strncmp(rel, "actors/", 7) == 0) return F_ACTORS;
  if (strcmp(rel, "agents.txt") == 0) return F_AGENTS;
  if (strncmp(rel, "verbs/", 6) == 0) return F_VERBS;
  if (strncmp(rel, "lexicon/", 8) == 0) return F_LEXICON;
  if (strcmp(rel, "cameo.tsv") == 0) return F_CAMEO;
  if (strncmp(rel, "sanctions/", 10) == 0) return F_SANCTIONS;
  return F_SKIP;
}

static void load_text(loader *L, const char *rel, const char *data, size_t n, int kind) {
  char name[512];
  snprintf(name, sizeof name, "%s", rel);
  L->file = adup(L->d, name);
  L->line = 0;
  L->person = -1;
  size_t i = 0;
  while (i < n) {
    size_t e = i;
    while (e < n && data[e] != '\n') e++;
    L->line++;
    size_t len = e - i;
    if (len > 8000) { diag(L, "line longer than 8000 bytes: split it"); i = e + 1; continue; }
    char buf[8001];
    memcpy(buf, data + i, len);
    buf[len] = 0;
    i = e + 1;
    if (memchr(buf, 0, len)) { diag(L, "NUL byte in line"); continue; }
    if (kind != F_CAMEO) strip_comment(buf);
    char *s = kind == F_CAMEO ? buf : trim(buf);
    if (!*s || (kind == F_CAMEO && s[0] == '#')) continue;
    if (kind == F_CAMEO) load_cameo_line(L, s);
    else if (kind == F_VERBS || kind == F_LEXICON) load_pattern_line(L, s);
    else if (kind == F_SANCTIONS) L->errors += dyad_sanctions_line(L->d->sanctions, L->file, L->line, s, L->diag) != 0;
    else load_actor_line(L, s);
  }
}

/* Loading order matters: the CAMEO table before patterns, sets before the patterns using them. */
static const int load_order[] = {F_CAMEO, F_LEXICON, F_ACTORS, F_AGENTS, F_VERBS, F_SANCTIONS};

static void load_embedded(loader *L) {
  for (size_t o = 0; o < sizeof load_order / sizeof load_order[0]; o++)
    for (const dyad_embedded_file *f = dyad_embedded_files; f->path; f++)
      if (file_kind(f->path) == load_order[o]) load_text(L, f->path, f->data, f->size, load_order[o]);
}

static char *slurp(const char *path, size_t *n) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  dyad_buf b;
  dyad_buf_init(&b, (size_t)256 << 20);
  char chunk[65536];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
    if (dyad_buf_add(&b, chunk, k)) { dyad_buf_free(&b); fclose(fp); errno = EFBIG; return NULL; }
  fclose(fp);
  *n = b.n;
  if (!b.p) { b.p = dyad_malloc(1); if (b.p) b.p[0] = 0; }
  return b.p;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Lists dir/sub's regular *.txt or *.tsv files, sorted, as "sub/name" (or "name" when sub is ""). */
static size_t list_dir(dyad_dict *d, const char *dir, const char *sub, char **out, size_t cap) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, sub);
  DIR *dp = opendir(path);
  if (!dp) return 0;
  size_t n = 0;
  struct dirent *de;
  while ((de = readdir(dp)) && n < cap) {
    size_t l = strlen(de->d_name);
    if (l < 5 || (strcmp(de->d_name + l - 4, ".txt") && strcmp(de->d_name + l - 4, ".tsv"))) continue;
    char rel[600];
    snprintf(rel, sizeof rel, "%s%s%s", sub, *sub ? "/" : "", de->d_name);
    if (!(out[n] = dyad_strdup(rel))) { d->oom = 1; break; }
    n++;
  }
  closedir(dp);
  qsort(out, n, sizeof *out, cmp_str);
  return n;
}

static void load_dir(loader *L, const char *dir) {
  static const char *subs[] = {"", "actors", "verbs", "lexicon", "sanctions"};
  char *files[2048];
  size_t nf = 0;
  for (size_t s = 0; s < sizeof subs / sizeof *subs; s++) nf += list_dir(L->d, dir, subs[s], files + nf, 2048 - nf);
  for (size_t o = 0; o < sizeof load_order / sizeof load_order[0]; o++) {
    for (size_t i = 0; i < nf; i++) {
      if (file_kind(files[i]) != load_order[o]) continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", dir, files[i]);
      size_t n = 0;
      char *data = slurp(path, &n);
      if (!data) { L->file = files[i]; L->line = 0; diag(L, "cannot read: %s", strerror(errno)); continue; }
      load_text(L, files[i], data, n, load_order[o]);
      free(data);
    }
  }
  for (size_t i = 0; i < nf; i++) free(files[i]);
}

static dyad_dict *dict_new(void) {
  dyad_dict *d = dyad_calloc(1, sizeof *d);
  if (!d) return NULL;
  dyad_arena_init(&d->arena);
  dyad_intern_init(&d->vocab);
  d->node_first = dyad_malloc(256 * sizeof *d->node_first);
  d->capnodes = 256;
  d->sanctions = dyad_sanctions_new();
  if (!d->node_first || !d->sanctions) { free(d->node_first); dyad_sanctions_free(d->sanctions); free(d); return NULL; }
  d->node_first[0] = -1;
  d->nnodes = 1;
  return d;
}

/* A dictionary without codes, patterns or actors cannot code anything: refuse it whole. */
static dyad_dict *dict_finish(dyad_dict *d, loader *L, const char *where) {
  if (d->oom) {
    L->file = where;
    L->line = 0;
    diag(L, "out of memory loading the dictionaries: free memory and try again");
    dyad_dict_free(d);
    return NULL;
  }
  if (d->ncameo == 0 || d->npatterns == 0 || d->nactors == 0) {
    L->file = where;
    L->line = 0;
    diag(L, "no usable dictionary found (%zu CAMEO codes, %zu patterns, %zu actors): check --dict", d->ncameo, d->npatterns, d->nactors);
    dyad_dict_free(d);
    return NULL;
  }
  return d;
}

/* Reports that not even an empty dictionary could be made; returns NULL. */
static dyad_dict *no_memory(dyad_diag *dg, const char *where) {
  loader L = {NULL, dg, where, 0, -1, 0, 0};
  diag(&L, "out of memory loading the dictionaries: free memory and try again");
  return NULL;
}

dyad_dict *dyad_dict_load(const char *dir, dyad_diag *dg) {
  dyad_dict *d = dict_new();
  if (!d) return no_memory(dg, dir ? dir : "(embedded)");
  loader L = {d, dg, "(dictionary)", 0, -1, 0, 0};
  if (dir) load_dir(&L, dir); else load_embedded(&L);
  return dict_finish(d, &L, dir ? dir : "(embedded)");
}

dyad_dict *dyad_dict_load_texts(const dyad_dict_text *files, size_t n, unsigned flags, dyad_diag *dg) {
  dyad_dict *d = dict_new();
  if (!d) return no_memory(dg, "(dictionary texts)");
  loader L = {d, dg, "(dictionary)", 0, -1, 0, flags};
  for (size_t o = 0; o < sizeof load_order / sizeof load_order[0]; o++)
    for (size_t i = 0; i < n; i++)
      if (file_kind(files[i].path) == load_order[o]) load_text(&L, files[i].path, files[i].data, files[i].size, load_order[o]);
  return dict_finish(d, &L, "(dictionary texts)");
}

void dyad_dict_free(dyad_dict *d) {
  if (!d) return;
  dyad_intern_free(&d->vocab);
  free(d->actors); free(d->edges); free(d->node_first); free(d->phrases);
  dyad_sanctions_free(d->sanctions);
  free(d->patterns); free(d->verb_first); free(d->noun_first); free(d->sets); free(d->cameo); free(d->cameo_index);
  dyad_arena_free(&d->arena);
  free(d);
}

void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *o) {
  memset(o, 0, sizeof *o);
  o->actors = d->nactors - d->agents;
  o->people = d->people; o->roles = d->roles; o->agents = d->agents;
  o->patterns = d->npatterns; o->sets = d->nsets; o->codes = d->ncameo;
  o->lemmas = dyad_lex_size();
  for (size_t i = 0; i < d->head_cap; i++)
    if (d->verb_first[i] >= 0 || d->noun_first[i] >= 0) o->verb_lemmas++;
  dyad_date_format(d->as_of, o->as_of);
}
