/* claims.c - claims (who alleges, denies or confirms what) and commitments (who pledged or agreed
 * what with whom) built from a document's stored events; see claims.h and docs/store.md. */
#include "alloc.h"
#include "claims.h"
#include "claimix.h"
#include "dyad.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { long long id; char actor3[4], target3[4]; } claim_ref;   /* a claim and its parties */
typedef struct { claim_ref claim; int sent; } allegation;
typedef struct { allegation a[DYAD_CLAIM_DOC_MAX]; size_t n; } doc_memory;
/* The writer's store and its in-memory index (NULL: look up in SQL), dropped when it fails. */
typedef struct { dyad_store *s; dyad_claimix **x; } cctx;

static void drop_index(cctx *k) {
  dyad_claimix_free(*k->x);
  *k->x = NULL;
}

static const char *stance_word(int st) {
  return st == DYAD_STANCE_ALLEGE ? "allege" : st == DYAD_STANCE_DENY ? "deny" : st == DYAD_STANCE_CONFIRM ? "confirm" : NULL;
}
static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* The stored claim (actor3, action, target3): its id, 0 when there is none, -1 on error. */
static long long find_claim(cctx *k, const char *actor3, const char *action, const char *target3) {
  static const char find[] = "SELECT id FROM claims WHERE actor3=? AND action=? AND target3=?";
  if (*k->x) return dyad_claimix_claim(*k->x, actor3, action, target3);
  dyad_stmt *st = dyad_store_stmt(k->s, find);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, actor3, -1);
  dyad_db_bind_text(st, 2, action, -1);
  dyad_db_bind_text(st, 3, target3, -1);
  int rc = dyad_db_step(st);
  long long id = rc == DYAD_DB_ROW ? dyad_db_column_int64(st, 0) : rc == DYAD_DB_DONE ? 0 : -1;
  dyad_db_reset(st);
  return id;
}

/* The claim id for (actor3, action, target3), created from event r when new; -1 on error. */
static long long claim_id0(cctx *k, const char *actor3, const char *action, const char *target3, const dyad_srec *r) {
  static const char add[] = "INSERT INTO claims(actor3,action,target3,code,verb,first_event,date,label,id) VALUES(?,?,?,?,?,?,?,?,?)";
  dyad_store *s = k->s;
  long long id = find_claim(k, actor3, action, target3);
  if (id) return id;
  dyad_stmt *st = dyad_store_stmt(s, add);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, actor3, -1);
  dyad_db_bind_text(st, 2, action, -1);
  dyad_db_bind_text(st, 3, target3, -1);
  dyad_db_bind_text(st, 4, r->code, -1);
  if (r->verb) dyad_db_bind_text(st, 5, r->verb, -1);
  dyad_db_bind_int64(st, 6, r->rowid);
  dyad_db_bind_text(st, 7, r->date, -1);
  if (r->label) dyad_db_bind_text(st, 8, r->label, -1);
  id = dyad_store_insert_new(s, st, DYAD_ID_CLAIMS, 9);
  if (id > 0 && *k->x && dyad_claimix_add_claim(*k->x, actor3, action, target3, id) != 0) drop_index(k);
  return id;
}

/* claim_id0 as a reference that also carries the proposition's parties. */
static claim_ref claim_id(cctx *k, const char *actor3, const char *action, const char *target3, const dyad_srec *r) {
  claim_ref c;
  c.id = claim_id0(k, actor3, action, target3, r);
  snprintf(c.actor3, sizeof c.actor3, "%s", actor3);
  snprintf(c.target3, sizeof c.target3, "%s", target3);
  return c;
}

/* Records that claimant (code, may be NULL) took stance on claim c, evidenced by event r. Each
 * (claim, event, claimant, stance) is recorded once: callers skip repeats (only an accusation's
 * alleged acts can repeat one), so the rows can be sent in bulk. */
