/* actors.c - find who a sentence names: the longest dictionary phrase at each token, then the
 * combinations news writes ("South Korean officials" -> KORGOV, "Russian President Vladimir
 * Putin" -> the person's dated role, "U.S. and South Korean officials" -> two governments),
 * surnames and pronouns resolved from earlier in the document, and places told apart from
 * actors ("in Pyongyang"). */
#include "sentence.h"
#include <stdio.h>
#include <string.h>

typedef struct { int t0, t1; const dyad_actor_entry *e; } raw_match;

static int kind_rank(int k) {
  static const int rank[DYAD_AK_NKINDS] = {
    [DYAD_AK_PERSON] = 9, [DYAD_AK_SEAT] = 8, [DYAD_AK_IGO] = 7, [DYAD_AK_GROUP] = 6,
    [DYAD_AK_COUNTRY] = 5, [DYAD_AK_CAPITAL] = 4, [DYAD_AK_ADJ] = 3, [DYAD_AK_PAIR] = 2,
    [DYAD_AK_CONTEXT] = 1, [DYAD_AK_AGENT] = 0};
  return rank[k];
}

static int seen_country(const dyad_docmem *mem, const char *code) {
  for (int i = 0; i < mem->nneeds; i++)
    if (memcmp(mem->needs_seen[i], code, 3) == 0) return 1;
  return 0;
}

static void note_country(dyad_docmem *mem, const char *code) {
  if (!code || strlen(code) < 3 || seen_country(mem, code) || mem->nneeds >= 64) return;
  memcpy(mem->needs_seen[mem->nneeds++], code, 3);
}

static int context_ok(const dyad_docmem *mem, const dyad_actor_entry *e) {
  if (e->kind != DYAD_AK_CONTEXT) return 1;
  const char *p = e->codes2;
  while (p && *p) {
    if (seen_country(mem, p)) return 1;
    p = strchr(p, ',');
    if (p) p++;
  }
  return 0;
}

/* The best entry among the phrases ending at a trie node that the text's case allows. */
static const dyad_actor_entry *pick_entry(const dyad_dict *d, const dyad_sentence *s, int i, int j,
                                          int32_t node, const dyad_docmem *mem) {
  const dyad_actor_entry *best = NULL;
  for (int32_t p = d->node_first[node]; p >= 0; p = d->phrases[p].next) {
    const dyad_phrase *ph = &d->phrases[p];
    if (ph->need_cap && !s->t[i].cap) continue;
    if (ph->exact_case) {
      int ok = 1;
      for (int k = i; k <= j; k++)
        if (s->t[k].kind == DYAD_TK_WORD && !s->t[k].allcaps) ok = 0;
      if (!ok) continue;
    }
    const dyad_actor_entry *e = &d->actors[ph->entry];
    if (!context_ok(mem, e)) continue;
    if (!best || kind_rank(e->kind) > kind_rank(best->kind)) best = e;
  }
  return best;
}

/* "Ghana's interior minister, Muntaka Mubarak": a one-word name after an unknown capitalized
 * word is someone else's surname, not the person the dictionary knows by it (Hosni Mubarak). */
static int other_persons_surname(const dyad_sentence *s, int i, int end, const dyad_actor_entry *e, int prev_end) {
  static const char *const honorific[] = {"mr", "mrs", "ms", "dr", "sheikh", "sir", "lord", "madame", "mme", "gen",
                                          "general", "king", "queen", "prince", "princess", "emir", "sultan", NULL};
  if (e->kind != DYAD_AK_PERSON || end != i + 1 || i < 1 || prev_end == i) return 0;
  const dyad_tok *p = &s->t[i - 1];
  if (p->kind != DYAD_TK_WORD || p->tag != T_WORD || !p->cap || p->allcaps || p->mention >= 0 || p->lexpos) return 0;   /* "Later Putin said" */
  char w[16];
  size_t n = strlen(p->lower);
  if (n && p->lower[n - 1] == '.') n--;
  if (n >= sizeof w) return 1;
  memcpy(w, p->lower, n);
  w[n] = 0;
  for (const char *const *h = honorific; *h; h++) if (!strcmp(w, *h)) return 0;
  return 1;
}

static int find_raw(const dyad_dict *d, const dyad_sentence *s, const dyad_docmem *mem, raw_match *out, int cap) {
  int k = 0;
  for (int i = 0; i < s->n && k < cap;) {
    int32_t node = 0;
    const dyad_actor_entry *best = NULL;
    int best_end = -1;
    for (int j = i; j < s->n; j++) {
      node = dyad_dict_step(d, node, s->t[j].word);
      if (node < 0) break;
      if (d->node_first[node] < 0) continue;
      const dyad_actor_entry *e = pick_entry(d, s, i, j, node, mem);
      if (e) { best = e; best_end = j + 1; }
    }
    if (best && other_persons_surname(s, i, best_end, best, k > 0 ? out[k - 1].t1 : -1)) best = NULL;
    if (best) {
      out[k++] = (raw_match){i, best_end, best};
      i = best_end;
    } else {
      i++;
    }
  }
  return k;
}

