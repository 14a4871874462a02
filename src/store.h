/* store.h - dyad's event store: one SQLite file in WAL mode, or a PostgreSQL database, holding
 * documents (with their normalized text), events (columns plus the JSON line), merged happenings,
 * claims and commitments. Schema, migrations, opening with clear errors, and the low-level inserts. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H
#include "db.h"
#include <stddef.h>
#include "dyad.h"

#define DYAD_STORE_SCHEMA 6          /* the schema version this build writes */
#define DYAD_STORE_MAX_STMTS 96      /* prepared statements cached per connection */
#define DYAD_STORE_MAX_TEXT_STMTS 16 /* statements cached per connection by their SQL text */
#define DYAD_STORE_PG_LOCK 0x647961644c4bLL   /* PostgreSQL advisory lock key held by a writing transaction */

/* Tables whose ids the writer gives itself (the next after the largest, under the write lock). */
enum { DYAD_ID_DOCUMENTS, DYAD_ID_EVENTS, DYAD_ID_HAPPENINGS, DYAD_ID_CLAIMS, DYAD_ID_COMMITMENTS, DYAD_ID_N };

/* Exit statuses beyond dyad.h's: the store cannot be used. */
enum {
  DYAD_ESTORE_LOCKED = 5,    /* another process holds the write lock past the busy timeout */
  DYAD_ESTORE_READONLY = 6,  /* the file or its directory cannot be written */
  DYAD_ESTORE_CORRUPT = 7    /* not a SQLite file, damaged, or not a dyad store of a known version */
};

/* Bits of a stored event's mode. */
enum { DYAD_MODE_NEGATED = 1, DYAD_MODE_FUTURE = 2, DYAD_MODE_HYPOTHETICAL = 4, DYAD_MODE_CONDITIONAL = 8,
       DYAD_MODE_HISTORICAL = 16 };

typedef struct dyad_store dyad_store;

/* One event copied out of the emit callback (strings owned by the ingest's per-document arena). */
typedef struct {
  long long rowid;                 /* events.id once stored */
  int sent, precision, quad, mode, stance;
  long day;                        /* days since 1970-01-01 of date */
  char eid[48], date[11], root[3];
  const char *src, *src_name, *src_entry, *tgt, *tgt_name, *tgt_entry, *speaker;
  char src3[4], tgt3[4], speaker3[4];   /* country (or IGO) prefixes, "" when absent */
  const char *code, *plover, *rule, *verb, *json, *label;   /* label: the CAMEO label of code */
  double goldstein;
  size_t ev_start, ev_end, verb_start, verb_end;
  const dyad_sanction *sanctions;  /* flags (array in the ingest's arena; strings borrow from the dictionary) */
  int nsanctions;
  /* where it happened, as in its JSON record (PostgreSQL stores these columns; SQLite computes them) */
  const char *place_name, *place_precision, *place_basis;   /* place_name NULL: no place */
  char place_country[4], place_admin1[8];                    /* "" when the record has null */
  double place_lat, place_lon;
} dyad_srec;

/* The store path (or postgresql:// URL): opt when given, else $DYAD_DB when set and non-empty, else "dyad.db". */
const char *dyad_store_path(const char *opt);

/* Opens (writable: creating and migrating) the store at path. busy_ms is how long to wait for a
 * lock. Returns DYAD_OK and *out, or a status (DYAD_EINPUT when a read-only open finds no file,
 * DYAD_ESTORE_*, DYAD_ENOMEM) with a message in err that says what to do. */
int dyad_store_open(const char *path, int writable, int busy_ms, dyad_store **out, char *err, size_t errcap);
/* Opens a second, read-only connection to the store s is open on (same path and busy timeout), for
 * another thread: each connection is used by one thread at a time. Returns as dyad_store_open. */
int dyad_store_open_reader(dyad_store *s, dyad_store **out, char *err, size_t errcap);
void dyad_store_close(dyad_store *s);
dyad_db *dyad_store_db(dyad_store *s);
const char *dyad_store_name(const dyad_store *s);

/* Maps a DYAD_DB result code to a dyad status and writes "PATH: what: reason; advice" to err. */
int dyad_store_error(dyad_store *s, int rc, const char *what, char *err, size_t errcap);

