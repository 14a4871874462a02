/* test_petrarch.c - the TABARI/PETRARCH dictionary reader: each syntax element of actors, agents,
 * verbs and discards converts to our format (or is reported), and a converted dictionary codes a
 * sentence through the public API. Fixtures are small invented dictionaries written here. */
#include "harness.h"
#include "petrarch.h"
#include "normalize.h"
#include <stdlib.h>

static const char actors_fix[] =
  "<!-- a comment block\n"
  "   spanning lines # with a hash -->\n"
  "NORTHLAND_  [NTH] # trailing comment\n"
  "+NORTHLANDER\n"
  "+THE_NORTH_KINGDOM\n"
  "southland [stl]\n"
  "RIVER_PEOPLE [RIV/STL]\n"
  "KING_ALDO_\n"
  "\t[NTH < 950601]\n"
  "\t[NTHGOV 19950601 - 19990815]\n"
  "\t[NTHELI >990815]\n"
  "QUEEN_BERA [NTHGOV 000101-291231] [ELI]\n"
  "NOBODY [---]\n"
  "ORPHAN_SYNONYM_CHECK\n"
  "BADDATE [NTH 951301-960101]\n"
  "US [USA]\n";

static const char agents_fix[] =
  "!PERSON! = MAN, MEN\n"
  "POLICE {} [~COP]\n"
  "MINISTRY [~GOV]\n"
  "FERRY [~BUS]\n"
  "CHAIR!PERSON! [~GOV]\n"
  "GOOSE {GEESE} [~GGS]\n"
  "FOREIGN_MINISTER [~GOVFRM]\n"
  "AID_GROUP [NGO~]\n"
  "SPACE_AGENCY [~GOVSPCX]\n";

static const char verbs_fix[] =
  "&MONEY\n"
  "+DOLLARS\n"
  "+GOLD_COINS\n"
  "&MORE_\n"
  "+&MONEY\n"
  "+EUROS\n"
  "--- RESTORE  [064] ---\n"
  "RESTORE\n"
  "+RENEW [065]\n"
  "- * DIPLOMATIC_TIES [901]\n"
  "- * FULL TIES  [902]\n"
  "- * &MONEY [903]\n"
  "- + * AID TO $ [904]\n"
  "- SAID * [905]\n"
  "- * TALKS [031:032]\n"
  "- * NOTHING [---]\n"
  "- * MEMOS FROM [911]\n"
  "--- GIVE_UP [---] ---\n"
  "GIVE_UP {GAVE_UP}\n"
  "- * &MORE [071]\n"
  "--- LEFT [032:033] ---\n"
  "LEFT\n"
  "WIRE_+TAP [1711]\n"
  "- * EID AT ^ WITH + [043]\n"
  "- + NOW * ABOUT [044]\n"
  "- * FROM $ TO % [0311]\n";

static const char *find_file(const dyad_petrarch_conv *c, const char *path) {
  for (size_t i = 0; i < c->nfiles; i++)
    if (strcmp(c->files[i].path, path) == 0) return c->files[i].data;
  return "";
}

static int has(const char *hay, const char *needle) {
  int ok = strstr(hay, needle) != NULL;
  if (!ok) fprintf(stderr, "  missing: %s\n", needle);
  return ok;
}

static void test_dates(void) {
  dyad_date d;
  CHECK_INT_EQ(dyad_petrarch_date("950601", 6, &d), 0);
  CHECK(d.y == 1995 && d.m == 6 && d.d == 1);
  CHECK_INT_EQ(dyad_petrarch_date("291231", 6, &d), 0);
  CHECK_INT_EQ(d.y, 2029);
  CHECK_INT_EQ(dyad_petrarch_date("300101", 6, &d), 0);
  CHECK_INT_EQ(d.y, 1930);
  CHECK_INT_EQ(dyad_petrarch_date("19270101", 8, &d), 0);
  CHECK_INT_EQ(d.y, 1927);
  CHECK_INT_EQ(dyad_petrarch_date("951301", 6, &d), -1);
  CHECK_INT_EQ(dyad_petrarch_date("2004017", 7, &d), -1);
  CHECK_INT_EQ(dyad_petrarch_date("20230229", 8, &d), -1);
  CHECK_INT_EQ(dyad_petrarch_date("20240229", 8, &d), 0);
}

static void test_actors(dyad_petrarch_conv *c) {
  const char *a = find_file(c, "actors/fix.actors.txt");
  CHECK(has(a, "country  NTH  northland | northlander | the north kingdom    # fix.actors.txt:3"));
  CHECK(has(a, "country  STL  southland"));
  CHECK(has(a, "pair     RIV,STL  river people"));
  CHECK(has(a, "person   king aldo    # fix.actors.txt:8"));
  /* reversed so the first PETRARCH code that covers a date wins; TO is exclusive */
  CHECK(has(a, "role     NTHELI 1999-08-16 ..\nrole     NTHGOV 1995-06-01 1999-08-16\nrole     NTH 1000-01-01 1995-06-01\n"));
  CHECK(has(a, "person   queen bera ; country=ELI"));
  CHECK(has(a, "role     NTHGOV 2000-01-01 2030-01-01"));
  CHECK(has(a, "country  USA  US "));
  CHECK(!strstr(a, "nobody"));
  CHECK(!strstr(a, "a comment block"));
  const char *r = c->report.p;
  CHECK(has(r, "fix.actors.txt:13: not carried over: code [---]"));
  CHECK(has(r, "fix.actors.txt:14: not carried over: entry without a code"));
  CHECK(has(r, "fix.actors.txt:15: not carried over: bad date"));
}

