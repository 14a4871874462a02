/* sanctions.c - reads the sanctions data (regimes, measure steps, listed people, goods, actions,
 * blocs; docs/sanctions.md), checks it as a whole, and matches coded events against it. */
#include "sanctions.h"
#include "alloc.h"
#include "date.h"
#include "lemma.h"
#include "token.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ITEMS 4096      /* regimes, measures, listed lines, goods phrases: each at most */
#define MAX_CATS 64         /* categories a measure lists */
#define MAX_CODES 48        /* codes of a regime's targets or bound list, of a bloc */
#define PHRASE_WORDS 8
#define EV_TOKENS 256       /* evidence tokens the matcher reads */
#define MAX_HITS 24         /* goods found in one evidence window */

enum { K_TO = 0, K_FROM, K_BOTH, K_LISTED };
enum { D_OUT = 1, D_IN = 2, D_BOTH = 3 };

typedef struct { const char *file; int line; } where;
typedef struct { const char *name; where at; } category;
typedef struct { const char *words[PHRASE_WORDS]; int n; int cat; int next; where at; } good;
typedef struct { const char *lemma; size_t n; int dir; } action;
/* The goods whose first word is `word`: a chain through good.next in file order. */
typedef struct { const char *word; int head, tail; } first_word;
typedef struct { const char *name; const char *codes[MAX_CODES]; int n; where at; } bloc;
typedef struct {
  const char *id, *imposer, *name, *bound_spec, *target_spec;
  const char *targets[MAX_CODES]; int ntargets;
  dyad_date from, to;
  where at;
} regime;
typedef struct {
  int regime, kind, any, nspec, bound_any;
  const char *id, *legal, *bound_spec;
  const char *spec[MAX_CATS];   /* category names as written (checked later) */
  dyad_date from, to;
  where at;
} measure;
typedef struct { int regime; const char *measure; const char *names[16]; int n; dyad_date from, to; where at; } listed;

struct dyad_sanctions {
  dyad_arena arena;
  category *cats; size_t ncats;
  good *goods; size_t ngoods;
  first_word *firsts; size_t nfirsts, firsts_cap;   /* open addressing, at most half full */
  action *actions; size_t nactions;
  bloc *blocs; size_t nblocs;
  regime *regimes; size_t nregimes;
  measure *measures; size_t nmeasures;
  listed *listed; size_t nlisted;
  char as_of[11];
};

dyad_sanctions *dyad_sanctions_new(void) {
  dyad_sanctions *s = dyad_calloc(1, sizeof *s);
  if (!s) return NULL;
  dyad_arena_init(&s->arena);
  return s;
}

void dyad_sanctions_free(dyad_sanctions *s) {
  if (!s) return;
  free(s->cats); free(s->goods); free(s->firsts); free(s->actions); free(s->blocs);
  free(s->regimes); free(s->measures); free(s->listed);
  dyad_arena_free(&s->arena);
  free(s);
}

/* ---- reading ------------------------------------------------------------------------------ */
typedef struct { dyad_sanctions *s; const char *file; int line; dyad_diag *diag; } rd;

