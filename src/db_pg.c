/* db_pg.c - the PostgreSQL side of the SQL layer (db_pg.h), over libpq. `?` and `?N` placeholders
 * become $n; parameters travel as text and results come back whole, as text. Inside a transaction,
 * plain inserts into the bulk tables (events, their sentences, merge links, merged events, sanctions
 * flags, claims, stances, commitments, their parties and reports) are buffered in COPY's text format and sent with COPY before any statement that reads that
 * table, before COMMIT, and every DYAD_PG_COPY_MAX bytes. */
#include "alloc.h"
#include "db.h"
#include "db_pg.h"
#include "util.h"
#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DYAD_PG_COPY_MAX (8u << 20)    /* bytes buffered per table before a COPY is sent */
#define DYAD_PG_COPY_CAP (256u << 20)  /* hard cap of one table's buffer: 8 MB plus the longest row */
#define DYAD_PG_PARAMS 64              /* parameters per statement */
#define DYAD_PG_COPIES 12              /* tables buffered at once */
#define DYAD_PG_COLS 64                /* result columns whose numbers are rewritten as SQLite writes them */

static const char *const BULK[] = {"events", "evidence_fts", "merge_links", "happenings", "sanction_flags", "claims",
                                   "claim_stances", "commitments", "commitment_parties", "commitment_reports"};

typedef struct {
  char table[32], *head;               /* "COPY table(cols) FROM STDIN" */
  dyad_buf rows;
} pg_copy;

struct dyad_pg {
  PGconn *conn;
  char err[600];
  int code;
  unsigned long nstmt;                 /* names of prepared statements */
  pg_copy copies[DYAD_PG_COPIES];
  int ncopies;
};

struct dyad_pg_stmt {
  dyad_pg *c;
  char name[24];
  int nparams, copy;                   /* copy: 1 + index in c->copies when the statement is a bulk insert */
  char *tables;                        /* " t1 t2 " the tables it reads or writes (for flushing) */
  char *vals[DYAD_PG_PARAMS];
  size_t lens[DYAD_PG_PARAMS], caps[DYAD_PG_PARAMS];
  int set[DYAD_PG_PARAMS];
  PGresult *res, *desc;                /* the rows of the last run; the columns (read before a run) */
  int row, nrows;
  char num[DYAD_PG_COLS][32];          /* a float column's text as SQLite writes it ("4.0") */
};

/* Records an error from a result (or the connection) with its SQLSTATE mapped to a DYAD_DB code. */
static int fail(dyad_pg *c, const PGresult *r) {
  const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c->conn);
  snprintf(c->err, sizeof c->err, "%s", msg && *msg ? msg : "PostgreSQL error");
  size_t n = strlen(c->err);
  while (n && (c->err[n - 1] == '\n' || c->err[n - 1] == ' ')) c->err[--n] = 0;
  if (!state) c->code = PQstatus(c->conn) == CONNECTION_OK ? DYAD_DB_ERROR : DYAD_DB_CANTOPEN;
  else if (!strcmp(state, "55P03") || !strcmp(state, "40P01") || !strcmp(state, "40001")) c->code = DYAD_DB_BUSY;
  else if (!strcmp(state, "57014")) c->code = DYAD_DB_INTERRUPT;   /* statement_timeout */
  else if (!strcmp(state, "42501")) c->code = DYAD_DB_PERM;
  else if (!strcmp(state, "25006")) c->code = DYAD_DB_READONLY;
  else if (!strcmp(state, "53100")) c->code = DYAD_DB_FULL;
  else if (!strcmp(state, "53200")) c->code = DYAD_DB_NOMEM;
  else if (!strncmp(state, "23", 2)) c->code = DYAD_DB_CONSTRAINT;
  else if (!strncmp(state, "08", 2)) c->code = DYAD_DB_CANTOPEN;
  else c->code = DYAD_DB_ERROR;
  return c->code;
}

int dyad_pg_open(const char *url, int busy_ms, dyad_pg **out) {
  dyad_pg *c = *out = dyad_calloc(1, sizeof *c);
  if (!c) return DYAD_DB_NOMEM;
  c->conn = PQconnectdb(url);
  if (!c->conn) return c->code = DYAD_DB_NOMEM;
  if (PQstatus(c->conn) != CONNECTION_OK) { fail(c, NULL); return c->code = DYAD_DB_CANTOPEN; }
  char sql[160];
  snprintf(sql, sizeof sql, "SET lock_timeout = %d; SET client_min_messages = warning; SET extra_float_digits = 0",
           busy_ms > 0 ? busy_ms : 1);   /* 15 significant digits, as SQLite prints a REAL */
  return dyad_pg_exec(c, sql);
}

