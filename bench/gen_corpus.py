#!/usr/bin/env python3
"""Deterministic synthetic corpus for `make bench`.

    python3 bench/gen_corpus.py N OUTDIR

writes, for N articles (the same N always gives the same bytes):

  OUTDIR/content/YYYY/MM/aNNNNNN.md|.txt   Broadsheet's input: 80 % markdown with
                                           front matter, 20 % wire dumps in the exact
                                           wire shape (dateline, title, (AGENCY) paragraphs,
                                           ID trailer, agency line, Legal Disclaimer, Search)
  OUTDIR/hugo-content/posts/YYYY/MM/aNNNNNN.md
                                           the same articles for Hugo: every wire dump
                                           turned into the equivalent markdown, with its
                                           topics, day, month and year as taxonomy terms
  OUTDIR/hugo-content/topics/<slug>/_index.md
                                           turns on an Atom/RSS feed per topic, as Broadsheet has
  OUTDIR/bodies.list                       every content file, for the cmark floor program
  OUTDIR/edit.list                         the article the one-edit runs change

Articles are ~800 words, eight a day (three hours apart with jitter) from
2020-01-01 UTC, so the number of day, month and topic pages grows with N.
"""
import os
import random
import sys
from datetime import datetime, timedelta, timezone

TOPICS = {
    # name: keywords (also the topic rules of bench/site.yml); never in the filler vocabulary
    "Energy": ["energy", "grid", "solar", "pipeline"],
    "Transport": ["rail", "ferry", "airport", "trains"],
    "Science": ["research", "scientists", "laboratory", "telescope"],
    "Economy": ["inflation", "economy", "wages", "exports"],
    "Culture": ["museum", "festival", "theatre", "exhibition"],
    "Health": ["hospital", "doctors", "patients", "vaccine"],
    "Politics": ["parliament", "election", "minister", "senate"],
    "Sport": ["football", "league", "stadium", "tournament"],
    "Weather": ["storm", "rainfall", "flooding", "forecast"],
    "Technology": ["software", "internet", "computers", "robots"],
    "Education": ["school", "university", "students", "teachers"],
    "Housing": ["housing", "tenants", "landlords", "mortgage"],
}

FILLER = """
about above across after again against along already also although among announced another around asked
authorities average back because became before began behind being believe below beside better between
beyond board both bridge brought budget building business called came capital carried cases central
centre century chairman change changes chief children city clear close coast committee common community
company complete concerns continued could council country county court crews current daily decision
deputy despite details different director district during early east effect eight either else enough
especially even evening every expected experts face fact families federal figures final first five
following force former found four free friday from full further future general given good government
great group growth half harbour having head health high historic however hundred including increase
industry inside instead interest island issue just keep kind known large last later least left less
level likely line little local long made main major make many march means measures meeting members might
million minutes monday month more morning most much must national near nearly need never news next night
nine north northern number offer office officials often once only open operator order other outside over
own part past people percent period place plan plans point police policy possible press price private
problem programme project proposal public published quarter question quickly rather reached ready real
recent record region regional report reported residents response rest result return right river road
role round rules said same saturday second section service services seven several share short should
shows side since single site small social some south southern spokesman spring staff stage state
statement station still street strong summer sunday support system taken talks team terms than that
their them then there these they third this those though three through thursday time today together
told total towards town track tuesday twelve under union until upper urged used valley very village visit
waiting week weekend well were west what when where whether which while whole wider will winter with
within without women words work workers working world would year years yesterday young
""".split()