/* ---- building references ---------------------------------------------------------------- */
/* How refs build their codes: the date that picks a person's role, and whose conventions rule.
 * PETRARCH's: every agent of a mention stacks, in text order, onto any code ("Islamist media" ->
 * MUSMED; "GONGMO" + "OPP"). dyad's: the head agent (the last) and prefix agents name the
 * sector, only of a three-letter country ("air force spokesperson": GOV; "UN officials": IGOUNO). */
typedef struct { dyad_date on; int petrarch; } ref_ctx;

/* The agents of one mention in text order; the last is the head ("Islamist media": MUS, MED). */
typedef struct { const dyad_actor_entry *a[DYAD_MAX_MODS + 1]; int n; } agent_stack;

/* Adds an agent after the others; when full, the earliest modifier gives way. */
static void push_agent(agent_stack *st, const dyad_actor_entry *a) {
  if (st->n == DYAD_MAX_MODS + 1) {
    memmove(st->a, st->a + 1, sizeof st->a[0] * DYAD_MAX_MODS);
    st->n--;
  }
  st->a[st->n++] = a;
}

/* Is p (n <= 3 letters) one of code's three-letter parts, at offset 0, 3, 6, ...? */
static int has_part(const char *code, const char *p, size_t n) {
  size_t len = strlen(code);
  for (size_t k = 0; k + n <= len; k += 3)
    if (memcmp(code + k, p, n) == 0) return 1;
  return 0;
}

/* Appends an agent's code three letters at a time, skipping parts the code already has
 * ("RUSGOV" + "GOV" stays RUSGOV, "ARNGOV" + "GOVFRM" gives ARNGOVFRM) and parts that would
 * not fit in cap. */
static void append_agent(char *code, size_t cap, const char *agent) {
  size_t len = strlen(code);
  for (const char *p = agent; *p;) {
    size_t n = p[1] == 0 ? 1 : p[2] == 0 ? 2 : 3;
    if (!has_part(code, p, n) && len + n < cap) {
      memcpy(code + len, p, n);
      len += n;
      code[len] = 0;
    }
    p += n;
  }
}

/* Puts a prefix agent's code before the code ("NGO" + "ARN"), unless it starts with it already. */
static void prepend_agent(char *code, size_t cap, const char *agent) {
  size_t n = strlen(agent), len = strlen(code);
  if (strncmp(code, agent, n) == 0 || len + n >= cap) return;
  memmove(code + n, code, len + 1);
  memcpy(code, agent, n);
}

/* Stacks a ref's agents onto the code in it: prefix agents before it, the others after it,
 * each group in text order ("An MSF Arnor diplomat": NGO + ARN + GOV). Unless all, of the
 * agents before the head only prefix agents count. */
static void stack_agents(char *code, size_t cap, const dyad_ref *r, int all) {
  for (int i = r->nmods; i >= 0; i--) {
    const dyad_actor_entry *a = i == r->nmods ? r->agent : r->mods[i];
    if (a->prefix) prepend_agent(code, cap, a->code);
  }
  for (int i = all ? 0 : r->nmods; i <= r->nmods; i++) {
    const dyad_actor_entry *a = i == r->nmods ? r->agent : r->mods[i];
    if (!a->prefix) append_agent(code, cap, a->code);
  }
}

/* Gives a ref the agents of a stack (head last); an empty stack leaves it without agents. */
static void set_agents(dyad_ref *r, const agent_stack *st) {
  r->agent = st && st->n ? st->a[st->n - 1] : NULL;
  r->nmods = st && st->n ? st->n - 1 : 0;
  for (int i = 0; i < r->nmods; i++) r->mods[i] = st->a[i];
}

/* The stack of a ref or a bare mention: its modifiers, then its head agent. */
static agent_stack stack_of(const dyad_actor_entry *head, const dyad_actor_entry *const *mods, int nmods) {
  agent_stack st = {{NULL}, 0};
  for (int i = 0; i < nmods; i++) push_agent(&st, mods[i]);
  if (head) push_agent(&st, head);
  return st;
}

static void ref_code(dyad_ref *r, const ref_ctx *cx) {
  const dyad_actor_entry *e = r->entry;
  char base[24] = "";
  if (e) {
    if (e->kind == DYAD_AK_PERSON) {
      r->role = dyad_person_role(e, cx->on);
      dyad_copy_str(base, sizeof base, r->role ? r->role->code : (e->country ? e->country : ""), SIZE_MAX);
      if (r->role) { dyad_copy_str(r->code, sizeof r->code, base, SIZE_MAX); return; }
    } else if (e->kind == DYAD_AK_CAPITAL) {
      size_t k = dyad_copy_str(base, sizeof base, e->code, 3);
      dyad_copy_str(base + k, sizeof base - k, "GOV", 3);
    } else {
      dyad_copy_str(base, sizeof base, e->code, SIZE_MAX);
    }
  }
  dyad_copy_str(r->code, sizeof r->code, base, SIZE_MAX);
  if (r->agent && base[0] && (cx->petrarch || (strncmp(base, "IGO", 3) != 0 && strlen(base) == 3)))
    stack_agents(r->code, sizeof r->code, r, cx->petrarch);
}

