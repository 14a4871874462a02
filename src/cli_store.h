/* cli_store.h - the store commands of the dyad CLI: `dyad ingest`, `dyad query` and `dyad export`.
 * Each takes the arguments after its command name and returns the process exit status
 * (0 ok, 1 some input rejected, 2 usage, 3 out of memory, 5 store locked, 6 store read-only,
 * 7 store corrupt or of an unknown version). */
#ifndef DYAD_CLI_STORE_H
#define DYAD_CLI_STORE_H

int dyad_cli_ingest(int argc, char **argv);
int dyad_cli_query(int argc, char **argv);
int dyad_cli_export(int argc, char **argv);
#endif