static void test_agents(dyad_petrarch_conv *c) {
  const char *g = find_file(c, "agents.txt");
  CHECK(has(g, "agent    COP  police    #"));
  CHECK(has(g, "agent    GOV  ministry | ministries"));
  CHECK(has(g, "agent    BUS  ferry | ferries"));
  CHECK(has(g, "agent    GOV  chairman | chairmen"));
  CHECK(has(g, "agent    GGS  goose | geese"));
  /* codes of 3 to 6 letters are carried whole; a code that goes before the country says so */
  CHECK(has(g, "agent    GOVFRM  foreign minister | foreign ministers    #"));
  CHECK(has(g, "agent    NGO  aid group | aid groups  ; prefix=1    # fix.agents.txt:8"));
  CHECK(!strstr(c->report.p, "fix.agents.txt:7:"));
  CHECK(!strstr(c->report.p, "fix.agents.txt:8:"));
  CHECK(has(c->report.p, "fix.agents.txt:9: not carried over: agent code [~GOVSPCX] is not 3 to 6 letters"));
  CHECK(!strstr(g, "space agency"));
}

static void test_verbs(dyad_petrarch_conv *c) {
  const char *v = find_file(c, "verbs/fix.verbs.txt");
  CHECK(has(v, "set MONEY = dollars    #"));
  CHECK(has(v, "set MORE = dollars | euros    #"));
  CHECK(has(v, "verb 064 restore    # fix.verbs.txt:8"));
  CHECK(has(v, "verb 065 renew    # fix.verbs.txt:9"));
  CHECK(has(v, "verb 901 restore * diplomatic ties    #"));
  CHECK(has(v, "verb 901 renew * diplomatic ties    #"));
  CHECK(has(v, "verb 902 restore * full * ties    #"));
  CHECK(has(v, "verb 903 restore * &MONEY    #"));
  CHECK(has(v, "verb 903 restore * gold coins    #"));   /* multi-word member: its own pattern */
  /* PETRARCH's '$' is the source and '+' the target: "- + * AID TO $" names the source after "to"
     (our `@`), and the subject is the target */
  CHECK(has(v, "verb 904 restore * aid * to * @    #"));
  CHECK(has(v, "verb 043 leave * eid * at * ^ * with * $ ; form left    # fix.verbs.txt:24"));
  CHECK(has(v, "verb 0311 leave * from * @ * to * $ ; form left    # fix.verbs.txt:26"));
  CHECK(has(c->report.p, "fix.verbs.txt:25: not carried over: a target ('+') before the verb with no source"));
  CHECK(has(v, "verb 031 restore * talks ; reverse 032    #"));   /* [031:032]: the target answers 032 */
  /* a final preposition names the target: the `$` variant first, the plain one as fallback */
  CHECK(has(v, "verb 911 restore * memos * from $    # fix.verbs.txt:17\nverb 911 restore * memos * from    # fix.verbs.txt:17\n"));
  CHECK(has(v, "verb 071 give up * &MORE    #"));
  CHECK(has(v, "verb 071 give up * gold coins    #"));
  CHECK(has(v, "verb 905 restore ; before said *    # fix.verbs.txt:14"));   /* words before the verb */
  CHECK(!strstr(v, "nothing"));
  CHECK(!strstr(v, "verb --- give"));
  CHECK(has(v, "verb 032 leave ; form left ; reverse 033    #"));   /* written inflected: that form only */
  CHECK(has(v, "verb 1711 tap ; before wire    #"));   /* the word before '+' stands before the verb */
  const char *r = c->report.p;
  CHECK(!strstr(r, "fix.verbs.txt:14:"));
  CHECK(!strstr(r, "fix.verbs.txt:15:"));
  CHECK(has(r, "fix.verbs.txt:16: not carried over: pattern with a control code"));
}

static void test_discards(dyad_petrarch_conv *c) {
  const char *d = "MONTHS LATER\n+Football Cup # sports\n";
  CHECK_INT_EQ(dyad_petrarch_convert_text(c, DYAD_PETR_DISCARDS, "fix.discards.txt", d, strlen(d)), DYAD_OK);
  CHECK_INT_EQ(c->ndiscards, 2);
  const char *s1 = "Northland attacked, months later.";
  CHECK_INT_EQ(dyad_petrarch_discarded(c, s1, strlen(s1)), 1);
  const char *s2 = "The FOOTBALL cup was held.";
  CHECK_INT_EQ(dyad_petrarch_discarded(c, s2, strlen(s2)), 1);
  const char *s3 = "Northland attacked Southland months ago.";
  CHECK_INT_EQ(dyad_petrarch_discarded(c, s3, strlen(s3)), 0);
}

