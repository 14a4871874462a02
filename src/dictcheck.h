/* dictcheck.h - `dyad dict check`: consistency checks over loaded dictionaries that a line-by-line
 * loader cannot make (overlapping roles, offices left open, ambiguous aliases, unknown codes). */
#ifndef DYAD_DICTCHECK_H
#define DYAD_DICTCHECK_H
#include "dict.h"

typedef struct { size_t errors, warnings; } dyad_check_counts;

/* Reports each finding through diag as "FILE:LINE: error: ..." or "FILE:LINE: warning: ..." and
 * returns the counts. Errors: overlapping roles of one person; an office (same role code and
 * title) left open although a later holder exists; an alias naming two different actors without
 * a context rule; a role or actor code whose country part no country, IGO or group defines.
 * The sanctions data (sanctions/): unknown categories, blocs and codes, listed names under no
 * listed measure (errors); measures outside their regime's dates, no as-of date (warnings).
 * Warnings: a person with no role and no country=. */
dyad_check_counts dyad_dict_check(const dyad_dict *d, dyad_diag *diag);
#endif
