/* store_pg.c - the store's schema for PostgreSQL: the same tables, columns and indexes as the
 * SQLite MIGRATIONS of store.c, written in PostgreSQL's dialect (BIGINT ids, a tsvector index for
 * the evidence text, place columns generated from the JSON). Not available yet. */
#include "store.h"
#include <stddef.h>

const char *dyad_store_pg_migration(int m) { return "SELECT 'PostgreSQL stores are not supported yet' + 1"; }

const char *dyad_store_pg_tables_sql(void) {
  return "SELECT count(*), count(*) FILTER (WHERE table_name = 'meta') FROM information_schema.tables "
         "WHERE table_schema = current_schema()";
}