static void drop_copies(dyad_pg *c) {
  for (int i = 0; i < c->ncopies; i++) { free(c->copies[i].head); dyad_buf_free(&c->copies[i].rows); }
  c->ncopies = 0;
}

void dyad_pg_close(dyad_pg *c) {
  if (!c) return;
  drop_copies(c);
  if (c->conn) PQfinish(c->conn);
  free(c);
}

const char *dyad_pg_errmsg(dyad_pg *c) { return c && *c->err ? c->err : "PostgreSQL error"; }
int dyad_pg_errcode(dyad_pg *c) { return c ? c->code : DYAD_DB_NOMEM; }

/* Sends the rows buffered for copy k. */
static int flush_one(dyad_pg *c, pg_copy *k) {
  if (k->rows.n == 0) return DYAD_DB_OK;
  PGresult *r = PQexec(c->conn, k->head);
  int ok = PQresultStatus(r) == PGRES_COPY_IN;
  if (!ok) { int rc = fail(c, r); PQclear(r); return rc; }
  PQclear(r);
  ok = PQputCopyData(c->conn, k->rows.p, (int)k->rows.n) == 1;
  ok &= PQputCopyEnd(c->conn, ok ? NULL : "dyad: sending rows failed") == 1;
  k->rows.n = 0;
  int rc = DYAD_DB_OK;
  while ((r = PQgetResult(c->conn))) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == DYAD_DB_OK) rc = fail(c, r);
    PQclear(r);
  }
  return ok || rc != DYAD_DB_OK ? rc : fail(c, NULL);
}

/* Sends the buffered rows of every table named in tables (" t1 t2 "), or of all when NULL. */
static int flush(dyad_pg *c, const char *tables) {
  for (int i = 0; i < c->ncopies; i++) {
    char w[40];
    snprintf(w, sizeof w, " %s ", c->copies[i].table);
    if (tables && !strstr(tables, w)) continue;
    int rc = flush_one(c, &c->copies[i]);
    if (rc != DYAD_DB_OK) return rc;
  }
  return DYAD_DB_OK;
}

static int starts_word(const char *s, const char *w) {
  size_t n = strlen(w);
  return strncasecmp(s, w, n) == 0 && !isalnum((unsigned char)s[n]) && s[n] != '_';
}

int dyad_pg_exec(dyad_pg *c, const char *sql) {
  while (isspace((unsigned char)*sql)) sql++;
  if (starts_word(sql, "ROLLBACK")) for (int i = 0; i < c->ncopies; i++) c->copies[i].rows.n = 0;
  else {
    int rc = flush(c, NULL);
    if (rc != DYAD_DB_OK) return rc;
  }
  PGresult *r = PQexec(c->conn, sql);
  ExecStatusType t = PQresultStatus(r);
  int rc = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_EMPTY_QUERY ? DYAD_DB_OK : fail(c, r);
  PQclear(r);
  return rc;
}

/* SQLite spellings the queries use, and PostgreSQL's. */
static const char *const WORDS[][2] = {
  {"INTEGER", "BIGINT"}, {"REAL", "DOUBLE PRECISION"}, {"json_object", "json_build_object"},
  {"json_array", "json_build_array"}};
/* Words after which a subquery in FROM has no alias. */
static const char *const AFTER[] = {"WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "JOIN", "LEFT", "INNER", "ON", "CROSS",
                                    "OFFSET", "HAVING", "EXCEPT", "INTERSECT"};

static int is_word(const char *w, size_t n, const char *k) { return strlen(k) == n && strncasecmp(w, k, n) == 0; }
static int ident(char ch) { return isalnum((unsigned char)ch) || ch == '_'; }

typedef struct {
  const char *sql;
  size_t n, i;
  dyad_buf *out, *tables;
  int next, max, bad, nalias;
  char prev[16];                       /* the last word, upper-cased when short */
  unsigned long long sub;              /* bit d: the parenthesis at depth d opened a FROM/JOIN subquery */
  int depth;
} tr;

