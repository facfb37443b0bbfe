"""Write the JSON Schema of each data file kind to schema/ (for editors).

Run `python -m hooks.data.schema`; tests fail when schema/ is out of date. Point a
YAML language server at these files (see CONTRIBUTING.md) to see mistakes as
you type.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import json_schemas

OUT = Path(__file__).resolve().parents[2] / "schema"


def write(out: Path = OUT) -> list[Path]:
    out.mkdir(exist_ok=True)
    paths = []
    for name, schema in json_schemas().items():
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write():
        print(p.relative_to(OUT.parent))
