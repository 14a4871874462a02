#!/usr/bin/env bash
# test_limits.sh - size and nesting limits that finish in seconds (the long variants are in
# test_slow_limits.sh, labelled `slow`): a 1 MB sentence without punctuation as text, JSON lines
# and HTML; 100,000 nested HTML tags; 100,000 tiny JSON lines documents in constant memory; invalid
# UTF-8 and NUL bytes where test_hostile.sh does not put them (every byte value, 5- and 6-byte
# forms, inside names, JSON fields, HTML metadata, dictionaries, UTF-16 input); a 100,000-entry
# dictionary; alias and synonym-set cycles (ours and PETRARCH's); hostile store files (random,
# truncated, byte-flipped, foreign SQLite); 10,000 nested quotation marks.
# Each case runs under `timeout` with its peak RSS measured and prints one line; the script ends
# with "N passed, N failed". Env: DYAD, DYAD_ROOT, DYAD_LIMITS_SCALE (see limits_lib.sh).
set -u
. "$(dirname "$0")/limits_lib.sh"
GOOD="France signed a trade agreement with Germany."
DATE=(--date 2024-01-01)

has_good() { CHECK_WHY="no event from '$GOOD' (or output not JSON lines)"
  [ -z "$(output_problem)" ] && grep -qF '"code":"057"' "$OUT" && grep -qF 'France signed a trade agreement with Germany' "$OUT"; }
lines_are() { CHECK_WHY="expected $1 events, got $(wc -l <"$OUT")"; [ "$(wc -l <"$OUT")" -eq "$1" ]; }
refused() { CHECK_WHY="expected exit 1 with a message containing '$1'"; [ "$rc" -eq 1 ] && grep -q "$1" "$ERR"; }

# --- a 1 MB sentence without punctuation, through each reader ------------------------------
$PY - "$TMP/s1.txt" "$TMP/s1.jsonl" "$TMP/s1.html" <<'PYEOF'
import json, random, sys
words = ("officials from France and Germany said talks with Russia would continue while China "
         "and Japan signed nothing and the United Nations urged calm North Korea threatened "
         "South Korea ministers met envoys accused troops").split()
rnd = random.Random(8)
s = " ".join(rnd.choice(words) for _ in range(180000))[:1 << 20]
open(sys.argv[1], "w").write(s + "\n")
open(sys.argv[2], "w").write(json.dumps({"id": "big", "text": s}) + "\n")
open(sys.argv[3], "w").write("<html><body><p>" + s + "</p></body></html>\n")
PYEOF
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/s1.txt";   judge "1 MB sentence without punctuation (text)" 30 300
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/s1.jsonl"; judge "1 MB sentence without punctuation (JSON lines)" 30 300
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/s1.html";  judge "1 MB sentence without punctuation (HTML)" 30 300