/* After a ")" closing a subquery in FROM: adds an alias unless one follows. */
static void alias_after(tr *t) {
  size_t j = t->i;
  while (j < t->n && t->sql[j] == ' ') j++;
  size_t k = j;
  while (k < t->n && ident(t->sql[k])) k++;
  int named = k > j;
  for (size_t a = 0; named && a < sizeof AFTER / sizeof *AFTER; a++) named = !is_word(t->sql + j, k - j, AFTER[a]);
  if (!named) t->bad |= dyad_buf_printf(t->out, " AS dyad_q%d", ++t->nalias);
}

/* One identifier at t->i: renamed, dropped (index hints), quoted (a mixed- or upper-case alias),
 * or turned into a full-text match; noted as a table after FROM/JOIN/INTO/UPDATE. */
static void word(tr *t) {
  const char *w = t->sql + t->i;
  size_t k = 0;
  while (t->i + k < t->n && ident(w[k])) k++;
  t->i += k;
  if (!strcmp(t->prev, "INDEXED") && is_word(w, k, "BY")) { snprintf(t->prev, sizeof t->prev, "INDEXED_BY"); return; }
  if (!strcmp(t->prev, "INDEXED_BY")) { t->prev[0] = 0; return; }   /* the index name */
  if (is_word(w, k, "INDEXED")) { snprintf(t->prev, sizeof t->prev, "INDEXED"); return; }
  if (is_word(w, k, "NOT") && t->i + 8 <= t->n && !strncasecmp(t->sql + t->i, " INDEXED", 8) && !ident(t->sql[t->i + 8])) {
    t->i += 8;
    return;
  }
  if (!strcmp(t->prev, "FROM") || !strcmp(t->prev, "JOIN") || !strcmp(t->prev, "INTO") || !strcmp(t->prev, "UPDATE")) {
    t->bad |= dyad_buf_add(t->tables, w, k) | dyad_buf_addc(t->tables, ' ');
  }
  if (t->i + 7 <= t->n && !strncmp(t->sql + t->i, " MATCH ", 7)) {
    /* the table may carry an alias the match cannot name: its one text column is read unqualified */
    t->bad |= dyad_buf_adds(t->out, "to_tsvector('simple', text) @@ plainto_tsquery('simple', ");
    t->i += 7;
    snprintf(t->prev, sizeof t->prev, "MATCH");   /* the placeholder that follows closes the call */
    return;
  }
  int upper = 0, cast = !strcmp(t->prev, "AS");
  for (size_t j = 0; j < k; j++) upper |= isupper((unsigned char)w[j]);
  const char *to = NULL;
  for (size_t j = 0; j < sizeof WORDS / sizeof *WORDS; j++)
    if (is_word(w, k, WORDS[j][0]) && (j >= 2 || cast)) to = WORDS[j][1];
  if (to) t->bad |= dyad_buf_adds(t->out, to);
  else if (cast && upper) t->bad |= dyad_buf_addc(t->out, '"') | dyad_buf_add(t->out, w, k) | dyad_buf_addc(t->out, '"');
  else t->bad |= dyad_buf_add(t->out, w, k);
  snprintf(t->prev, sizeof t->prev, "%.*s", k < 15 ? (int)k : 15, w);
  for (char *p = t->prev; *p; p++) *p = (char)toupper((unsigned char)*p);
}

/* A quoted string or identifier at t->i, copied whole. */
static void quoted(tr *t) {
  char q = t->sql[t->i];
  size_t j = t->i + 1;
  while (j < t->n && t->sql[j] != q) j++;
  t->bad |= dyad_buf_add(t->out, t->sql + t->i, (j < t->n ? j + 1 : t->n) - t->i);
  t->i = j + 1;
  snprintf(t->prev, sizeof t->prev, "'");
}

/* A placeholder ? or ?N at t->i, written $n. */
static void placeholder(tr *t) {
  int k = 0;
  while (t->i + 1 < t->n && isdigit((unsigned char)t->sql[t->i + 1])) k = k * 10 + (t->sql[++t->i] - '0');
  if (!k) k = ++t->next;
  if (k > t->max) t->max = k;
  t->bad |= dyad_buf_printf(t->out, "$%d", k);
  t->i++;
  if (!strcmp(t->prev, "MATCH")) t->bad |= dyad_buf_addc(t->out, ')');
  t->prev[0] = 0;
}

