/* test_sanctions.c - the sanctions watch: reading and checking regime data (bad lines named by
 * file and line), matching events by measure kind, direction, goods and date (with the traps:
 * a measure not yet in force or already lifted, goods not covered, denials and negations), and
 * the whole pipeline on sentences of our own with the built-in data. */
#include "harness.h"
#include "dict.h"
#include "sanctions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a small data set of our own ------------------------------------------------------------ */
static const char *const DATA[] = {
  "as-of 2024-01-01",
  "category arms  weapons",
  "category luxury  luxury goods",
  "category coal  coal",
  "category workers  workers abroad",
  "good arms  weapon | missile | artillery shell",
  "good luxury  limousine | luxury car",
  "good coal  coal",
  "good workers  worker | labor",
  "action out  supply | sell | export | present | send",
  "action in  buy | import",
  "bloc EU  FRA DEU",
  "regime  t-north  PRK  UNSC  2006-10-14  ..  test regime on the North   ; bound=any",
  "measure arms-import  to    arms     2006-10-14  ..  arms to it",
  "measure arms-export  from  arms     2009-06-12  ..  arms from it",
  "measure luxury       to    luxury   2006-10-14  ..  luxury to it",
  "measure coal         from  coal     2016-03-02  2020-01-01  coal from it, lifted in 2020",
  "measure workers      from  workers  2017-09-11  ..  workers abroad",
  "measure freeze       listed any     2006-10-14  ..  asset freeze",
  "listed  freeze  2016-07-06  ..  Kim Jong Un | Kim Jong-un",
  "regime  t-east  RUS  EU  2014-03-17  ..  test regime of a bloc   ; bound=EU",
  "measure luxury       to    luxury   2022-03-15  ..  luxury to it",
};

typedef struct { int n; char last[600]; } diag_log;
static void log_diag(const char *msg, void *ctx) {
  diag_log *L = ctx;
  L->n++;
  snprintf(L->last, sizeof L->last, "%s", msg);
}

static dyad_sanctions *load_lines(const char *const *lines, size_t n) {
  dyad_sanctions *s = dyad_sanctions_new();
  diag_log L = {0, ""};
  dyad_diag dg = {log_diag, &L, 0};
  for (size_t i = 0; i < n; i++) {
    char line[600];
    snprintf(line, sizeof line, "%s", lines[i]);
    dyad_sanctions_line(s, "sanctions/test.txt", (int)i + 1, line, &dg);
  }
  CHECK_INT_EQ(L.n, 0);
  if (L.n) fprintf(stderr, "  last: %s\n", L.last);
  return s;
}

static dyad_sanctions *load_data(void) { return load_lines(DATA, sizeof DATA / sizeof *DATA); }

/* ---- events built by hand ------------------------------------------------------------------- */
typedef struct { dyad_event ev; dyad_actor src, tgt; char text[300]; } tev;

static void actor(dyad_actor *a, const char *text, const char *sent, const char *code, const char *entry) {
  memset(a, 0, sizeof *a);
  a->code = code;
  a->entry = entry;
  const char *p = strstr(sent, text);
  a->start = p ? (size_t)(p - sent) : 0;
  a->end = a->start + strlen(text);
  a->text.p = p; a->text.n = strlen(text);
}

/* An event in sentence text: source, verb, target words and codes, pattern, date. */
static void make(tev *t, const char *text, const char *src, const char *scode, const char *verb, const char *tgt,
                 const char *tcode, const char *pattern, const char *date) {
  memset(t, 0, sizeof *t);
  snprintf(t->text, sizeof t->text, "%s", text);
  t->ev.evidence.p = t->text;
  t->ev.evidence.n = strlen(t->text);
  t->ev.ev_start = 0; t->ev.ev_end = strlen(t->text);
  actor(&t->src, src, t->text, scode, "country:x");
  t->ev.source = &t->src;
  if (tgt) { actor(&t->tgt, tgt, t->text, tcode, "country:y"); t->ev.target = &t->tgt; }
  const char *v = strstr(t->text, verb);
  t->ev.verb_start = (size_t)(v - t->text);
  t->ev.verb_end = t->ev.verb_start + strlen(verb);
  t->ev.rule.pattern = pattern;
  t->ev.code = "061";
  memcpy(t->ev.root, "06", 3);
  snprintf(t->ev.date, sizeof t->ev.date, "%s", date);
}

