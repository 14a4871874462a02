/* test_dict.c - dictionary loading: the embedded set loads with every kind of entry; a directory
 * with broken lines reports each as FILE:LINE and still loads the good ones. */
#include "harness.h"
#include "dict.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char last_msg[600], all_msgs[4096];
static void on_diag(const char *msg, void *ctx) {
  (void)ctx;
  snprintf(last_msg, sizeof last_msg, "%s", msg);
  size_t k = strlen(all_msgs);
  snprintf(all_msgs + k, sizeof all_msgs - k, "%s\n", msg);
  fprintf(stderr, "  (diag) %s\n", msg);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) { perror(path); exit(1); }
  fputs(text, f);
  fclose(f);
}

int main(void) {
  dyad_diag dg = {on_diag, NULL, 0};
  dyad_dict *d = dyad_dict_load(NULL, &dg);
  CHECK(d != NULL);
  if (!d) return harness_done();
  CHECK_INT_EQ(dg.count, 0);
  dyad_dict_stats st;
  dyad_dict_get_stats(d, &st);
  CHECK(st.actors > 250);
  CHECK(st.patterns > 1000);
  CHECK_INT_EQ(st.codes, 311);
  const dyad_cameo *c = dyad_dict_cameo(d, "057");
  CHECK(c != NULL);
  if (c) { CHECK_STR_EQ(c->root, "05"); CHECK_INT_EQ(c->quad, 1); CHECK(c->goldstein > 7.9 && c->goldstein < 8.1); }
  CHECK(dyad_dict_cameo(d, "999") == NULL);
  /* "north korea" is a two-word path in the trie */
  int32_t w1 = dyad_dict_word(d, "north", 5), w2 = dyad_dict_word(d, "korea", 5);
  CHECK(w1 >= 0 && w2 >= 0);
  int32_t node = dyad_dict_step(d, dyad_dict_step(d, 0, w1), w2);
  CHECK(node > 0 && d->node_first[node] >= 0);
  dyad_dict_free(d);

  /* a directory with good and broken lines */
  char dir[] = "/tmp/dyad-dict-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[256];
  snprintf(path, sizeof path, "%s/actors", dir); mkdir(path, 0700);
  snprintf(path, sizeof path, "%s/verbs", dir); mkdir(path, 0700);
  snprintf(path, sizeof path, "%s/cameo.tsv", dir);
  write_file(path, "code\troot\tquad\tgoldstein\tplover\tlabel\n057\t05\t1\t8.0\tAGREE\tagreement signed\n"
                   "112\t11\t3\t-2.0\tDISAPPROVE\taccused\nbroken line\n");
  snprintf(path, sizeof path, "%s/actors/a.txt", dir);
  write_file(path, "country FRA France | French Republic\nadj FRA French\ncountry fr lowercase code\n"
                   "person Jane Roe ; country=FRA\nrole FRAGOV 2020-01-01 2019-01-01\nrole FRAGOV 2020-01-01 ..\n"
                   "planet XYZ Mars\n");
  snprintf(path, sizeof path, "%s/verbs/v.txt", dir);
  write_file(path, "set AGR = agreement | pact\nverb 057 sign * &AGR\nverb 999 sign\nverb 057 sign &NOPE\n"
                   "verb 112 accuse $ of\n");
  dg.count = 0;
  d = dyad_dict_load(dir, &dg);
  CHECK(d != NULL);
  CHECK_INT_EQ(dg.count, 6);
  if (d) {
    dyad_dict_get_stats(d, &st);
    CHECK_INT_EQ(st.patterns, 2);
    CHECK_INT_EQ(st.people, 1);
    CHECK_INT_EQ(st.roles, 1);
    CHECK_STR_EQ(st.as_of, "2020-01-01");
    const dyad_actor_entry *p = NULL;
    for (size_t i = 0; i < d->nactors; i++) if (d->actors[i].kind == DYAD_AK_PERSON) p = &d->actors[i];
    CHECK(p != NULL);
    if (p) {
      CHECK_STR_EQ(p->id, "person:Jane Roe");
      CHECK(dyad_person_role(p, (dyad_date){2021, 5, 1}) != NULL);
      CHECK(dyad_person_role(p, (dyad_date){2019, 5, 1}) == NULL);
    }
    dyad_dict_free(d);
  }
  CHECK(strstr(last_msg, "v.txt:4:") != NULL);

  /* agent codes of 3 to 6 letters; prefix=1 puts the code before the country */
  static const char agents[] =
    "agent GOVFRM foreign minister | foreign ministers\n"
    "agent NGO    relief charity ; prefix=1\n"
    "agent MIL    soldiers ; prefix=0\n"
    "agent GOVFRMX too long\n"
    "agent GO     too short\n"
    "agent NGO    aid body ; prefix=yes\n";
  static const char verbs[] = "verb 010 say\n";
  dyad_dict_text at[] = {{"agents.txt", agents, sizeof agents - 1}, {"verbs/v.txt", verbs, sizeof verbs - 1}};
  dg.count = 0;
  all_msgs[0] = 0;
  d = dyad_dict_load_texts(at, 2, DYAD_DICT_ANY_CODE, &dg);
  CHECK(d != NULL);
  CHECK_INT_EQ(dg.count, 3);
  CHECK(strstr(all_msgs, "agents.txt:4: bad code \"GOVFRMX\"") != NULL);
  CHECK(strstr(all_msgs, "agents.txt:5: bad code \"GO\"") != NULL);
  CHECK(strstr(all_msgs, "agents.txt:6: bad prefix=yes") != NULL);
  if (d) {
    CHECK_INT_EQ(d->nactors, 3);
    if (d->nactors == 3) {
      CHECK_STR_EQ(d->actors[0].code, "GOVFRM");
      CHECK_INT_EQ(d->actors[0].prefix, 0);
      CHECK_STR_EQ(d->actors[1].code, "NGO");
      CHECK_INT_EQ(d->actors[1].prefix, 1);
      CHECK_INT_EQ(d->actors[2].prefix, 0);
    }
    dyad_dict_free(d);
  }

  /* an empty directory is no dictionary */
  char empty[] = "/tmp/dyad-empty-XXXXXX";
  CHECK(mkdtemp(empty) != NULL);
  dg.count = 0;
  CHECK(dyad_dict_load(empty, &dg) == NULL);
  CHECK(dg.count >= 1);
  return harness_done();
}