/* A cached prepared statement for a static SQL string (identity of the pointer is the key),
 * reset and with bindings cleared; NULL on error (see dyad_db_errmsg). */
dyad_stmt *dyad_store_stmt(dyad_store *s, const char *sql);

/* A cached prepared statement for the n bytes of SQL text at sql (compared by content; the
 * DYAD_STORE_MAX_TEXT_STMTS least recently used are kept), reset and with bindings cleared; the
 * store owns it (never finalize it). NULL on error (see dyad_db_errmsg). */
dyad_stmt *dyad_store_stmt_text(dyad_store *s, const char *sql, size_t n);

/* Runs SQL without results; returns the DYAD_DB code. */
int dyad_store_exec(dyad_store *s, const char *sql);

/* Starts a write transaction holding the store's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
 * an advisory lock, so writers take turns), waiting up to the busy timeout. Returns the DYAD_DB code. */
int dyad_store_begin(dyad_store *s);
int dyad_store_commit(dyad_store *s);
void dyad_store_rollback(dyad_store *s);
/* The id for a new row of table (DYAD_ID_*): one more than the largest stored or given in this
 * transaction; -1 on a database error. Valid only while this connection holds the write lock. */
long long dyad_store_new_id(dyad_store *s, int table);
/* Binds a new id of table (dyad_store_new_id) as parameter pos of the prepared insert st, runs and
 * resets it: the new row's id, or -1 when the id or the insert failed. */
long long dyad_store_insert_new(dyad_store *s, dyad_stmt *st, int table, int pos);

/* PostgreSQL schema text (store_pg.c): migration m (1..DYAD_STORE_SCHEMA) and the query of
 * (tables in the schema, whether meta is one of them). */
const char *dyad_store_pg_migration(int m);
const char *dyad_store_pg_tables_sql(void);
/* PostgreSQL versions of the SQL functions the queries call (created or replaced at every writing open). */
const char *dyad_store_pg_functions(void);

/* Hex SHA-256 of text, a NUL byte, and url (url may be NULL): the document's identity. */
void dyad_doc_hash(const char *text, size_t n, const char *url, char out[65]);

/* 1 when a document with this hash is stored (or pending in the open transaction), 0 when not,
 * -1 on a database error. */
int dyad_store_has_doc(dyad_store *s, const char *hash);

/* Inserts a document row unless a document with this hash is stored; returns its id (> 0), 0 when
 * the hash is stored already (nothing inserted), or -1 on error. */
long long dyad_store_add_doc(dyad_store *s, const char *hash, const char *name, const char *url,
                             const char *title, const char *outlet, const char *date, const char *text,
                             size_t n, int nevents);

/* Inserts one event of document doc (and, when first_in_sentence, its sentence into the evidence
 * full-text index, and its actors into the actors table); sets r->rowid. Returns DYAD_DB_OK or an error. */
int dyad_store_add_event(dyad_store *s, long long doc, dyad_srec *r, const char *sentence, size_t sn,
                         int first_in_sentence);

/* Inserts the sanctions flags of stored event r (after dyad_store_add_event) of document doc,
 * whose normalized text is text[0..n) (for the words that named the goods). Returns DYAD_DB_OK or an error. */
int dyad_store_add_sanctions(dyad_store *s, long long doc, const dyad_srec *r, const char *text, size_t n);

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian); 0 for malformed input. */
long dyad_store_day(const char *date);
/* The YYYY-MM-DD of a day number. */
void dyad_store_date(long day, char out[11]);

/* Schema 6's indexes, word for word the same in SQLite (store.c) and PostgreSQL (store_pg.c):
 * report filters that drive event queries, and claim stances by claim, claimant and date. */
#define DYAD_SCHEMA_V6_INDEXES \
  "CREATE INDEX events_code ON events(code);" \
  "CREATE INDEX events_place_country ON events(place_country) WHERE place_country IS NOT NULL;" \
  "CREATE INDEX events_place_lat ON events(place_lat) WHERE place_lat IS NOT NULL;" \
  "CREATE INDEX claim_stances_claim ON claim_stances(claim, id);" \
  "CREATE INDEX claim_stances_who ON claim_stances(claim, stance, claimant3, id);" \
  "CREATE INDEX claim_stances_when ON claim_stances(claim, date);"
#endif
