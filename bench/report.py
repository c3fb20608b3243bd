#!/usr/bin/python3
"""Writes bench/RESULTS.md from a bench/run.sh output directory.

    report.py OUT_DIR RESULTS.md

OUT_DIR holds rows.tsv (one line per measured command: key, scenario, dialect, size, variant, tool,
status, note), KEY.json (hyperfine --export-json), KEY.rss (GNU time %M, KB), KEY.count (SQL
statements sent, from count_statements.so) and machine.txt.
"""
import json
import os
import sys

SCENARIOS = {
    "1": ("Scenario 1: `current` at the head of a linear chain",
          "Start-up, load the revisions, connect, read the version table. Floor: `sqlite3`/`psql`/`mariadb` "
          "reading the version row. `current` runs with dbmig's revision header cache filled (every run "
          "after the first; docs/configuration.md), `current (no header cache)` with DBMIG_NO_CACHE=1, "
          "reading every revision file as the first run after a change does. Size: revisions in the "
          "chain.", "revisions"),
    "2": ("Scenario 2: `migrate` against an empty database",
          "Load the models, introspect the (empty) database, diff, write one revision creating every "
          "table. Floor: the bulk catalog queries of bench/catalog/ run by `sqlite3`/`psql`/`mariadb`. Alembic: "
          "`revision --autogenerate`. Size: tables (12 columns, 1-2 foreign keys, 1-2 indexes, a "
          "unique constraint each).", "tables"),
    "3": ("Scenario 3: `migrate` and `check` against a database that matches the models",
          "Introspection + diff, finding no change. Floor: the same catalog queries on the full "
          "database. Alembic: `revision --autogenerate` with a hook that writes nothing when empty "
          "(Alembic 1.8 has no `check`). Size: tables.", "tables"),
    "4": ("Scenario 4: `upgrade` base -> head and `downgrade` head -> base through a chain",
          "Each revision creates a table or adds a column (downgrade: drops it). Floor: the same DDL "
          "plus one version-row INSERT/UPDATE/DELETE per step, in one `sqlite3` run or one `psql` "
          "run; \"one transaction\" rows compare `dbmig --single-transaction`, the floor in one "
          "transaction (`BEGIN`...`COMMIT` / `psql -1`) and Alembic (its env.py runs all steps in one "
          "transaction); the other rows compare dbmig's default (a transaction per revision) with "
          "the floor committing after every step. MariaDB commits each DDL statement implicitly: it has no "
          "\"one transaction\" rows (dbmig refuses `--single-transaction` there), its floor runs every "
          "statement in autocommit, and Alembic is in the `upgrade`/`downgrade` rows. Size: revisions.",
          "revisions"),
    "5": ("Scenario 5: SQLite table rebuild",
          "`upgrade` of one revision whose `alter_column` makes `accounts.name` NOT NULL: SQLite "
          "must re-create the table (two indexes besides the primary key, a foreign key from "
          "`payments`, which has rows/10 rows). Floor: SQLite's documented rebuild procedure written by hand "
          "(bench/generate.py). Alembic: `batch_alter_table`. Size: rows of `accounts`.", "rows"),
    "6": ("Scenario 6: `upgrade` through a chain of raw `sql:` steps",
          "The chain of scenario 4 written as one `sql:` step per revision (the DDL plus an INSERT or "
          "UPDATE of a row): dbmig cannot know what raw SQL changed, so nothing may re-read the "
          "schema after each revision. SQLite runs on tmpfs and on a file on the machine's disk, "
          "where every commit waits for fsync. Floor: the same SQL and version-row updates run by "
          "`sqlite3`/`psql`/`mariadb`, committing after every step (`upgrade` rows; dbmig's default is a "
          "transaction per revision) or in one transaction (dbmig `--single-transaction`; not on "
          "MariaDB, whose DDL commits implicitly). Size: revisions.", "revisions"),
}
TOOLS = ("dbmig", "floor", "alembic")
DIALECT = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MariaDB"}
# The targets of issue 7; MariaDB has PostgreSQL's (issue 15).
MIGRATE_LIMIT = {"sqlite": 0.2, "postgresql": 0.3, "mysql": 0.3}
UPGRADE_LIMIT = {"sqlite": 1.3, "postgresql": 1.15, "mysql": 1.15}
# The variant of scenario 4 each target compares: one transaction where DDL is transactional;
# on MariaDB, where each DDL statement commits, dbmig's default against the floor's autocommit.
ONE_TX = {"sqlite": " (one transaction)", "postgresql": " (one transaction)", "mysql": ""}