static int is_word(const dyad_sentence *s, int i, const char *w) {
  return i >= 0 && i < s->n && dyad_streq(s->t[i].lower, w);
}

static int is_country_like(int k) {
  return k == DYAD_AK_COUNTRY || k == DYAD_AK_ADJ || k == DYAD_AK_CAPITAL || k == DYAD_AK_CONTEXT || k == DYAD_AK_IGO;
}

static dyad_mention *new_mention(dyad_sentence *s, int t0, int t1, int head_kind) {
  dyad_mention *m = &s->m[s->nm++];
  memset(m, 0, sizeof *m);
  m->t0 = t0; m->t1 = t1; m->head_kind = head_kind;
  return m;
}

/* Adds a ref for entry e with the agents of st (NULL: none). */
static void add_ref(dyad_mention *m, const dyad_actor_entry *e, const agent_stack *st, const char *how, const ref_ctx *cx) {
  if (m->nref >= DYAD_MAX_REFS) return;
  dyad_ref *r = &m->refs[m->nref++];
  memset(r, 0, sizeof *r);
  r->entry = e; r->how = how;
  set_agents(r, st);
  ref_code(r, cx);
  if (!r->code[0]) m->nref--;
}

/* The further codes of a phrase that names several actors ("the two Koreas": PRK,KOR). */
static void add_pair_codes(dyad_mention *m, const char *list) {
  if (!m->nref || !list) return;
  const char *p = list;
  while (*p && m->nref < DYAD_MAX_REFS) {
    size_t n = strcspn(p, ",");
    dyad_ref *x = &m->refs[m->nref++];
    *x = m->refs[0];
    snprintf(x->code, sizeof x->code, "%.*s", (int)(n < sizeof x->code ? n : sizeof x->code - 1), p);
    p += n;
    if (*p == ',') p++;
  }
}

/* Capitalized words after a title that the dictionary does not know: "Foreign Minister Jane Doe". */
static int unknown_name_len(const dyad_sentence *s, int i) {
  int k = 0;
  while (i + k < s->n && k < 4 && s->t[i + k].cap && s->t[i + k].kind == DYAD_TK_WORD &&
         s->t[i + k].tag == T_WORD && s->t[i + k].mention < 0)
    k++;
  return k;
}

/* Groups raw matches into mentions: [country|adj] ['s] [agent...] [person | Unknown Name]. */
/* Agent words that name one person, so "she"/"he" can refer back to the mention. */
static int person_title(const char *w) {
  static const char *const t[] = {"minister", "president", "premier", "chancellor", "leader", "king", "queen", "emir",
                                  "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "secretary",
                                  "general", "commander", "chief", "prince", "princess", "pope", "governor", "mayor",
                                  "senator", "lawmaker", "official", "diplomat", "negotiator", "adviser", "advisor",
                                  "counterpart", "ruler", "monarch", "sultan", "dictator", "sheikh", NULL};
  for (const char *const *p = t; *p; p++) if (dyad_streq(w, *p)) return 1;
  return 0;
}

/* Words that may stand between a country and a title without changing who the title-holder
 * works for. "former" and "late" are left out on purpose: they end the role. */
static int title_qualifier(const char *w) {
  static const char *const t[] = {"new", "top", "acting", "interim", "caretaker", "senior", "chief", "deputy",
                                  "outgoing", "incoming", "powerful", "veteran", "longtime", "hardline",
                                  "newly", "appointed", "elected", "then", NULL};
  for (const char *const *p = t; *p; p++) if (dyad_streq(w, *p)) return 1;
  return 0;
}

/* Are tokens [a, b) ordinary words that may modify a title ("first", "deputy"), and none of
 * those that end the role ("former", "late")? */
static int plain_words(const dyad_sentence *s, int a, int b) {
  for (int k = a; k < b; k++)
    if (k > a && k + 1 < b && s->t[k].tag == T_CC && is_word(s, k, "and")) continue;   /* "awful and evil" */
    else if (s->t[k].kind != DYAD_TK_WORD || s->t[k].tag != T_WORD || s->t[k].mention >= 0 || is_word(s, k, "former") ||
        is_word(s, k, "late") || is_word(s, k, "ex"))
      return 0;
  return 1;
}

/* "lawmakers in Kenya", "police in Moscow", "activists in Iran" belong to the country they are
 * in; "a dissident in Britain" and "troops in Syria" need not. The agent's last word is at i. */
static int resident_agent(const dyad_sentence *s, int i, const dyad_actor_entry *agent) {
  static const char *const own[] = {"GOV", "LEG", "JUD", "COP", NULL};
  for (const char *const *p = own; *p; p++) if (!strcmp(agent->code, *p)) return 1;
  return s->t[i].plural && strcmp(agent->code, "MIL") != 0;
}

/* "MSF Arnor": how many prefix agents stand at j right before a country, group or seat (0 if none). */
static int lead_prefixes(const raw_match *r, int nr, int j) {
  int k = 0;
  while (j + k + 1 < nr && r[j + k].e->kind == DYAD_AK_AGENT && r[j + k].e->prefix && r[j + k + 1].t0 == r[j + k].t1) k++;
  if (!k || r[j + k].e->kind == DYAD_AK_AGENT) return 0;
  int kk = r[j + k].e->kind;
  return is_country_like(kk) || kk == DYAD_AK_SEAT || kk == DYAD_AK_GROUP ? k : 0;
}

