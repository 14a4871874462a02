/* petrarch.h - read TABARI/PETRARCH dictionaries (actors, agents, verbs, discards) by converting
 * them in memory into dyad's own text formats (docs/dictionaries.md), so the ordinary loader
 * builds the dictionary; and write those converted files out (`dyad dict import`).
 * What our format cannot say is reported line by line as "FILE:LINE: not carried over: why". */
#ifndef DYAD_PETRARCH_H
#define DYAD_PETRARCH_H
#include "dyad.h"
#include "dict.h"
#include "util.h"

enum { DYAD_PETR_VERBS = 0, DYAD_PETR_ACTORS, DYAD_PETR_AGENTS, DYAD_PETR_DISCARDS, DYAD_PETR_NKINDS };

#define DYAD_PETR_MAX_FILES 32
#define DYAD_PETR_MAX_DISCARDS 4096

/* The result of converting one or more PETRARCH files. files[] holds our-format texts whose
 * paths ("actors/NAME.txt", "agents.txt", "verbs/NAME.txt") tell the loader what they are; the
 * data is owned here. report holds one line per construct not carried over. discards are the
 * lowercase phrases of the discard files (story-level ones too: a document is one story). */
typedef struct {
  dyad_dict_text files[DYAD_PETR_MAX_FILES];   /* data points into bufs[i] */
  dyad_buf bufs[DYAD_PETR_MAX_FILES];
  size_t nfiles;
  dyad_buf report;
  size_t nreport;
  char *discards[DYAD_PETR_MAX_DISCARDS];
  size_t ndiscards;
  size_t entries[DYAD_PETR_NKINDS];   /* entries read per kind, for summaries */
} dyad_petrarch_conv;

void dyad_petrarch_conv_init(dyad_petrarch_conv *c);
void dyad_petrarch_conv_free(dyad_petrarch_conv *c);

/* Converts one file's bytes (kind DYAD_PETR_*, name used for the output path and in reports).
 * Never fails on bad input (bad lines go to the report); returns DYAD_ENOMEM when memory or the
 * file table runs out, DYAD_EUSAGE for an unknown kind, else DYAD_OK. */
int dyad_petrarch_convert_text(dyad_petrarch_conv *c, int kind, const char *name, const char *data, size_t n);

/* Reads and converts the files of dir named by names[DYAD_PETR_*] (each a comma-separated list
 * of file names; names or an entry NULL means the default: CAMEO.2.0.txt, the three
 * Phoenix.*.actors.txt, Phoenix.agents.txt, Phoenix.discards.txt). An unreadable file is
 * reported through diag and makes the result DYAD_EINPUT; the others are still converted. */
int dyad_petrarch_convert_dir(dyad_petrarch_conv *c, const char *dir, const char *const *names, dyad_diag *diag);

/* Loads the converted texts, with the embedded CAMEO table (real CAMEO codes keep their weights;
 * PETRARCH's other codes are accepted as foreign codes) and the embedded grammar word lists.
 * The dictionary keeps PETRARCH's conventions (dyad_dict.petrarch): a bare agent is an actor of
 * the null country ("---GOV"), and events of any code stand without a target. */
dyad_dict *dyad_petrarch_dict(const dyad_petrarch_conv *c, dyad_diag *diag);

/* convert_dir + dict in one call; NULL (with a message through diag) when nothing loads. */
dyad_dict *dyad_petrarch_load(const char *dir, const char *const *names, dyad_diag *diag);

/* 1 when the normalized text contains a discard phrase (whole words, any case), else 0. */
int dyad_petrarch_discarded(const dyad_petrarch_conv *c, const char *text, size_t n);

/* Converts dir's files (names as above) and writes our format into outdir: actors/NAME.txt,
 * agents.txt, verbs/NAME.txt, cameo.tsv (the embedded table plus rows without weights for
 * PETRARCH's numeric non-CAMEO codes) and import-report.txt (every line not carried over, with
 * FILE:LINE). Creates outdir and its subfolders. Returns DYAD_OK, DYAD_EINPUT (unreadable input
 * or unwritable output, reported through diag) or DYAD_ENOMEM. */
int dyad_petrarch_import_files(const char *dir, const char *const *names, const char *outdir, dyad_diag *diag);
int dyad_petrarch_import(const char *dir, const char *outdir, dyad_diag *diag);

/* Date of a TABARI/PETRARCH role bound: 8 digits YYYYMMDD or 6 digits YYMMDD, where YY 00-29
 * is 20YY and 30-99 is 19YY. Returns 0 and fills *out, or -1. */
int dyad_petrarch_date(const char *s, size_t n, dyad_date *out);
#endif
