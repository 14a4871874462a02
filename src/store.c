/* store.c - the SQLite event store: schema and migrations, opening in WAL mode with a busy
 * timeout and plain-language errors for locked, read-only and corrupt files, a prepared-statement
 * cache, document identity (SHA-256) and the document and event inserts. Schema: docs/store.md. */
#include "alloc.h"
#include "store.h"
#include "dyad.h"
#include "util.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct dyad_store {
  dyad_db *db;
  dyad_intern actors_seen;   /* "code\tentry" inserted by this connection (skips repeat inserts) */
  char *path;
  char *label;               /* path for messages: a URL's password replaced by *** */
  int writable, busy_ms;
  size_t nstmt;
  struct { const char *sql; dyad_stmt *st; } stmts[DYAD_STORE_MAX_STMTS];
  struct { char *sql; size_t n; dyad_stmt *st; unsigned long used; } texts[DYAD_STORE_MAX_TEXT_STMTS];
  unsigned long tick;                  /* use counter for the least recently used text statement */
  long long next_id[DYAD_ID_N];        /* the next id to give per table, 0 when not known yet */
};

/* Migration 1: the whole first schema. Later versions append migrations; never edit this one. */
static const char SCHEMA_V1[] =
  "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE documents(id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
  " url TEXT, title TEXT, outlet TEXT, date TEXT, text TEXT NOT NULL, events INTEGER NOT NULL);"
  "CREATE TABLE events(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, eid TEXT NOT NULL, sent INTEGER NOT NULL,"
  " date TEXT NOT NULL, day INTEGER NOT NULL, precision INTEGER NOT NULL,"
  " src TEXT, src3 TEXT NOT NULL, src_name TEXT, tgt TEXT, tgt3 TEXT NOT NULL, tgt_name TEXT,"
  " code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT,"
  " mode INTEGER NOT NULL, stance INTEGER NOT NULL, speaker TEXT,"
  " ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, verb_start INTEGER NOT NULL, verb_end INTEGER NOT NULL,"
  " rule TEXT, json TEXT NOT NULL);"
  "CREATE INDEX events_doc ON events(doc, sent);"
  "CREATE VIRTUAL TABLE evidence_fts USING fts5(text, content='', detail=none, columnsize=0, tokenize='unicode61 remove_diacritics 2');"
  "CREATE TABLE actors(code TEXT NOT NULL, entry TEXT NOT NULL, name TEXT, PRIMARY KEY(code, entry)) WITHOUT ROWID;"
  "CREATE TABLE happenings(id INTEGER PRIMARY KEY, src3 TEXT NOT NULL, tgt3 TEXT NOT NULL, root TEXT NOT NULL,"
  " mode INTEGER NOT NULL, precision INTEGER NOT NULL, day INTEGER NOT NULL, date TEXT NOT NULL,"
  " src TEXT, tgt TEXT, code TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL, first_event INTEGER NOT NULL,"
  " doc INTEGER NOT NULL);"
  "CREATE INDEX happenings_key ON happenings(src3, tgt3, root, mode, precision, day);"
  "CREATE INDEX happenings_tgt ON happenings(tgt3, day);"
  "CREATE TABLE merge_links(event INTEGER PRIMARY KEY, happening INTEGER NOT NULL, reason TEXT NOT NULL);"
  "CREATE INDEX merge_links_happening ON merge_links(happening);"
  "CREATE TABLE claims(id INTEGER PRIMARY KEY, actor3 TEXT NOT NULL, action TEXT NOT NULL, target3 TEXT NOT NULL,"
  " code TEXT NOT NULL, label TEXT, verb TEXT, first_event INTEGER NOT NULL, date TEXT NOT NULL, UNIQUE(actor3, action, target3));"
  "CREATE TABLE claim_stances(id INTEGER PRIMARY KEY, claim INTEGER NOT NULL, claimant TEXT, claimant3 TEXT NOT NULL,"
  " stance TEXT NOT NULL, via TEXT NOT NULL, date TEXT NOT NULL, event INTEGER NOT NULL, doc INTEGER NOT NULL,"
  " party_a TEXT NOT NULL, party_b TEXT NOT NULL, UNIQUE(claim, event, claimant3, stance));"
  "CREATE INDEX claim_stances_a ON claim_stances(party_a, stance, date, id);"
  "CREATE INDEX claim_stances_b ON claim_stances(party_b, stance, date, id);"
  "CREATE TABLE commitments(id INTEGER PRIMARY KEY, parties TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL,"
  " day INTEGER NOT NULL, date TEXT NOT NULL, clause TEXT NOT NULL, first_event INTEGER NOT NULL);"
  "CREATE INDEX commitments_key ON commitments(parties, kind, day);"
  "CREATE TABLE commitment_parties(commitment INTEGER NOT NULL, party TEXT NOT NULL, PRIMARY KEY(party, commitment)) WITHOUT ROWID;"
  "CREATE TABLE commitment_reports(commitment INTEGER NOT NULL, event INTEGER NOT NULL, code TEXT NOT NULL, clause TEXT NOT NULL,"
  " PRIMARY KEY(commitment, event)) WITHOUT ROWID;";