static size_t match(const dyad_sanctions *s, tev *t, dyad_sanction *f) {
  return dyad_sanctions_match(s, &t->ev, f, DYAD_MAX_SANCTIONS);
}

static void test_kinds(const dyad_sanctions *s) {
  tev t;
  dyad_sanction f[DYAD_MAX_SANCTIONS];
  /* to: weapons supplied to the target */
  make(&t, "Russia supplied North Korea with missiles.", "Russia", "RUS", "supplied", "North Korea", "PRK", "supply $ with * &WEAPON", "2024-06-19");
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].measure, "arms-import");
  CHECK_STR_EQ(f[0].basis, "reported");
  CHECK_STR_EQ(f[0].category, "arms");
  CHECK_MEM_EQ(t.text + f[0].start, f[0].end - f[0].start, "missiles");
  CHECK_INT_EQ(f[0].line, 14);
  /* from, by a buyer (direction in) */
  make(&t, "China bought coal from North Korea.", "China", "CHN", "bought", "North Korea", "PRKGOV", "buy * &TRADE_GOODS from $", "2018-05-01");
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].measure, "coal");
  /* trap: the coal measure was lifted on 2020-01-01, and was not in force before 2016-03-02 */
  snprintf(t.ev.date, sizeof t.ev.date, "2021-01-01");
  CHECK_INT_EQ(match(s, &t, f), 0);
  snprintf(t.ev.date, sizeof t.ev.date, "2015-12-31");
  CHECK_INT_EQ(match(s, &t, f), 0);
  /* trap: arms from the target only from 2009-06-12 */
  make(&t, "North Korea sold weapons to Iran.", "North Korea", "PRK", "sold", "Iran", "IRN", "sell * &WEAPON", "2008-01-01");
  CHECK_INT_EQ(match(s, &t, f), 0);
  snprintf(t.ev.date, sizeof t.ev.date, "2010-01-01");
  CHECK_INT_EQ(match(s, &t, f), 1);
  /* trap: goods no measure covers (rice) */
  make(&t, "North Korea sold rice to China.", "North Korea", "PRK", "sold", "China", "CHN", "sell * &TRADE_GOODS", "2018-01-01");
  CHECK_INT_EQ(match(s, &t, f), 0);
  /* trap: luxury goods the target sells are not covered (the measure is on supplies to it) */
  make(&t, "North Korea sold a limousine to China.", "North Korea", "PRK", "sold", "China", "CHN", "sell * &TRADE_GOODS", "2018-01-01");
  CHECK_INT_EQ(match(s, &t, f), 0);
  /* workers sent abroad; a noun event whose goods stand before the verb ("labor exports") */
  make(&t, "The North may seek labor exports to Russia.", "The North", "PRK", "exports", "Russia", "RUS", "export to $", "2024-06-19");
  t.ev.mode.hypothetical = 1;
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].measure, "workers");
  CHECK_STR_EQ(f[0].basis, "hypothetical");
  CHECK_MEM_EQ(t.text + f[0].start, f[0].end - f[0].start, "labor");
}

static void test_basis(const dyad_sanctions *s) {
  tev t;
  dyad_sanction f[DYAD_MAX_SANCTIONS];
  make(&t, "Officials accuse North Korea of supplying Russia with artillery shells.", "North Korea", "PRK", "supplying", "Russia", "RUS",
       "supply $ with * &WEAPON", "2024-06-19");
  t.ev.stance = DYAD_STANCE_ALLEGE;
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].basis, "alleged");
  CHECK_MEM_EQ(t.text + f[0].start, f[0].end - f[0].start, "artillery shells");
  /* a denial is never a reported breach */
  t.ev.stance = DYAD_STANCE_DENY;
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].basis, "denied");
  /* a negated act is no act at all */
  t.ev.stance = DYAD_STANCE_NONE;
  t.ev.mode.negated = 1;
  CHECK_INT_EQ(match(s, &t, f), 0);
  t.ev.mode.negated = 0;
  t.ev.mode.conditional = 1;
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].basis, "hypothetical");
  /* an act that moves nothing (a meeting) flags nothing, whatever the sentence names */
  make(&t, "Russia met North Korea to discuss missiles.", "Russia", "RUS", "met", "North Korea", "PRK", "meet $", "2024-06-19");
  CHECK_INT_EQ(match(s, &t, f), 0);
}