static void combine(dyad_sentence *s, const raw_match *r, int nr, const ref_ctx *cx) {
  for (int i = 0; i < nr; i++) {
    int t0 = r[i].t0, t1 = r[i].t1;
    const dyad_actor_entry *country = NULL, *agent = NULL, *person = NULL, *other = NULL;
    agent_stack ag = {{NULL}, 0};   /* every agent of the mention in text order; agent is the last */
    int j = i;
    for (int k = lead_prefixes(r, nr, j); k > 0; k--, j++) push_agent(&ag, agent = r[j].e);
    if (is_country_like(r[j].e->kind) || r[j].e->kind == DYAD_AK_SEAT || r[j].e->kind == DYAD_AK_GROUP) {
      country = r[j].e;   /* seats and groups take agents too: "White House officials", "Hamas gunmen" */
      int nx = r[j].t1;
      if (nx < s->n && s->t[nx].tag == T_POSS) nx++;
      /* one plain noun may stand between ("French rail workers", "Mexican gang members"), or
       * up to two words that qualify a title ("Chile's new president", "Iran's acting foreign minister") */
      int gap = nx < s->n && !s->t[nx].cap && s->t[nx].tag == T_WORD && (s->t[nx].lexpos & 1u) && j + 1 < nr &&
                r[j + 1].t0 == nx + 1 && s->t[nx].fn >= s->t[nx].fv;   /* not "Iran sent drones" */
      int q = 0;
      while (q < 2 && nx + q < s->n && title_qualifier(s->t[nx + q].lower)) q++;
      if (q > 0 && j + 1 < nr && r[j + 1].t0 == nx + q) gap = 1;
      /* after a possessive, two modifiers may stand between ("Japan's first deputy prime minister"),
         or two joined by "and" ("Iran's new and untested foreign minister") */
      int room = nx + 2 < s->n && is_word(s, nx + 1, "and") ? 3 : 2;
      if (nx > r[j].t1 && j + 1 < nr && r[j + 1].t0 > nx && r[j + 1].t0 <= nx + room && plain_words(s, nx, r[j + 1].t0)) gap = 1;
      if (j + 1 < nr && (r[j + 1].t0 == nx || gap) && r[j + 1].e->kind == DYAD_AK_AGENT) { j++; push_agent(&ag, agent = r[j].e); }
    } else if (r[j].e->kind == DYAD_AK_AGENT) {
      push_agent(&ag, agent = r[j].e);
    } else if (r[j].e->kind == DYAD_AK_PERSON) {
      person = r[j].e;
    } else {
      other = r[j].e;
    }
    while (agent && j + 1 < nr && r[j + 1].t0 == r[j].t1 && r[j + 1].e->kind == DYAD_AK_AGENT) { j++; push_agent(&ag, agent = r[j].e); }
    /* "soldiers from Gondor", "the president of France", "lawmakers in Kenya": an agent takes the
       country after from/of/in */
    if (agent && !country && j + 1 < nr && r[j + 1].t0 == r[j].t1 + 1 && r[j + 1].e->kind != DYAD_AK_ADJ &&
        (is_country_like(r[j + 1].e->kind) || (r[j + 1].e->kind == DYAD_AK_GROUP && !is_word(s, r[j].t1, "in"))) &&
        (is_word(s, r[j].t1, "from") || is_word(s, r[j].t1, "of") || (is_word(s, r[j].t1, "in") && resident_agent(s, r[j].t1 - 1, agent)))) {
      j++;
      country = r[j].e;
    }
    if (!person && (agent || country) && j + 1 < nr && r[j + 1].t0 == r[j].t1 && r[j + 1].e->kind == DYAD_AK_PERSON) {
      j++;
      person = r[j].e;
    }
    /* "the Kenyan President Nairobi-name": a name the dictionary gives the same country is the
       title holder, not a second actor */
    if (!person && agent && country && j + 1 < nr && r[j + 1].t0 == r[j].t1 && is_country_like(r[j + 1].e->kind) &&
        strncmp(r[j + 1].e->code, country->code, 3) == 0)
      j++;
    t1 = r[j].t1;
    dyad_mention *m = new_mention(s, t0, t1, r[j].e->kind);
    if (person) {
      add_ref(m, person, NULL, "name", cx);
      m->person = 1;
    } else if (agent && country && unknown_name_len(s, t1) > 0 && strcmp(agent->code, "GOV") == 0) {
      m->t1 = t1 + unknown_name_len(s, t1);
      add_ref(m, country, &ag, "title", cx);
      m->person = 1;
    } else if (country) {
      add_ref(m, country, &ag, agent ? "agent" : "name", cx);
      if (agent && person_title(s->t[t1 - 1].lower)) m->person = 1;   /* "Japan's foreign minister ... She" */
    } else if (other) {
      add_ref(m, other, NULL, "name", cx);
      if (other->kind == DYAD_AK_PAIR) add_pair_codes(m, other->codes2);
    }
    /* a bare agent ("officials") names no country; it is kept so noun groups know their head */
    if (m->nref == 0 && agent) {
      m->head_kind = DYAD_AK_AGENT;
      m->agent = agent;
      m->nmods = ag.n - 1;
      for (int k = 0; k < m->nmods; k++) m->mods[k] = ag.a[k];
    }
    for (int k = m->t0; k < m->t1; k++) s->t[k].mention = (int16_t)(s->nm - 1);
    i = j;
  }
}