/* Migration 2 (issue #5): indexes so that the unfiltered and paged queries of a large store read
 * only their page: merged events by day and by country pair (covering the counts of events after
 * a commitment), claims by date, commitments by day and their parties by commitment. */
static const char SCHEMA_V2[] =
  "CREATE INDEX happenings_day ON happenings(day);"
  "CREATE INDEX happenings_pair ON happenings(src3, tgt3, day, quad, mode);"
  "CREATE INDEX claims_date ON claims(date);"
  "CREATE INDEX commitments_day ON commitments(day);"
  "CREATE INDEX commitment_parties_c ON commitment_parties(commitment, party);";

/* Migration 3 (issue #5): summary counts kept by the ingest's writer at each commit (totals.c),
 * counted once here from the rows already stored. */
static const char SCHEMA_V3[] =
  "CREATE TABLE totals(name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
  "INSERT INTO totals SELECT 'documents', count(*) FROM documents;"
  "INSERT INTO totals SELECT 'events', count(*) FROM events;"
  "INSERT INTO totals SELECT 'merged_events', count(*) FROM happenings;"
  "INSERT INTO totals SELECT 'mentions', count(*) FROM (SELECT DISTINCT l.happening, e.doc, e.sent FROM merge_links l "
  " JOIN events e ON e.id = l.event);"
  "INSERT INTO totals SELECT 'claims', count(*) FROM claims;"
  "INSERT INTO totals SELECT 'commitments', count(*) FROM commitments;"
  "CREATE TABLE dyad_totals(src3 TEXT NOT NULL, tgt3 TEXT NOT NULL, root TEXT NOT NULL, events INTEGER NOT NULL,"
  " quad1 INTEGER NOT NULL, quad2 INTEGER NOT NULL, quad3 INTEGER NOT NULL, quad4 INTEGER NOT NULL,"
  " goldstein10 INTEGER NOT NULL, PRIMARY KEY(src3, tgt3, root)) WITHOUT ROWID;"
  "INSERT INTO dyad_totals SELECT src3, tgt3, root, count(*), sum(quad = 1), sum(quad = 2), sum(quad = 3), sum(quad = 4),"
  " sum(CAST(round(goldstein * 10) AS INTEGER)) FROM happenings GROUP BY src3, tgt3, root;";

/* Migration 4 (issue #7): sanctions flags, one row per measure an event may fall under
 * (docs/sanctions.md); target is the regime's target codes, goods the words that named the goods. */
static const char SCHEMA_V4[] =
  "CREATE TABLE sanction_flags(id INTEGER PRIMARY KEY, event INTEGER NOT NULL, doc INTEGER NOT NULL,"
  " regime TEXT NOT NULL, target TEXT NOT NULL, measure TEXT NOT NULL, basis TEXT NOT NULL, category TEXT NOT NULL,"
  " goods TEXT, legal TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, file TEXT, line INTEGER,"
  " day INTEGER NOT NULL, date TEXT NOT NULL);"
  "CREATE INDEX sanction_flags_day ON sanction_flags(day, id);"
  "CREATE INDEX sanction_flags_regime ON sanction_flags(regime, day);"
  "CREATE INDEX sanction_flags_event ON sanction_flags(event);";

/* Migration 5 (issue #6): where each event happened, as columns computed from its JSON record
 * (virtual: nothing more is written at ingest, and stores coded before have null places). */
static const char SCHEMA_V5[] =
  "ALTER TABLE events ADD COLUMN place_name TEXT GENERATED ALWAYS AS (json_extract(json, '$.place.name')) VIRTUAL;"
  "ALTER TABLE events ADD COLUMN place_country TEXT GENERATED ALWAYS AS (json_extract(json, '$.place.country')) VIRTUAL;"
  "ALTER TABLE events ADD COLUMN place_admin1 TEXT GENERATED ALWAYS AS (json_extract(json, '$.place.admin1')) VIRTUAL;"
  "ALTER TABLE events ADD COLUMN place_lat REAL GENERATED ALWAYS AS (json_extract(json, '$.place.lat')) VIRTUAL;"
  "ALTER TABLE events ADD COLUMN place_lon REAL GENERATED ALWAYS AS (json_extract(json, '$.place.lon')) VIRTUAL;"
  "ALTER TABLE events ADD COLUMN place_precision TEXT GENERATED ALWAYS AS (json_extract(json, '$.place.precision')) VIRTUAL;"
  "ALTER TABLE events ADD COLUMN place_basis TEXT GENERATED ALWAYS AS (json_extract(json, '$.place.basis')) VIRTUAL;";