static void test_bound_and_listed(const dyad_sanctions *s) {
  tev t;
  dyad_sanction f[DYAD_MAX_SANCTIONS];
  /* a bloc's measure binds its members only */
  make(&t, "Germany sold luxury cars to Russia.", "Germany", "DEU", "sold", "Russia", "RUS", "sell * &TRADE_GOODS", "2023-01-01");
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].regime, "t-east");
  CHECK_MEM_EQ(t.text + f[0].start, f[0].end - f[0].start, "luxury cars");
  t.src.code = "CHN";
  CHECK_INT_EQ(match(s, &t, f), 0);
  /* before the measure: nothing */
  t.src.code = "DEU";
  snprintf(t.ev.date, sizeof t.ev.date, "2022-03-14");
  CHECK_INT_EQ(match(s, &t, f), 0);
  /* a listed receiver: the luxury measure and the asset freeze */
  make(&t, "Putin presented Kim with a limousine.", "Putin", "RUSGOV", "presented", "Kim", "PRKGOV", "present $ with", "2024-06-19");
  t.tgt.entry = "person:Kim Jong Un";
  CHECK_INT_EQ(match(s, &t, f), 2);
  CHECK_STR_EQ(f[0].measure, "luxury");
  CHECK_STR_EQ(f[1].measure, "freeze");
  CHECK_STR_EQ(f[1].category, "listed");
  CHECK_MEM_EQ(t.text + f[1].start, f[1].end - f[1].start, "Kim");
  /* listed only from 2016-07-06 */
  snprintf(t.ev.date, sizeof t.ev.date, "2015-01-01");
  CHECK_INT_EQ(match(s, &t, f), 1);
  CHECK_STR_EQ(f[0].measure, "luxury");
}

/* ---- reading and checking ------------------------------------------------------------------- */
static int known(const char *code, void *ctx) {
  (void)ctx;
  static const char *const codes[] = {"PRK", "RUS", "CHN", "FRA", "DEU", "IRN"};
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
    if (!strcmp(code, codes[i])) return 1;
  return 0;
}

typedef struct { int errors, warnings; char last[600]; } rep_log;
static void on_report(int error, const char *file, int line, const char *msg, void *ctx) {
  rep_log *R = ctx;
  if (error) R->errors++; else R->warnings++;
  snprintf(R->last, sizeof R->last, "%s:%d: %s", file, line, msg);
}

static void test_bad_lines(void) {
  static const char *const bad[] = {
    "regime  x  PRK  UNSC  2006-13-01  ..  bad month",
    "measure m  to  arms  2006-10-14  ..  measure without regime",
    "regime  y  PRK  UNSC  2006-10-14  ..  ok",
    "measure m  sideways  arms  2006-10-14  ..  bad kind",
    "measure m  to  arms  2010-01-01  2009-01-01  ends before it starts",
    "measure m  to  arms  2010-01-01  ..",
    "good nosuch  thing",
    "frobnicate  x",
  };
  dyad_sanctions *s = dyad_sanctions_new();
  diag_log L = {0, ""};
  dyad_diag dg = {log_diag, &L, 0};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char line[300];
    snprintf(line, sizeof line, "%s", bad[i]);
    int before = L.n;
    dyad_sanctions_line(s, "sanctions/bad.txt", (int)i + 1, line, &dg);
    if (i == 2) CHECK_INT_EQ(L.n, before);   /* the one good line */
    else CHECK_INT_EQ(L.n, before + 1);
    if (i == 0) CHECK(strstr(L.last, "sanctions/bad.txt:1: bad start date") != NULL);
  }
  CHECK(strstr(L.last, "sanctions/bad.txt:8: unknown line kind") != NULL);
  dyad_sanctions_free(s);
}