def load(out):
    rows = []
    with open(os.path.join(out, "rows.tsv"), encoding="utf-8") as f:
        for line in f:
            key, scenario, dialect, size, variant, tool, status, note = line.rstrip("\n").split("\t")
            row = dict(key=key, scenario=scenario, dialect=dialect, size=int(size), variant=variant, tool=tool,
                       status=status, note=note)
            path = os.path.join(out, key + ".json")
            if status == "ok" and os.path.exists(path):
                with open(path, encoding="utf-8") as j:
                    r = json.load(j)["results"][0]
                row.update(median=r["median"], min=r["min"], max=r["max"], runs=len(r["times"]),
                           cpu=r["user"] + r["system"])
            for ext, name in (("rss", "rss_kb"), ("count", "statements")):
                path = os.path.join(out, f"{key}.{ext}")
                if os.path.exists(path):
                    try:
                        with open(path, encoding="utf-8") as x:
                            row[name] = int(x.read().split()[-1])
                    except (ValueError, IndexError):
                        pass
            rows.append(row)
    return rows


def seconds(value):
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1e3:.1f} ms" if value >= 0.01 else f"{value * 1e3:.2f} ms"


def timing(row):
    if row is None:
        return "-"
    if row["status"] == "na":
        return "n/a"
    if row["status"] != "ok":
        return "**check failed**"
    if "median" not in row:
        return "untimed"
    return f"{seconds(row['median'])} ({seconds(row['min'])}-{seconds(row['max'])}, {row['runs']} runs)"


def rss(row):
    return f"{row['rss_kb'] / 1024:.1f} MB" if row and row["status"] == "ok" and "rss_kb" in row else "-"


def ratio(a, b):
    if a and b and "median" in a and "median" in b and b["median"] > 0:
        return f"{a['median'] / b['median']:.2f}x"
    return "-"


def cpu(row):
    return seconds(row["cpu"]) if row and "cpu" in row else "-"


def cpu_ratio(a, b):
    if a and b and a.get("cpu") and b.get("cpu"):
        return f"{a['cpu'] / b['cpu']:.2f}x"
    return "-"


def find(rows, **match):
    for row in rows:
        if all(row[k] == v for k, v in match.items()):
            return row
    return None


def groups(rows, scenario):
    """(dialect, size, variant) in run order."""
    seen = []
    for row in rows:
        if row["scenario"] == scenario:
            g = (row["dialect"], row["size"], row["variant"])
            if g not in seen:
                seen.append(g)
    return seen


def scenario_table(rows, scenario):
    title, text, unit = SCENARIOS[scenario]
    lines = [f"## {title}", "", text, ""]
    with_count = scenario in ("2", "3")
    header = ["database", unit, "command", "dbmig median (min-max)", "floor", "Alembic", "dbmig / floor",
              "Alembic / dbmig", "client CPU dbmig / floor (ratio)", "peak RSS dbmig / floor / Alembic"]
    if with_count:
        header.append("SQL statements (dbmig)")
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    notes = set()
    for dialect, size, variant in groups(rows, scenario):
        tool = {t: find(rows, scenario=scenario, dialect=dialect, size=size, variant=variant, tool=t) for t in TOOLS}
        if tool["floor"] is None:  # `check` shares the floor of `migrate`
            tool["floor"] = find(rows, scenario=scenario, dialect=dialect, size=size, tool="floor")
        for t in TOOLS:
            if tool[t] is not None and tool[t]["note"]:
                notes.add(tool[t]["note"])
        cells = [DIALECT[dialect], f"{size:,}", variant, timing(tool["dbmig"]), timing(tool["floor"]),
                 timing(tool["alembic"]), ratio(tool["dbmig"], tool["floor"]), ratio(tool["alembic"], tool["dbmig"]),
                 f"{cpu(tool['dbmig'])} / {cpu(tool['floor'])} ({cpu_ratio(tool['dbmig'], tool['floor'])})",
                 " / ".join(rss(tool[t]) for t in TOOLS)]
        if with_count:
            cells.append(str(tool["dbmig"].get("statements", "-")) if tool["dbmig"] else "-")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines += [f"Note: {n}." for n in sorted(notes)]
    return lines