/* "U.S. and South Korean officials": the agent distributes over coordinated countries before it;
 * "the Russian government, army and people": a country distributes over the agents after it. */
static void distribute(dyad_sentence *s, const ref_ctx *cx) {
  for (int mi = 0; mi < s->nm; mi++) {
    dyad_mention *m = &s->m[mi];
    if (m->nref != 1 || !m->refs[0].agent || !m->refs[0].entry) continue;
    for (int back = mi - 1; back >= 0; back--) {
      dyad_mention *x = &s->m[back];
      int gap = s->m[back + 1].t0 - x->t1;
      int conj = gap == 1 && (is_word(s, x->t1, "and") || is_word(s, x->t1, ","));
      if (!conj || x->nref != 1 || x->refs[0].agent || !x->refs[0].entry || !is_country_like(x->refs[0].entry->kind)) break;
      agent_stack st = stack_of(m->refs[0].agent, m->refs[0].mods, m->refs[0].nmods);
      set_agents(&x->refs[0], &st);
      ref_code(&x->refs[0], cx);
    }
    /* "the ambassadors of Chile, Peru and Bolivia": the agent before its country goes on to
       the countries coordinated after it */
    for (int fwd = mi + 1; is_country_like(m->head_kind) && fwd < s->nm; fwd++) {
      dyad_mention *y = &s->m[fwd];
      int gap = y->t0 - s->m[fwd - 1].t1;
      int conj = gap == 1 && (is_word(s, y->t0 - 1, "and") || is_word(s, y->t0 - 1, ","));
      if (!conj || y->nref != 1 || y->refs[0].agent || !y->refs[0].entry || !is_country_like(y->refs[0].entry->kind)) break;
      agent_stack st = stack_of(m->refs[0].agent, m->refs[0].mods, m->refs[0].nmods);
      set_agents(&y->refs[0], &st);
      ref_code(&y->refs[0], cx);
    }
    for (int fwd = mi + 1; fwd < s->nm; fwd++) {
      dyad_mention *y = &s->m[fwd];
      int gap = y->t0 - s->m[fwd - 1].t1;
      int conj = gap == 1 && (is_word(s, y->t0 - 1, "and") || is_word(s, y->t0 - 1, ","));
      if (!conj || y->nref != 0 || y->head_kind != DYAD_AK_AGENT) break;
      /* "Danish Islamist media and government": the modifiers go on to the next agent too */
      agent_stack st = stack_of(NULL, m->refs[0].mods, m->refs[0].nmods);
      for (int k = 0; k < y->nmods; k++) push_agent(&st, y->mods[k]);
      push_agent(&st, y->agent);
      add_ref(y, m->refs[0].entry, &st, "distributed", cx);
    }
  }
}

/* Moves a person to the front of the memory (three deep, no repeats). */
void dyad_push_person(dyad_docmem *mem, const dyad_ref *r) {
  int n = mem->nlast_person, at = n < 3 ? n : 2;
  for (int i = 0; i < n; i++)
    if (mem->last_person[i].entry == r->entry && !strcmp(mem->last_person[i].code, r->code)) { at = i; break; }
  for (int i = at; i > 0; i--) mem->last_person[i] = mem->last_person[i - 1];
  mem->last_person[0] = *r;
  if (at == n && n < 3) mem->nlast_person++;
}
#define push_person dyad_push_person

static void remember(dyad_docmem *mem, const dyad_mention *m) {
  for (int i = 0; i < m->nref; i++) note_country(mem, m->refs[i].code);
  if (m->nref == 0) return;
  if (m->person) {
    const dyad_actor_entry *e = m->refs[0].entry;
    if (mem->nlast_person == 0 || mem->last_person[0].entry != e) push_person(mem, &m->refs[0]);
    if (e && e->kind == DYAD_AK_PERSON && m->refs[0].how && strcmp(m->refs[0].how, "name") == 0) {
      int have = 0;
      for (int i = 0; i < mem->npersons; i++) if (mem->persons[i] == e) have = 1;
      if (!have && mem->npersons < 64) mem->persons[mem->npersons++] = e;
    }
  } else if (m->refs[0].entry && m->refs[0].entry->kind != DYAD_AK_AGENT && !m->modifier) {
    if (mem->nlast_country == 0 || strncmp(mem->last_country[0].code, m->refs[0].code, 3) != 0) {
      mem->last_country[1] = mem->last_country[0];
      mem->last_country[0] = m->refs[0];
      if (mem->nlast_country < 2) mem->nlast_country++;
    }
  }
  if (m->nref >= 2) {
    mem->nlast_group = m->nref;
    memcpy(mem->last_group, m->refs, sizeof(dyad_ref) * (size_t)m->nref);
  }
}

