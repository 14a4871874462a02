/* cli_eval.h - `dyad eval` (score the coder against PETRARCH validation records or a gold JSON
 * lines file) and `dyad dict import` (convert PETRARCH dictionaries into dyad's format). */
#ifndef DYAD_CLI_EVAL_H
#define DYAD_CLI_EVAL_H

/* `dyad eval petrarch FILE.xml --dict DIR [--dict-format petrarch]` and
 * `dyad eval gold FILE.jsonl [--floor F] [--dict DIR [--dict-format petrarch]]`; argv[0] is the
 * word after `eval`. Prints one line per failing record and ends with "N passed, N failed".
 * Returns 0 when it ran (the score is the result), 1 when gold's root-level F1 is under --floor
 * or the input could not be read, 2 on usage errors. */
int dyad_cli_eval(int argc, char **argv);

/* `dyad dict import --from petrarch DIR --to OUTDIR [--verbs F] [--actors F,F] [--agents F]
 * [--discards F]`; argv[0] is the word after `import`. Returns 0, 1 (unreadable input or
 * unwritable output, reported) or 2 (usage). */
int dyad_cli_dict_import(int argc, char **argv);
#endif
