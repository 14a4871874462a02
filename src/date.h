/* date.h - calendar dates and the date expressions found in news text ("on Wednesday",
 * "in March", "last week", "June 19, 2024", "in 2019", "during World War II"), resolved against
 * a document's reference date. */
#ifndef DYAD_DATE_H
#define DYAD_DATE_H
#include <stddef.h>

typedef struct { int y, m, d; } dyad_date;   /* d or m may be 0 when unknown */

enum { DYAD_PREC_DAY = 0, DYAD_PREC_MONTH = 1, DYAD_PREC_YEAR = 2 };

typedef struct {
  size_t start, end;  /* byte span of the expression in the scanned text */
  dyad_date date;     /* resolved date (first day of the month/year for coarser precisions) */
  int precision;      /* DYAD_PREC_* */
  int historical;     /* 1 when the date lies more than a year before the reference date or
                         names a past era ("World War II", "the Korean War", "Soviet times") */
} dyad_date_hit;

/* Parses "YYYY-MM-DD" (also "YYYY-MM-DDTHH:MM..." and "YYYY/MM/DD"); returns 0 or -1. */
int dyad_date_parse(const char *s, size_t n, dyad_date *out);
/* Writes "YYYY-MM-DD" (11 bytes with NUL) for a date; unknown month/day print as 01. */
void dyad_date_format(dyad_date d, char out[11]);
/* Day of week, 0 = Monday .. 6 = Sunday; date must be a full date. */
int dyad_date_weekday(dyad_date d);
/* d plus days (may be negative). */
dyad_date dyad_date_add_days(dyad_date d, int days);
/* Days from a to b. */
long dyad_date_diff(dyad_date a, dyad_date b);

/* Finds date expressions in text[0..n) and resolves each against ref. tense < 0 resolves bare
 * weekdays and months to the past (the most recent one on or before ref), tense > 0 to the future,
 * 0 to the nearest. Writes at most cap hits in text order and returns the number found
 * (possibly more than cap). Recognized: ISO dates; "June 19, 2024", "19 June 2024", "June 19",
 * "June 2024", month names alone after in/since/until/by/from/during/last/next/this/early/late/mid;
 * weekdays (optionally "on", "last", "next", "this"); today, yesterday, tomorrow, tonight,
 * this/last/next week|month|year; "N days|weeks|months|years ago"; years 1900..2099 after
 * in/since/until/by/from/during/of or standing alone as a number with a comma or period after it; named eras
 * (World War I/II, the Korean War, the Cold War, Soviet times/era, the Vietnam War, the Gulf War) */
size_t dyad_dates_find(const char *text, size_t n, dyad_date ref, int tense,
                       dyad_date_hit *hits, size_t cap);
#endif