/* A surname alone ("Kim", "Putin") refers back to the first person named in full with it. */
static const dyad_actor_entry *surname_person(const dyad_docmem *mem, int32_t word) {
  for (int i = 0; i < mem->npersons; i++)
    if (mem->persons[i]->surname == word) return mem->persons[i];
  return NULL;
}

static void copy_refs(dyad_mention *m, const dyad_ref *r, int n, const char *how) {
  for (int i = 0; i < n && m->nref < DYAD_MAX_REFS; i++) {
    m->refs[m->nref] = r[i];
    m->refs[m->nref].how = how;
    m->nref++;
  }
}

/* "its forces", "its foreign ministry": the country a possessive pronoun points to owns the
 * bare agent after it, which becomes that country's sector (RUSMIL). Returns 1 when merged. */
static int possessed_agent(dyad_sentence *s, int i, const dyad_ref *owner, const ref_ctx *cx) {
  if (i + 1 >= s->n || s->t[i + 1].mention < 0) return 0;
  dyad_mention *m = &s->m[s->t[i + 1].mention];
  if (m->nref || !m->agent || m->t0 != i + 1 || !owner->entry || owner->entry->kind == DYAD_AK_PERSON) return 0;
  dyad_ref *r = &m->refs[m->nref++];
  *r = *owner;
  agent_stack st = stack_of(m->agent, m->mods, m->nmods);
  set_agents(r, &st);
  r->how = "coref:possessive";
  if (strlen(owner->code) >= 3) {
    snprintf(r->code, sizeof r->code, "%.3s", owner->code);
    stack_agents(r->code, sizeof r->code, r, cx->petrarch);
  }
  m->t0 = i;
  s->t[i].mention = s->t[i + 1].mention;
  return 1;
}

/* "the leaders", "the officials": people of possibly several countries, unlike "the government",
 * "the army" or "the authorities", which belong to the country in focus. */
static int plural_people(const dyad_sentence *s, int i) {
  if (i >= s->n || !s->t[i].plural) return 0;
  char sing[48];
  size_t n = strlen(s->t[i].lower);
  if (n < 2 || n >= sizeof sing) return 0;
  memcpy(sing, s->t[i].lower, n - 1);
  sing[n - 1] = 0;
  return person_title(sing);
}

/* Pronouns and definite descriptions that point back: he/she/his, it/its, they, the two leaders,
 * both countries, the country. Returns the number of tokens consumed at i, 0 if none. */
/* The sentence's opening actor ("Pyongyang has condemned ..., and its media ..."): a pronoun
 * later in the same sentence refers to it before anything named in between. */
static const dyad_ref *opening_actor(const dyad_sentence *s, int i, int person) {
  int t = 0;
  while (t < s->n && (s->t[t].tag == T_DET || s->t[t].tag == T_QUOTE)) t++;
  if (t >= i || s->t[t].mention < 0) return NULL;
  const dyad_mention *m = &s->m[s->t[t].mention];
  if (m->nref != 1 || m->person != person || m->t1 > i) return NULL;
  return &m->refs[0];
}