typedef struct { char got[8][64]; int n; } events;

static int grab(const dyad_event *ev, void *ctx) {
  events *e = ctx;
  if (e->n < 8)
    snprintf(e->got[e->n++], 64, "%s %s %s", ev->source ? ev->source->code : "-", ev->target ? ev->target->code : "-", ev->code);
  return 0;
}

static void code_one(dyad_coder *cd, const char *date, const char *s, events *e) {
  size_t n = 0;
  char *t = dyad_normalize(s, strlen(s), &n, NULL);
  dyad_docinfo info = {"t", date, NULL};
  e->n = 0;
  CHECK_INT_EQ(dyad_code_document(cd, &info, t, n, grab, e), DYAD_OK);
  free(t);
}

static void test_coding(dyad_petrarch_conv *c) {
  dyad_dict *d = dyad_petrarch_dict(c, NULL);
  CHECK(d != NULL);
  if (!d) return;
  dyad_coder *cd = dyad_coder_new(d);
  events e;
  code_one(cd, "1995-01-01", "Northland restored diplomatic ties with Southland.", &e);
  CHECK_INT_EQ(e.n, 1);
  CHECK_STR_EQ(e.got[0], "NTH STL 901");
  code_one(cd, "1997-03-01", "King Aldo restored diplomatic ties with Southland.", &e);
  CHECK(e.n == 1 && !strcmp(e.got[0], "NTHGOV STL 901"));
  code_one(cd, "1994-03-01", "King Aldo restored diplomatic ties with Southland.", &e);
  CHECK(e.n == 1 && !strcmp(e.got[0], "NTH STL 901"));
  code_one(cd, "2001-03-01", "King Aldo restored diplomatic ties with Southland.", &e);
  CHECK(e.n == 1 && !strcmp(e.got[0], "NTHELI STL 901"));
  code_one(cd, "1995-01-01", "Northland police restored full diplomatic ties with Southland.", &e);
  CHECK(e.n == 1 && !strcmp(e.got[0], "NTHCOP STL 901"));
  /* PETRARCH's conventions: police alone are the null country's, and events need no target */
  code_one(cd, "1995-01-01", "The police restored full diplomatic ties with Southland.", &e);
  CHECK(e.n == 1 && !strcmp(e.got[0], "---COP STL 901"));
  code_one(cd, "1995-01-01", "Northland left.", &e);
  CHECK(e.n == 1 && !strcmp(e.got[0], "NTH - 032"));
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  CHECK_INT_EQ(st.people, 2);
  CHECK(st.codes > 300);   /* the embedded CAMEO table came along */
  dyad_coder_free(cd);
  dyad_dict_free(d);
}

static void test_hostile(void) {
  dyad_petrarch_conv c;
  dyad_petrarch_conv_init(&c);
  static const char junk[] = "[\n+\n- * [\n---\n&\n+&&&\n- * &NOPE [010]\n<!-- never closed\n\xff\xfe [X\n";
  for (int k = 0; k < DYAD_PETR_NKINDS; k++) CHECK_INT_EQ(dyad_petrarch_convert_text(&c, k, "junk.txt", junk, sizeof junk - 1), DYAD_OK);
  CHECK_INT_EQ(dyad_petrarch_convert_text(&c, 9, "junk.txt", junk, 3), DYAD_EUSAGE);
  CHECK_INT_EQ(dyad_petrarch_convert_text(&c, DYAD_PETR_VERBS, "empty.txt", "", 0), DYAD_OK);
  char *big = malloc(20000);
  memset(big, 'A', 20000);
  CHECK_INT_EQ(dyad_petrarch_convert_text(&c, DYAD_PETR_ACTORS, "big.txt", big, 20000), DYAD_OK);
  free(big);
  CHECK(c.nreport > 3);
  dyad_petrarch_conv_free(&c);
}

int main(void) {
  test_dates();
  dyad_petrarch_conv c;
  dyad_petrarch_conv_init(&c);
  CHECK_INT_EQ(dyad_petrarch_convert_text(&c, DYAD_PETR_ACTORS, "fix.actors.txt", actors_fix, sizeof actors_fix - 1), DYAD_OK);
  CHECK_INT_EQ(dyad_petrarch_convert_text(&c, DYAD_PETR_AGENTS, "fix.agents.txt", agents_fix, sizeof agents_fix - 1), DYAD_OK);
  CHECK_INT_EQ(dyad_petrarch_convert_text(&c, DYAD_PETR_VERBS, "fix.verbs.txt", verbs_fix, sizeof verbs_fix - 1), DYAD_OK);
  test_actors(&c);
  test_agents(&c);
  test_verbs(&c);
  test_discards(&c);
  test_coding(&c);
  dyad_petrarch_conv_free(&c);
  test_hostile();
  return harness_done();
}