static void test_check(void) {
  static const char *const data[] = {
    "category arms  weapons",
    "regime  z  XXX  UNSC  2010-01-01  ..  unknown target   ; bound=NOBLOC",
    "measure m  to  arms,nosuch  2009-01-01  ..  starts before its regime and names an unknown category",
    "measure f  listed any  2010-01-01  ..  freeze",
    "listed  nosuch  2010-01-01  ..  Somebody",
  };
  dyad_sanctions *s = dyad_sanctions_new();
  for (size_t i = 0; i < sizeof data / sizeof *data; i++) {
    char line[300];
    snprintf(line, sizeof line, "%s", data[i]);
    dyad_sanctions_line(s, "sanctions/check.txt", (int)i + 1, line, NULL);
  }
  rep_log R = {0, 0, ""};
  size_t errors = dyad_sanctions_check(s, known, on_report, &R);
  /* unknown target, unknown bound code, unknown category, listed under no listed measure */
  CHECK_INT_EQ(errors, 4);
  CHECK_INT_EQ(R.errors, 4);
  CHECK_INT_EQ(R.warnings, 2);   /* the measure outside its regime's dates; no as-of date */
  dyad_sanctions_free(s);
}

/* ---- the whole pipeline with the built-in data ------------------------------------------------ */
typedef struct { char flags[2048]; int events; } collected;

static int on_event(const dyad_event *ev, void *ctx) {
  collected *C = ctx;
  C->events++;
  for (int i = 0; i < ev->nsanctions; i++) {
    size_t k = strlen(C->flags);
    snprintf(C->flags + k, sizeof C->flags - k, "%s/%s/%s;", ev->sanctions[i].regime, ev->sanctions[i].measure, ev->sanctions[i].basis);
  }
  return 0;
}

static const char *code_text(dyad_coder *c, const char *text, const char *date, collected *C) {
  memset(C, 0, sizeof *C);
  dyad_docinfo info = {"t", date, NULL};
  dyad_code_document(c, &info, text, strlen(text), on_event, C);
  return C->flags;
}

static void test_pipeline(void) {
  dyad_dict *d = dyad_dict_load(NULL, NULL);
  CHECK(d != NULL);
  if (!d) return;
  dyad_sanctions_stats st;
  dyad_sanctions_get_stats(d->sanctions, &st);
  CHECK(st.regimes >= 15);
  CHECK_STR_EQ(st.as_of, "2025-09-30");
  dyad_coder *c = dyad_coder_new(d);
  collected C;
  CHECK_STR_EQ(code_text(c, "North Korea sold coal to China.", "2018-03-01", &C), "un-dprk/coal-iron/reported;");
  CHECK_STR_EQ(code_text(c, "North Korea sold coal to China.", "2015-03-01", &C), "");          /* before 2270 */
  CHECK_STR_EQ(code_text(c, "France sold rifles to Libya.", "2020-05-01", &C), "un-libya/arms-import/reported;");
  CHECK_STR_EQ(code_text(c, "France sold rifles to Eritrea.", "2015-05-01", &C), "un-eritrea/arms-import/reported;");
  CHECK_STR_EQ(code_text(c, "France sold rifles to Eritrea.", "2019-05-01", &C), "");           /* lifted 2018-11-14 */
  CHECK_STR_EQ(code_text(c, "Iran supplied Russia with drones.", "2022-10-01", &C), "un-iran/missile-items/reported;");
  CHECK_STR_EQ(code_text(c, "Iran supplied Russia with drones.", "2024-06-01", &C), "");        /* after Transition Day */
  CHECK_STR_EQ(code_text(c, "North Korea denied that it had sold weapons to Russia.", "2024-06-19", &C), "un-dprk/arms-export/denied;");
  CHECK_STR_EQ(code_text(c, "Russia did not supply North Korea with tanks.", "2024-06-19", &C), "");
  CHECK_STR_EQ(code_text(c, "North Korea may sell artillery shells to Russia.", "2024-06-19", &C), "un-dprk/arms-export/hypothetical;");
  CHECK_STR_EQ(code_text(c, "North Korea sent thousands of workers to Russia.", "2024-06-19", &C), "un-dprk/workers-abroad/reported;");
  CHECK_STR_EQ(code_text(c, "China exported seafood to Japan.", "2024-06-19", &C), "");         /* nobody sanctioned */
  CHECK_STR_EQ(code_text(c, "Germany sold luxury cars to Russia.", "2023-06-01", &C), "eu-russia/luxury-goods/reported;");
  CHECK_STR_EQ(code_text(c, "Vladimir Putin presented Kim Jong Un with a limousine.", "2024-06-19", &C), "un-dprk/luxury-goods/reported;");
  CHECK_STR_EQ(code_text(c, "Russia supplied the Houthis with missiles.", "2024-06-19", &C), "un-yemen/arms-import/reported;");
  dyad_coder_free(c);
  dyad_dict_free(d);
}