/* Migration 6 (session 3): indexes for the filters that read reports: events by CAMEO code (a
 * rare code is found through it instead of walking its root's merged events), by the state and
 * latitude of their place (partial: only events that have one), and stances by claim: in id
 * order (a claim's first stances without sorting thousands), by stance and claimant (who alleged,
 * denied, confirmed: one seek per claimant) and by date (first and last); and the later-event
 * counts of commitments per country pair and 32-day bucket (kept at each commit, totals.c), so a
 * commitment counts what followed it by buckets instead of walking every later merged event. */
static const char SCHEMA_V6[] =
  DYAD_SCHEMA_V6_INDEXES
  "CREATE TABLE commit_later(parties TEXT NOT NULL, bucket INTEGER NOT NULL, honoured INTEGER NOT NULL, broken INTEGER NOT NULL,"
  " PRIMARY KEY(parties, bucket)) WITHOUT ROWID;"
  "INSERT INTO commit_later SELECT CASE WHEN src3 < tgt3 THEN src3 || ',' || tgt3 ELSE tgt3 || ',' || src3 END,"
  " (day + 1048576) / 32, sum(CASE WHEN quad = 2 THEN 1 ELSE 0 END), sum(CASE WHEN quad = 4 THEN 1 ELSE 0 END) FROM happenings"
  " WHERE (mode & 47) = 0 AND quad IN (2, 4) AND src3 <> tgt3 AND src3 <> '' AND tgt3 <> '' GROUP BY 1, 2;";

static const char *const MIGRATIONS[] = {NULL, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6};   /* index = the version it creates */

const char *dyad_store_path(const char *opt) {
  if (opt && *opt) return opt;
  const char *env = getenv("DYAD_DB");
  return env && *env ? env : "dyad.db";
}

dyad_db *dyad_store_db(dyad_store *s) { return s->db; }
const char *dyad_store_name(const dyad_store *s) { return s->label; }

/* A copy of path without the password of a URL (scheme://user:password@host...). */
static char *label_of(const char *path) {
  char *l = dyad_strdup(path);
  char *at = l ? strchr(l, '@') : NULL, *scheme = l ? strstr(l, "://") : NULL;
  if (!at || !scheme || at < scheme || !dyad_db_is_postgres(path)) return l;
  char *colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
  if (colon && at - colon > 4) { memcpy(colon + 1, "***", 3); memmove(colon + 4, at, strlen(at) + 1); }
  return l;
}

int dyad_store_error(dyad_store *s, int rc, const char *what, char *err, size_t errcap) {
  const char *path = s ? s->label : "store";
  const char *msg = s && s->db ? dyad_db_errmsg(s->db) : "out of memory";
  if ((rc & 0xff) == 6) rc = DYAD_DB_BUSY;   /* SQLite's LOCKED: another connection holds a table */
  if (s && s->db && dyad_db_engine(s->db) == DYAD_DB_POSTGRES && rc == DYAD_DB_CANTOPEN) {
    snprintf(err, errcap, "%s: %s: cannot reach the PostgreSQL database (%s); check the URL, that the server runs, and "
             "that the database exists and this user may use it", path, what, msg);
    return DYAD_ESTORE_READONLY;
  }
  if (s && s->db && dyad_db_engine(s->db) == DYAD_DB_POSTGRES && rc == DYAD_DB_PERM) {
    snprintf(err, errcap, "%s: %s: this role may not use the store's tables (%s); GRANT it access, or connect as the "
             "role that ran dyad ingest", path, what, msg);
    return DYAD_ESTORE_READONLY;
  }
  switch (rc & 0xff) {
  case DYAD_DB_BUSY:
    snprintf(err, errcap, "%s: %s: the database is locked by another process (another dyad ingest?); wait for it "
             "to finish or raise DYAD_BUSY_TIMEOUT (ms)", path, what);
    return DYAD_ESTORE_LOCKED;
  case DYAD_DB_READONLY: case DYAD_DB_PERM: case DYAD_DB_CANTOPEN:
    snprintf(err, errcap, "%s: %s: cannot write the database or its directory (%s); check permissions, or use "
             "--db with a writable path", path, what, msg);
    return DYAD_ESTORE_READONLY;
  case DYAD_DB_CORRUPT: case DYAD_DB_NOTADB:
    snprintf(err, errcap, "%s: %s: the file is not a dyad store or is damaged (%s); move it aside and ingest again",
             path, what, msg);
    return DYAD_ESTORE_CORRUPT;
  case DYAD_DB_NOMEM:
    snprintf(err, errcap, "%s: %s: out of memory", path, what);
    return DYAD_ENOMEM;
  case DYAD_DB_FULL: case DYAD_DB_IOERR:
    snprintf(err, errcap, "%s: %s: %s; free disk space and run again (documents already stored are kept)", path, what, msg);
    return DYAD_ESTORE_READONLY;
  default:
    snprintf(err, errcap, "%s: %s: %s", path, what, msg);
    return DYAD_EINPUT;
  }
}

int dyad_store_exec(dyad_store *s, const char *sql) { return dyad_db_exec(s->db, sql); }

