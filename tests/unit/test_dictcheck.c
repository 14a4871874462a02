/* test_dictcheck.c - `dyad dict check`: each class of finding is reported with file:line, and the
 * built-in dictionary is clean. */
#include "harness.h"
#include "dictcheck.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static char msgs[4096];
static void on_diag(const char *msg, void *ctx) {
  (void)ctx;
  strncat(msgs, msg, sizeof msgs - strlen(msgs) - 2);
  strcat(msgs, "\n");
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
  if (d) {
    dyad_check_counts n = dyad_dict_check(d, &dg);
    CHECK_INT_EQ(n.errors, 0);
    if (n.errors) fprintf(stderr, "%s", msgs);
    dyad_dict_free(d);
  }

  char dir[] = "/tmp/dyad-check-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[300];
  snprintf(path, sizeof path, "%s/actors", dir); mkdir(path, 0700);
  snprintf(path, sizeof path, "%s/verbs", dir); mkdir(path, 0700);
  snprintf(path, sizeof path, "%s/cameo.tsv", dir);
  write_file(path, "057\t05\t1\t8.0\tAGREE\tagreement signed\n");
  snprintf(path, sizeof path, "%s/verbs/v.txt", dir);
  write_file(path, "verb 057 sign\n");
  snprintf(path, sizeof path, "%s/actors/a.txt", dir);
  write_file(path,
             "country FRA France\n"                                    /* 1 */
             "country XYZ Ruritania | France\n"                        /* 2: alias collision */
             "person Ann Old ; country=FRA\n"                          /* 3 */
             "role FRAGOV 2000-01-01 .. President\n"                   /* 4: left open */
             "person Bob New ; country=FRA\n"                          /* 5 */
             "role FRAGOV 2010-01-01 .. President\n"                   /* 6 */
             "person Cy Twice ; country=FRA\n"                         /* 7 */
             "role FRAGOV 2001-01-01 2005-01-01 Minister\n"
             "role FRAGOV 2004-01-01 2006-01-01 Envoy\n"               /* overlaps */
             "person Di Nowhere ; country=QQQ\n"                       /* 10: unknown code */
             "role QQQGOV 2001-01-01 2005-01-01 Minister\n");
  snprintf(path, sizeof path, "%s/agents.txt", dir);
  write_file(path, "agent GOVFRM foreign minister\n"                       /* 1: fine */
                   "agent GOVF   odd official\n"                          /* 2: four letters */
                   "agent FRAMIL french legion\n");                      /* 3: reads as France */
  msgs[0] = 0;
  dg.count = 0;
  d = dyad_dict_load(dir, &dg);
  CHECK(d != NULL);
  if (d) {
    dyad_check_counts n = dyad_dict_check(d, &dg);
    CHECK_INT_EQ(n.errors, 5);
    CHECK_INT_EQ(n.warnings, 2);
    CHECK(strstr(msgs, "agents.txt:2: warning: agent code GOVF is 4 letters") != NULL);
    CHECK(strstr(msgs, "agents.txt:3: warning: agent code FRAMIL begins with the country code FRA (actors/a.txt:1)") != NULL);
    CHECK(strstr(msgs, "agents.txt:1:") == NULL);
    CHECK(strstr(msgs, "a.txt:2: error: the same words name") != NULL);
    CHECK(strstr(msgs, "a.txt:3: error: Ann Old is still listed as President") != NULL);
    CHECK(strstr(msgs, "a.txt:7: error: Cy Twice holds overlapping roles") != NULL);
    CHECK(strstr(msgs, "a.txt:10: error: Di Nowhere: country=QQQ") != NULL);
    CHECK(strstr(msgs, "role code QQQGOV") != NULL);
    dyad_dict_free(d);
  }
  fprintf(stderr, "%s", msgs);
  return harness_done();
}