# --- 100,000 nested HTML tags ---------------------------------------------------------------
$PY - "$TMP" "$GOOD" <<'PYEOF'
import sys
d, good = sys.argv[1], sys.argv[2]
N = 100000
open(d + "/div.html", "w").write("<html><body>" + "<div>" * N + "<p>" + good + "</p>" + "</div>" * N + "</body></html>\n")
open(d + "/open.html", "w").write("<html><body><p>" + good + "</p>" + "<b><i><span>" * (N // 3) + "x</p>\n")
open(d + "/mixed.html", "w").write("<p>" + good + "</p>" + "<table><tr><td><ul><li><blockquote>" * (N // 6) + "\n")
open(d + "/comment.html", "w").write("<p>" + good + "</p>" + "<!--<!--<div>" * N + "\n")
PYEOF
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/div.html";     judge "100,000 nested <div> around an article" 30 500 has_good
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/open.html";    judge "100,000 unclosed inline tags" 30 500 has_good
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/mixed.html";   judge "100,000 nested table/list/quote tags, never closed" 30 500
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/comment.html"; judge "100,000 nested comment openers" 30 500

# --- 100,000 tiny JSON lines documents: streamed in constant memory ----------------------
$PY -c 'import sys
with open(sys.argv[1], "w") as f:
    for i in range(100000): f.write("{\"id\":\"%d\",\"text\":\"France praised Germany.\"}\n" % i)' "$TMP/docs.jsonl"
measure 30 "$DYAD" code "${DATE[@]}" "$TMP/docs.jsonl"; judge "100,000 tiny JSON lines documents" 30 100 lines_are 100000

# --- invalid UTF-8 and NUL bytes beyond test_hostile.sh ------------------------------------
$PY - "$TMP" "$GOOD" <<'PYEOF'
import sys
d, good = sys.argv[1], sys.argv[2].encode()
tail = b" " + good + b"\n"
# every byte value once, as a word of its own, then the same bytes as one run
every = b" ".join(bytes([b]) for b in range(256)) + b" " + bytes(range(256))
open(d + "/every.txt", "wb").write(good + b" " + every + tail)
open(d + "/long-forms.txt", "wb").write(good + b" \xf8\x88\x80\x80\x80 \xfc\x84\x80\x80\x80\x80 \xfe\xbf\xbf\xbf\xbf\xbf\xbf" + tail)
open(d + "/nonchars.txt", "wb").write(good + " \ufffe \uffff \ufdd0 \U0010ffff \u2028 \u2029 \u202e \u200b ".encode() + tail)
open(d + "/c1.txt", "wb").write(good + b" \xc2\x80\xc2\x85\xc2\x9f \x85 \x9b" + tail)
open(d + "/in-names.txt", "wb").write(b"Fra\xffnce signed a trade agreement with Ger\x00many. Fra\xc0nce met Ja\xed\xa0\x80pan." + tail)
# UTF-16 with BOM, little and big endian: not our encoding, must not crash
open(d + "/utf16le.txt", "wb").write(b"\xff\xfe" + (good.decode() + "\n").encode("utf-16-le"))
open(d + "/utf16be.txt", "wb").write(b"\xfe\xff" + (good.decode() + "\n").encode("utf-16-be"))
# raw invalid bytes and NULs in JSON fields other than the text (jansson rejects them)
rec = b'{"id":"a\xffb","date":"2024-0\x001-01","url":"http://x/\xc0\xaf","outlet":"O\xed\xa0\x80","title":"\xfe","text":"' + good + b'"}\n'
open(d + "/fields.jsonl", "wb").write(rec + b'{"id":"ok","text":"' + good + b'"}\n')
open(d + "/escaped.jsonl", "wb").write(b'{"id":"\\ud800","title":"\\udfff\\u0000","outlet":"\\u0000","text":"' + good + b' \\ud83d"}\n')
open(d + "/meta.html", "wb").write(b'<html><head><title>T\xff\x00itle</title><meta name="date" content="2024-\xff01-01">'
    b'<meta property="og:site_name" content="\xc0\xaf"></head><body><p class="\xfe">' + good + b'</p></body></html>\n')
open(d + "/attr-nul.html", "wb").write(b'<html><body><p>Japan praised Canada.</p><p class="a\x00b">' + good + b'</p></body></html>\n')
PYEOF
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/every.txt";      judge "every byte value 0x00-0xFF" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/long-forms.txt"; judge "invalid UTF-8: 5-, 6- and 7-byte forms" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/nonchars.txt";   judge "noncharacters, line separators, bidi and zero-width" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/c1.txt";         judge "C1 controls, encoded and raw" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/in-names.txt";   judge "invalid bytes and NUL inside actor names" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/utf16le.txt";    judge "UTF-16LE with byte order mark" 20 200
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/utf16be.txt";    judge "UTF-16BE with byte order mark" 20 200
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/fields.jsonl";   judge "invalid UTF-8 and NUL in JSON id, date, url, outlet, title" 20 200
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/escaped.jsonl";  judge "lone surrogate and NUL escapes in JSON fields (repaired, the record coded)" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/meta.html";      judge "invalid UTF-8 in HTML title, meta and attributes, NUL in the title" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/attr-nul.html";  judge "NUL inside an HTML attribute keeps the text after it" 20 200 has_good
measure 20 "$DYAD" code "${DATE[@]}" --format text - <"$TMP/every.txt"; judge "every byte value on standard input" 20 200 has_good

# a dictionary with invalid UTF-8 and NUL bytes in names, codes and patterns
mkdir -p "$TMP/baddict" && cp -r "$ROOT/data/." "$TMP/baddict/"
printf 'country   ZZA   Zed\xffland | Zed\x00nia | \xc0\xaf\nadj   Z\xffB   Zedish\nperson   Ann \xed\xa0\x80 Bee ; country=ZZA\nrole   ZZAGOV   2000   ..   Pr\xfeesident\n' >"$TMP/baddict/actors/bad.txt"
printf 'set   B\xffAD = w\xffrd | \x00 | ok\nverb   057   si\xffgn * &B\xffAD\nverb   05\x007   sign * \xfe\n' >"$TMP/baddict/verbs/bad.txt"
measure 20 "$DYAD" dict check --dict "$TMP/baddict"; judge "dict check: invalid UTF-8 and NUL in dictionary lines" 20 300 true
measure 20 "$DYAD" code "${DATE[@]}" --dict "$TMP/baddict" "$TMP/in-names.txt"; judge "coding with that dictionary" 20 300 has_good

# --- a 100,000-entry dictionary --------------------------------------------------------------
gen_dict_probe() {  # DIR N: gen_dict (limits_lib.sh) plus a probe sentence naming generated actors
  gen_dict "$1" "$2"
  printf 'Zqaaaab praised Zqaaabc. %s Republic of Zqaaecd condemned Zqaaaaz.\n' "$GOOD" >"$1/probe.txt"
}
entries_ok() { CHECK_WHY="expected actors >= $1 in dict stats"; [ "$(awk '$1 == "actors" {print $2}' "$OUT")" -ge "$1" ]; }
coded_generated() { CHECK_WHY="no event between generated actors X... and the '$GOOD' event"
  has_good && grep -q '"code":"X000001"' "$OUT"; }
gen_dict_probe "$TMP/dict100k" 100000
measure 20 "$DYAD" dict stats --dict "$TMP/dict100k"; judge "dict stats, 100,000 generated entries" 20 300 entries_ok 100000
measure 20 "$DYAD" code "${DATE[@]}" --dict "$TMP/dict100k" "$TMP/dict100k/probe.txt"; judge "coding with 100,000 generated entries" 20 300 coded_generated

# --- alias cycles ---------------------------------------------------------------------------
# Ours: one phrase in a ring of codes, pairs that name each other, surnames pointing across
# people, a set naming itself. PETRARCH's: synonym sets in a cycle and a self-loop.
mkdir -p "$TMP/cycle" && cp -r "$ROOT/data/." "$TMP/cycle/"
cat >"$TMP/cycle/actors/cycle.txt" <<'DICT'
country   ZZA   Aland | Bland | Cland
country   ZZB   Bland | Cland | Aland
country   ZZC   Cland | Aland | Bland
pair      ZZA,ZZB   the pair | the two
pair      ZZB,ZZA   the two | the pair
context   ZZA   the ring   ; needs=ZZB
context   ZZB   the ring   ; needs=ZZA
person    Ann Bee | Bee Ann   ; country=ZZA surname=Ann
role      ZZAGOV   2000   ..   President
person    Bee Ann | Ann Bee   ; country=ZZB surname=Bee
role      ZZBGOV   2000   ..   President
DICT
cat >"$TMP/cycle/verbs/cycle.txt" <<'DICT'
set   LOOP = &LOOP | &LOOP2 | pact
set   LOOP2 = &LOOP | accord
verb  057   sign * &LOOP
verb  057   sign * &LOOP2 with $
DICT
printf 'Aland signed a pact with Bland. The pair met the ring. Ann Bee praised Bee Ann, and Ann thanked Bee. %s\n' "$GOOD" >"$TMP/cycle.txt"
measure 20 "$DYAD" dict check --dict "$TMP/cycle"; judge "dict check: alias ring, mutual pairs and surnames, self-naming set" 20 300 true
measure 20 "$DYAD" code "${DATE[@]}" --dict "$TMP/cycle" "$TMP/cycle.txt"; judge "coding with those aliases" 20 300 has_good

mkdir -p "$TMP/petr"
printf '&LOOP_A\n+&LOOP_B\n+PACT\n&LOOP_B\n+&LOOP_A\n+ACCORD\n&SELF\n+&SELF\n+&SELF\n+TREATY\n&DEEP0\n+&DEEP1\n&DEEP1\n+&DEEP2\n&DEEP2\n+&DEEP3\n&DEEP3\n+&DEEP4\n&DEEP4\n+&DEEP5\n&DEEP5\n+&DEEP6\n&DEEP6\n+&DEEP7\n&DEEP7\n+&DEEP8\n&DEEP8\n+&DEEP9\n&DEEP9\n+&DEEP10\n&DEEP10\n+&DEEP0\n+DEAL\n--- SIGN  [057] ---\nSIGN\n- * &LOOP_A [057]\n- * &SELF WITH $ [057]\n- * &DEEP0 [057]\n' >"$TMP/petr/CAMEO.2.0.txt"
printf 'ALAND [ZZA]\n+BLAND\nBLAND [ZZB]\n+ALAND\nFRANCE [FRA]\nGERMANY [DEU]\n' >"$TMP/petr/Phoenix.Countries.actors.txt"
: >"$TMP/petr/Phoenix.International.actors.txt"; : >"$TMP/petr/Phoenix.MilNonState.actors.txt"
printf 'OFFICIAL [~GOV]\n' >"$TMP/petr/Phoenix.agents.txt"; : >"$TMP/petr/Phoenix.discards.txt"
import_ok() { CHECK_WHY="no converted verbs or import report in the output dir"
  ls "$TMP/petr-out/verbs/"*.txt >/dev/null 2>&1 && [ -f "$TMP/petr-out/import-report.txt" ]; }
measure 20 "$DYAD" dict import --from petrarch "$TMP/petr" --to "$TMP/petr-out"; judge "PETRARCH import: synonym-set cycles, a self-loop, a ring of 11" 20 300 import_ok
printf 'Aland signed a pact with Bland. France signed a treaty with Germany. Germany signed a deal with France.\n' >"$TMP/petr.txt"
measure 20 "$DYAD" code "${DATE[@]}" --dict "$TMP/petr-out" "$TMP/petr.txt"; judge "coding with the imported cyclic sets" 20 300

# --- hostile store files: refused with exit 7 and a message, never read as data ------------
store_refused() { CHECK_WHY="expected exit 7 and 'not a dyad store or is damaged'"
  [ "$rc" -eq 7 ] && grep -q 'not a dyad store or is damaged' "$ERR"; }
head -c 100000 /dev/urandom >"$TMP/random.db"
printf '%s\n' "$GOOD" | "$DYAD" ingest --db "$TMP/good.db" "${DATE[@]}" - >/dev/null 2>&1
head -c 8192 "$TMP/good.db" >"$TMP/truncated.db"
$PY - "$TMP/good.db" "$TMP/flipped.db" "$TMP/foreign.db" <<'PYEOF'
import random, sqlite3, sys
d = bytearray(open(sys.argv[1], "rb").read())
r = random.Random(3)
for _ in range(200):
    d[r.randrange(100, len(d))] = r.randrange(256)
open(sys.argv[2], "wb").write(d)
c = sqlite3.connect(sys.argv[3]); c.execute("create table events(x)"); c.commit()
PYEOF
# 200 flipped bytes may all land in free pages: then a clean answer (a JSON array) is fine too
refused_or_json() { store_refused || { CHECK_WHY="expected exit 7, or exit 0 with a JSON array"
  [ "$rc" -eq 0 ] && $PY -c 'import json,sys; assert isinstance(json.load(open(sys.argv[1])), list)' "$OUT" 2>/dev/null; }; }
for db in random truncated foreign; do
  ALLOW_RC=7; measure 20 "$DYAD" query events --db "$TMP/$db.db"; judge "hostile store file: $db" 20 200 store_refused
done
ALLOW_RC=7; measure 20 "$DYAD" query events --db "$TMP/flipped.db"; judge "hostile store file: 200 bytes flipped" 20 200 refused_or_json

# --- deeply nested quotes --------------------------------------------------------------------
$PY - "$TMP/quotes.txt" "$GOOD" <<'PYEOF'
import sys
p, good = sys.argv[1], sys.argv[2]
N = 10000
lines = [
    "France said " + '"' * N + "Germany praised Japan" + '"' * N + ". " + good,
    "France said " + "\u201c" * N + " Germany praised Japan " + "\u201d" * N + ". " + good,
    "France said " + "\"'" * (N // 2) + "Germany praised Japan" + "'\"" * (N // 2) + ". " + good,
    "France said " + "\u00ab\u2039" * (N // 2) + "Germany praised Japan" + "\u203a\u00bb" * (N // 2) + ". " + good,
    '"' * N + " " + good,
]
open(p, "w").write("\n\n".join(lines) + "\n")
PYEOF
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/quotes.txt"; judge "10,000 nested quotation marks (straight, curly, mixed, guillemets)" 20 200 has_good

finish