static int add_stance(cctx *k, const claim_ref *c, const char *claimant, const char *stance, const char *via,
                      const dyad_srec *r, long long doc) {
  static const char sql[] =
    "INSERT INTO claim_stances(claim,claimant,claimant3,stance,via,date,event,doc,party_a,party_b) "
    "VALUES(?,?,?,?,?,?,?,?,?,?)";
  dyad_store *s = k->s;
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return dyad_db_errcode(dyad_store_db(s));
  char c3[4] = "";
  if (claimant) { strncpy(c3, claimant, 3); c3[3] = 0; }
  dyad_db_bind_int64(st, 1, c->id);
  if (claimant) dyad_db_bind_text(st, 2, claimant, -1);
  dyad_db_bind_text(st, 3, c3, -1);
  dyad_db_bind_text(st, 4, stance, -1);
  dyad_db_bind_text(st, 5, via, -1);
  dyad_db_bind_text(st, 6, r->date, -1);
  dyad_db_bind_int64(st, 7, r->rowid);
  dyad_db_bind_int64(st, 8, doc);
  dyad_db_bind_text(st, 9, c->actor3, -1);
  dyad_db_bind_text(st, 10, c->target3, -1);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  if (rc == DYAD_DB_DONE && *k->x && !strcmp(stance, "allege")) dyad_claimix_note_allegation(*k->x, c->id, c->actor3, c->target3, r->date);
  return rc == DYAD_DB_DONE ? DYAD_DB_OK : rc;
}

static void remember(doc_memory *m, const claim_ref *c, const dyad_srec *act) {
  if (m->n == DYAD_CLAIM_DOC_MAX) return;
  m->a[m->n].claim = *c;
  m->a[m->n++].sent = act->sent;
}

/* 1 when x is an act alleged by accusation e: an allegation in its sentence by the accused. */
static int alleged_act(const dyad_srec *e, const dyad_srec *x) {
  return x->sent == e->sent && x->stance == DYAD_STANCE_ALLEGE && !strcmp(x->src3, e->tgt3) && !starts(x->code, "112");
}

/* An accusation (112x): the allegations in its sentence whose actor is the accused are the
 * alleged acts; without one, the accusation itself is the proposition (accused, code, none). */
static int on_accusation(cctx *k, long long doc, const dyad_srec *ev, size_t n, size_t i, doc_memory *m) {
  const dyad_srec *e = &ev[i];
  dyad_store *s = k->s;
  if (!e->tgt3[0]) return DYAD_DB_OK;
  int found = 0, rc = DYAD_DB_OK;
  for (size_t j = 0; j < n && rc == DYAD_DB_OK; j++) {
    const dyad_srec *x = &ev[j];
    if (!alleged_act(e, x)) continue;
    claim_ref c = claim_id(k, x->src3, x->root, x->tgt3, x);
    if (c.id < 0) return dyad_db_errcode(dyad_store_db(s));
    size_t q = 0;   /* two acts of one proposition: the accuser alleges it once */
    while (q < j && !(alleged_act(e, &ev[q]) && !strcmp(ev[q].root, x->root) && !strcmp(ev[q].tgt3, x->tgt3))) q++;
    if (q == j) rc = add_stance(k, &c, e->src, "allege", "accusation", e, doc);
    remember(m, &c, e);
    found = 1;
  }
  if (found || rc != DYAD_DB_OK) return rc;
  char action[5];
  snprintf(action, sizeof action, "%s", e->code);
  claim_ref c = claim_id(k, e->tgt3, action, "", e);
  if (c.id < 0) return dyad_db_errcode(dyad_store_db(s));
  remember(m, &c, e);
  return add_stance(k, &c, e->src, "allege", "accusation", e, doc);
}

/* The claim a denial (016) or admission (015) by party answers: the latest allegation in this
 * document up to its sentence that names the party as actor or target, else the store's latest
 * (two index seeks). Sets out->id to 0 when there is none, -1 on error. */
