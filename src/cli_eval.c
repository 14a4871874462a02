/* cli_eval.c - `dyad eval petrarch` runs PETRARCH validation records (XML) through the public
 * coding API with the dictionaries they name; `dyad eval gold` scores a JSON lines gold set at the
 * root and full-code levels; `dyad dict import` writes PETRARCH dictionaries in dyad's format. */
#include "alloc.h"
#include "cli_eval.h"
#include "dyad.h"
#include "normalize.h"
#include "petrarch.h"
#include <jansson.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_EV 64                          /* events kept per record */
#define MAX_TEXT ((size_t)16 << 20)        /* one record's text */
#define MAX_GOLD_LINE ((size_t)16 << 20)

typedef struct { char src[32], tgt[32], code[32]; } triple;
typedef struct { triple t[MAX_EV]; int n; } evset;

static void evset_add(evset *s, const char *a, const char *b, const char *c) {
  triple x;
  memset(&x, 0, sizeof x);
  snprintf(x.src, sizeof x.src, "%s", a && *a ? a : "---");
  snprintf(x.tgt, sizeof x.tgt, "%s", b && *b ? b : "---");
  snprintf(x.code, sizeof x.code, "%s", c ? c : "");
  for (int i = 0; i < s->n; i++) if (!memcmp(&s->t[i], &x, sizeof x)) return;
  if (s->n < MAX_EV) s->t[s->n++] = x;
}

static int evset_has(const evset *s, const triple *x) {
  for (int i = 0; i < s->n; i++) if (!memcmp(&s->t[i], x, sizeof *x)) return 1;
  return 0;
}

static int evset_equal(const evset *a, const evset *b) {
  if (a->n != b->n) return 0;
  for (int i = 0; i < a->n; i++) if (!evset_has(b, &a->t[i])) return 0;
  return 1;
}

static void evset_print(FILE *f, const evset *s) {
  fputc('[', f);
  for (int i = 0; i < s->n; i++) fprintf(f, "%s%s %s %s", i ? "; " : "", s->t[i].src, s->t[i].tgt, s->t[i].code);
  fputc(']', f);
}

/* ---- coding one text through the public API --------------------------------------------------- */
typedef struct {
  dyad_dict *d;
  dyad_coder *coder;
  dyad_petrarch_conv conv;     /* kept for its discards when the dictionaries are PETRARCH's */
  int require_dyad;            /* drop events without a source or a target */
  int reported_only;           /* drop hypothetical, conditional, alleged and denied events (tests/gold/README.md) */
} engine;

typedef struct { evset *got; int require_dyad, reported_only; } collect;

static int on_event(const dyad_event *ev, void *ctx) {
  collect *c = ctx;
  if (c->require_dyad && (!ev->source || !ev->target)) return 0;
  if (c->reported_only && (ev->mode.hypothetical || ev->mode.conditional)) return 0;   /* did not happen */
  /* the content of an accusation or a denial is a claim, not an established event: it is stored
     as a contested claim, and the gold codes only the accusation or denial itself */
  if (c->reported_only && (ev->stance == DYAD_STANCE_ALLEGE || ev->stance == DYAD_STANCE_DENY)) return 0;
  evset_add(c->got, ev->source ? ev->source->code : NULL, ev->target ? ev->target->code : NULL, ev->code);
  return 0;
}

/* Codes raw text as one document dated date (YYYY-MM-DD or NULL); returns DYAD_OK or DYAD_ENOMEM. */
static int code_text(engine *E, const char *id, const char *date, const char *raw, size_t n, evset *got) {
  char *flat = dyad_malloc(n + 1);
  if (!flat) return DYAD_ENOMEM;
  for (size_t i = 0; i < n; i++) flat[i] = raw[i] == '\n' || raw[i] == '\r' ? ' ' : raw[i];
  flat[n] = 0;
  size_t nn = 0;
  char *text = dyad_normalize(flat, n, &nn, NULL);
  free(flat);
  if (!text) return DYAD_ENOMEM;
  got->n = 0;
  int r = DYAD_OK;
  if (!dyad_petrarch_discarded(&E->conv, text, nn)) {
    dyad_docinfo info = {id, date, NULL};
    collect c = {got, E->require_dyad, E->reported_only};
    r = dyad_code_document(E->coder, &info, text, nn, on_event, &c);
  }
  free(text);
  return r;
}

