#!/usr/bin/env python3
"""Writes a synthetic Broadsheet content folder for size and speed measurements.

    python3 Tests/browser/make-corpus.py OUT_DIR COUNT [SEED]

Articles are markdown with front matter: titles of 5-12 words, bodies of 4-9
paragraphs (about 200-600 words), 1-3 of 12 topics, dates spread over three
years. Words come from a Zipf-distributed vocabulary of 40,000 made-up words
plus common English function words, so the vocabulary keeps growing with the
corpus as real news text does. The same COUNT and SEED give the same files.
"""
import bisect
import itertools
import os
import random
import sys

out, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)

SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["ar", "en", "ol", "ist", "ion", "er", "ing", "ed"]
FUNCTION = ("the of and to a in that is was he for it with as his on be at by had are but from or have an they which "
            "one you were her all she there would their we him been has when who will more no if out so said what up its "
            "about into than them can only other new some could time these two may then do first any my now such like our "
            "over man me even most made after also did many before must through back years where much your way well down "
            "should because each just those people how too little state good very make world still own see men work long").split()
TOPICS = ["Energy", "Transport", "Science", "Economy", "Culture", "Health", "Education", "Housing", "Sport",
          "Politics", "Environment", "Technology"]

def made_up_word(i):
    r = random.Random(i)
    return "".join(r.choice(SYLLABLES) for _ in range(r.choice([2, 2, 3, 3, 3, 4])))

VOCAB = list(dict.fromkeys(made_up_word(i) for i in range(44000)))[:40000]
weights = [1 / (rank + 30) ** 1.05 for rank in range(len(VOCAB))]  # Zipf-Mandelbrot: no single word dominates
CUMULATIVE = list(itertools.accumulate(weights))

def content_word():
    return VOCAB[bisect.bisect(CUMULATIVE, rng.random() * CUMULATIVE[-1])]

def sentence(n):
    words = [content_word() if rng.random() < 0.55 else rng.choice(FUNCTION) for _ in range(n)]
    return " ".join(words).capitalize() + "."

for i in range(count):
    day = 1 + (i * 1096) // max(1, count)          # spread over about three years
    year, rest = 2023 + (day - 1) // 365, (day - 1) % 365
    month, dom = 1 + rest // 31 % 12, 1 + rest % 28
    hour, minute = rng.randrange(24), rng.randrange(60)
    title = " ".join(content_word() for _ in range(rng.randint(5, 12))).capitalize()
    topics = sorted(rng.sample(TOPICS, rng.randint(1, 3)))
    paragraphs = [" ".join(sentence(rng.randint(8, 22)) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(4, 9))]
    folder = os.path.join(out, f"{year:04d}", f"{month:02d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"article-{i:05d}.md"), "w") as f:
        f.write(f'---\ntitle: "{title}"\ndate: {year:04d}-{month:02d}-{dom:02d}T{hour:02d}:{minute:02d}:00Z\n'
                f'topics: [{", ".join(topics)}]\n---\n\n' + "\n\n".join(paragraphs) + "\n")