static void answered_claim(cctx *k, const doc_memory *m, const dyad_srec *e, claim_ref *out) {
  for (size_t i = m->n; i-- > 0;)
    if (m->a[i].sent <= e->sent && (!strcmp(m->a[i].claim.actor3, e->src3) || !strcmp(m->a[i].claim.target3, e->src3))) {
      *out = m->a[i].claim;
      return;
    }
  if (*k->x && dyad_claimix_latest(*k->x, e->src3, &out->id, out->actor3, out->target3)) return;
  static const char sql[] =
    "SELECT claim, party_a, party_b, date FROM (SELECT * FROM (SELECT claim, party_a, party_b, date, id FROM claim_stances "
    "WHERE party_a = ?1 AND stance = 'allege' ORDER BY date DESC, id DESC LIMIT 1) UNION ALL SELECT * FROM (SELECT claim, "
    "party_a, party_b, date, id FROM claim_stances WHERE party_b = ?1 AND stance = 'allege' ORDER BY date DESC, id DESC LIMIT 1)) "
    "ORDER BY date DESC, id DESC LIMIT 1";
  dyad_stmt *st = dyad_store_stmt(k->s, sql);
  out->id = -1;
  if (!st) return;
  dyad_db_bind_text(st, 1, e->src3, -1);
  int rc = dyad_db_step(st);
  char date[11] = "";
  if (rc == DYAD_DB_ROW) {
    out->id = dyad_db_column_int64(st, 0);
    snprintf(out->actor3, sizeof out->actor3, "%s", dyad_db_column_text(st, 1));
    snprintf(out->target3, sizeof out->target3, "%s", dyad_db_column_text(st, 2));
    snprintf(date, sizeof date, "%s", dyad_db_column_text(st, 3));
  } else if (rc == DYAD_DB_DONE) {
    out->id = 0;
    out->actor3[0] = out->target3[0] = 0;
  }
  dyad_db_reset(st);
  if (out->id >= 0 && *k->x && dyad_claimix_put_latest(*k->x, e->src3, out->id, out->actor3, out->target3, date) != 0) drop_index(k);
}

static int sentence_has_stance(const dyad_srec *ev, size_t n, int sent, int stance) {
  for (size_t j = 0; j < n; j++)
    if (ev[j].sent == sent && ev[j].stance == stance) return 1;
  return 0;
}

static int on_answer(cctx *k, long long doc, const dyad_srec *ev, size_t n, size_t i, const doc_memory *m) {
  const dyad_srec *e = &ev[i];
  int deny = starts(e->code, "016");
  if (!e->src3[0] || sentence_has_stance(ev, n, e->sent, deny ? DYAD_STANCE_DENY : DYAD_STANCE_CONFIRM)) return DYAD_DB_OK;
  claim_ref c;
  answered_claim(k, m, e, &c);
  if (c.id < 0) return dyad_db_errcode(dyad_store_db(k->s));
  if (c.id == 0) return DYAD_DB_OK;
  return add_stance(k, &c, e->src, deny ? "deny" : "confirm", deny ? "denial" : "admission", e, doc);
}

static int on_attributed(cctx *k, long long doc, const dyad_srec *e, doc_memory *m) {
  const char *stance = stance_word(e->stance);
  if (!stance || !e->src3[0]) return DYAD_DB_OK;
  claim_ref c = claim_id(k, e->src3, e->root, e->tgt3, e);
  if (c.id < 0) return dyad_db_errcode(dyad_store_db(k->s));
  if (e->stance == DYAD_STANCE_ALLEGE) remember(m, &c, e);
  return add_stance(k, &c, e->speaker, stance, "attribution", e, doc);
}

/* ---- commitments ------------------------------------------------------------------------ */
int dyad_is_commitment(const char *code, int mode, int stance) {
  static const char *const codes[] = {"030", "031", "032", "033", "034", "035", "037", "038", "057", "0871"};
  if (mode & (DYAD_MODE_NEGATED | DYAD_MODE_HYPOTHETICAL | DYAD_MODE_CONDITIONAL) || stance == DYAD_STANCE_DENY) return 0;
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
    if (starts(code, codes[i])) return 1;
  return 0;
}

/* Whether word w occurs in lowercase text t at a word start; a trailing '~' in w allows any ending. */
static int has_word(const char *t, size_t n, const char *w) {
  size_t wn = strlen(w);
  int prefix = wn && w[wn - 1] == '~';
  if (prefix) wn--;
  for (size_t i = 0; i + wn <= n; i++) {
    if (t[i] != w[0] || memcmp(t + i, w, wn) != 0 || (i > 0 && isalpha((unsigned char)t[i - 1]))) continue;
    if (prefix || i + wn == n || !isalpha((unsigned char)t[i + wn])) return 1;
  }
  return 0;
}

