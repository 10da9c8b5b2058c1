#!/usr/bin/env python3
"""Holds the layers of docs/architecture.md: which folder may include which,
and that only the stores write SQL.

    scripts/check-layers.py [ROOT]

Run by ctest (test `Layers.IncludesPointDownAndOnlyStoresWriteSql`). Prints
each break as FILE:LINE: message and exits 1 when there is one, 0 otherwise.

Rules (a layer may include itself and the layers below it):
  domain  <- nothing else of thads; no database client, no files or clock
  store   <- domain
  app     <- domain, store
  http    <- domain, store, app
  cli     <- domain, store, app, http
A module's folders (src/modules/NAME/{domain,store,app,http}) follow
the same order and may include the core's layers at or below their own and
the same layers of other modules (documented in their README); the core
never includes a module ("modules/").
SQL: string literals beginning with SELECT, INSERT, UPDATE, DELETE, CREATE,
WITH, ALTER or DROP, and calls of run/one/exec on a database, appear only
in a store layer (src/store, src/modules/*/store).
The database connection is opaque above the stores: only a store layer (and
tests) includes "store/db.h", where the Db class is defined; app, http, cli
and the modules' upper layers see `class Db;` (store/store.h) and can only
hand a Store's Db to the stores' named queries, never run SQL on it.
"""
import pathlib
import re
import sys

ORDER = ["domain", "store", "app", "http", "cli"]
ALLOWED = {layer: set(ORDER[: i + 1]) for i, layer in enumerate(ORDER)}
# Headers a pure domain must not use: database clients, files, processes, clocks.
DOMAIN_FORBIDDEN = re.compile(
    r"#include\s*<(sqlite3\.h|libpq-fe\.h|fstream|filesystem|thread|mutex|chrono|unistd\.h|sys/[^>]+)>"
)
INCLUDE = re.compile(r'#include\s*"([a-z_]+)/')
MODULE_INCLUDE = re.compile(r'#include\s*"modules/([a-z_]+)/([a-z_]+)/')
SQL_LITERAL = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|ALTER|DROP)\s', re.IGNORECASE)
DB_HEADER = re.compile(r'#include\s*"store/db\.h"')
DB_CALL = re.compile(r"\b(db\(\)|db_?|tx\.db\(\))\s*(\.|->)\s*(run|one|exec)\s*\(")


def layer_of(rel: pathlib.PurePosixPath):
    """(layer, module or None) of a source file, or None when unchecked."""
    parts = rel.parts
    if len(parts) >= 3 and parts[0] == "src" and parts[1] in ORDER:
        return parts[1], None
    if len(parts) >= 4 and parts[0] == "src" and parts[1] == "modules":
        sub = parts[3]
        if sub in ORDER:
            return sub, parts[2]
        if sub == "tests":
            return "tests", parts[2]  # see every layer, but write no SQL
        if sub == "module.cc":
            return None  # a module's registration sees every layer
    return None


# Files whose breaks are known and being moved (each names its issue); a
# break elsewhere fails at once, and a listed file that no longer breaks
# must be taken off this list.
KNOWN: dict = {}


def check(root: pathlib.Path):
    problems = []
    for path in sorted((root / "src").rglob("*")):
        if path.suffix not in (".h", ".cc"):
            continue
        rel = pathlib.PurePosixPath(path.relative_to(root).as_posix())
        where = layer_of(rel)
        if where is None:
            continue
        layer, module = where
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            m = INCLUDE.search(line)
            if m and layer != "tests":
                target = m.group(1)
                if target == "modules":
                    mm = MODULE_INCLUDE.search(line)
                    if module is None:
                        problems.append(f"{rel}:{n}: the core includes a module ({line.strip()})")
                    elif mm and mm.group(2) in ORDER and mm.group(2) not in ALLOWED[layer]:
                        problems.append(f"{rel}:{n}: {layer} includes a module's {mm.group(2)} ({line.strip()})")
                elif target in ORDER and target not in ALLOWED[layer]:
                    problems.append(f"{rel}:{n}: {layer} includes {target} ({line.strip()})")
            if layer == "domain" and DOMAIN_FORBIDDEN.search(line):
                problems.append(f"{rel}:{n}: the domain is pure: no I/O or clock header ({line.strip()})")
            if layer not in ("store", "tests") and DB_HEADER.search(line):
                problems.append(f"{rel}:{n}: the database connection is the stores' own: include store/store.h "
                                f"and call a store's named query ({line.strip()})")
            if layer != "store":
                code = line.split("//", 1)[0]
                if SQL_LITERAL.search(code):
                    problems.append(f"{rel}:{n}: SQL outside a store ({line.strip()})")
                elif DB_CALL.search(code):
                    problems.append(f"{rel}:{n}: a database call outside a store ({line.strip()})")
    known_hits = {p.split(":", 1)[0] for p in problems if p.split(":", 1)[0] in KNOWN}
    problems = [p for p in problems if p.split(":", 1)[0] not in KNOWN]
    for f in sorted(set(KNOWN) - known_hits):
        problems.append(f"{f}: no longer breaks the layers: take it off KNOWN in scripts/check-layers.py")
    return problems


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"check-layers: {len(problems)} break(s) of the layers (docs/architecture.md)")
        return 1
    print("check-layers: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
