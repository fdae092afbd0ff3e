#!/usr/bin/env python3
"""Checks every #include in src/ and app/ against the layer table in docs/architecture.md.

A module may include only modules in lower layers (and its own files); only app/ may name
concrete adapters; third-party headers that belong to one adapter stay inside it. CMake alone
cannot stop an include, so this runs in `make lint` and `make test`.
Exit status 0 when clean, 1 with one line per violation otherwise.
"""
import pathlib
import re
import sys

# Layers from the top. A module may include modules of strictly lower layers. Domain modules
# (one layer) may also include each other, as long as no cycle forms.
LAYERS = [
    ["app"],
    ["api"],
    ["http"],
    ["directory", "auth", "kb", "search", "surveys", "cx", "recognition", "learning",
     "analytics"],
    ["store", "index"],
    ["store/sqlite", "store/postgres", "index/xapian", "mail/smtp", "webassets"],
    ["core"],
]
ADAPTERS = {"store/sqlite", "store/postgres", "index/xapian", "mail/smtp", "webassets"}
SAME_LAYER_OK = set(LAYERS[3])
PORTS = set(LAYERS[4])

# Third-party headers confined to the modules that wrap them.
EXTERNAL = {
    "sqlite3.h": {"store/sqlite"},
    "libpq-fe.h": {"store/postgres"},
    "xapian.h": {"index/xapian"},
    "boost/beast": {"http"},
    "boost/asio": {"http"},
    "toml++": {"core"},
    "CLI/": {"app"},
}

MODULES = sorted((m for layer in LAYERS for m in layer), key=len, reverse=True)
LAYER_OF = {m: i for i, layer in enumerate(LAYERS) for m in layer}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def module_of(rel: str):
    """'src/rapport/store/sqlite/x.cc' -> 'store/sqlite'; 'app/main.cc' -> 'app'."""
    if rel.startswith("app/"):
        return "app"
    if rel.startswith("src/rapport/"):
        rest = rel[len("src/rapport/"):]
        for m in MODULES:
            if rest.startswith(m + "/"):
                return m
    return None


def target_of(include: str):
    if include.startswith("rapport/"):
        rest = include[len("rapport/"):]
        for m in MODULES:
            if rest.startswith(m + "/"):
                return m
        return "?" + rest.split("/")[0]
    return None


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    errors = []
    edges = {}
    files = [p for d in ("src", "app") for p in (root / d).rglob("*")
             if p.suffix in (".h", ".cc")]
    for path in sorted(files):
        rel = path.relative_to(root).as_posix()
        module = module_of(rel)
        if module is None:
            errors.append(f"{rel}: not inside a module listed in the layer table")
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for line_no, inc in ((text.count("\n", 0, m.start()) + 1, m.group(1))
                             for m in INCLUDE.finditer(text)):
            where = f"{rel}:{line_no}"
            for prefix, allowed in EXTERNAL.items():
                if inc.startswith(prefix) and module not in allowed and module != "app":
                    errors.append(f"{where}: {module} includes <{inc}>, which only "
                                  f"{', '.join(sorted(allowed))} may use")
            target = target_of(inc)
            if target is None or target == module:
                continue
            if target.startswith("?"):
                errors.append(f"{where}: includes {inc} from unknown module {target[1:]}")
                continue
            if target in ADAPTERS and module != "app":
                errors.append(f"{where}: {module} names the adapter {target}; only app/ may")
                continue
            lm, lt = LAYER_OF[module], LAYER_OF[target]
            # Adapters implement ports, so they include the port they implement.
            if module in ADAPTERS and target in PORTS:
                continue
            if lt > lm or (lt == lm and module in SAME_LAYER_OK and target in SAME_LAYER_OK):
                edges.setdefault(module, set()).add(target)
                continue
            errors.append(f"{where}: {module} may not include {target} (layer table: a "
                          f"module uses only modules below it)")
    # Domain modules may use each other, but never in a cycle.
    def cycle_from(start, node, seen):
        for nxt in edges.get(node, ()):
            if nxt == start:
                return True
            if nxt not in seen and nxt in SAME_LAYER_OK:
                seen.add(nxt)
                if cycle_from(start, nxt, seen):
                    return True
        return False
    for m in SAME_LAYER_OK:
        if cycle_from(m, m, set()):
            errors.append(f"domain module {m} is part of an include cycle")
    for e in errors:
        print(e)
    if not errors:
        print(f"layering: {len(files)} files follow the layer table")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