/* Goods are looked up by their first word and by a word's base form: phrases sharing a first
 * word, the longest phrase winning at a word, a plural last word, and a one-word phrase named by
 * its plural, each in file order (a measure of "any" goods reports the first one). */
static void test_goods_lookup(void) {
  static const char *const G[] = {
    "category fluid  fluid", "category part  part",
    "good fluid  heavy water | coolant", "good part  heavy | water pump | valve",
    "good fluid  heavy water reactor | valve",
    "action out  sell",
    "regime  t  PRK  UNSC  2006-10-14  ..  test",
    "measure fluids  to  fluid  2006-10-14  ..  fluids to it",
    "measure parts   to  part   2006-10-14  ..  parts to it",
    "measure all     to  any    2006-10-14  ..  anything to it",
  };
  dyad_sanctions *s = load_lines(G, sizeof G / sizeof *G);
  tev t;
  dyad_sanction f[DYAD_MAX_SANCTIONS];
  make(&t, "Russia sold heavy water reactors to North Korea.", "Russia", "RUS", "sold", "North Korea", "PRK", "sell * to $", "2024-06-19");
  CHECK_INT_EQ(match(s, &t, f), 2);   /* "heavy water reactor" beats "heavy water" and "heavy" */
  CHECK_STR_EQ(f[0].measure, "fluids");
  CHECK_STR_EQ(f[1].measure, "all");
  CHECK_MEM_EQ(t.text + f[1].start, f[1].end - f[1].start, "heavy water reactors");
  make(&t, "Russia sold heavy valves and water pumps to North Korea.", "Russia", "RUS", "sold", "North Korea", "PRK", "sell * to $", "2024-06-19");
  CHECK_INT_EQ(match(s, &t, f), 3);
  CHECK_STR_EQ(f[0].category, "fluid");    /* "heavy" alone (a part), then "valves" in both */
  CHECK_MEM_EQ(t.text + f[0].start, f[0].end - f[0].start, "valves");
  CHECK_STR_EQ(f[1].measure, "parts");
  CHECK_MEM_EQ(t.text + f[1].start, f[1].end - f[1].start, "heavy");
  CHECK_STR_EQ(f[2].measure, "all");
  CHECK_MEM_EQ(t.text + f[2].start, f[2].end - f[2].start, "heavy");
  make(&t, "Russia sold valves to North Korea.", "Russia", "RUS", "sold", "North Korea", "PRK", "sell * to $", "2024-06-19");
  CHECK_INT_EQ(match(s, &t, f), 3);
  CHECK_STR_EQ(f[0].category, "fluid");    /* "valve" is in both; measures in file order */
  CHECK_STR_EQ(f[1].category, "part");
  CHECK_STR_EQ(f[2].category, "part");     /* the first hit in file order is the part valve */
  CHECK_MEM_EQ(t.text + f[2].start, f[2].end - f[2].start, "valves");
  make(&t, "Russia sold water to North Korea.", "Russia", "RUS", "sold", "North Korea", "PRK", "sell * to $", "2024-06-19");
  CHECK_INT_EQ(match(s, &t, f), 0);        /* "water" starts phrases but is none */
  dyad_sanctions_free(s);
}

int main(void) {
  dyad_sanctions *s = load_data();
  test_kinds(s);
  test_basis(s);
  test_bound_and_listed(s);
  dyad_sanctions_free(s);
  test_goods_lookup();
  test_bad_lines();
  test_check();
  test_pipeline();
  return harness_done();
}