const char *dyad_commitment_kind(const char *code, const char *clause, size_t n) {
  static const struct { const char *kind, *words[12]; } rules[] = {
    {"mutual-defence", {"mutual assistance", "mutual aid", "mutual defen~", "mutual military", "collective defen~",
                        "attack on either", "attack on one", "defen~ pact", "security guarantee~", "alliance"}},
    {"non-aggression", {"non-aggression", "nonaggression"}},
    {"ceasefire", {"ceasefire~", "cease-fire~", "truce~", "armistice", "cessation of hostilities"}},
    {"peace", {"peace agreement", "peace deal", "peace treaty", "peace accord~", "peace plan"}},
    {"military-aid", {"military aid", "military assistance", "military support", "military-technical", "weapon~", "arms",
                      "munitions", "ammunition", "military equipment", "troops"}},
    {"economic-aid", {"economic aid", "economic assistance", "financial aid", "financial assistance", "loan~", "credit~",
                      "investment~", "economic support", "economic cooperation"}},
    {"humanitarian-aid", {"humanitarian~", "food aid", "relief"}},
    {"trade", {"trade", "trading", "export~", "import~", "tariff~", "free-trade"}},
    {"energy", {"energy", "gas", "oil", "pipeline~", "nuclear power"}},
    {"political-support", {"support", "solidarity", "backing"}},
    {"cooperation", {"cooperat~", "co-operat~", "partnership~", "health~", "science", "scientific", "education~",
                     "cultur~", "tourism"}},
  };
  char low[DYAD_CLAUSE_MAX + 1];
  size_t m = n < DYAD_CLAUSE_MAX ? n : DYAD_CLAUSE_MAX;
  for (size_t i = 0; i < m; i++) low[i] = (char)tolower((unsigned char)clause[i]);
  low[m] = 0;
  for (size_t r = 0; r < sizeof rules / sizeof *rules; r++)
    for (size_t w = 0; w < 12 && rules[r].words[w]; w++)
      if (has_word(low, m, rules[r].words[w])) return rules[r].kind;
  if (starts(code, "0331")) return "economic-aid";
  if (starts(code, "0332")) return "military-aid";
  if (starts(code, "0333")) return "humanitarian-aid";
  if (starts(code, "0334")) return "mutual-defence";
  if (starts(code, "0871")) return "ceasefire";
  if (starts(code, "032")) return "political-support";
  return starts(code, "057") ? "agreement" : "cooperation";
}

/* The clause: from the verb to the end of the sentence, cut at DYAD_CLAUSE_MAX on a character. */
static size_t clause_of(const dyad_srec *e, const char *text, size_t tn, const char **out) {
  size_t a = e->verb_end > e->verb_start ? e->verb_start : e->ev_start, b = e->ev_end;
  if (a > tn || b > tn || b < a) { *out = ""; return 0; }
  if (b - a > DYAD_CLAUSE_MAX) {
    b = a + DYAD_CLAUSE_MAX;
    while (b > a && ((unsigned char)text[b] & 0xC0) == 0x80) b--;
  }
  *out = text + a;
  return b - a;
}

/* The stored commitment of (parties, kind) nearest to e's day within the window: its id, 0 when
 * there is none, -1 on error. */
static long long find_commitment(cctx *k, const char *parties, const char *kind, const dyad_srec *e) {
  static const char find[] =
    "SELECT id FROM commitments WHERE parties=? AND kind=? AND day BETWEEN ? AND ? ORDER BY abs(day-?), id LIMIT 1";
  if (*k->x) return dyad_claimix_commitment(*k->x, parties, kind, e->day, DYAD_COMMIT_WINDOW_DAYS);
  dyad_stmt *st = dyad_store_stmt(k->s, find);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, parties, -1);
  dyad_db_bind_text(st, 2, kind, -1);
  dyad_db_bind_int64(st, 3, e->day - DYAD_COMMIT_WINDOW_DAYS);
  dyad_db_bind_int64(st, 4, e->day + DYAD_COMMIT_WINDOW_DAYS);
  dyad_db_bind_int64(st, 5, e->day);
  int rc = dyad_db_step(st);
  long long id = rc == DYAD_DB_ROW ? dyad_db_column_int64(st, 0) : rc == DYAD_DB_DONE ? 0 : -1;
  dyad_db_reset(st);
  return id;
}