def largest(rows, scenario, dialect):
    sizes = [r["size"] for r in rows if r["scenario"] == scenario and r["dialect"] == dialect]
    return max(sizes) if sizes else None


def verdict(ok):
    return "**met**" if ok else "**missed**"


def targets(rows):
    lines = ["## Targets (issues 7, 12 and 15)", "", "| target | database | figure | verdict |", "|---|---|---|---|"]
    for dialect in DIALECT:
        n = largest(rows, "1", dialect)
        r = find(rows, scenario="1", dialect=dialect, size=n, variant="current", tool="dbmig") if n else None
        cold = find(rows, scenario="1", dialect=dialect, size=n, variant="current (no header cache)", tool="dbmig")
        if r and "median" in r:
            ok = r["median"] < 0.010 and r.get("rss_kb", 1 << 30) < 10 * 1024
            without = (f"; without the header cache (as the first run after a change): {seconds(cold['median'])}"
                       if cold and "median" in cold else "")
            lines.append(f"| `current`, {n:,} revisions: < 10 ms and < 10 MB | {DIALECT[dialect]} | "
                         f"{seconds(r['median'])} (client CPU {cpu(r)}), {rss(r)}{without} | {verdict(ok)} |")
    for dialect, limit in MIGRATE_LIMIT.items():
        for scenario, what in (("2", "migrate, empty database"), ("3", "migrate, no change"),
                               ("3", "check, no change")):
            n = largest(rows, scenario, dialect)
            variant = "check" if what.startswith("check") else "migrate"
            r = find(rows, scenario=scenario, dialect=dialect, size=n, variant=variant, tool="dbmig") if n else None
            if r and "median" in r:
                lines.append(f"| {what}, {n:,} tables: < {limit} s | {DIALECT[dialect]} | {seconds(r['median'])} "
                             f"(client CPU {cpu(r)}) | {verdict(r['median'] < limit)} |")
        for scenario in ("2", "3"):
            counts = sorted({(r["size"], r["statements"]) for r in rows
                             if r["scenario"] == scenario and r["dialect"] == dialect and "statements" in r})
            if len(counts) >= 2:
                same = len({c for _, c in counts}) == 1
                lines.append(f"| scenario {scenario}: a fixed number of SQL statements, whatever the table count | "
                             f"{DIALECT[dialect]} | " + ", ".join(f"{c} for {s:,} tables" for s, c in counts) +
                             f" | {verdict(same)} |")
    for dialect, up_limit in UPGRADE_LIMIT.items():
        n = largest(rows, "4", dialect)
        for direction, limit in (("upgrade", up_limit), ("downgrade", 1.2)):
            one = direction + ONE_TX[dialect]
            a = find(rows, scenario="4", dialect=dialect, size=n, variant=one, tool="dbmig") if n else None
            b = find(rows, scenario="4", dialect=dialect, size=n, variant=one, tool="floor") if n else None
            if a and b and "median" in a and "median" in b:
                value = a["median"] / b["median"]
                a2 = find(rows, scenario="4", dialect=dialect, size=n, variant=direction, tool="dbmig")
                b2 = find(rows, scenario="4", dialect=dialect, size=n, variant=direction, tool="floor")
                extra = (f"; default (a transaction per revision) vs the floor committing per step: "
                         f"{ratio(a2, b2)} ({seconds(a2['median'])} vs {seconds(b2['median'])})"
                         if one != direction and a2 and b2 and "median" in a2 and "median" in b2 else "")
                how = ("one transaction each" if one != direction else
                       "each statement committed: dbmig's default vs the floor in autocommit")
                lines.append(f"| {direction} through {n:,} revisions: within {limit}x of the floor | "
                             f"{DIALECT[dialect]} | {value:.2f}x ({seconds(a['median'])} vs "
                             f"{seconds(b['median'])}, {how}; client CPU {cpu_ratio(a, b)}){extra} | "
                             f"{verdict(value <= limit)} |")
    for dialect, limit in UPGRADE_LIMIT.items():
        n = largest(rows, "6", dialect)
        for (_, size, variant) in [g for g in groups(rows, "6") if g[0] == dialect and g[1] == n]:
            a = find(rows, scenario="6", dialect=dialect, size=n, variant=variant, tool="dbmig")
            b = find(rows, scenario="6", dialect=dialect, size=n, variant=variant, tool="floor")
            if a and b and "median" in a and "median" in b:
                value = a["median"] / b["median"]
                lines.append(f"| {variant} through {n:,} raw `sql:` revisions: within {limit}x of the floor | "
                             f"{DIALECT[dialect]} | {value:.2f}x ({seconds(a['median'])} vs {seconds(b['median'])}; "
                             f"client CPU {cpu_ratio(a, b)}) | {verdict(value <= limit)} |")
    n = largest(rows, "5", "sqlite")
    for variant, what in (("alter_column (rebuild)", "rebuild"),
                          ("5 changes, one revision", "revision of 5 changes to the table (one rebuild)")):
        if not n:
            break
        a = find(rows, scenario="5", dialect="sqlite", size=n, variant=variant, tool="dbmig")
        b = find(rows, scenario="5", dialect="sqlite", size=n, variant=variant, tool="floor")
        if a and a["status"] == "na":
            lines.append(f"| {what} of {n:,} rows: within 1.2x of the hand-written SQL | SQLite | "
                         f"not measurable: {a['note']} | **not yet measurable** |")
        elif a and b and "median" in a and "median" in b:
            value = a["median"] / b["median"]
            lines.append(f"| {what} of {n:,} rows: within 1.2x of the hand-written SQL | SQLite | {value:.2f}x "
                         f"({seconds(a['median'])} vs {seconds(b['median'])}; CPU {cpu_ratio(a, b)}) | "
                         f"{verdict(value <= 1.2)} |")
    failed = [r["key"] for r in rows if r["status"] == "fail"]
    lines.append("")
    lines.append("Correctness: " + (f"**{len(failed)} check(s) failed**: " + ", ".join(failed) if failed
                                    else f"every one of the {len(rows)} measured commands passed its check."))
    return lines


