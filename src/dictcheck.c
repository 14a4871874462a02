/* dictcheck.c - `dyad dict check`: whole-dictionary consistency checks with file:line reports. */
#include "dictcheck.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct { dyad_diag *diag; dyad_check_counts n; } checker;

static void report(checker *C, int error, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void report(checker *C, int error, const char *file, int line, const char *fmt, ...) {
  char msg[700];
  int k = snprintf(msg, sizeof msg, "%s:%d: %s: ", file ? file : "?", line, error ? "error" : "warning");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
  va_end(ap);
  if (error) C->n.errors++; else C->n.warnings++;
  if (C->diag) {
    C->diag->count++;
    if (C->diag->fn) C->diag->fn(msg, C->diag->ctx);
  }
}

static int date_cmp(dyad_date a, dyad_date b) {
  if (a.y != b.y) return a.y < b.y ? -1 : 1;
  if (a.m != b.m) return a.m < b.m ? -1 : 1;
  return a.d < b.d ? -1 : a.d > b.d;
}

/* [from, to) spans overlap; an open end (to.y == 0) runs forever. */
static int overlap(const dyad_role *a, const dyad_role *b) {
  int a_before_b = a->to.y && date_cmp(a->to, b->from) <= 0;
  int b_before_a = b->to.y && date_cmp(b->to, a->from) <= 0;
  return !a_before_b && !b_before_a;
}

static void check_person_roles(checker *C, const dyad_actor_entry *p) {
  for (int i = 0; i < p->nroles; i++)
    for (int j = i + 1; j < p->nroles; j++)
      if (overlap(&p->roles[i], &p->roles[j]))
        report(C, 1, p->file, p->line, "%s holds overlapping roles %s and %s: end one before the next starts", p->name,
               p->roles[i].text, p->roles[j].text);
  if (p->nroles == 0 && !p->country) report(C, 0, p->file, p->line, "%s has no role and no country=", p->name);
}

static int same_office(const dyad_role *a, const dyad_role *b) {
  return a->title && b->title && strcmp(a->code, b->code) == 0 && strcasecmp(a->title, b->title) == 0;
}

/* An office held "until now" by one person while another took the same office later. */
static void check_open_offices(checker *C, const dyad_dict *d) {
  for (size_t i = 0; i < d->nactors; i++) {
    const dyad_actor_entry *p = &d->actors[i];
    if (p->kind != DYAD_AK_PERSON) continue;
    for (int r = 0; r < p->nroles; r++) {
      const dyad_role *open = &p->roles[r];
      if (open->to.y) continue;
      for (size_t j = 0; j < d->nactors; j++) {
        const dyad_actor_entry *q = &d->actors[j];
        if (q->kind != DYAD_AK_PERSON || q == p) continue;
        for (int s = 0; s < q->nroles; s++)
          if (same_office(open, &q->roles[s]) && date_cmp(q->roles[s].from, open->from) > 0)
            report(C, 1, p->file, p->line, "%s is still listed as %s (%s) though %s took that office on %04d-%02d-%02d: close the role",
                   p->name, open->title, open->code, q->name, q->roles[s].from.y, q->roles[s].from.m, q->roles[s].from.d);
      }
    }
  }
}

static int known_prefix(const dyad_dict *d, const char *code) {
  if (!code || strlen(code) < 3) return 0;
  for (size_t i = 0; i < d->nactors; i++) {
    const dyad_actor_entry *a = &d->actors[i];
    if (a->kind == DYAD_AK_PERSON || a->kind == DYAD_AK_AGENT || !a->code) continue;
    if (strncmp(a->code, code, 3) == 0) return 1;
  }
  return 0;
}

static void check_codes(checker *C, const dyad_dict *d) {
  for (size_t i = 0; i < d->nactors; i++) {
    const dyad_actor_entry *a = &d->actors[i];
    if (a->kind == DYAD_AK_PERSON) {
      if (a->country && !known_prefix(d, a->country))
        report(C, 1, a->file, a->line, "%s: country=%s names no country, IGO or group in the dictionary", a->name, a->country);
      for (int r = 0; r < a->nroles; r++)
        if (!known_prefix(d, a->roles[r].code))
          report(C, 1, a->file, a->line, "%s: role code %s starts with no known country, IGO or group", a->name, a->roles[r].code);
    }
  }
}

/* Agent codes stack onto actor codes three letters at a time ("ARN" + "GOVFRM"): a code of 4 or
 * 5 letters leaves a part that does not line up, and a code that begins with a country's code
 * would read as a second country ("NTH" + "FRA..."). */
static void check_agents(checker *C, const dyad_dict *d) {
  for (size_t i = 0; i < d->nactors; i++) {
    const dyad_actor_entry *a = &d->actors[i];
    if (a->kind != DYAD_AK_AGENT) continue;
    if (strlen(a->code) % 3)
      report(C, 0, a->file, a->line, "agent code %s is %zu letters: codes are read in three-letter parts, use 3 or 6",
             a->code, strlen(a->code));
    for (size_t j = 0; j < d->nactors; j++) {
      const dyad_actor_entry *c = &d->actors[j];
      if (c->kind != DYAD_AK_COUNTRY || !c->code || strlen(c->code) != 3 || strncmp(c->code, a->code, 3) != 0) continue;
      report(C, 0, a->file, a->line, "agent code %s begins with the country code %s (%s:%d): stacked onto an actor it reads as that country",
             a->code, c->code, c->file, c->line);
      break;
    }
  }
}

/* Phrases ending at the same trie node name the same words: two different codes there is an
 * ambiguity the coder resolves only by kind rank, so the dictionary should say which. */
static void check_aliases(checker *C, const dyad_dict *d) {
  for (size_t node = 1; node < d->nnodes; node++) {
    int32_t first = d->node_first[node];
    if (first < 0) continue;
    for (int32_t p = first; p >= 0; p = d->phrases[p].next) {
      const dyad_actor_entry *a = &d->actors[d->phrases[p].entry];
      for (int32_t q = d->phrases[p].next; q >= 0; q = d->phrases[q].next) {
        const dyad_actor_entry *b = &d->actors[d->phrases[q].entry];
        if (a == b || a->kind == DYAD_AK_CONTEXT || b->kind == DYAD_AK_CONTEXT) continue;
        if (d->phrases[p].exact_case != d->phrases[q].exact_case) continue;   /* "US" vs "us" */
        const char *ca = a->kind == DYAD_AK_PERSON ? (a->country ? a->country : "") : a->code;
        const char *cb = b->kind == DYAD_AK_PERSON ? (b->country ? b->country : "") : b->code;
        if (a->kind == DYAD_AK_AGENT && b->kind == DYAD_AK_AGENT && strcmp(ca, cb) == 0) continue;
        if (strncmp(ca, cb, 3) == 0 && a->kind != DYAD_AK_AGENT && b->kind != DYAD_AK_AGENT) continue;
        int a_later = strcmp(a->file, b->file) > 0 || (!strcmp(a->file, b->file) && a->line > b->line);
        const dyad_actor_entry *later = a_later ? a : b, *earlier = a_later ? b : a;
        report(C, 1, later->file, later->line, "the same words name %s (%s:%d) and %s: keep one, or make one a context entry",
               earlier->id, earlier->file, earlier->line, later->id);
      }
    }
  }
}

/* ---- the sanctions data (sanctions.c checks it; codes are judged here) ---------------------- */
typedef struct { checker *C; const dyad_dict *d; } sanctions_ctx;

/* A code some actor's code starts with: "PRK", "IGOEUR", "SDNREB" (armed groups in Sudan). */
static int code_known(const char *code, void *ctx) {
  const sanctions_ctx *X = ctx;
  size_t n = strlen(code);
  for (size_t i = 0; i < X->d->nactors; i++) {
    const dyad_actor_entry *a = &X->d->actors[i];
    if (a->kind != DYAD_AK_PERSON && a->kind != DYAD_AK_AGENT && a->code && strncmp(a->code, code, n) == 0) return 1;
  }
  return 0;
}

static void sanctions_finding(int error, const char *file, int line, const char *msg, void *ctx) {
  report(((sanctions_ctx *)ctx)->C, error, file, line, "%s", msg);
}

dyad_check_counts dyad_dict_check(const dyad_dict *d, dyad_diag *diag) {
  checker C = {diag, {0, 0}};
  for (size_t i = 0; i < d->nactors; i++)
    if (d->actors[i].kind == DYAD_AK_PERSON) check_person_roles(&C, &d->actors[i]);
  check_open_offices(&C, d);
  check_codes(&C, d);
  check_agents(&C, d);
  check_aliases(&C, d);
  sanctions_ctx X = {&C, d};
  dyad_sanctions_check(d->sanctions, code_known, sanctions_finding, &X);
  return C.n;
}