AGENCIES = ["NORDWIRE", "PACIFICA", "AGENZIA", "MERIDIAN", "CAPWIRE"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
START = datetime(2020, 1, 1, tzinfo=timezone.utc)
SPACING = 3 * 3600  # eight articles a day


def slugify(title):
    return "-".join("".join(c for c in w.lower() if c.isalnum()) for w in title.split())


def sentence(rng, keywords, min_words=8, max_words=22):
    words = [rng.choice(FILLER) for _ in range(rng.randint(min_words, max_words))]
    if keywords and rng.random() < 0.5:
        words[rng.randrange(len(words))] = rng.choice(keywords)
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    ending = rng.randrange(6)
    return f'"{text}," {rng.choice(FILLER)} said.' if ending == 0 else text + ("?" if ending == 1 else ".")


def paragraph(rng, keywords, words_target):
    out, count = [], 0
    while count < words_target:
        s = sentence(rng, keywords)
        out.append(s)
        count += len(s.split())
    return " ".join(out), count


def decorate(rng, text):
    """Sprinkles inline markdown over a paragraph: emphasis, strong, a link, code."""
    words = text.split(" ")
    if len(words) > 12:
        i = rng.randrange(1, len(words) - 4)
        kind = rng.randrange(4)
        if kind == 0:
            words[i] = "*" + words[i] + "*"
        elif kind == 1:
            words[i] = "**" + words[i] + " " + words[i + 1] + "**"
            del words[i + 1]
        elif kind == 2:
            words[i] = "[" + words[i] + "](https://example.org/" + words[i].strip(".,?") + ")"
        else:
            words[i] = "`" + words[i] + "`"
    return " ".join(words)


def article(i):
    rng = random.Random(1_000_003 * i + 17)
    when = START + timedelta(seconds=i * SPACING + rng.randrange(SPACING))
    topics = rng.sample(sorted(TOPICS), rng.choice([1, 1, 2, 2, 3]))
    keywords = [k for t in topics for k in TOPICS[t]]
    title_words = [rng.choice(FILLER) for _ in range(rng.randint(5, 9))]
    title_words[rng.randrange(len(title_words))] = keywords[0]
    title = " ".join(title_words)
    title = title[0].upper() + title[1:]
    wire = i % 5 == 0
    paragraphs, words = [], 0
    while words < 800:
        text, n = paragraph(rng, keywords, rng.randint(50, 100))
        paragraphs.append(text)
        words += n
    return dict(i=i, rng=rng, when=when, topics=topics, title=title, wire=wire, paragraphs=paragraphs,
                agency=AGENCIES[i % len(AGENCIES)], summary=rng.random() < 0.5)


def markdown_body(a):
    rng = a["rng"]
    blocks = []
    for n, text in enumerate(a["paragraphs"]):
        if n and n % 3 == 0:
            blocks.append("## " + " ".join(text.replace('"', "").split()[:4]).rstrip(".,?").capitalize())
        blocks.append(decorate(rng, text))
        if n == 4:
            blocks.append("\n".join("- " + sentence(rng, [], 4, 9) for _ in range(3)))
        if n == 6:
            blocks.append("> " + sentence(rng, [], 10, 18))
    return "\n\n".join(blocks) + "\n"


def front_matter(a, extra=()):
    lines = ["---", f'title: "{a["title"]}"', "date: " + a["when"].strftime("%Y-%m-%dT%H:%M:%SZ"),
             "topics: [" + ", ".join(a["topics"]) + "]"]
    if a["summary"]:
        summary = " ".join(a["paragraphs"][0].replace('"', "").split()[:30])
        lines.append(f'summary: "{summary}"')
    lines.append(f'author: "Bench Writer {a["i"] % 37}"')
    lines.extend(extra)
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def wire_dump(a):
    w = a["when"]
    dateline = f'{WEEKDAYS[w.weekday()]}, {w:%d} {MONTHS[w.month - 1]} {w:%Y} {w:%H:%M} GMT'
    paras = list(a["paragraphs"])
    paras[0] = f'({a["agency"]}) ' + paras[0]
    trailer_id = f'{a["agency"]}{w:%d%m%Y}{a["i"]:012d}ID{1100000000 + a["i"]:010d}'
    return (f"{dateline}\n\n{a['title']}\n\n\n" + "\n\n".join(paras) + f"\n\n{trailer_id}\n\n\n\n{a['agency']}\n\n"
            "Legal Disclaimer:\n"
            f"{a['agency']} provides the information as is, without warranty of any kind. Republication is "
            "permitted only under the terms of a current subscriber agreement.\n\nSearch\n")


def hugo_extra(a):
    w = a["when"]
    return [f'slug: "{slugify(a["title"])}"', f'days: ["{w:%Y-%m-%d}"]', f'months: ["{w:%Y-%m}"]', f'years: ["{w:%Y}"]']


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_corpus.py N OUTDIR")
    n, out = int(sys.argv[1]), sys.argv[2]
    bodies = []
    for i in range(n):
        a = article(i)
        folder = f'{a["when"]:%Y/%m}'
        name = f"a{i:06d}." + ("txt" if a["wire"] else "md")
        path = os.path.join(out, "content", folder, name)
        if a["wire"]:
            text = wire_dump(a)
            # The equivalent markdown: same title, date, topics (Broadsheet finds them by keyword), paragraphs.
            hugo = front_matter(dict(a, summary=False), hugo_extra(a) + [f'source: "{a["agency"]}"']) + "\n\n".join(a["paragraphs"]) + "\n"
        else:
            body = markdown_body(a)
            text, hugo = front_matter(a) + body, front_matter(a, hugo_extra(a)) + body
        write(path, text)
        write(os.path.join(out, "hugo-content", "posts", folder, f"a{i:06d}.md"), hugo)
        bodies.append(os.path.abspath(path))
    for name in TOPICS:
        write(os.path.join(out, "hugo-content", "topics", slugify(name), "_index.md"),
              f'---\ntitle: "{name}"\noutputs: [HTML, RSS]\n---\n')
    write(os.path.join(out, "bodies.list"), "\n".join(bodies) + "\n")
    # One markdown article from the middle of the corpus: the one-edit runs change its last line.
    middle = next(i for i in range(n // 2, n) if i % 5)
    write(os.path.join(out, "edit.list"), next(b for b in bodies if b.endswith(f"a{middle:06d}.md")) + "\n")


if __name__ == "__main__":
    main()
