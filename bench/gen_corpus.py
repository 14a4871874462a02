#!/usr/bin/python3
"""gen_corpus.py - writes a deterministic, news-like benchmark corpus for dyad.

Sentences come from templates written for dyad (below) filled with actors, places, topics and
dates; documents are a headline plus 8-20 sentences in short paragraphs. Plain text (documents
separated by blank lines) by default, or JSON lines (--jsonl, one document per line). Next to
the corpus it writes OUT.count with key=value lines: sentences, documents, bytes, seed, templates.
Usage: gen_corpus.py [--mb 50] [--seed 1] [--jsonl] [--out PATH]
"""
import argparse
import json
import os
import random
import re
import sys

# (name, demonym, capital) - facts, used to build many actor phrases.
COUNTRIES = [
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
    ("Japan", "Japanese", "Tokyo"), ("China", "Chinese", "Beijing"),
    ("Russia", "Russian", "Moscow"), ("the United States", "American", "Washington"),
    ("North Korea", "North Korean", "Pyongyang"), ("South Korea", "South Korean", "Seoul"),
    ("India", "Indian", "New Delhi"), ("Pakistan", "Pakistani", "Islamabad"),
    ("Iran", "Iranian", "Tehran"), ("Israel", "Israeli", "Jerusalem"),
    ("Turkey", "Turkish", "Ankara"), ("Egypt", "Egyptian", "Cairo"),
    ("Saudi Arabia", "Saudi", "Riyadh"), ("Qatar", "Qatari", "Doha"),
    ("Ukraine", "Ukrainian", "Kyiv"), ("Poland", "Polish", "Warsaw"),
    ("Brazil", "Brazilian", "Brasilia"), ("Argentina", "Argentine", "Buenos Aires"),
    ("Mexico", "Mexican", "Mexico City"), ("Canada", "Canadian", "Ottawa"),
    ("Nigeria", "Nigerian", "Abuja"), ("Kenya", "Kenyan", "Nairobi"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"), ("South Africa", "South African", "Pretoria"),
    ("Indonesia", "Indonesian", "Jakarta"), ("Vietnam", "Vietnamese", "Hanoi"),
    ("the Philippines", "Philippine", "Manila"), ("Australia", "Australian", "Canberra"),
    ("Britain", "British", "London"), ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"), ("Sweden", "Swedish", "Stockholm"),
    ("Syria", "Syrian", "Damascus"), ("Iraq", "Iraqi", "Baghdad"),
    ("Afghanistan", "Afghan", "Kabul"), ("Venezuela", "Venezuelan", "Caracas"),
    ("Colombia", "Colombian", "Bogota"), ("Sudan", "Sudanese", "Khartoum"),
    ("Mali", "Malian", "Bamako"), ("Serbia", "Serbian", "Belgrade"),
    ("Armenia", "Armenian", "Yerevan"), ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Taiwan", "Taiwanese", "Taipei"), ("Myanmar", "Myanmar", "Naypyidaw"),
]
LEADERS = [
    "President Emmanuel Macron", "Chancellor Olaf Scholz", "Prime Minister Fumio Kishida",
    "President Xi Jinping", "President Vladimir Putin", "President Joe Biden",
    "Kim Jong Un", "President Yoon Suk Yeol", "Prime Minister Narendra Modi",
    "President Recep Tayyip Erdogan", "President Volodymyr Zelenskyy",
    "President Luiz Inacio Lula da Silva", "Prime Minister Justin Trudeau",
    "President Cyril Ramaphosa", "Prime Minister Anthony Albanese", "President Joko Widodo",
    "Foreign Minister Sergei Lavrov", "Secretary of State Antony Blinken",
    "Foreign Minister Wang Yi", "Secretary-General Antonio Guterres",
]
IGOS = [
    "the United Nations", "the European Union", "NATO", "the African Union",
    "the World Health Organization", "the International Atomic Energy Agency", "ASEAN",
    "the UN Security Council", "the International Monetary Fund", "the Arab League",
]
GROUPS = ["Hamas", "the Taliban", "Houthi rebels", "opposition lawmakers", "protesters",
          "rebel fighters", "the ruling party", "separatist forces", "an armed group"]
AGENTS = ["officials", "troops", "diplomats", "police officers", "soldiers", "lawmakers",
          "envoys", "negotiators", "security forces", "border guards"]
MINISTRIES = ["foreign ministry", "defense ministry", "trade ministry", "interior ministry",
              "foreign minister", "defense minister", "government", "military", "navy"]
TOPICS = ["trade", "security", "energy", "nuclear", "border", "fisheries", "grain",
          "investment", "climate", "arms control", "maritime", "water"]
DOCS = ["agreement", "accord", "treaty", "memorandum", "deal", "pact"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
CITIES = ["Geneva", "Vienna", "Brussels", "Singapore", "Istanbul", "Doha", "Jakarta",
          "Oslo", "Helsinki", "Dubai", "Nairobi", "Bangkok", "Lima", "Astana"]
SAY = ["said", "told reporters", "said in a statement", "announced", "stated"]

# Sentence templates. Slots: {A} {B} {C} distinct actors; {P} a leader; {D} a past date
# expression; {F} a future one; {T} topic; {K} agreement word; {N} number; {G} agent noun;
# {X} city; {Y} year; {S} a verb of saying. Each template is exactly one sentence.
TEMPLATES = [
    # subject - verb - object
    "{A} signed a {T} {K} with {B} {D}.",
    "{A} criticized {B} over its {T} policy.",
    "{A} met {B} in {X} {D} to discuss {T} cooperation.",
    "{A} accused {B} of violating the {T} {K}.",
    "{A} threatened {B} with sanctions if it did not withdraw its troops.",
    "{A} praised {B} for its role in the talks.",
    "{A} expelled {N} diplomats from {B} {D}.",
    "{A} imposed new sanctions on {B} {D}.",
    "{A} sent {N} troops to the border with {B}.",
    "{A} urged {B} to return to negotiations.",
    "{A} condemned the attack on {B}.",
    "{A} welcomed the decision by {B} to release the prisoners.",
    "{A} recalled its ambassador from {B}.",
    "{A} hosted {B} for talks on {T} {D}.",
    "{A} rejected a proposal from {B} for a ceasefire.",
    "{A} provided {N} million dollars in humanitarian aid to {B}.",
    "{A} arrested {N} people suspected of spying for {B}.",
    "{A} apologized to {B} for the incident.",
    "{A} demanded an apology from {B} over the remarks.",
    "{A} offered to mediate between {B} and {C}.",
    "{A} blamed {B} for the collapse of the {T} talks.",
    "{A} lifted sanctions on {B} {D}.",
    "{A} agreed to provide {B} with air defense systems.",
    "{A} boycotted the summit hosted by {B}.",
    "{A} investigated claims that {B} had funded the rebels.",
    # compound actors
    "{A} and {B} agreed to resume {T} talks {D}.",
    "{A}, {B} and {C} issued a joint statement on {T} security.",
    "{A} and {B} exchanged fire across the border overnight.",
    "{A} and its allies pledged to support {B} for as long as it takes.",
    "Neither {A} nor {B} responded to requests for comment.",
    # passive
    "A {T} {K} was signed by {A} and {B} {D}.",
    "{B} was accused by {A} of interfering in its elections.",
    "Sanctions were imposed on {B} by {A} after the missile test.",
    "{N} {G} from {B} were detained by {A} near the border.",
    "The talks between {A} and {B} were postponed {D}.",
    "{B} was invited by {A} to attend the summit in {X}.",
    # reported speech and attribution
    "{A} said {B} had violated the ceasefire {D}.",
    "{A} {S} that {B} would face consequences.",
    "Officials said {A} had agreed to supply {B} with fuel.",
    "According to {A}, {B} fired {N} missiles into the sea {D}.",
    "{A} told reporters that {B} was ready to negotiate.",
    "{A} claimed that {B} had shelled civilian areas.",
    "{A} denied that it had sent weapons to {B}.",
    "State media in {X} reported that {A} had met {B}.",
    "{A} confirmed that it would send a delegation to {B}.",
    # negation
    "{A} did not rule out military action against {B}.",
    "{A} refused to recognize the election results in {B}.",
    "{A} has not signed the {T} {K} with {B}.",
    "{A} never accepted the demands of {B}.",
    "{A} declined to comment on the report about {B}.",
    # modality, future, condition
    "{A} will visit {B} {F}.",
    "{A} plans to open an embassy in {B}.",
    "{A} could impose tariffs on goods from {B}.",
    "{A} would cut ties with {B} if the attacks continued.",
    "{A} is expected to meet {B} at the summit in {X}.",
    "{A} may withdraw from the {T} {K} with {B}.",
    # events told by nouns
    "The visit by {A} to {B} {D} was the first in a decade.",
    "The decision by {A} to expel diplomats from {B} drew criticism.",
    "A veto by {A} blocked the resolution on {B}.",
    "The arrest of {N} {G} by {A} prompted protests in {B}.",
    "An offer of aid from {A} to {B} came after the floods.",
    "After the invasion of {B} by {A}, many countries imposed sanctions.",
    # relative clauses
    "{A}, which has long opposed the plan, criticized {B} {D}.",
    "{P}, who arrived in {X} {D}, held talks with {B}.",
    "The {K} that {A} signed with {B} covers {T} and trade.",
    "{A} thanked {B}, whose mediators helped end the fighting.",
    "{A} sent envoys to {B}, where protests have continued for weeks.",
    # quotes
    "\"We will not accept threats from {B},\" {A} said.",
    "\"This {K} opens a new chapter,\" {P} said after meeting {B}.",
    "{A} said in a statement: \"{B} must stop its provocations.\"",
    "\"We are ready to talk,\" a spokesperson for {A} told reporters, adding that {B} had to act first.",
    "{P} called the {T} talks with {B} \"constructive and frank.\"",
    # other shapes
    "{G} loyal to {A} attacked positions held by {B} {D}.",
    "{P} visited {X} {D} and met {B}.",
    "In a phone call {D}, {P} urged {B} to show restraint.",
    "{A} has accused {B} of hacking its networks since {Y}.",
    "Despite objections from {B}, {A} went ahead with the military exercises.",
    "Thousands of people protested in {X} against the policies of {B}.",
    "During the Cold War, {A} supplied weapons to {B}.",
]
HEADLINES = [
    "{A} and {B} sign {T} {K}", "{A} warns {B} over {T} dispute",
    "{P} meets {B} in {X}", "{A} imposes sanctions on {B}", "Talks between {A} and {B} stall",
    "{A} denies sending arms to {B}", "{A} pledges aid to {B}",
]
SLOT = re.compile(r"\{([A-Z])\}")


class Filler:
    """Chooses slot values with one seeded random generator."""

    def __init__(self, rnd):
        self.rnd = rnd

    def actor(self):
        r = self.rnd.random()
        name, dem, cap = self.rnd.choice(COUNTRIES)
        if r < 0.30:
            return name
        if r < 0.45:
            return "%s %s" % (dem, self.rnd.choice(AGENTS))
        if r < 0.58:
            return "the %s %s" % (dem, self.rnd.choice(MINISTRIES))
        if r < 0.64:
            return "%s's %s" % (name, self.rnd.choice(MINISTRIES))
        if r < 0.72:
            return cap
        if r < 0.84:
            return self.rnd.choice(LEADERS)
        if r < 0.94:
            return self.rnd.choice(IGOS)
        return self.rnd.choice(GROUPS)

    def past_date(self):
        r = self.rnd.random()
        if r < 0.4:
            return "on " + self.rnd.choice(WEEKDAYS)
        if r < 0.55:
            return "on %s %d" % (self.rnd.choice(MONTHS), self.rnd.randint(1, 28))
        if r < 0.65:
            return "in %s %d" % (self.rnd.choice(MONTHS), self.rnd.randint(2015, 2024))
        return self.rnd.choice(["last week", "yesterday", "earlier this month", "last month",
                                "two days ago", "last year", "in 2019", "this week"])

    def value(self, slot, used):
        rnd = self.rnd
        if slot in "ABC":
            for _ in range(8):
                a = self.actor()
                if a not in used:
                    break
            used.add(a)
            return a
        if slot == "P":
            return rnd.choice(LEADERS)
        if slot == "D":
            return self.past_date()
        if slot == "F":
            return rnd.choice(["next week", "next month", "on " + rnd.choice(WEEKDAYS),
                               "later this year", "in " + rnd.choice(MONTHS)])
        table = {"T": TOPICS, "K": DOCS, "G": AGENTS, "X": CITIES, "S": SAY}
        if slot in table:
            return rnd.choice(table[slot])
        if slot == "N":
            return str(rnd.choice([2, 3, 5, 12, 40, 150, 300, 2000]))
        if slot == "Y":
            return str(rnd.randint(2005, 2023))
        raise ValueError("unknown slot {%s}" % slot)

    def fill(self, template):
        used = set()
        s = SLOT.sub(lambda m: self.value(m.group(1), used), template)
        i = 1 if s[0] == '"' else 0
        return s[:i] + s[i].upper() + s[i + 1:]


def document(filler, rnd):
    """Returns (text, sentence_count) for one document: headline, blank line, paragraphs."""
    paras, count = [], rnd.randint(8, 20)
    left = count
    while left:
        k = min(left, rnd.randint(1, 4))
        paras.append(" ".join(filler.fill(rnd.choice(TEMPLATES)) for _ in range(k)))
        left -= k
    head = filler.fill(rnd.choice(HEADLINES))
    return head + "\n\n" + "\n\n".join(paras), count + 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50, help="minimum size in MB of 10^6 bytes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jsonl", action="store_true", help="write JSON lines, one document a line")
    ap.add_argument("--out", help="output path (default bench/corpus/corpus.txt or .jsonl)")
    args = ap.parse_args()
    out = args.out or os.path.join(here, "corpus", "corpus.jsonl" if args.jsonl else "corpus.txt")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    rnd = random.Random(args.seed)
    filler = Filler(rnd)
    need = int(args.mb * 1_000_000)
    size = sentences = docs = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        while size < need:
            text, n = document(filler, rnd)
            docs += 1
            if args.jsonl:
                y, m, d = rnd.randint(2018, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
                rec = {"id": "bench-%07d" % docs, "date": "%04d-%02d-%02d" % (y, m, d),
                       "outlet": "Bench Wire", "text": text}
                line = json.dumps(rec, ensure_ascii=False) + "\n"
            else:
                line = text + "\n\n"
            f.write(line)
            size += len(line.encode("utf-8"))
            sentences += n
    with open(out + ".count", "w", encoding="utf-8") as f:
        f.write("sentences=%d\ndocuments=%d\nbytes=%d\nseed=%d\ntemplates=%d\n"
                % (sentences, docs, size, args.seed, len(TEMPLATES)))
    sys.stderr.write("gen_corpus.py: wrote %s: %d bytes, %d documents, %d sentences\n"
                     % (out, size, docs, sentences))
    return 0


if __name__ == "__main__":
    sys.exit(main())