dyad_stmt *dyad_store_stmt(dyad_store *s, const char *sql) {
  for (size_t i = 0; i < s->nstmt; i++)
    if (s->stmts[i].sql == sql) {
      dyad_db_reset(s->stmts[i].st);
      return s->stmts[i].st;
    }
  if (s->nstmt == DYAD_STORE_MAX_STMTS) return NULL;
  dyad_stmt *st = NULL;
  if (dyad_db_prepare(s->db, sql, -1, &st) != DYAD_DB_OK) return NULL;
  s->stmts[s->nstmt].sql = sql;
  s->stmts[s->nstmt++].st = st;
  return st;
}

/* The text-keyed cache: reuses a statement built from the same SQL text (dynamic queries such as
 * those of dyad serve), replacing the least recently used one when full. */
dyad_stmt *dyad_store_stmt_text(dyad_store *s, const char *sql, size_t n) {
  size_t lru = 0;
  for (size_t i = 0; i < DYAD_STORE_MAX_TEXT_STMTS; i++) {
    if (s->texts[i].st && s->texts[i].n == n && memcmp(s->texts[i].sql, sql, n) == 0) {
      s->texts[i].used = ++s->tick;
      dyad_db_reset(s->texts[i].st);
      return s->texts[i].st;
    }
    if (s->texts[i].used < s->texts[lru].used) lru = i;
  }
  char *copy = dyad_malloc(n + 1);
  dyad_stmt *st = NULL;
  if (!copy || dyad_db_prepare(s->db, sql, (long)n, &st) != DYAD_DB_OK) {
    free(copy);
    return NULL;
  }
  memcpy(copy, sql, n);
  copy[n] = 0;
  dyad_db_finalize(s->texts[lru].st);
  free(s->texts[lru].sql);
  s->texts[lru].sql = copy;
  s->texts[lru].n = n;
  s->texts[lru].st = st;
  s->texts[lru].used = ++s->tick;
  return st;
}

/* Runs a one-row query of two integers; returns the DYAD_DB code. */
static int query2(dyad_store *s, const char *sql, long long *a, long long *b) {
  dyad_stmt *st = NULL;
  int rc = dyad_db_prepare(s->db, sql, -1, &st);
  if (rc != DYAD_DB_OK) return rc;
  rc = dyad_db_step(st);
  if (rc == DYAD_DB_ROW) {
    *a = dyad_db_column_int64(st, 0);
    if (b) *b = dyad_db_column_int64(st, 1);
    rc = DYAD_DB_OK;
  } else if (rc == DYAD_DB_DONE) rc = DYAD_DB_NOTADB;
  dyad_db_finalize(st);
  return rc;
}

/* The schema version in meta, 0 for an empty file; -1 (with rc set) when it cannot be read or
 * the file holds tables that are not a dyad store. */
static int read_version(dyad_store *s, int *rc) {
  long long tables = 0, meta = 0, v = -1;
  *rc = query2(s, dyad_db_engine(s->db) == DYAD_DB_POSTGRES ? dyad_store_pg_tables_sql()
                                                            : "SELECT count(*), sum(name='meta') FROM sqlite_master",
               &tables, &meta);
  if (*rc != DYAD_DB_OK) return -1;
  if (tables == 0) return 0;
  if (!meta) { *rc = DYAD_DB_NOTADB; return -1; }
  *rc = query2(s, "SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema_version'", &v, NULL);
  if (*rc != DYAD_DB_OK) return -1;
  if (v < 0) *rc = DYAD_DB_NOTADB;
  return (int)v;
}

/* Applies the migrations after version v in one immediate transaction. */
static int migrate(dyad_store *s, char *err, size_t errcap) {
  int pg = dyad_db_engine(s->db) == DYAD_DB_POSTGRES;
  int rc = dyad_store_begin(s);
  if (rc != DYAD_DB_OK) return dyad_store_error(s, rc, "cannot lock the store to prepare it", err, errcap);
  int v = read_version(s, &rc);
  if (v < 0 || v > DYAD_STORE_SCHEMA) {
    dyad_store_exec(s, "ROLLBACK");
    if (v > DYAD_STORE_SCHEMA) {
      snprintf(err, errcap, "%s: the store has schema version %d but this dyad knows %d; use a newer dyad", s->label, v,
               DYAD_STORE_SCHEMA);
      return DYAD_ESTORE_CORRUPT;
    }
    return dyad_store_error(s, rc, "reading the schema version", err, errcap);
  }
  static const char upsert[] = "INSERT INTO meta VALUES('%s','%s%.40s') ON CONFLICT(key) DO UPDATE SET value = excluded.value";
  for (int m = v + 1; m <= DYAD_STORE_SCHEMA && rc == DYAD_DB_OK; m++) {
    rc = dyad_store_exec(s, pg ? dyad_store_pg_migration(m) : MIGRATIONS[m]);
    if (rc == DYAD_DB_OK) {
      char sql[200], num[16];
      snprintf(num, sizeof num, "%d", m);
      snprintf(sql, sizeof sql, upsert, "schema_version", "", num);
      rc = dyad_store_exec(s, sql);
    }
  }
  if (rc == DYAD_DB_OK && v == 0) {
    char sql[200];
    snprintf(sql, sizeof sql, upsert, "created_by", "dyad ", dyad_version());
    rc = dyad_store_exec(s, sql);
  }
  if (rc == DYAD_DB_OK && pg) rc = dyad_store_exec(s, dyad_store_pg_functions());
  if (rc == DYAD_DB_OK) rc = dyad_store_exec(s, "COMMIT");
  if (rc != DYAD_DB_OK) {
    int st = dyad_store_error(s, rc, "creating or migrating the schema", err, errcap);
    dyad_store_exec(s, "ROLLBACK");
    return st;
  }
  return DYAD_OK;
}