/* A parenthesis at t->i: notes whether it opens a subquery in FROM, names it when it closes one. */
static void paren(tr *t) {
  char ch = t->sql[t->i++];
  t->bad |= dyad_buf_addc(t->out, ch);
  if (ch == '(') {
    int from = !strcmp(t->prev, "FROM") || !strcmp(t->prev, "JOIN");
    t->depth++;
    if (t->depth < 64) t->sub = (t->sub & ~(1ULL << t->depth)) | (unsigned long long)from << t->depth;
  } else {
    if (t->depth > 0 && t->depth < 64 && (t->sub >> t->depth & 1)) alias_after(t);
    if (t->depth > 0) t->depth--;
  }
  t->prev[0] = 0;
}

/* Rewrites sql into PostgreSQL's dialect into out: placeholders ? and ?N as $n, the renames of
 * WORDS, index hints dropped, "t MATCH ?" as a tsvector match, aliases for unnamed subqueries.
 * Counts the parameters; collects into tables the words after FROM, JOIN, INTO and UPDATE.
 * Returns -1 when out of memory, there are too many parameters, or MATCH is not followed by one. */
static int translate(const char *sql, size_t n, dyad_buf *out, dyad_buf *tables, int *nparams) {
  tr t = {.sql = sql, .n = n, .out = out, .tables = tables};
  t.bad = dyad_buf_addc(tables, ' ');
  while (t.i < n && !t.bad) {
    char ch = sql[t.i];
    int match = !strcmp(t.prev, "MATCH");
    if (match && ch != '?' && ch != ' ') t.bad = 1;
    else if (ch == '\'' || ch == '"') quoted(&t);
    else if (ch == '?') placeholder(&t);
    else if (isalpha((unsigned char)ch) || ch == '_') word(&t);
    else if (ch == '(' || ch == ')') paren(&t);
    else {
      t.bad |= dyad_buf_addc(out, ch);
      if (!isspace((unsigned char)ch)) t.prev[0] = 0;
      t.i++;
    }
  }
  t.bad |= dyad_buf_addc(out, 0) | dyad_buf_addc(tables, 0);
  *nparams = t.max;
  return t.bad || !strcmp(t.prev, "MATCH") || t.max > DYAD_PG_PARAMS ? -1 : 0;
}

int dyad_pg_rewrite(const char *sql, void *out_buf, int *nparams) {
  dyad_buf tables;
  dyad_buf_init(&tables, 1u << 16);
  int rc = translate(sql, strlen(sql), out_buf, &tables, nparams);
  dyad_buf_free(&tables);
  return rc;
}

/* When sql is exactly "INSERT INTO t(cols) VALUES(?,...)" on a bulk table: the copy slot for t
 * (made when new), else 0. */
static int copy_slot(dyad_pg *c, const char *sql, int nparams) {
  const char *p = sql;
  if (strncmp(p, "INSERT INTO ", 12) != 0) return 0;
  p += 12;
  size_t tn = strcspn(p, "(");
  const char *close = strchr(p, ')');
  if (!p[tn] || !close || strncmp(close, ") VALUES(", 9) != 0 || tn >= 32) return 0;
  const char *v = close + 9;
  for (int i = 0; i < nparams; i++, v += 2)
    if (v[0] != '?' || v[1] != (i + 1 < nparams ? ',' : ')')) return 0;
  if (*v) return 0;
  int bulk = 0;
  for (size_t i = 0; i < sizeof BULK / sizeof *BULK; i++) bulk |= strlen(BULK[i]) == tn && !strncmp(BULK[i], p, tn);
  if (!bulk) return 0;
  for (int i = 0; i < c->ncopies; i++)
    if (strlen(c->copies[i].table) == tn && !strncmp(c->copies[i].table, p, tn)) return i + 1;
  if (c->ncopies == DYAD_PG_COPIES) return 0;
  pg_copy *k = &c->copies[c->ncopies];
  size_t hn = (size_t)(close - p) + 32;
  if (!(k->head = dyad_malloc(hn))) return 0;
  snprintf(k->head, hn, "COPY %.*s FROM STDIN", (int)(close - p + 1), p);
  memcpy(k->table, p, tn);
  k->table[tn] = 0;
  dyad_buf_init(&k->rows, DYAD_PG_COPY_CAP);
  return ++c->ncopies;
}