static void print_diag(const char *msg, void *ctx) {
  int *quiet = ctx;
  if (!quiet || !*quiet) fprintf(stderr, "dyad: %s\n", msg);
}

/* Loads the dictionaries: PETRARCH files (names may be NULL) or dyad's own (dir NULL = built in). */
static int engine_open(engine *E, const char *dir, int petrarch, const char *const *names) {
  static int quiet = 1;
  dyad_diag dg = {print_diag, &quiet, 0};
  dyad_diag loud = {print_diag, NULL, 0};
  dyad_petrarch_conv_init(&E->conv);
  if (petrarch) {
    if (dyad_petrarch_convert_dir(&E->conv, dir, names, &loud) == DYAD_ENOMEM) return DYAD_ENOMEM;
    E->d = dyad_petrarch_dict(&E->conv, &dg);
    if (E->conv.nreport)
      fprintf(stderr, "dyad eval: %zu dictionary lines not carried over (see `dyad dict import` for the report)\n", E->conv.nreport);
  } else {
    E->d = dyad_dict_load(dir, &loud);
  }
  if (!E->d) { fprintf(stderr, "dyad eval: no dictionaries could be loaded%s%s\n", dir ? " from " : "", dir ? dir : ""); return DYAD_EINPUT; }
  E->coder = dyad_coder_new(E->d);
  return E->coder ? DYAD_OK : DYAD_ENOMEM;
}

static void engine_close(engine *E) {
  dyad_coder_free(E->coder);
  dyad_dict_free(E->d);
  dyad_petrarch_conv_free(&E->conv);
  memset(E, 0, sizeof *E);
}

/* ---- eval petrarch ------------------------------------------------------------------------------ */
typedef struct {
  const char *dir;
  int petrarch;
  char names[DYAD_PETR_NKINDS][512];
  char include[2048];
  int require_dyad;
  engine E;
  int opened, failed_open;
  char id[128], date[11], category[64];
  evset want;
  char *text;
  int passed, failed, skipped;
} petr_run;

static char *attr(xmlTextReaderPtr r, const char *name) {
  return (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)name);
}

static int included(const petr_run *P, const char *cat) {
  if (!P->include[0]) return 1;
  size_t n = strlen(cat);
  for (const char *p = P->include; *p;) {
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    size_t w = strcspn(p, " \t\n");
    if (w == n && w && strncmp(p, cat, n) == 0) return 1;
    p += w;
  }
  return 0;
}