def main(out, results):
    rows = load(out)
    machine = {}
    path = os.path.join(out, "machine.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    machine[k] = v
    lines = ["# Benchmark results", "",
             "Written by `bench/run.sh` (see [docs/performance.md](../docs/performance.md) for what each scenario "
             "measures and what limits it); do not edit by hand. Times are of the whole process, measured by "
             "hyperfine (median, with min-max and the number of runs); client CPU is hyperfine's mean user+system "
             "time of the measured process (the PostgreSQL and MariaDB servers' work is not in it); peak RSS by GNU time (`%M`). "
             "SQLite databases are on tmpfs (scenario 6 also on a disk file), the PostgreSQL cluster "
             "runs with `fsync=off` (scripts/pg_cluster.sh) and the MariaDB server with "
             "`innodb_flush_log_at_trx_commit=0` (scripts/mariadb_cluster.sh), so disk flushes do not hide "
             "the tools' own work. Every command's "
             "result was checked (tables, columns, version row, rows), not only timed.", ""]
    for key in ("date", "measured", "dbmig", "cpu", "kernel", "disk", "load", "sqlite3", "postgresql", "mariadb",
                "hyperfine", "alembic", "sizes"):
        if key in machine:
            lines.append(f"- {key}: {machine[key]}")
    lines.append("")
    lines += targets(rows)
    lines.append("")
    for scenario in SCENARIOS:
        if any(r["scenario"] == scenario for r in rows):
            lines += scenario_table(rows, scenario)
            lines.append("")
    with open(results, "w", encoding="utf-8") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: report.py OUT_DIR RESULTS.md")
    main(sys.argv[1], sys.argv[2])