static long long commitment_id(cctx *k, const char *parties, const char *kind, const dyad_srec *e, const char *clause,
                               size_t cn, int *created) {
  static const char add[] = "INSERT INTO commitments(parties,kind,code,day,date,clause,first_event,id) VALUES(?,?,?,?,?,?,?,?)";
  long long id = find_commitment(k, parties, kind, e);
  *created = 0;
  if (id) return id;
  dyad_stmt *st = dyad_store_stmt(k->s, add);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, parties, -1);
  dyad_db_bind_text(st, 2, kind, -1);
  dyad_db_bind_text(st, 3, e->code, -1);
  dyad_db_bind_int64(st, 4, e->day);
  dyad_db_bind_text(st, 5, e->date, -1);
  dyad_db_bind_text(st, 6, clause, (long)cn);
  dyad_db_bind_int64(st, 7, e->rowid);
  *created = 1;
  id = dyad_store_insert_new(k->s, st, DYAD_ID_COMMITMENTS, 8);
  if (id > 0 && *k->x && dyad_claimix_add_commitment(*k->x, parties, kind, e->day, id) != 0) drop_index(k);
  return id;
}

static int link2(dyad_store *s, const char *sql, long long a, const char *text) {
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return dyad_db_errcode(dyad_store_db(s));
  dyad_db_bind_int64(st, 1, a);
  dyad_db_bind_text(st, 2, text, -1);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_DONE ? DYAD_DB_OK : rc;
}

static int add_report(dyad_store *s, long long c, const dyad_srec *e, const char *clause, size_t cn) {
  static const char sql[] = "INSERT INTO commitment_reports(commitment,event,code,clause) VALUES(?,?,?,?)";   /* one per event */
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return dyad_db_errcode(dyad_store_db(s));
  dyad_db_bind_int64(st, 1, c);
  dyad_db_bind_int64(st, 2, e->rowid);
  dyad_db_bind_text(st, 3, e->code, -1);
  dyad_db_bind_text(st, 4, clause, (long)cn);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_DONE ? DYAD_DB_OK : rc;
}

static int on_commitment(cctx *k, const dyad_srec *e, const char *text, size_t tn) {
  static const char add_party[] = "INSERT INTO commitment_parties(commitment,party) VALUES(?,?)";   /* once, when new */
  dyad_store *s = k->s;
  if (!e->src3[0] || !dyad_is_commitment(e->code, e->mode, e->stance)) return DYAD_DB_OK;
  const char *a = e->src3, *b = e->tgt3[0] && strcmp(e->tgt3, e->src3) ? e->tgt3 : NULL;
  if (b && strcmp(b, a) < 0) { const char *t = a; a = b; b = t; }
  char parties[8];
  snprintf(parties, sizeof parties, "%s%s%s", a, b ? "," : "", b ? b : "");
  const char *clause;
  size_t cn = clause_of(e, text, tn, &clause);
  const char *kind = dyad_commitment_kind(e->code, clause, cn);
  int created;
  long long c = commitment_id(k, parties, kind, e, clause, cn, &created);
  if (c < 0) return dyad_db_errcode(dyad_store_db(s));
  int rc = DYAD_DB_OK;
  if (created) {
    rc = link2(s, add_party, c, a);
    if (rc == DYAD_DB_OK && b) rc = link2(s, add_party, c, b);
  }
  return rc == DYAD_DB_OK ? add_report(s, c, e, clause, cn) : rc;
}

int dyad_claims_document(dyad_store *s, dyad_claimix **x, long long doc, const dyad_srec *ev, size_t n, const char *text,
                         size_t tn) {
  dyad_claimix *none = NULL;
  cctx k = {s, x ? x : &none};
  doc_memory *m = dyad_malloc(sizeof *m);
  if (!m) return DYAD_DB_NOMEM;
  m->n = 0;
  int rc = DYAD_DB_OK;
  for (size_t i = 0; i < n && rc == DYAD_DB_OK; i++) {
    const dyad_srec *e = &ev[i];
    if (starts(e->code, "112")) rc = on_accusation(&k, doc, ev, n, i, m);
    else if (starts(e->code, "016") || starts(e->code, "015")) rc = on_answer(&k, doc, ev, n, i, m);
    else rc = on_attributed(&k, doc, e, m);
    if (rc == DYAD_DB_OK) rc = on_commitment(&k, e, text, tn);
  }
  free(m);
  return rc;
}