static int truthy(const char *v) { return v && (!strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes")); }

/* <Config option value>: require_dyad changes what counts as an event; the others tune
 * PETRARCH's own parser (comma_*, new_actor_length, stop_on_error) and have no dyad meaning. */
static void apply_config(petr_run *P, xmlTextReaderPtr r) {
  char *opt = attr(r, "option"), *val = attr(r, "value");
  if (opt && !strcmp(opt, "require_dyad")) P->require_dyad = truthy(val);
  xmlFree(opt);
  xmlFree(val);
}

static void read_element_text(xmlTextReaderPtr r, char *out, size_t cap) {
  xmlChar *s = xmlTextReaderReadString(r);
  snprintf(out, cap, "%s", s ? (const char *)s : "");
  xmlFree(s);
  char *t = out;
  while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r') t++;
  memmove(out, t, strlen(t) + 1);
  size_t n = strlen(out);
  while (n && strchr(" \t\r\n", out[n - 1])) out[--n] = 0;
}

static void environment_item(petr_run *P, xmlTextReaderPtr r, const char *name) {
  static const char *const tags[DYAD_PETR_NKINDS] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile"};
  for (int k = 0; k < DYAD_PETR_NKINDS; k++)
    if (!strcmp(name, tags[k])) read_element_text(r, P->names[k], sizeof P->names[k]);
  if (!strcmp(name, "Include")) read_element_text(r, P->include, sizeof P->include);
}

static void start_sentence(petr_run *P, xmlTextReaderPtr r) {
  char *id = attr(r, "id"), *date = attr(r, "date"), *cat = attr(r, "category");
  snprintf(P->id, sizeof P->id, "%s", id ? id : "?");
  snprintf(P->category, sizeof P->category, "%s", cat ? cat : "");
  P->date[0] = 0;
  if (date && strlen(date) == 8 && strspn(date, "0123456789") == 8)
    snprintf(P->date, sizeof P->date, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
  xmlFree(id); xmlFree(date); xmlFree(cat);
  P->want.n = 0;
  free(P->text);
  P->text = NULL;
}

static void event_coding(petr_run *P, xmlTextReaderPtr r) {
  char *s = attr(r, "sourcecode"), *t = attr(r, "targetcode"), *c = attr(r, "eventcode");
  if (c) evset_add(&P->want, s, t, c);   /* noevents="True" and error="..." expect nothing */
  xmlFree(s); xmlFree(t); xmlFree(c);
}

static int open_engine(petr_run *P) {
  if (P->opened || P->failed_open) return P->opened ? 0 : -1;
  const char *names[DYAD_PETR_NKINDS];
  for (int k = 0; k < DYAD_PETR_NKINDS; k++) names[k] = P->names[k][0] ? P->names[k] : NULL;
  if (engine_open(&P->E, P->dir, P->petrarch, names) != DYAD_OK) { P->failed_open = 1; return -1; }
  P->opened = 1;
  return 0;
}

static void end_sentence(petr_run *P) {
  if (!included(P, P->category)) { P->skipped++; return; }
  evset got;
  got.n = 0;
  P->E.require_dyad = P->require_dyad;
  if (P->text && code_text(&P->E, P->id, P->date[0] ? P->date : NULL, P->text, strlen(P->text), &got) != DYAD_OK)
    fprintf(stderr, "dyad eval: %s: out of memory while coding\n", P->id);
  if (evset_equal(&P->want, &got)) { P->passed++; return; }
  P->failed++;
  printf("FAIL %s: expected ", P->id);
  evset_print(stdout, &P->want);
  printf(" got ");
  evset_print(stdout, &got);
  putchar('\n');
}

static void petr_node(petr_run *P, xmlTextReaderPtr r) {
  int type = xmlTextReaderNodeType(r);
  const char *name = (const char *)xmlTextReaderConstName(r);
  if (!name) return;
  if (type == XML_READER_TYPE_ELEMENT) {
    if (!strcmp(name, "Config")) apply_config(P, r);
    else if (!strcmp(name, "Sentence")) start_sentence(P, r);
    else if (!strcmp(name, "EventCoding")) event_coding(P, r);
    else if (!strcmp(name, "Text")) {
      xmlChar *s = xmlTextReaderReadString(r);
      free(P->text);
      P->text = s && strlen((const char *)s) < MAX_TEXT ? dyad_strdup((const char *)s) : NULL;
      xmlFree(s);
    } else environment_item(P, r, name);
  } else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(name, "Sentence")) {
    if (open_engine(P) == 0) end_sentence(P);
  }
}

static int eval_petrarch(const char *file, const char *dir, int petrarch) {
  petr_run *P = dyad_calloc(1, sizeof *P);
  if (!P) return DYAD_ENOMEM;
  char dbuf[4096];
  if (!dir) {   /* the dictionaries beside the records */
    const char *sl = strrchr(file, '/');
    snprintf(dbuf, sizeof dbuf, "%.*s", sl ? (int)(sl - file) : 1, sl ? file : ".");
    dir = dbuf;
  }
  P->dir = dir;
  P->petrarch = petrarch;
  P->require_dyad = 1;   /* PETRARCH's default */
  xmlTextReaderPtr r = xmlReaderForFile(file, NULL, XML_PARSE_HUGE | XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (!r) { fprintf(stderr, "dyad eval: %s: cannot read or not XML\n", file); free(P); return DYAD_EINPUT; }
  int ret;
  while ((ret = xmlTextReaderRead(r)) == 1 && !P->failed_open) petr_node(P, r);
  if (ret < 0) fprintf(stderr, "dyad eval: %s: XML error; records up to it were scored\n", file);
  xmlFreeTextReader(r);
  int status = P->failed_open ? DYAD_EINPUT : DYAD_OK;
  printf("%d passed, %d failed\n", P->passed, P->failed);
  if (P->skipped) fprintf(stderr, "dyad eval: %d records outside <Include> were not scored\n", P->skipped);
  free(P->text);
  if (P->opened) engine_close(&P->E);
  free(P);
  return status;
}

/* ---- eval gold ---------------------------------------------------------------------------------- */
typedef struct { long tp, fp, fn; } prf;
typedef struct { engine E; prf root, full; int passed, failed, bad; } gold_run;

/* Actors compare by country (first three letters) or, for IGO codes, whole; none is "-". */
static void actor_key(const char *code, char *out, size_t cap) {
  if (!code || !*code || !strcmp(code, "-") || !strcmp(code, "---")) { snprintf(out, cap, "-"); return; }
  if (!strncmp(code, "IGO", 3)) snprintf(out, cap, "%s", code);
  else snprintf(out, cap, "%.3s", code);
}

/* The set at one level: root (first two digits) when root is set, else the full code. */
static void level_set(const evset *in, int root, evset *out) {
  out->n = 0;
  for (int i = 0; i < in->n; i++) {
    char s[32], t[32], c[32];
    actor_key(in->t[i].src, s, sizeof s);
    actor_key(in->t[i].tgt, t, sizeof t);
    snprintf(c, sizeof c, root ? "%.2s" : "%s", in->t[i].code);
    evset_add(out, s, t, c);
  }
}

static void score(prf *m, const evset *gold, const evset *got) {
  for (int i = 0; i < got->n; i++) { if (evset_has(gold, &got->t[i])) m->tp++; else m->fp++; }
  for (int i = 0; i < gold->n; i++) if (!evset_has(got, &gold->t[i])) m->fn++;
}

static void print_misses(const char *id, const evset *gold, const evset *got, const char *text) {
  for (int i = 0; i < gold->n; i++)
    if (!evset_has(got, &gold->t[i]))
      printf("MISS %s: %s %s %s | %s\n", id, gold->t[i].src, gold->t[i].tgt, gold->t[i].code, text);
  for (int i = 0; i < got->n; i++)
    if (!evset_has(gold, &got->t[i]))
      printf("EXTRA %s: %s %s %s | %s\n", id, got->t[i].src, got->t[i].tgt, got->t[i].code, text);
}

static const char *jstr(json_t *o, const char *k) {
  json_t *v = json_object_get(o, k);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Reads "gold": [{"source","target","code"}]; -1 when malformed. */
static int read_gold(json_t *arr, evset *out) {
  out->n = 0;
  if (!json_is_array(arr)) return -1;
  size_t i;
  json_t *g;
  json_array_foreach(arr, i, g) {
    const char *c = jstr(g, "code");
    if (!json_is_object(g) || !c) return -1;
    evset_add(out, jstr(g, "source"), jstr(g, "target"), c);
  }
  return 0;
}

static void gold_line(gold_run *G, const char *file, long lineno, const char *line, size_t n) {
  json_error_t err;
  json_t *o = json_loadb(line, n, 0, &err);
  const char *text = o ? jstr(o, "text") : NULL;
  evset gold, got, a, b;
  if (!o || !text || read_gold(json_object_get(o, "gold"), &gold)) {
    fprintf(stderr, "dyad eval: %s:%ld: expected {\"id\",\"text\",\"date\",\"gold\":[{\"source\",\"target\",\"code\"}]}%s%s\n",
            file, lineno, o ? "" : ": ", o ? "" : err.text);
    G->bad++;
    json_decref(o);
    return;
  }
  char idbuf[64];
  const char *id = jstr(o, "id");
  if (!id) { snprintf(idbuf, sizeof idbuf, "%s:%ld", file, lineno); id = idbuf; }
  const char *date = jstr(o, "date");
  if (code_text(&G->E, id, date && strlen(date) >= 10 ? date : NULL, text, strlen(text), &got) != DYAD_OK) G->bad++;
  level_set(&gold, 1, &a); level_set(&got, 1, &b);
  score(&G->root, &a, &b);
  level_set(&gold, 0, &a); level_set(&got, 0, &b);
  score(&G->full, &a, &b);
  if (evset_equal(&a, &b)) G->passed++;
  else { G->failed++; print_misses(id, &a, &b, text); }
  json_decref(o);
}

static double f1_of(const prf *m, double *p, double *r) {
  *p = m->tp + m->fp ? (double)m->tp / (double)(m->tp + m->fp) : 0;
  *r = m->tp + m->fn ? (double)m->tp / (double)(m->tp + m->fn) : 0;
  return *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

static double print_prf(const char *level, const prf *m) {
  double p, r, f = f1_of(m, &p, &r);
  printf("%s: precision %.3f recall %.3f F1 %.3f (tp %ld, fp %ld, fn %ld)\n", level, p, r, f, m->tp, m->fp, m->fn);
  return f;
}

static int eval_gold(const char *file, const char *dir, int petrarch, double floor) {
  FILE *fp = fopen(file, "rb");
  if (!fp) { perror(file); return DYAD_EINPUT; }
  gold_run *G = dyad_calloc(1, sizeof *G);
  if (!G) { fclose(fp); return DYAD_ENOMEM; }
  int st = engine_open(&G->E, dir, petrarch, NULL);
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  long lineno = 0;
  G->E.require_dyad = 0;
  G->E.reported_only = 1;
  while (st == DYAD_OK && (got = getline(&line, &cap, fp)) > 0) {
    lineno++;
    size_t n = (size_t)got;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    if (n == 0 || n > MAX_GOLD_LINE) { if (n) { fprintf(stderr, "dyad eval: %s:%ld: line too long\n", file, lineno); G->bad++; } continue; }
    gold_line(G, file, lineno, line, n);
  }
  free(line);
  fclose(fp);
  double f = 0;
  if (st == DYAD_OK) {
    f = print_prf("root", &G->root);
    print_prf("full", &G->full);
    printf("%d passed, %d failed\n", G->passed, G->failed);
  }
  engine_close(&G->E);
  int bad = G->bad;
  free(G);
  if (st != DYAD_OK) return DYAD_EINPUT;
  if (floor >= 0 && f < floor) { fprintf(stderr, "dyad eval: root-level F1 %.3f is under the floor %.3f\n", f, floor); return 1; }
  return bad ? DYAD_EINPUT : DYAD_OK;
}

/* ---- command lines ------------------------------------------------------------------------------- */
static void usage_eval(FILE *f) {
  fputs("usage: dyad eval petrarch FILE.xml [--dict-format petrarch|dyad] [--dict DIR]\n"
        "       dyad eval gold FILE.jsonl [--floor F] [--dict DIR] [--dict-format petrarch|dyad]\n\n"
        "petrarch: codes each <Sentence> of PETRARCH validation records with the dictionaries its\n"
        "  <Environment> names (read from DIR, default: the XML file's folder) and scores the\n"
        "  records of its <Include> categories: a record passes when its (source, target, code) set\n"
        "  equals the expected one. Prints FAIL lines, then 'N passed, N failed'.\n"
        "gold: JSON lines {\"id\",\"text\",\"date\",\"gold\":[{\"source\",\"target\",\"code\"}]}; prints\n"
        "  misses, precision/recall/F1 at the root and full-code levels, then 'N passed, N failed'.\n"
        "  --floor F exits 1 when the root-level F1 is under F.\n"
        "exit status: 0 ran, 1 under the floor or unreadable input, 2 usage\n", f);
}

int dyad_cli_eval(int argc, char **argv) {
  const char *mode = argc > 0 ? argv[0] : "", *file = NULL, *dir = NULL, *fmt = NULL;
  double floor = -1;
  if (!strcmp(mode, "--help") || !strcmp(mode, "-h")) { usage_eval(stdout); return 0; }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int val = !strcmp(a, "--dict") || !strcmp(a, "--dict-format") || !strcmp(a, "--floor");
    if (!strcmp(a, "--help")) { usage_eval(stdout); return 0; }
    if (val && i + 1 >= argc) { fprintf(stderr, "dyad eval: %s needs a value\n", a); return DYAD_EUSAGE; }
    if (!strcmp(a, "--dict")) dir = argv[++i];
    else if (!strcmp(a, "--dict-format")) fmt = argv[++i];
    else if (!strcmp(a, "--floor")) {
      char *end;
      floor = strtod(argv[++i], &end);
      if (*end || floor < 0 || floor > 1) { fprintf(stderr, "dyad eval: --floor takes a number from 0 to 1\n"); return DYAD_EUSAGE; }
    } else if (a[0] == '-' && a[1]) { fprintf(stderr, "dyad eval: unknown option '%s' (see dyad eval --help)\n", a); return DYAD_EUSAGE; }
    else if (!file) file = a;
    else { fprintf(stderr, "dyad eval: one input file only\n"); return DYAD_EUSAGE; }
  }
  if (fmt && strcmp(fmt, "petrarch") && strcmp(fmt, "dyad")) { fprintf(stderr, "dyad eval: --dict-format is petrarch or dyad\n"); return DYAD_EUSAGE; }
  if (!file || (strcmp(mode, "petrarch") && strcmp(mode, "gold"))) { usage_eval(stderr); return DYAD_EUSAGE; }
  if (!strcmp(mode, "petrarch")) return eval_petrarch(file, dir, !fmt || !strcmp(fmt, "petrarch"));
  if (fmt && !strcmp(fmt, "petrarch") && !dir) { fprintf(stderr, "dyad eval: --dict-format petrarch needs --dict DIR\n"); return DYAD_EUSAGE; }
  return eval_gold(file, dir, fmt && !strcmp(fmt, "petrarch"), floor);
}

int dyad_cli_dict_import(int argc, char **argv) {
  const char *from = NULL, *src = NULL, *to = NULL;
  const char *names[DYAD_PETR_NKINDS] = {NULL, NULL, NULL, NULL};
  static const char *const opts[DYAD_PETR_NKINDS] = {"--verbs", "--actors", "--agents", "--discards"};
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help")) { fputs("usage: dyad dict import --from petrarch DIR --to OUTDIR [--verbs F] [--actors F,F] [--agents F] [--discards F]\n", stdout); return 0; }
    if (a[0] == '-' && i + 1 >= argc) { fprintf(stderr, "dyad dict import: %s needs a value\n", a); return DYAD_EUSAGE; }
    int k = -1;
    for (int j = 0; j < DYAD_PETR_NKINDS; j++) if (!strcmp(a, opts[j])) k = j;
    if (k >= 0) names[k] = argv[++i];
    else if (!strcmp(a, "--from")) from = argv[++i];
    else if (!strcmp(a, "--to")) to = argv[++i];
    else if (!strcmp(a, "--dict")) src = argv[++i];
    else if (a[0] == '-') { fprintf(stderr, "dyad dict import: unknown option '%s'\n", a); return DYAD_EUSAGE; }
    else if (!src) src = a;
    else { fprintf(stderr, "dyad dict import: unexpected '%s'\n", a); return DYAD_EUSAGE; }
  }
  if (!from || strcmp(from, "petrarch") || !src || !to) {
    fputs("usage: dyad dict import --from petrarch DIR --to OUTDIR [--verbs F] [--actors F,F] [--agents F] [--discards F]\n", stderr);
    return DYAD_EUSAGE;
  }
  dyad_diag dg = {print_diag, NULL, 0};
  int r = dyad_petrarch_import_files(src, names, to, &dg);
  if (r == DYAD_ENOMEM) { fprintf(stderr, "dyad dict import: out of memory\n"); return DYAD_EINPUT; }
  fprintf(stderr, "dyad dict import: wrote %s (what could not be carried over: %s/import-report.txt)\n", to, to);
  return r ? DYAD_EINPUT : 0;
}