/* Checks a store opened for reading: the file is a dyad store this build can read. */
static int check_readable(dyad_store *s, char *err, size_t errcap) {
  int rc;
  int v = read_version(s, &rc);
  if (v < 0) return dyad_store_error(s, rc, "reading the schema version", err, errcap);
  if (v == 0) { snprintf(err, errcap, "%s: the store is empty; run dyad ingest first", s->label); return DYAD_EINPUT; }
  if (v > DYAD_STORE_SCHEMA) {
    snprintf(err, errcap, "%s: schema version %d is newer than this dyad (%d); use a newer dyad", s->label, v, DYAD_STORE_SCHEMA);
    return DYAD_ESTORE_CORRUPT;
  }
  if (v < DYAD_STORE_SCHEMA) {
    snprintf(err, errcap, "%s: schema version %d is older than this dyad's (%d); run dyad ingest once to migrate it",
             s->label, v, DYAD_STORE_SCHEMA);
    return DYAD_ESTORE_CORRUPT;
  }
  return DYAD_OK;
}

/* Connection settings: WAL, relaxed fsync (consistent after a crash, may lose the last
 * transactions on power loss), checkpoints every 64 MB of WAL (pages rewritten by many batches
 * reach the database once), a 256 MB page cache. PostgreSQL needs none of these. */
static int configure(dyad_store *s, char *err, size_t errcap) {
  if (dyad_db_engine(s->db) == DYAD_DB_POSTGRES) return DYAD_OK;
  int rc = DYAD_DB_OK;
  if (s->writable) {
    if (dyad_db_readonly(s->db)) return dyad_store_error(s, DYAD_DB_READONLY, "opening for writing", err, errcap);
    dyad_stmt *st = NULL;
    rc = dyad_db_prepare(s->db, "PRAGMA journal_mode=WAL", -1, &st);
    if (rc == DYAD_DB_OK) {
      rc = dyad_db_step(st);
      if (rc == DYAD_DB_ROW && strcmp(dyad_db_column_text(st, 0), "wal") != 0) rc = DYAD_DB_READONLY;
      else if (rc == DYAD_DB_ROW) rc = DYAD_DB_OK;
    }
    dyad_db_finalize(st);
    if (rc != DYAD_DB_OK) return dyad_store_error(s, rc, "switching to WAL mode", err, errcap);
    rc = dyad_store_exec(s, "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=16384");
  }
  if (rc == DYAD_DB_OK) rc = dyad_store_exec(s, "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY");
  if (rc != DYAD_DB_OK) return dyad_store_error(s, rc, "configuring the connection", err, errcap);
  return DYAD_OK;
}

int dyad_store_open(const char *path, int writable, int busy_ms, dyad_store **out, char *err, size_t errcap) {
  *out = NULL;
  struct stat stt;
  if (!writable && !dyad_db_is_postgres(path) && stat(path, &stt) != 0) {
    snprintf(err, errcap, "%s: no store here (%s); run dyad ingest first, or pass --db PATH or set DYAD_DB", path, strerror(errno));
    return DYAD_EINPUT;
  }
  dyad_store *s = dyad_calloc(1, sizeof *s);
  if (!s || !(s->path = dyad_strdup(path)) || !(s->label = label_of(path))) {
    if (s) free(s->path);
    free(s); snprintf(err, errcap, "out of memory"); return DYAD_ENOMEM; }
  s->writable = writable;
  s->busy_ms = busy_ms;
  dyad_intern_init(&s->actors_seen);
  int rc = dyad_db_open(path, writable, busy_ms, &s->db);
  int st = rc == DYAD_DB_OK ? configure(s, err, errcap)
                            : dyad_store_error(s, rc, writable ? "cannot open or create the store" : "cannot open the store", err, errcap);
  if (st == DYAD_OK) st = writable ? migrate(s, err, errcap) : check_readable(s, err, errcap);
  if (st != DYAD_OK) { dyad_store_close(s); return st; }
  *out = s;
  return DYAD_OK;
}

int dyad_store_open_reader(dyad_store *s, dyad_store **out, char *err, size_t errcap) {
  return dyad_store_open(s->path, 0, s->busy_ms, out, err, errcap);
}