static int coref_at(dyad_sentence *s, int i, const dyad_docmem *mem, const dyad_ref *open_person, const ref_ctx *cx) {
  const char *w = s->t[i].lower;
  static const char *he[] = {"he", "she", "him", "her", "his", "hers"};
  for (size_t k = 0; k < 6; k++)
    if (dyad_streq(w, he[k]) && mem->nlast_person) {
      dyad_mention *m = new_mention(s, i, i + 1, DYAD_AK_PERSON);
      m->person = 1;
      copy_refs(m, mem->last_person, 1, "coref:pronoun");
      return 1;
    }
  /* "the United States and its partners": the possessive points to the conjunct just named */
  if ((dyad_streq(w, "its") || dyad_streq(w, "their")) && i >= 2 && is_word(s, i - 1, "and") && s->t[i - 2].mention >= 0) {
    const dyad_mention *x = &s->m[s->t[i - 2].mention];
    if (x->nref && !x->person && !x->modifier) {
      if (possessed_agent(s, i, &x->refs[0], cx)) return 0;
      dyad_mention *m = new_mention(s, i, i + 1, DYAD_AK_COUNTRY);
      copy_refs(m, x->refs, 1, "coref:pronoun");
      return 1;
    }
  }
  if ((dyad_streq(w, "it") || dyad_streq(w, "its")) && mem->nlast_country) {
    if (dyad_streq(w, "its") && possessed_agent(s, i, &mem->last_country[0], cx)) return 0;
    dyad_mention *m = new_mention(s, i, i + 1, DYAD_AK_COUNTRY);
    copy_refs(m, mem->last_country, 1, "coref:pronoun");
    return 1;
  }
  if ((dyad_streq(w, "they") || dyad_streq(w, "their") || dyad_streq(w, "them")) && mem->nlast_group >= 2) {
    dyad_mention *m = new_mention(s, i, i + 1, DYAD_AK_COUNTRY);
    copy_refs(m, mem->last_group, mem->nlast_group, "coref:pronoun");
    return 1;
  }
  int two = (dyad_streq(w, "both") || (dyad_streq(w, "the") && is_word(s, i + 1, "two")));
  if (two) {
    int j = dyad_streq(w, "both") ? i + 1 : i + 2;
    const char *n = j < s->n ? s->t[j].lower : "";
    int people = dyad_streq(n, "leaders") || dyad_streq(n, "men") || dyad_streq(n, "presidents") || dyad_streq(n, "women");
    int states = dyad_streq(n, "countries") || dyad_streq(n, "nations") || dyad_streq(n, "sides") || dyad_streq(n, "governments") || dyad_streq(n, "states");
    int bare = dyad_streq(w, "the") && !people && !states && (j >= s->n || s->t[j].tag != T_WORD || s->t[j].lexpos == 0 || s->t[j].fv > 0);
    if (people || bare) {   /* the two people named last, other than the one speaking now */
      dyad_ref pair[2];
      int np = 0;
      for (int k = 0; k < mem->nlast_person && np < 2; k++)
        if (!open_person || mem->last_person[k].entry != open_person->entry) pair[np++] = mem->last_person[k];
      if (np < 2) return 0;
      dyad_mention *m = new_mention(s, i, bare ? j : j + 1, DYAD_AK_PERSON);
      copy_refs(m, pair, 2, "coref:the-two");
      return m->t1 - i;
    }
    if (states) {
      dyad_mention *m = new_mention(s, i, j + 1, DYAD_AK_COUNTRY);
      if (mem->nlast_group >= 2) copy_refs(m, mem->last_group, 2, "coref:both");
      else if (mem->nlast_country >= 2) copy_refs(m, mem->last_country, 2, "coref:both");
      else { s->nm--; return 0; }
      return j + 1 - i;
    }
  }
  /* "the government", "the army", "the opposition": the country in focus owns the bare agent */
  if (dyad_streq(w, "the") && mem->nlast_country && i + 1 < s->n && !plural_people(s, i + 1) &&
      !person_title(s->t[i + 1].lower) && possessed_agent(s, i, &mem->last_country[0], cx)) {
    s->m[s->t[i].mention].refs[0].how = "coref:definite";
    return 0;
  }
  if (dyad_streq(w, "the") && i + 1 < s->n && (is_word(s, i + 1, "country") || is_word(s, i + 1, "nation")) && mem->nlast_country) {
    dyad_mention *m = new_mention(s, i, i + 2, DYAD_AK_COUNTRY);
    copy_refs(m, mem->last_country, 1, "coref:the-country");
    return 2;
  }
  return 0;
}

/* Resolves the word at i against the document's memory, with the sentence's opening actor put in
 * front of it for this word only (the memory is as it was on return). */
static int coref(dyad_sentence *s, int i, dyad_docmem *mem, const ref_ctx *cx) {
  if (!strchr("hsitb", s->t[i].lower[0])) return 0;   /* every word coref_at knows starts with one of these */
  const dyad_ref *open_country = opening_actor(s, i, 0), *open_person = opening_actor(s, i, 1);
  if (!open_country && !open_person) return coref_at(s, i, mem, NULL, cx);
  dyad_ref keep_country = mem->last_country[0], keep_person = mem->last_person[0];
  int keep_nc = mem->nlast_country, keep_np = mem->nlast_person;
  if (open_country) { mem->last_country[0] = *open_country; if (!mem->nlast_country) mem->nlast_country = 1; }
  if (open_person) { mem->last_person[0] = *open_person; if (!mem->nlast_person) mem->nlast_person = 1; }
  int used = coref_at(s, i, mem, open_person, cx);
  mem->last_country[0] = keep_country; mem->last_person[0] = keep_person;
  mem->nlast_country = keep_nc; mem->nlast_person = keep_np;
  return used;
}

/* "in Pyongyang" is a place; "fired at Ukraine" is a target: "at" and "near" make only cities
 * places, the other prepositions countries too. */
static int locative(const dyad_sentence *s, int i, int kind) {
  static const char *loc[] = {"in", "inside", "outside", "across", "throughout", "within", "around"};
  if (i < 0) return 0;
  for (size_t k = 0; k < sizeof loc / sizeof loc[0]; k++)
    if (dyad_streq(s->t[i].lower, loc[k])) return 1;
  return kind == DYAD_AK_CAPITAL && (dyad_streq(s->t[i].lower, "at") || dyad_streq(s->t[i].lower, "near"));
}

int dyad_place_modifier(const char *w) {
  static const char *const c[] = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                                  "southeastern", "southwestern", "occupied", "downtown", NULL};
  for (const char *const *p = c; *p; p++) if (dyad_streq(w, *p)) return 1;
  return 0;
}