int dyad_pg_prepare(dyad_pg *c, const char *sql, long n, dyad_pg_stmt **out) {
  *out = NULL;
  dyad_pg_stmt *st = dyad_calloc(1, sizeof *st);
  dyad_buf text, tables;
  dyad_buf_init(&text, 1u << 24);
  dyad_buf_init(&tables, 1u << 16);
  if (!st || translate(sql, n < 0 ? strlen(sql) : (size_t)n, &text, &tables, &st->nparams) != 0) {
    free(st); dyad_buf_free(&text); dyad_buf_free(&tables);
    snprintf(c->err, sizeof c->err, "out of memory, or more than %d parameters", DYAD_PG_PARAMS);
    return c->code = DYAD_DB_NOMEM;
  }
  st->c = c;
  st->tables = tables.p;
  snprintf(st->name, sizeof st->name, "dyad%lu", ++c->nstmt);
  int rc = flush(c, st->tables);   /* the server checks the statement against the tables as they are */
  if (rc == DYAD_DB_OK) {
    PGresult *r = PQprepare(c->conn, st->name, text.p, st->nparams, NULL);
    rc = PQresultStatus(r) == PGRES_COMMAND_OK ? DYAD_DB_OK : fail(c, r);
    PQclear(r);
  }
  if (rc == DYAD_DB_OK && (n >= 0 || !strncmp(sql, "SELECT", 6) || !strncmp(sql, "EXPLAIN", 7))) {   /* callers may name columns before a step */
    st->desc = PQdescribePrepared(c->conn, st->name);
    rc = PQresultStatus(st->desc) == PGRES_COMMAND_OK ? DYAD_DB_OK : fail(c, st->desc);
  }
  if (rc == DYAD_DB_OK && n < 0) st->copy = copy_slot(c, sql, st->nparams);
  dyad_buf_free(&text);
  if (rc != DYAD_DB_OK) { dyad_pg_finalize(st); return rc; }
  *out = st;
  return DYAD_DB_OK;
}

void dyad_pg_reset(dyad_pg_stmt *st) {
  if (st->res) PQclear(st->res);
  st->res = NULL;
  st->row = st->nrows = 0;
  memset(st->set, 0, sizeof st->set);
}

void dyad_pg_finalize(dyad_pg_stmt *st) {
  if (!st) return;
  dyad_pg_reset(st);
  if (st->desc) PQclear(st->desc);
  if (st->c && st->c->conn && st->name[0] && PQstatus(st->c->conn) == CONNECTION_OK) {
    char sql[64];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
    PQclear(PQexec(st->c->conn, sql));
  }
  for (int i = 0; i < DYAD_PG_PARAMS; i++) free(st->vals[i]);
  free(st->tables);
  free(st);
}

int dyad_pg_bind_text(dyad_pg_stmt *st, int i, const char *s, size_t n) {
  if (i < 1 || i > st->nparams) return DYAD_DB_ERROR;
  i--;
  st->set[i] = s ? 1 : 2;
  if (!s) return DYAD_DB_OK;
  if (n + 1 > st->caps[i]) {
    char *p = dyad_realloc(st->vals[i], n + 1);
    if (!p) { st->set[i] = 0; return DYAD_DB_NOMEM; }
    st->vals[i] = p;
    st->caps[i] = n + 1;
  }
  memcpy(st->vals[i], s, n);
  st->vals[i][n] = 0;
  st->lens[i] = n;
  return DYAD_DB_OK;
}

int dyad_pg_bind_int64(dyad_pg_stmt *st, int i, long long v) {
  char t[24];
  int n = snprintf(t, sizeof t, "%lld", v);
  return dyad_pg_bind_text(st, i, t, (size_t)n);
}

int dyad_pg_bind_double(dyad_pg_stmt *st, int i, double v) {
  char t[40];
  int n = snprintf(t, sizeof t, "%.17g", v);
  return dyad_pg_bind_text(st, i, t, (size_t)n);
}