void dyad_store_close(dyad_store *s) {
  if (!s) return;
  for (size_t i = 0; i < s->nstmt; i++) dyad_db_finalize(s->stmts[i].st);
  for (size_t i = 0; i < DYAD_STORE_MAX_TEXT_STMTS; i++) { dyad_db_finalize(s->texts[i].st); free(s->texts[i].sql); }
  dyad_db_close(s->db);
  dyad_intern_free(&s->actors_seen);
  free(s->path);
  free(s->label);
  free(s);
}

/* ---- write transactions and ids ----------------------------------------------------------- */
int dyad_store_begin(dyad_store *s) {
  memset(s->next_id, 0, sizeof s->next_id);
  if (dyad_db_engine(s->db) != DYAD_DB_POSTGRES) return dyad_store_exec(s, "BEGIN IMMEDIATE");
  char sql[160];
  snprintf(sql, sizeof sql, "BEGIN; SET LOCAL lock_timeout = %d; SELECT pg_advisory_xact_lock(%lld)", s->busy_ms,
           DYAD_STORE_PG_LOCK);
  return dyad_store_exec(s, sql);
}

int dyad_store_commit(dyad_store *s) {
  memset(s->next_id, 0, sizeof s->next_id);
  return dyad_store_exec(s, "COMMIT");
}

void dyad_store_rollback(dyad_store *s) {
  memset(s->next_id, 0, sizeof s->next_id);
  dyad_store_exec(s, "ROLLBACK");
}

long long dyad_store_new_id(dyad_store *s, int table) {
  static const char *const sql[DYAD_ID_N] = {
    "SELECT coalesce(max(id), 0), 0 FROM documents", "SELECT coalesce(max(id), 0), 0 FROM events",
    "SELECT coalesce(max(id), 0), 0 FROM happenings", "SELECT coalesce(max(id), 0), 0 FROM claims",
    "SELECT coalesce(max(id), 0), 0 FROM commitments"};
  if (table < 0 || table >= DYAD_ID_N) return -1;
  if (s->next_id[table] == 0) {
    long long max = 0;
    if (query2(s, sql[table], &max, NULL) != DYAD_DB_OK) return -1;
    s->next_id[table] = max + 1;
  }
  return s->next_id[table]++;
}

long long dyad_store_insert_new(dyad_store *s, dyad_stmt *st, int table, int pos) {
  long long id = dyad_store_new_id(s, table);
  if (id < 0) return -1;
  dyad_db_bind_int64(st, pos, id);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_DONE ? id : -1;
}

/* ---- SHA-256 (FIPS 180-4), for document identity ---------------------------------------- */
typedef struct { uint32_t h[8]; uint64_t len; unsigned char buf[64]; size_t n; } sha256;

static uint32_t ror(uint32_t x, int r) { return (x >> r) | (x << (32 - r)); }

static void sha_block(sha256 *c, const unsigned char *p) {
  static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  uint32_t w[64], v[8];
  for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  memcpy(v, c->h, sizeof v);
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];
    uint32_t t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
    memmove(v + 1, v, 7 * sizeof *v);
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; i++) c->h[i] += v[i];
}

static void sha_init(sha256 *c) {
  static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(c->h, H0, sizeof H0);
  c->len = 0;
  c->n = 0;
}

static void sha_add(sha256 *c, const void *data, size_t n) {
  const unsigned char *p = data;
  c->len += n;
  while (n) {
    size_t k = 64 - c->n < n ? 64 - c->n : n;
    memcpy(c->buf + c->n, p, k);
    c->n += k; p += k; n -= k;
    if (c->n == 64) { sha_block(c, c->buf); c->n = 0; }
  }
}

static void sha_hex(sha256 *c, char out[65]) {
  uint64_t bits = c->len * 8;
  unsigned char pad = 0x80, zero = 0, lenb[8];
  sha_add(c, &pad, 1);
  while (c->n != 56) sha_add(c, &zero, 1);
  for (int i = 0; i < 8; i++) lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
  sha_add(c, lenb, 8);
  for (int i = 0; i < 8; i++) snprintf(out + 8 * i, 9, "%08x", c->h[i]);
}

void dyad_doc_hash(const char *text, size_t n, const char *url, char out[65]) {
  sha256 c;
  sha_init(&c);
  sha_add(&c, text, n);
  sha_add(&c, "", 1);
  if (url) sha_add(&c, url, strlen(url));
  sha_hex(&c, out);
}

/* ---- dates ------------------------------------------------------------------------------ */
long dyad_store_day(const char *d) {
  if (!d || strlen(d) < 10 || d[4] != '-' || d[7] != '-') return 0;
  long y = atol(d), m = atol(d + 5), dd = atol(d + 8);
  if (m < 1 || m > 12 || dd < 1 || dd > 31) return 0;
  y -= m <= 2;   /* days from civil, after H. Hinnant's public-domain algorithm */
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void dyad_store_date(long z, char out[11]) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", (y + (m <= 2)) % 10000, m, d);
  memcpy(out, tmp, 10);
  out[10] = 0;
}

