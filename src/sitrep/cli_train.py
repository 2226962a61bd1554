"""`sitrep train`: rebuild the event detector from our corpus (and the synthetic stories)."""

from __future__ import annotations

from pathlib import Path

import click

from sitrep.errors import SitrepError


@click.command("train")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), default=None,
              help="Folder of our labelled sentences (default: training/events in the repo).")
@click.option("--gold-dir", type=click.Path(file_okay=False), default=None,
              help="Gold folder holding plover_synthetic_train.jsonl (default: $SITREP_GOLD_DIR or ../shared/gold); "
                   "only its machine-written stories are read, never the gold sets.")
@click.option("--no-synthetic", is_flag=True, help="Train on our own sentences only.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the model (default: the package's src/sitrep/models/event-detector.npz).")
def train_cmd(corpus_dir: str | None, gold_dir: str | None, no_synthetic: bool, output: str | None) -> None:
    """Train the event detector (PLOVER type or none, per sentence) and write it
    where sitrep loads it. Deterministic: the same data gives the same file."""
    from sitrep.detector.model import DEFAULT_PATH
    from sitrep.detector.train import train
    from sitrep.evaluate import default_gold_dir
    from sitrep.evaluate.gold import REPO_ROOT

    log: list[str] = []
    try:
        train(corpus_dir=Path(corpus_dir) if corpus_dir else REPO_ROOT / "training" / "events",
              gold_dir=None if no_synthetic else (Path(gold_dir) if gold_dir else default_gold_dir()),
              out=Path(output) if output else DEFAULT_PATH, log=log)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in log:
        click.echo(line, err=True)
