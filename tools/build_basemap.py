"""Build the web UI's offline basemap: country outlines from the npm package world-atlas
(Natural Earth 1:110m, public domain; the package is ISC-licensed), fetched with `npm pack`
at build time and committed as `src/sitrep/serve/static/countries-110m.json` (TopoJSON, decoded
by the UI itself). Run again to refresh it: python tools/build_basemap.py
"""

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "serve" / "static" / "countries-110m.json"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        name = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with tarfile.open(Path(tmp) / name) as tar:
            data = json.load(tar.extractfile("package/countries-110m.json"))
            licence = tar.extractfile("package/LICENSE").read().decode()
    assert data["type"] == "Topology" and "countries" in data["objects"]
    OUT.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    (OUT.parent / "countries-110m.LICENSE.txt").write_text(
        f"countries-110m.json from the npm package {PACKAGE} (Natural Earth, public domain).\n\n" + licence,
        encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