/* ---- inserts ---------------------------------------------------------------------------- */
int dyad_store_has_doc(dyad_store *s, const char *hash) {
  static const char sql[] = "SELECT 1 FROM documents WHERE hash=?";
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, hash, -1);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_ROW ? 1 : rc == DYAD_DB_DONE ? 0 : -1;
}


/* One statement: the insert is also the look-up of the hash (a round trip less per document on
 * PostgreSQL); when the hash is stored, nothing is inserted and the id is given back. */
long long dyad_store_add_doc(dyad_store *s, const char *hash, const char *name, const char *url, const char *title,
                             const char *outlet, const char *date, const char *text, size_t n, int nevents) {
  static const char sql[] = "INSERT INTO documents(hash,name,url,title,outlet,date,text,events,id) VALUES(?,?,?,?,?,?,?,?,?) "
                            "ON CONFLICT(hash) DO NOTHING RETURNING id";
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return -1;
  dyad_db_bind_text(st, 1, hash, -1);
  dyad_db_bind_text(st, 2, name, -1);
  dyad_db_bind_opt(st, 3, url);
  dyad_db_bind_opt(st, 4, title);
  dyad_db_bind_opt(st, 5, outlet);
  dyad_db_bind_opt(st, 6, date);
  dyad_db_bind_text(st, 7, text, (long)n);
  dyad_db_bind_int64(st, 8, nevents);
  long long id = dyad_store_new_id(s, DYAD_ID_DOCUMENTS);
  if (id < 0) return -1;
  dyad_db_bind_int64(st, 9, id);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  if (rc == DYAD_DB_DONE) s->next_id[DYAD_ID_DOCUMENTS]--;   /* stored already: the id was not used */
  return rc == DYAD_DB_ROW ? id : rc == DYAD_DB_DONE ? 0 : -1;
}

static int add_actor(dyad_store *s, const char *code, const char *entry, const char *name) {
  static const char sql[] = "INSERT INTO actors(code,entry,name) VALUES(?,?,?) ON CONFLICT DO NOTHING";
  if (!code) return DYAD_DB_OK;
  char key[256];
  int kn = snprintf(key, sizeof key, "%s\t%s", code, entry ? entry : "unknown");
  if (kn > 0 && kn < (int)sizeof key && s->actors_seen.count < 1000000) {
    if (dyad_intern_find(&s->actors_seen, key, (size_t)kn) >= 0) return DYAD_DB_OK;
    dyad_intern_add(&s->actors_seen, key, (size_t)kn);
  }
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return dyad_db_errcode(s->db);
  dyad_db_bind_text(st, 1, code, -1);
  dyad_db_bind_text(st, 2, entry ? entry : "unknown", -1);
  dyad_db_bind_opt(st, 3, name);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_DONE ? DYAD_DB_OK : rc;
}

static int add_fts(dyad_store *s, long long rowid, const char *text, size_t n) {
  static const char sql[] = "INSERT INTO evidence_fts(rowid,text) VALUES(?,?)";
  dyad_stmt *st = dyad_store_stmt(s, sql);
  if (!st) return dyad_db_errcode(s->db);
  dyad_db_bind_int64(st, 1, rowid);
  dyad_db_bind_text(st, 2, text, (long)n);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  return rc == DYAD_DB_DONE ? DYAD_DB_OK : rc;
}

/* Binds the place columns of r from position i (PostgreSQL stores them; the numbers as the record
 * spells them, so they read back the same); returns the next position. */
static int bind_place(dyad_stmt *st, int i, const dyad_srec *r) {
  char lat[40], lon[40];
  snprintf(lat, sizeof lat, "%.5f", r->place_lat == 0 ? 0.0 : r->place_lat);   /* -0 reads as 0, as SQLite reads it */
  snprintf(lon, sizeof lon, "%.5f", r->place_lon == 0 ? 0.0 : r->place_lon);
  int has = r->place_name != NULL;
  dyad_db_bind_opt(st, i++, r->place_name);
  dyad_db_bind_opt(st, i++, has && r->place_country[0] ? r->place_country : NULL);
  dyad_db_bind_opt(st, i++, has && r->place_admin1[0] ? r->place_admin1 : NULL);
  dyad_db_bind_opt(st, i++, has ? lat : NULL);
  dyad_db_bind_opt(st, i++, has ? lon : NULL);
  dyad_db_bind_opt(st, i++, has ? r->place_precision : NULL);
  dyad_db_bind_opt(st, i++, has ? r->place_basis : NULL);
  return i;
}