/* Appends the bound row to the statement's COPY buffer (text format: tab-separated, \N null). */
static int buffer_row(dyad_pg_stmt *st) {
  pg_copy *k = &st->c->copies[st->copy - 1];
  int bad = 0;
  for (int i = 0; i < st->nparams && !bad; i++) {
    if (i) bad |= dyad_buf_addc(&k->rows, '\t');
    if (st->set[i] != 1) { bad |= dyad_buf_adds(&k->rows, "\\N"); continue; }
    const char *p = st->vals[i], *e = p + st->lens[i], *run = p;
    for (; p < e && !bad; p++) {
      const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : NULL;
      if (!esc) continue;
      bad |= dyad_buf_add(&k->rows, run, (size_t)(p - run)) | dyad_buf_adds(&k->rows, esc);
      run = p + 1;
    }
    bad |= dyad_buf_add(&k->rows, run, (size_t)(e - run));
  }
  bad |= dyad_buf_addc(&k->rows, '\n');
  if (bad) { snprintf(st->c->err, sizeof st->c->err, "out of memory buffering rows"); return st->c->code = DYAD_DB_NOMEM; }
  int rc = k->rows.n >= DYAD_PG_COPY_MAX ? flush_one(st->c, k) : DYAD_DB_OK;
  return rc == DYAD_DB_OK ? DYAD_DB_DONE : rc;
}

int dyad_pg_step(dyad_pg_stmt *st) {
  dyad_pg *c = st->c;
  if (st->res) return st->row + 1 < st->nrows ? (st->row++, DYAD_DB_ROW) : DYAD_DB_DONE;
  if (st->copy && PQtransactionStatus(c->conn) == PQTRANS_INTRANS) return buffer_row(st);
  int rc = flush(c, st->tables);
  if (rc != DYAD_DB_OK) return rc;
  const char *vals[DYAD_PG_PARAMS];
  for (int i = 0; i < st->nparams; i++) vals[i] = st->set[i] == 1 ? st->vals[i] : NULL;
  st->res = PQexecPrepared(c->conn, st->name, st->nparams, vals, NULL, NULL, 0);
  ExecStatusType t = PQresultStatus(st->res);
  if (t == PGRES_COMMAND_OK) return DYAD_DB_DONE;
  if (t != PGRES_TUPLES_OK) { rc = fail(c, st->res); PQclear(st->res); st->res = NULL; return rc; }
  st->nrows = PQntuples(st->res);
  st->row = 0;
  return st->nrows > 0 ? DYAD_DB_ROW : DYAD_DB_DONE;
}

int dyad_pg_column_count(dyad_pg_stmt *st) {
  return st->res ? PQnfields(st->res) : st->desc ? PQnfields(st->desc) : 0;
}

const char *dyad_pg_column_name(dyad_pg_stmt *st, int i) {
  const char *n = st->res ? PQfname(st->res, i) : st->desc ? PQfname(st->desc, i) : NULL;
  return n ? n : "";
}

int dyad_pg_column_type(dyad_pg_stmt *st, int i) {
  if (!st->res || st->row >= st->nrows || i < 0 || i >= PQnfields(st->res) || PQgetisnull(st->res, st->row, i))
    return DYAD_DB_NULL;
  switch (PQftype(st->res, i)) {   /* the built-in type oids of pg_type.h */
  case 20: case 21: case 23: case 26: return DYAD_DB_INTEGER;
  case 700: case 701: case 1700: return DYAD_DB_FLOAT;
  default: return DYAD_DB_TEXT;
  }
}

/* Removes the blanks PostgreSQL puts between JSON tokens (outside strings), in place, so JSON
 * reads as compactly as SQLite writes it. */
static void json_compact(char *p) {
  char *w = p;
  int in = 0;
  for (; *p; p++) {
    if (in) { *w++ = *p; if (*p == '\\' && p[1]) *w++ = *++p; else if (*p == '"') in = 0; continue; }
    if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') continue;
    if (*p == '"') in = 1;
    *w++ = *p;
  }
  *w = 0;
}

const char *dyad_pg_column_text(dyad_pg_stmt *st, int i) {
  if (!st->res || st->row >= st->nrows || i < 0 || i >= PQnfields(st->res) || PQgetisnull(st->res, st->row, i))
    return NULL;
  char *v = PQgetvalue(st->res, st->row, i);
  Oid t = PQftype(st->res, i);
  if (t == 114) json_compact(v);   /* json: our own result's memory, rewritten shorter */
  if ((t == 700 || t == 701) && i < DYAD_PG_COLS && strspn(v, "-0123456789") == strlen(v)) {
    snprintf(st->num[i], sizeof st->num[i], "%.29s.0", v);
    return st->num[i];
  }
  return v;
}

int dyad_pg_column_bytes(dyad_pg_stmt *st, int i) {
  const char *v = dyad_pg_column_text(st, i);
  return v ? (int)strlen(v) : 0;
}