static int bad(rd *R, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(rd *R, const char *fmt, ...) {
  char msg[600];
  int k = snprintf(msg, sizeof msg, "%s:%d: ", R->file, R->line);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
  va_end(ap);
  if (R->diag) {
    R->diag->count++;
    if (R->diag->fn) R->diag->fn(msg, R->diag->ctx);
  }
  return -1;
}

/* A new zeroed slot at the end of *arr (n items), or NULL (cap reached or out of memory). */
static void *slot(void **arr, size_t *n, size_t elem) {
  if (*n >= MAX_ITEMS) return NULL;
  if ((*n & (*n - 1)) == 0) {   /* n is 0 or a power of two: double */
    void *p = dyad_realloc(*arr, (*n ? *n * 2 : 16) * elem);
    if (!p) return NULL;
    *arr = p;
  }
  void *e = (char *)*arr + *n * elem;
  memset(e, 0, elem);
  (*n)++;
  return e;
}
#define NEW(R, arr, n) slot((void **)&(R)->s->arr, &(R)->s->n, sizeof *(R)->s->arr)

static const char *keep(rd *R, const char *t) { return dyad_arena_strndup(&R->s->arena, t, strlen(t)); }

static char *field(char **p) {
  char *a = *p;
  while (*a == ' ' || *a == '\t') a++;
  char *e = a;
  while (*e && *e != ' ' && *e != '\t') e++;
  if (*e) *e++ = 0;
  *p = e;
  return a;
}

static char *trim(char *t) {
  while (*t == ' ' || *t == '\t') t++;
  size_t n = strlen(t);
  while (n && (t[n - 1] == ' ' || t[n - 1] == '\t')) t[--n] = 0;
  return t;
}

/* "YYYY-MM-DD" (or ".." when open is allowed: y = 0); 0 or -1. */
static int read_date(const char *t, int open, dyad_date *d) {
  memset(d, 0, sizeof *d);
  if (open && strcmp(t, "..") == 0) return 0;
  if (strlen(t) != 10 || dyad_date_parse(t, 10, d) || d->m < 1 || d->m > 12 || d->d < 1 || d->d > 31) return -1;
  return 0;
}

static int date_cmp(dyad_date a, dyad_date b) {
  if (a.y != b.y) return a.y < b.y ? -1 : 1;
  if (a.m != b.m) return a.m < b.m ? -1 : 1;
  return a.d < b.d ? -1 : a.d > b.d;
}

/* [from, to) holds on; to.y == 0 is open. */
static int in_force(dyad_date from, dyad_date to, dyad_date on) {
  return date_cmp(from, on) <= 0 && (to.y == 0 || date_cmp(on, to) < 0);
}

/* FROM and TO fields into f, t; -1 with a message when bad. */
static int read_span(rd *R, char **p, dyad_date *f, dyad_date *t) {
  char *a = field(p), *b = field(p);
  if (read_date(a, 0, f)) return bad(R, "bad start date \"%s\": write YYYY-MM-DD", a);
  if (read_date(b, 1, t)) return bad(R, "bad end date \"%s\": write YYYY-MM-DD, or .. while in force", b);
  if (t->y && date_cmp(*f, *t) >= 0) return bad(R, "ends (%s) before it starts (%s)", b, a);
  return 0;
}

/* Splits an option "; bound=X" off the end of a line (legal texts may hold other ';'). */
static const char *bound_option(rd *R, char *t) {
  char *semi = strrchr(t, ';');
  if (!semi) return NULL;
  char *o = semi + 1;
  while (*o == ' ' || *o == '\t') o++;
  if (strncmp(o, "bound=", 6) != 0) return NULL;
  *semi = 0;
  return keep(R, trim(o + 6));
}

/* Comma-separated list into out (arena copies); count or -1. */
static int split_list(rd *R, char *t, const char **out, int cap) {
  int n = 0;
  char *save = NULL;
  for (char *c = strtok_r(t, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
    if (n == cap) return -1;
    if (*c) out[n++] = keep(R, c);
  }
  return n;
}

static int valid_id(const char *t) {
  if (!*t || strlen(t) > 40) return 0;
  for (const char *p = t; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) return 0;
  return 1;
}

static int read_regime(rd *R, char *p) {
  const char *bspec = bound_option(R, p);
  char *id = field(&p), *targets = field(&p), *imposer = field(&p);
  if (!valid_id(id)) return bad(R, "bad regime id \"%s\": lowercase letters, digits and '-'", id);
  if (!*imposer) return bad(R, "expected: regime ID TARGETS IMPOSER FROM TO NAME ; bound=CODES");
  for (size_t i = 0; i < R->s->nregimes; i++)
    if (!strcmp(R->s->regimes[i].id, id)) return bad(R, "regime %s is defined twice (first at line %d)", id, R->s->regimes[i].at.line);
  regime g;
  memset(&g, 0, sizeof g);
  if (read_span(R, &p, &g.from, &g.to)) return -1;
  g.target_spec = keep(R, targets);
  if ((g.ntargets = split_list(R, targets, g.targets, MAX_CODES)) <= 0) return bad(R, "regime %s names no target code", id);
  g.id = keep(R, id); g.imposer = keep(R, imposer); g.name = keep(R, trim(p));
  g.bound_spec = bspec ? bspec : "any";
  g.at = (where){R->file, R->line};
  regime *slotp = NEW(R, regimes, nregimes);
  if (!slotp) return bad(R, "too many regimes or out of memory");
  *slotp = g;
  return 0;
}

static int read_kind(const char *k) {
  static const char *const names[] = {"to", "from", "both", "listed"};
  for (int i = 0; i < 4; i++)
    if (!strcmp(k, names[i])) return i;
  return -1;
}

static int read_measure(rd *R, char *p) {
  if (!R->s->nregimes || R->s->regimes[R->s->nregimes - 1].at.file != R->file) return bad(R, "measure without a regime line above it in this file");
  const char *bspec = bound_option(R, p);
  char *id = field(&p), *kind = field(&p), *cats = field(&p);
  measure m;
  memset(&m, 0, sizeof m);
  if (!valid_id(id)) return bad(R, "bad measure id \"%s\": lowercase letters, digits and '-'", id);
  if ((m.kind = read_kind(kind)) < 0) return bad(R, "unknown measure kind \"%s\": to, from, both or listed", kind);
  if (read_span(R, &p, &m.from, &m.to)) return -1;
  if (!*trim(p)) return bad(R, "measure %s has no legal basis: cite the resolution, order or regulation", id);
  m.any = !strcmp(cats, "any");
  if (!m.any && (m.nspec = split_list(R, cats, m.spec, MAX_CATS)) <= 0) return bad(R, "measure %s lists no category", id);
  m.regime = (int)R->s->nregimes - 1;
  m.id = keep(R, id); m.legal = keep(R, trim(p)); m.bound_spec = bspec;
  m.at = (where){R->file, R->line};
  measure *mp = NEW(R, measures, nmeasures);
  if (!mp) return bad(R, "too many measures or out of memory");
  *mp = m;
  return 0;
}

/* '|'-separated phrases into out (arena copies, trimmed); count. */
static int split_phrases(rd *R, char *t, const char **out, int cap) {
  int n = 0;
  char *save = NULL;
  for (char *c = strtok_r(t, "|", &save); c && n < cap; c = strtok_r(NULL, "|", &save))
    if (*(c = trim(c))) out[n++] = keep(R, c);
  return n;
}

static int read_listed(rd *R, char *p) {
  if (!R->s->nregimes || R->s->regimes[R->s->nregimes - 1].at.file != R->file) return bad(R, "listed without a regime line above it in this file");
  listed l;
  memset(&l, 0, sizeof l);
  char *mid = field(&p);
  if (!valid_id(mid)) return bad(R, "bad measure id \"%s\"", mid);
  if (read_span(R, &p, &l.from, &l.to)) return -1;
  if ((l.n = split_phrases(R, p, l.names, 16)) == 0) return bad(R, "listed line names nobody");
  l.regime = (int)R->s->nregimes - 1;
  l.measure = keep(R, mid);
  l.at = (where){R->file, R->line};
  listed *lp = NEW(R, listed, nlisted);
  if (!lp) return bad(R, "too many listed lines or out of memory");
  *lp = l;
  return 0;
}

static int read_category(rd *R, char *p) {
  char *name = field(&p);
  if (!valid_id(name)) return bad(R, "bad category name \"%s\": lowercase letters, digits and '-'", name);
  for (size_t i = 0; i < R->s->ncats; i++)
    if (!strcmp(R->s->cats[i].name, name)) return bad(R, "category %s is defined twice", name);
  category *c = NEW(R, cats, ncats);
  if (!c) return bad(R, "too many categories or out of memory");
  c->name = keep(R, name);
  c->at = (where){R->file, R->line};
  return 0;
}

static int find_cat(const dyad_sanctions *s, const char *name) {
  for (size_t i = 0; i < s->ncats; i++)
    if (!strcmp(s->cats[i].name, name)) return (int)i;
  return -1;
}

static size_t word_hash(const char *w) {
  size_t h = 2166136261u;
  for (; *w; w++) h = (h ^ (unsigned char)*w) * 16777619u;
  return h;
}

/* The slot of word in the first-word index: its entry, or the empty slot where it belongs. */
static first_word *first_slot(first_word *tab, size_t cap, const char *word) {
  size_t i = word_hash(word) & (cap - 1);
  while (tab[i].word && strcmp(tab[i].word, word)) i = (i + 1) & (cap - 1);
  return &tab[i];
}

/* The chain of goods starting with word (index of the first, -1 when none). */
static int goods_starting(const dyad_sanctions *s, const char *word) {
  if (!s->firsts_cap) return -1;
  const first_word *f = first_slot(s->firsts, s->firsts_cap, word);
  return f->word ? f->head : -1;
}

/* Room for one more first word: doubles the index when half full. 0, or -1 out of memory. */
static int firsts_room(dyad_sanctions *s) {
  if ((s->nfirsts + 1) * 2 <= s->firsts_cap) return 0;
  size_t cap = s->firsts_cap ? s->firsts_cap * 2 : 64;
  first_word *tab = dyad_calloc(cap, sizeof *tab);
  if (!tab) return -1;
  for (size_t i = 0; i < s->firsts_cap; i++)
    if (s->firsts[i].word) *first_slot(tab, cap, s->firsts[i].word) = s->firsts[i];
  free(s->firsts);
  s->firsts = tab;
  s->firsts_cap = cap;
  return 0;
}

/* Appends good gi to the chain of its first word (the index has room: firsts_room). */
static void index_good(dyad_sanctions *s, int gi) {
  good *g = &s->goods[gi];
  first_word *f = first_slot(s->firsts, s->firsts_cap, g->words[0]);
  g->next = -1;
  if (!f->word) {
    f->word = g->words[0];
    f->head = f->tail = gi;
    s->nfirsts++;
  } else {
    s->goods[f->tail].next = gi;
    f->tail = gi;
  }
}

/* One goods phrase: its lowercase tokens. */
static int add_good(rd *R, int cat, const char *phrase) {
  dyad_tokspan t[PHRASE_WORDS + 1];
  size_t n = dyad_tokenize(phrase, strlen(phrase), 0, t, PHRASE_WORDS + 1);
  if (n == 0 || n > PHRASE_WORDS) return bad(R, "goods phrase \"%s\": write 1 to %d words", phrase, PHRASE_WORDS);
  if (firsts_room(R->s)) return bad(R, "out of memory indexing goods phrases");
  good *g = NEW(R, goods, ngoods);
  if (!g) return bad(R, "too many goods phrases or out of memory");
  for (size_t i = 0; i < n; i++) {
    char low[64];
    size_t k = dyad_token_lower(phrase + t[i].start, t[i].end - t[i].start, low, sizeof low - 1);
    low[k] = 0;
    g->words[i] = keep(R, low);
  }
  g->n = (int)n;
  g->cat = cat;
  g->at = (where){R->file, R->line};
  index_good(R->s, (int)(g - R->s->goods));
  return 0;
}

static int read_good(rd *R, char *p) {
  char *cat = field(&p);
  int c = find_cat(R->s, cat);
  if (c < 0) return bad(R, "unknown category \"%s\": declare it with a category line above", cat);
  const char *ph[512];
  int n = split_phrases(R, p, ph, 512);
  if (!n) return bad(R, "good line without phrases");
  for (int i = 0; i < n; i++) add_good(R, c, ph[i]);
  return 0;
}

static int read_action(rd *R, char *p) {
  char *d = field(&p);
  int dir = !strcmp(d, "out") ? D_OUT : !strcmp(d, "in") ? D_IN : !strcmp(d, "both") ? D_BOTH : 0;
  if (!dir) return bad(R, "action direction \"%s\": out, in or both", d);
  const char *ph[256];
  int n = split_phrases(R, p, ph, 256);
  for (int i = 0; i < n; i++) {
    action *a = NEW(R, actions, nactions);
    if (!a) return bad(R, "too many actions or out of memory");
    a->lemma = ph[i];
    a->n = strlen(ph[i]);
    a->dir = dir;
  }
  return n ? 0 : bad(R, "action line without lemmas");
}

static int read_bloc(rd *R, char *p) {
  char *name = field(&p);
  bloc b;
  memset(&b, 0, sizeof b);
  for (char *c = field(&p); *c; c = field(&p)) {
    if (b.n == MAX_CODES) return bad(R, "bloc %s: more than %d codes", name, MAX_CODES);
    b.codes[b.n++] = keep(R, c);
  }
  if (!*name || !b.n) return bad(R, "expected: bloc NAME CODE CODE ...");
  b.name = keep(R, name);
  b.at = (where){R->file, R->line};
  bloc *bp = NEW(R, blocs, nblocs);
  if (!bp) return bad(R, "too many blocs or out of memory");
  *bp = b;
  return 0;
}

static int read_as_of(rd *R, char *p) {
  dyad_date d;
  char *t = field(&p);
  if (read_date(t, 0, &d)) return bad(R, "bad as-of date \"%s\": write YYYY-MM-DD", t);
  snprintf(R->s->as_of, sizeof R->s->as_of, "%s", t);
  return 0;
}

int dyad_sanctions_line(dyad_sanctions *s, const char *file, int line, char *text, dyad_diag *diag) {
  rd R = {s, file, line, diag};
  char *p = text;
  char *kw = field(&p);
  if (!strcmp(kw, "regime")) return read_regime(&R, p);
  if (!strcmp(kw, "measure")) return read_measure(&R, p);
  if (!strcmp(kw, "listed")) return read_listed(&R, p);
  if (!strcmp(kw, "category")) return read_category(&R, p);
  if (!strcmp(kw, "good")) return read_good(&R, p);
  if (!strcmp(kw, "action")) return read_action(&R, p);
  if (!strcmp(kw, "bloc")) return read_bloc(&R, p);
  if (!strcmp(kw, "as-of")) return read_as_of(&R, p);
  return bad(&R, "unknown line kind \"%s\": expected regime, measure, listed, category, good, action, bloc or as-of", kw);
}

void dyad_sanctions_get_stats(const dyad_sanctions *s, dyad_sanctions_stats *o) {
  memset(o, 0, sizeof *o);
  if (!s) return;
  o->regimes = s->nregimes; o->measures = s->nmeasures; o->listed = s->nlisted;
  o->goods = s->ngoods; o->categories = s->ncats;
  memcpy(o->as_of, s->as_of, sizeof o->as_of);
}

/* ---- checking ------------------------------------------------------------------------------- */
typedef struct { const dyad_sanctions *s; dyad_code_known_fn known; dyad_sanctions_report_fn report; void *ctx; size_t errors; } ck;

static void finding(ck *C, int error, where at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void finding(ck *C, int error, where at, const char *fmt, ...) {
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (error) C->errors++;
  if (C->report) C->report(error, at.file, at.line, msg, C->ctx);
}

static const bloc *find_bloc(const dyad_sanctions *s, const char *name) {
  for (size_t i = 0; i < s->nblocs; i++)
    if (!strcmp(s->blocs[i].name, name)) return &s->blocs[i];
  return NULL;
}

/* A bound spec: "any", a bloc name, or comma-separated codes. */
static void check_bound(ck *C, const char *spec, where at) {
  if (!spec || !strcmp(spec, "any") || find_bloc(C->s, spec)) return;
  char tmp[256];
  snprintf(tmp, sizeof tmp, "%s", spec);
  char *save = NULL;
  for (char *c = strtok_r(tmp, ",", &save); c; c = strtok_r(NULL, ",", &save))
    if (!C->known(c, C->ctx)) finding(C, 1, at, "bound=%s: %s is no bloc and no code the actor dictionaries know", spec, c);
}

static void check_measure(ck *C, const measure *m) {
  const regime *g = &C->s->regimes[m->regime];
  for (int i = 0; i < m->nspec; i++)
    if (find_cat(C->s, m->spec[i]) < 0) finding(C, 1, m->at, "measure %s: unknown category \"%s\" (see sanctions/goods.txt)", m->id, m->spec[i]);
  if (date_cmp(m->from, g->from) < 0 || (g->to.y && (!m->to.y || date_cmp(g->to, m->to) < 0)))
    finding(C, 0, m->at, "measure %s runs outside the dates of regime %s", m->id, g->id);
  check_bound(C, m->bound_spec, m->at);
}

static void check_listed(ck *C, const listed *l) {
  for (size_t i = 0; i < C->s->nmeasures; i++) {
    const measure *m = &C->s->measures[i];
    if (m->regime == l->regime && m->kind == K_LISTED && !strcmp(m->id, l->measure)) return;
  }
  finding(C, 1, l->at, "listed under %s, which is no 'listed' measure of regime %s", l->measure, C->s->regimes[l->regime].id);
}

size_t dyad_sanctions_check(const dyad_sanctions *s, dyad_code_known_fn known, dyad_sanctions_report_fn report, void *ctx) {
  ck C = {s, known, report, ctx, 0};
  if (!s) return 0;
  for (size_t i = 0; i < s->nregimes; i++) {
    const regime *g = &s->regimes[i];
    for (int k = 0; k < g->ntargets; k++)
      if (!known(g->targets[k], ctx)) finding(&C, 1, g->at, "regime %s: target %s is no code the actor dictionaries know", g->id, g->targets[k]);
    check_bound(&C, g->bound_spec, g->at);
  }
  for (size_t i = 0; i < s->nmeasures; i++) check_measure(&C, &s->measures[i]);
  for (size_t i = 0; i < s->nlisted; i++) check_listed(&C, &s->listed[i]);
  for (size_t i = 0; i < s->nblocs; i++)
    for (int k = 0; k < s->blocs[i].n; k++)
      if (!known(s->blocs[i].codes[k], ctx)) finding(&C, 1, s->blocs[i].at, "bloc %s: %s is no code the actor dictionaries know", s->blocs[i].name, s->blocs[i].codes[k]);
  if (s->nregimes && !s->as_of[0]) finding(&C, 0, s->regimes[0].at, "the sanctions data declares no as-of date: add 'as-of YYYY-MM-DD' to goods.txt");
  return C.errors;
}

/* ---- matching ------------------------------------------------------------------------------- */
typedef struct { int cat; size_t start, end; } hit;

typedef struct {
  const dyad_sanctions *s;
  const dyad_event *ev;
  dyad_date on;
  const char *basis;
  int dir;
  hit hits[MAX_HITS]; int nhits;
} matcher;

/* The direction the event moves goods in, from the head word of its pattern; 0 when it moves none. */
static int event_dir(const dyad_sanctions *s, const dyad_event *ev) {
  const char *p = ev->rule.pattern;
  if (p && *p) {
    size_t n = strcspn(p, " \t");
    for (size_t i = 0; i < s->nactions; i++)
      if (s->actions[i].n == n && strncasecmp(s->actions[i].lemma, p, n) == 0) return s->actions[i].dir;
  }
  return strcmp(ev->root, "07") == 0 ? D_OUT : 0;
}

static const char *event_basis(const dyad_event *ev) {
  if (ev->stance == DYAD_STANCE_DENY) return "denied";
  if (ev->mode.negated) return NULL;
  if (ev->mode.future || ev->mode.hypothetical || ev->mode.conditional) return "hypothetical";
  if (ev->stance == DYAD_STANCE_ALLEGE) return "alleged";
  return "reported";
}

typedef struct { char low[64]; char lemma[64]; size_t start, end; } wtok;

/* Does phrase g match the words at w[i..]? The last word also matches the noun's base form. */
static int good_at(const good *g, const wtok *w, int n, int i) {
  if (i + g->n > n) return 0;
  for (int k = 0; k < g->n; k++) {
    const wtok *t = &w[i + k];
    if (strcmp(t->low, g->words[k]) && !(k == g->n - 1 && t->lemma[0] && !strcmp(t->lemma, g->words[k]))) return 0;
  }
  return 1;
}

static void lower_token(const char *p, size_t n, wtok *t) {
  size_t k = dyad_token_lower(p, n, t->low, sizeof t->low - 1);
  t->low[k] = 0;
  t->lemma[0] = 0;
  dyad_lexinfo li;
  if (dyad_lex_lookup(t->low, k, &li) && li.lemma[DYAD_LEX_N] && li.lemma_n[DYAD_LEX_N] < sizeof t->lemma) {
    memcpy(t->lemma, li.lemma[DYAD_LEX_N], li.lemma_n[DYAD_LEX_N]);
    t->lemma[li.lemma_n[DYAD_LEX_N]] = 0;
  }
}

/* The goods phrases that may match at a word: the chain of those starting with its form (a) and,
 * when its base form differs, of the one-word phrases naming that base form (b). Both chains run
 * in file order and never share a phrase, so merging them visits candidates in file order. */
typedef struct { int a, b; } goods_cursor;

static goods_cursor goods_from(const dyad_sanctions *s, const wtok *t) {
  goods_cursor c = {goods_starting(s, t->low), -1};
  if (t->lemma[0] && strcmp(t->lemma, t->low)) c.b = goods_starting(s, t->lemma);
  return c;
}

/* The next phrase (file order) that matches the words at w[i..], or -1: what trying every phrase
 * with good_at would find, without reading the phrases that start with another word. */
static int next_good(const dyad_sanctions *s, const wtok *w, int n, int i, goods_cursor *c) {
  for (;;) {
    while (c->b >= 0 && s->goods[c->b].n != 1) c->b = s->goods[c->b].next;
    if (c->a < 0 && c->b < 0) return -1;
    int g;
    if (c->b < 0 || (c->a >= 0 && c->a < c->b)) {
      g = c->a;
      c->a = s->goods[g].next;
      if (good_at(&s->goods[g], w, n, i)) return g;
    } else {
      g = c->b;                  /* a one-word phrase naming the base form: good_at holds */
      c->b = s->goods[g].next;
      return g;
    }
  }
}

/* Goods named from three words before the verb to 25 words after it; the longest phrase wins
 * where several start at one word, and its words are not read again. */
static void find_goods(matcher *M) {
  const dyad_event *ev = M->ev;
  dyad_tokspan t[EV_TOKENS];
  size_t nt = dyad_tokenize(ev->evidence.p, ev->evidence.n, ev->ev_start, t, EV_TOKENS);
  if (nt > EV_TOKENS) nt = EV_TOKENS;
  static const int before = 3, after = 25;
  int vi = 0, ve = 0;
  while (vi < (int)nt && t[vi].start < ev->verb_start) vi++;
  for (ve = vi; ve < (int)nt && t[ve].end <= ev->verb_end; ve++) {}
  int lo = vi - before < 0 ? 0 : vi - before, hi = ve + after > (int)nt ? (int)nt : ve + after;
  wtok w[EV_TOKENS];
  int n = 0;
  for (int i = lo; i < hi; i++, n++) {
    lower_token(ev->evidence.p + (t[i].start - ev->ev_start), t[i].end - t[i].start, &w[n]);
    w[n].start = t[i].start; w[n].end = t[i].end;
  }
  for (int i = 0; i < n;) {
    int best = 0, g;
    goods_cursor c = goods_from(M->s, &w[i]);
    while ((g = next_good(M->s, w, n, i, &c)) >= 0)
      if (M->s->goods[g].n > best) best = M->s->goods[g].n;
    c = goods_from(M->s, &w[i]);
    while (best && M->nhits < MAX_HITS && (g = next_good(M->s, w, n, i, &c)) >= 0)
      if (M->s->goods[g].n == best) M->hits[M->nhits++] = (hit){M->s->goods[g].cat, w[i].start, w[i + best - 1].end};
    i += best ? best : 1;
  }
}

/* The first goods hit of a category the measure covers (any: the first hit), or NULL. */
static const hit *covered(const matcher *M, const measure *m) {
  for (int h = 0; h < M->nhits; h++) {
    if (m->any) return &M->hits[h];
    for (int i = 0; i < m->nspec; i++)
      if (!strcmp(M->s->cats[M->hits[h].cat].name, m->spec[i])) return &M->hits[h];
  }
  return NULL;
}

static int code_has(const char *code, const char *prefix) {
  return code && prefix && strncmp(code, prefix, strlen(prefix)) == 0;
}

static int is_target(const regime *g, const dyad_actor *a) {
  for (int k = 0; a && k < g->ntargets; k++)
    if (code_has(a->code, g->targets[k])) return 1;
  return 0;
}

/* Is party a bound by spec ("any", a bloc, or codes)? An unknown party is bound only by "any". */
static int is_bound(const dyad_sanctions *s, const char *spec, const dyad_actor *a) {
  if (!spec || !strcmp(spec, "any")) return 1;
  if (!a) return 0;
  const bloc *b = find_bloc(s, spec);
  for (int k = 0; b && k < b->n; k++)
    if (code_has(a->code, b->codes[k])) return 1;
  if (b) return 0;
  char tmp[256];
  snprintf(tmp, sizeof tmp, "%s", spec);
  char *save = NULL;
  for (char *c = strtok_r(tmp, ",", &save); c; c = strtok_r(NULL, ",", &save))
    if (code_has(a->code, c)) return 1;
  return 0;
}

/* The name an actor's entry gives ("person:Kim Jong Un" -> "Kim Jong Un"). */
static int names_listed(const listed *l, const dyad_actor *a) {
  const char *e = a && a->entry ? strchr(a->entry, ':') : NULL;
  for (int i = 0; e && i < l->n; i++)
    if (!strcasecmp(e + 1, l->names[i]) || (a->name.n == strlen(l->names[i]) && !strncasecmp(a->name.p, l->names[i], a->name.n))) return 1;
  return 0;
}

static int listed_receiver(const matcher *M, const measure *m, const dyad_actor *recv) {
  for (size_t i = 0; i < M->s->nlisted; i++) {
    const listed *l = &M->s->listed[i];
    if (l->regime == m->regime && !strcmp(l->measure, m->id) && in_force(l->from, l->to, M->on) && names_listed(l, recv)) return 1;
  }
  return 0;
}

/* Does the flow giver -> receiver fall under m? Listed measures: the receiver is listed. */
static int flow_under(const matcher *M, const measure *m, const dyad_actor *giver, const dyad_actor *recv) {
  const regime *g = &M->s->regimes[m->regime];
  const char *spec = m->bound_spec ? m->bound_spec : g->bound_spec;
  switch (m->kind) {
  case K_TO: return recv && is_target(g, recv) && is_bound(M->s, spec, giver);
  case K_FROM: return is_target(g, giver) && !is_target(g, recv) && is_bound(M->s, spec, recv);
  case K_BOTH: return (recv && is_target(g, recv) && is_bound(M->s, spec, giver)) || (is_target(g, giver) && !is_target(g, recv) && is_bound(M->s, spec, recv));
  default: return recv && listed_receiver(M, m, recv) && is_bound(M->s, spec, giver);
  }
}

static int measure_applies(const matcher *M, const measure *m) {
  const dyad_actor *src = M->ev->source, *tgt = M->ev->target;
  if (M->dir & D_OUT && flow_under(M, m, src, tgt)) return 1;
  return (M->dir & D_IN) && tgt && flow_under(M, m, tgt, src);
}

/* Is some measure in force on the date with the event's parties under it, goods aside? */
static int any_measure_applies(const matcher *M) {
  for (size_t i = 0; i < M->s->nmeasures; i++) {
    const measure *m = &M->s->measures[i];
    const regime *g = &M->s->regimes[m->regime];
    if (in_force(m->from, m->to, M->on) && in_force(g->from, g->to, M->on) && measure_applies(M, m)) return 1;
  }
  return 0;
}

static int already(const dyad_sanction *out, size_t n, const measure *m, const char *regime_id) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(out[i].measure, m->id) && !strcmp(out[i].regime, regime_id)) return 1;
  return 0;
}

static void flag(const matcher *M, const measure *m, const hit *h, dyad_sanction *f) {
  const dyad_actor *recv = M->dir == D_IN ? M->ev->source : M->ev->target;
  f->regime = M->s->regimes[m->regime].id;
  f->target = M->s->regimes[m->regime].target_spec;
  f->measure = m->id;
  f->basis = M->basis;
  f->category = m->kind == K_LISTED ? "listed" : M->s->cats[h->cat].name;
  f->legal = m->legal;
  f->file = m->at.file;
  f->line = m->at.line;
  f->start = m->kind == K_LISTED && recv ? recv->start : h->start;
  f->end = m->kind == K_LISTED && recv ? recv->end : h->end;
}

size_t dyad_sanctions_match(const dyad_sanctions *s, const dyad_event *ev, dyad_sanction *out, size_t cap) {
  if (!s || !ev->source || !s->nmeasures) return 0;
  matcher M;
  memset(&M, 0, sizeof M);
  M.s = s; M.ev = ev;
  if (!(M.dir = event_dir(s, ev)) || !(M.basis = event_basis(ev)) || dyad_date_parse(ev->date, strlen(ev->date), &M.on)) return 0;
  if (!any_measure_applies(&M)) return 0;   /* most flows bind nobody: skip reading the words */
  find_goods(&M);
  if (!M.nhits) return 0;
  size_t n = 0;
  /* latest steps first, so a measure reports the legal basis in force on the date */
  for (size_t i = s->nmeasures; i-- > 0 && n < cap;) {
    const measure *m = &s->measures[i];
    const regime *g = &s->regimes[m->regime];
    if (!in_force(m->from, m->to, M.on) || !in_force(g->from, g->to, M.on) || already(out, n, m, g->id)) continue;
    const hit *h = covered(&M, m);
    if (h && measure_applies(&M, m)) flag(&M, m, h, &out[n++]);
  }
  for (size_t i = 0; i < n / 2; i++) {   /* back to file order */
    dyad_sanction t = out[i];
    out[i] = out[n - 1 - i];
    out[n - 1 - i] = t;
  }
  return n;
}