int dyad_store_add_event(dyad_store *s, long long doc, dyad_srec *r, const char *sentence, size_t sn, int first_in_sentence) {
#define EVENT_COLS "doc,eid,sent,date,day,precision,src,src3,src_name,tgt,tgt3,tgt_name,code,root,quad,goldstein," \
  "plover,mode,stance,speaker,ev_start,ev_end,verb_start,verb_end,rule,json"
  static const char sql[] = "INSERT INTO events(" EVENT_COLS ",id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  static const char sql_pg[] = "INSERT INTO events(" EVENT_COLS ",place_name,place_country,place_admin1,place_lat,place_lon,"
    "place_precision,place_basis,id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  int pg = dyad_db_engine(s->db) == DYAD_DB_POSTGRES;
  dyad_stmt *st = dyad_store_stmt(s, pg ? sql_pg : sql);
  if (!st) return dyad_db_errcode(s->db);
  int i = 1;
  dyad_db_bind_int64(st, i++, doc);
  dyad_db_bind_text(st, i++, r->eid, -1);
  dyad_db_bind_int64(st, i++, r->sent);
  dyad_db_bind_text(st, i++, r->date, -1);
  dyad_db_bind_int64(st, i++, r->day);
  dyad_db_bind_int64(st, i++, r->precision);
  dyad_db_bind_opt(st, i++, r->src);
  dyad_db_bind_text(st, i++, r->src3, -1);
  dyad_db_bind_opt(st, i++, r->src_name);
  dyad_db_bind_opt(st, i++, r->tgt);
  dyad_db_bind_text(st, i++, r->tgt3, -1);
  dyad_db_bind_opt(st, i++, r->tgt_name);
  dyad_db_bind_text(st, i++, r->code, -1);
  dyad_db_bind_text(st, i++, r->root, -1);
  dyad_db_bind_int64(st, i++, r->quad);
  dyad_db_bind_double(st, i++, r->goldstein);
  dyad_db_bind_opt(st, i++, r->plover);
  dyad_db_bind_int64(st, i++, r->mode);
  dyad_db_bind_int64(st, i++, r->stance);
  dyad_db_bind_opt(st, i++, r->speaker);
  dyad_db_bind_int64(st, i++, (long long)r->ev_start);
  dyad_db_bind_int64(st, i++, (long long)r->ev_end);
  dyad_db_bind_int64(st, i++, (long long)r->verb_start);
  dyad_db_bind_int64(st, i++, (long long)r->verb_end);
  dyad_db_bind_opt(st, i++, r->rule);
  dyad_db_bind_text(st, i++, r->json, -1);
  if (pg) i = bind_place(st, i, r);
  long long id = dyad_store_new_id(s, DYAD_ID_EVENTS);
  if (id < 0) return dyad_db_errcode(s->db);
  dyad_db_bind_int64(st, i++, id);
  int rc = dyad_db_step(st);
  dyad_db_reset(st);
  if (rc != DYAD_DB_DONE) return rc;
  r->rowid = id;
  rc = first_in_sentence ? add_fts(s, r->rowid, sentence, sn) : DYAD_DB_OK;
  if (rc == DYAD_DB_OK) rc = add_actor(s, r->src, r->src_entry, r->src_name);
  if (rc == DYAD_DB_OK) rc = add_actor(s, r->tgt, r->tgt_entry, r->tgt_name);
  return rc;
}

int dyad_store_add_sanctions(dyad_store *s, long long doc, const dyad_srec *r, const char *text, size_t n) {
  static const char sql[] =
    "INSERT INTO sanction_flags(event,doc,regime,target,measure,basis,category,goods,legal,span_start,span_end,file,line,day,date) "
    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  for (int k = 0; k < r->nsanctions; k++) {
    const dyad_sanction *f = &r->sanctions[k];
    dyad_stmt *st = dyad_store_stmt(s, sql);
    if (!st) return dyad_db_errcode(s->db);
    int i = 1;
    dyad_db_bind_int64(st, i++, r->rowid);
    dyad_db_bind_int64(st, i++, doc);
    dyad_db_bind_text(st, i++, f->regime, -1);
    dyad_db_bind_text(st, i++, f->target ? f->target : "", -1);
    dyad_db_bind_text(st, i++, f->measure, -1);
    dyad_db_bind_text(st, i++, f->basis, -1);
    dyad_db_bind_text(st, i++, f->category, -1);
    if (f->start <= f->end && f->end <= n) dyad_db_bind_text(st, i++, text + f->start, (long)(f->end - f->start));
    else dyad_db_bind_null(st, i++);
    dyad_db_bind_text(st, i++, f->legal, -1);
    dyad_db_bind_int64(st, i++, (long long)f->start);
    dyad_db_bind_int64(st, i++, (long long)f->end);
    dyad_db_bind_opt(st, i++, f->file);
    dyad_db_bind_int64(st, i++, f->line);
    dyad_db_bind_int64(st, i++, r->day);
    dyad_db_bind_text(st, i++, r->date, -1);
    int rc = dyad_db_step(st);
    dyad_db_reset(st);
    if (rc != DYAD_DB_DONE) return rc;
  }
  return DYAD_DB_OK;
}