static void mark_roles(dyad_sentence *s) {
  for (int mi = 0; mi < s->nm; mi++) {
    dyad_mention *m = &s->m[mi];
    int before = m->t0 - 1;
    if (before >= 0 && dyad_place_modifier(s->t[before].lower)) before--;   /* "in southern Lebanon" */
    if (before >= 0 && s->t[before].tag == T_DET) before--;
    if ((m->head_kind == DYAD_AK_CAPITAL || m->head_kind == DYAD_AK_COUNTRY) && locative(s, before, m->head_kind)) m->place = 1;
    /* an adjective that modifies a following noun: "a Russian veto", "North Korean flags" */
    if (m->head_kind == DYAD_AK_ADJ && m->t1 < s->n) {
      const dyad_tok *nx = &s->t[m->t1];
      const char *last = s->t[m->t1 - 1].lower;
      size_t ln = strlen(last);
      int plural_noun = ln > 2 && last[ln - 1] == 's' && (nx->lexpos & 2u) && nx->vform != VF_BASE;   /* "Kenyans rallied" */
      if (nx->kind == DYAD_TK_WORD && nx->mention < 0 && nx->tag == T_WORD && !plural_noun) m->modifier = 1;
      if (nx->mention >= 0 && s->m[nx->mention].head_kind != DYAD_AK_AGENT && s->m[nx->mention].nref) m->modifier = 1;
    }
  }
}

/* PETRARCH's convention: "officials" alone name the null country's sector, "---GOV". */
static void null_country_agents(dyad_sentence *s) {
  for (int mi = 0; mi < s->nm; mi++) {
    dyad_mention *m = &s->m[mi];
    if (m->nref || !m->agent) continue;
    dyad_ref *r = &m->refs[m->nref++];
    memset(r, 0, sizeof *r);
    agent_stack st = stack_of(m->agent, m->mods, m->nmods);
    set_agents(r, &st);
    r->how = "agent:null-country";
    snprintf(r->code, sizeof r->code, "---");
    stack_agents(r->code, sizeof r->code, r, 1);
  }
}

int dyad_recognize(const dyad_dict *d, dyad_arena *a, dyad_sentence *s, dyad_date on, dyad_docmem *mem) {
  int cap = s->n + 1;
  /* not zeroed (a 30-token sentence has ~23 KB of mention slots and uses a few): find_raw writes
     each match it counts and new_mention clears each mention it hands out, below s->nm */
  raw_match *raw = dyad_arena_alloc_raw(a, (size_t)cap * sizeof *raw);
  s->m = dyad_arena_alloc_raw(a, (size_t)(cap * 2) * sizeof *s->m);
  if (!raw || !s->m) return -1;
  int nr = find_raw(d, s, mem, raw, cap);
  /* context entries ("the North") may lean on a country named later in the same sentence */
  int before = mem->nneeds;
  for (int i = 0; i < nr; i++)
    if (raw[i].e->kind != DYAD_AK_AGENT && raw[i].e->kind != DYAD_AK_PERSON) note_country(mem, raw[i].e->code);
  if (mem->nneeds != before) nr = find_raw(d, s, mem, raw, cap);
  const ref_ctx cx = {on, d->petrarch};
  combine(s, raw, nr, &cx);
  distribute(s, &cx);
  /* surnames and pronouns fill the gaps, in text order, so memory follows the reading */
  dyad_mention *named = s->m;
  int nnamed = s->nm;
  int next_named = 0;
  for (int i = 0; i < s->n; i++) {
    while (next_named < nnamed && named[next_named].t0 <= i) {
      if (named[next_named].t0 == i) remember(mem, &named[next_named]);
      next_named++;
    }
    if (s->t[i].mention >= 0) continue;
    const dyad_actor_entry *p = s->t[i].cap ? surname_person(mem, s->t[i].word) : NULL;
    if (p && s->t[i].word >= 0) {
      dyad_mention *m = new_mention(s, i, i + 1, DYAD_AK_PERSON);
      m->person = 1;
      add_ref(m, p, NULL, "coref:surname", &cx);
      s->t[i].mention = (int16_t)(s->nm - 1);
      remember(mem, m);
      continue;
    }
    int used = coref(s, i, mem, &cx);
    if (used) {
      for (int k = i; k < i + used; k++) s->t[k].mention = (int16_t)(s->nm - 1);
      if (!s->m[s->nm - 1].person || s->m[s->nm - 1].nref == 1) remember(mem, &s->m[s->nm - 1]);
      i += used - 1;
    }
  }
  /* mentions were appended out of order: keep them sorted by position for the parser */
  for (int x = 1; x < s->nm; x++) {
    dyad_mention tmp = s->m[x];
    int y = x - 1;
    while (y >= 0 && s->m[y].t0 > tmp.t0) { s->m[y + 1] = s->m[y]; y--; }
    s->m[y + 1] = tmp;
  }
  for (int k = 0; k < s->n; k++) s->t[k].mention = -1;
  for (int mi = 0; mi < s->nm; mi++)   /* a bare agent never takes words from an actor ("the two [leaders]") */
    for (int k = s->m[mi].t0; k < s->m[mi].t1; k++)
      if (s->t[k].mention < 0 || (s->m[mi].nref && !s->m[s->t[k].mention].nref)) s->t[k].mention = (int16_t)mi;
  if (d->petrarch) null_country_agents(s);
  mark_roles(s);
  return 0;
}
