"""Named points where a test can make sitrep die as a crash or `kill -9` would.

    faults.point("corpus.deduplicated")

does nothing unless the environment variable `SITREP_FAULT_AT` names that
point, in which case the process kills itself with SIGKILL on the spot: no
cleanup, no rollback, no `finally`. The kill -9 tests set it to interrupt an
ingest at exact places (a batch just stored; dedup committed, clusters not;
inside the clusters transaction) and check that re-running the same command
gives the database a clean run gives. Unset, a point costs one dict lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "SITREP_FAULT_AT"
POINTS = ("ingest.batch_stored", "corpus.deduplicated", "corpus.clustering")


def point(name: str) -> None:
    """Die here (SIGKILL) when `SITREP_FAULT_AT` names this point."""
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
