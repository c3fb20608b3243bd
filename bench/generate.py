#!/usr/bin/python3
"""Deterministic inputs for bench/run.sh: one schema or revision chain, written three ways.

    generate.py schema  --tables N  --out DIR   # scenarios 2 and 3
    generate.py chain   --revisions N --out DIR # scenarios 1 and 4
    generate.py sqlchain --revisions N --out DIR # scenario 6: the same chain as raw `sql:` steps
    generate.py rebuild --rows N    --out DIR   # scenario 5 (SQLite)
    generate.py rebuild5 --rows N   --out DIR   # scenario 5: five changes to the table in one revision

Every output is a pure function of the arguments (no clock, no randomness), so two runs write
byte-identical trees and the three tools always see the same schema:

    DIR/dbmig/      dbmig.yaml, models.yaml, migrations/versions/*.yaml (dbmig's revision format,
                    rendered through templates/revision.yaml.tmpl like `dbmig migrate` does)
    DIR/sql/        the same DDL as plain SQL per dialect, written the way dbmig renders it
                    (sqlite.*.sql, postgresql.*.sql, mysql.*.sql): the physical floor
    DIR/alembic/    alembic.ini, env.py, script.py.mako, models.py (SQLAlchemy), versions/*.py

Run with /usr/bin/python3 (Debian's Alembic stack lives there); only the standard library is used
here, the Alembic files are just text.
"""
import argparse
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CREATED_AT = "2026-01-01T00:00:00Z"
VERSION_TABLE = "dbmig_version"


def rev_id(kind, n):
    """A 12-hex-digit revision id like dbmig's, stable for (kind, n)."""
    return hashlib.sha1(f"dbmig-bench-{kind}-{n}".encode()).hexdigest()[:12]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def q(name):
    return '"' + name + '"'


# The dialects of the plain SQL (dbmig's dialect names; `mysql` is MySQL and MariaDB).
DIALECTS = ("sqlite", "postgresql", "mysql")


def dialect_text(dialect, sql):
    """SQL written with q()'s double-quoted names, in the dialect's quoting: backticks on MySQL,
    as dbmig writes them (the generated SQL has no other double quote, and none inside a name)."""
    return sql.replace('"', "`") if dialect == "mysql" else sql


# --- the schema of scenarios 2 and 3 -------------------------------------------------------------
# Table i of N: 12 columns, a primary key, a unique constraint (code), one or two indexes (name;
# odd tables also created_at+quantity), one or two foreign keys to earlier tables (parent_id on
# every table but the first, owner_id on even ones).

def table_name(i):
    return f"t{i:04d}"


def table_spec(i):
    """(columns, fks, indexes) of table i; columns as (name, kind, nullable, default)."""
    columns = [
        ("id", "integer", False, None),
        ("code", "string(40)", False, None),
        ("name", "string(120)", False, None),
        ("description", "text", True, None),
        ("amount", "numeric(12, 2)", False, "0"),
        ("quantity", "integer", False, "0"),
        ("ratio", "double", True, None),
        ("active", "boolean", False, "FALSE"),
        ("created_at", "datetime", False, "CURRENT_TIMESTAMP"),
        ("updated_at", "datetime", True, None),
        ("parent_id", "integer", True, None),
        ("owner_id", "integer", True, None),
    ]
    fks = []  # (column, referred table, on_delete or None)
    if i > 1:
        fks.append(("parent_id", table_name(1 + (i * 31) % (i - 1)), "cascade"))
        if i % 2 == 0:
            fks.append(("owner_id", table_name(1 + (i * 17) % (i - 1)), "set null"))
    indexes = [["name"]]
    if i % 2 == 1:
        indexes.append(["created_at", "quantity"])
    return columns, fks, indexes


SQLITE_TYPES = {"integer": "INTEGER", "string(40)": "VARCHAR(40)", "string(120)": "VARCHAR(120)",
                "string(80)": "VARCHAR(80)", "text": "TEXT", "numeric(12, 2)": "NUMERIC(12, 2)",
                "double": "DOUBLE", "boolean": "BOOLEAN", "datetime": "DATETIME"}
PG_TYPES = {"integer": "integer", "string(40)": "varchar(40)", "string(120)": "varchar(120)",
            "string(80)": "varchar(80)", "text": "text", "numeric(12, 2)": "numeric(12, 2)",
            "double": "double precision", "boolean": "boolean", "datetime": "timestamp"}
MYSQL_TYPES = {"integer": "INT", "string(40)": "VARCHAR(40)", "string(120)": "VARCHAR(120)",
               "string(80)": "VARCHAR(80)", "text": "TEXT", "numeric(12, 2)": "DECIMAL(12,2)",
               "double": "DOUBLE", "boolean": "TINYINT(1)", "datetime": "DATETIME"}
SA_TYPES = {"integer": "sa.Integer()", "string(40)": "sa.String(40)", "string(120)": "sa.String(120)",
            "string(80)": "sa.String(80)", "text": "sa.Text()", "numeric(12, 2)": "sa.Numeric(12, 2)",
            "double": "sa.Float(53)", "boolean": "sa.Boolean()", "datetime": "sa.DateTime()"}


def column_sql(dialect, table, name, kind, nullable, default, pk_column="id"):
    """One column as dbmig renders it (an integer primary key is an identity on PostgreSQL,
    AUTO_INCREMENT on MySQL)."""
    types = {"sqlite": SQLITE_TYPES, "postgresql": PG_TYPES, "mysql": MYSQL_TYPES}[dialect]
    text = f"  {q(name)} {types[kind]}"
    if not nullable:
        text += " NOT NULL"
    if dialect == "postgresql" and name == pk_column and kind == "integer":
        text += " GENERATED BY DEFAULT AS IDENTITY"
    if dialect == "mysql" and name == pk_column and kind == "integer":
        text += " AUTO_INCREMENT"
    if default is not None:
        if dialect == "mysql":  # TINYINT(1): dbmig writes a boolean default as a number
            default = {"FALSE": "0", "TRUE": "1"}.get(default, default)
        text += f" DEFAULT {default}"
    return text


def create_table_sql(dialect, table, columns, pk, uniques=(), fks=(), indexes=()):
    lines = [column_sql(dialect, table, *c) for c in columns]
    if dialect == "mysql":  # MySQL names every primary key PRIMARY; dbmig writes no name
        lines.append(f"  PRIMARY KEY ({q(pk)})")
    else:
        lines.append(f"  CONSTRAINT {q('pk_' + table)} PRIMARY KEY ({q(pk)})")
    for cols in uniques:
        lines.append(f"  CONSTRAINT {q('uq_' + table + '_' + '_'.join(cols))} UNIQUE ({', '.join(map(q, cols))})")
    for column, referred, on_delete in fks:
        text = (f"  CONSTRAINT {q(f'fk_{table}_{column}_{referred}')} FOREIGN KEY ({q(column)}) "
                f"REFERENCES {q(referred)} ({q('id')})")
        if on_delete:
            text += " ON DELETE " + on_delete.upper()
        lines.append(text)
    out = f"CREATE TABLE {q(table)} (\n" + ",\n".join(lines) + "\n);\n"
    for cols in sorted(indexes, key=lambda c: "_".join(c)):
        out += (f"CREATE INDEX {q('ix_' + table + '_' + '_'.join(cols))} ON {q(table)} "
                f"({', '.join(map(q, cols))});\n")
    return out


def model_default(default):
    return {"FALSE": '"false"'}.get(default, default)


def schema_models_yaml(n):
    out = [f"# Generated by bench/generate.py schema --tables {n}: {n} tables, 12 columns each.", "tables:"]
    for i in range(1, n + 1):
        columns, fks, indexes = table_spec(i)
        fk_of = {c: (r, d) for c, r, d in fks}
        out.append(f"  {table_name(i)}:")
        out.append("    columns:")
        for name, kind, nullable, default in columns:
            attrs = [f'type: "{kind}"' if "," in kind else f"type: {kind}"]
            if name == "id":
                attrs.append("primary_key: true")
            elif not nullable:
                attrs.append("nullable: false")
            if name == "code":
                attrs.append("unique: true")
            if name == "name":
                attrs.append("index: true")
            if default is not None:
                attrs.append(f"default: {model_default(default)}")
            if name in fk_of:
                referred, on_delete = fk_of[name]
                attrs.append(f"references: {referred}.id")
                attrs.append(f"on_delete: {on_delete}")
            out.append(f"      {name}: {{{', '.join(attrs)}}}")
        extra = [cols for cols in indexes if cols != ["name"]]
        if extra:
            out.append("    indexes:")
            for cols in extra:
                out.append(f"      - {{columns: [{', '.join(cols)}]}}")
    return "\n".join(out) + "\n"


def schema_sql(dialect, n):
    out = [f"-- Generated by bench/generate.py schema --tables {n} ({dialect}): what dbmig creates."]
    for i in range(1, n + 1):
        columns, fks, indexes = table_spec(i)
        out.append(create_table_sql(dialect, table_name(i), columns, "id", [["code"]], fks, indexes))
    return dialect_text(dialect, "\n".join(out))


def sa_column(name, kind, nullable, default, pk=False, fk=None):
    args = [repr(name), SA_TYPES[kind]]
    if fk:
        referred, on_delete = fk
        args.append(f"sa.ForeignKey({referred + '.id'!r}, ondelete={on_delete.upper()!r})")
    if pk:
        args += ["*identity", "primary_key=True"]
    else:
        args.append(f"nullable={nullable}")
    if default is not None:
        args.append(f"server_default=sa.text({default!r})")
    return f"sa.Column({', '.join(args)})"


NAMING = ('{"pk": "pk_%(table_name)s", "ix": "ix_%(table_name)s_%(column_0_N_name)s", '
          '"uq": "uq_%(table_name)s_%(column_0_N_name)s", '
          '"fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s", '
          '"ck": "ck_%(table_name)s_%(constraint_name)s"}')


def schema_sqlalchemy(n):
    out = [f'"""Generated by bench/generate.py schema --tables {n}: the same tables as SQLAlchemy Core.',
           "",
           "make_metadata(postgresql): integer primary keys are identities on PostgreSQL, like dbmig's;",
           'on SQLite an Identity() would be a false difference for autogenerate, so none there."""',
           "import sqlalchemy as sa", "", "", "def make_metadata(postgresql):",
           "    identity = [sa.Identity()] if postgresql else []",
           f"    metadata = sa.MetaData(naming_convention={NAMING})"]
    for i in range(1, n + 1):
        columns, fks, indexes = table_spec(i)
        fk_of = {c: (r, d) for c, r, d in fks}
        out.append(f"    sa.Table({table_name(i)!r}, metadata,")
        for name, kind, nullable, default in columns:
            out.append(f"        {sa_column(name, kind, nullable, default, pk=name == 'id', fk=fk_of.get(name))},")
        out.append("        sa.UniqueConstraint('code'),")
        for cols in indexes:
            out.append(f"        sa.Index({'ix_' + table_name(i) + '_' + '_'.join(cols)!r}, "
                       f"{', '.join(map(repr, cols))}),")
        out.append("    )")
    out.append("    return metadata")
    return "\n".join(out) + "\n"


# --- dbmig project and revision files ------------------------------------------------------------

DBMIG_YAML = f"""# Generated by bench/generate.py. bench/run.sh passes --url.
database_url: ${{DATABASE_URL:-sqlite:///bench.db}}
models: models.yaml
migrations: migrations
version_table: {VERSION_TABLE}
"""


def template():
    with open(os.path.join(ROOT, "templates", "revision.yaml.tmpl"), encoding="utf-8") as f:
        return f.read()


def revision_yaml(revision, down_revision, message, upgrade, downgrade):
    """A revision file as `dbmig migrate` writes it: the template with its fields filled."""
    fields = {"revision": revision, "down_revision": down_revision or "null", "message": f'"{message}"',
              "created_at": CREATED_AT, "transactional": "true", "branch_labels": "", "warnings": "",
              "upgrade": "\n" + "\n".join(upgrade), "downgrade": "\n" + "\n".join(downgrade)}
    lines = []
    for line in template().splitlines():
        stripped = line.strip()
        if stripped in ("${branch_labels}", "${warnings}"):
            continue
        for key, value in fields.items():
            line = line.replace("${" + key + "}", value)
        lines.extend(part.rstrip() for part in line.split("\n"))
    return "\n".join(lines) + "\n"


def write_dbmig_project(out, models_yaml, revisions):
    """revisions: [(id, slug, text)]."""
    write(os.path.join(out, "dbmig", "dbmig.yaml"), DBMIG_YAML)
    write(os.path.join(out, "dbmig", "models.yaml"), models_yaml)
    os.makedirs(os.path.join(out, "dbmig", "migrations", "versions"), exist_ok=True)
    for revision, slug, text in revisions:
        write(os.path.join(out, "dbmig", "migrations", "versions", f"{revision}_{slug}.yaml"), text)


# --- Alembic project ------------------------------------------------------------------------------

ALEMBIC_INI = """# Generated by bench/generate.py. The database URL comes from `-x db=URL`.
[alembic]
script_location = %(here)s
"""

ALEMBIC_ENV = f'''"""Generated by bench/generate.py: an online-only env.py, the usual shape.

The database URL is `-x db=URL`. The version table is dbmig's ({VERSION_TABLE}, the same columns as
alembic_version), so dbmig and Alembic can read each other's databases. With --autogenerate, an
empty comparison writes no file and prints "No changes detected" (Alembic 1.8 has no `check`).
"""
import os
import sys

import sqlalchemy as sa
from alembic import context

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
config = context.config
url = context.get_x_argument(as_dictionary=True)["db"]
try:
    from models import make_metadata
    target_metadata = make_metadata(url.startswith("postgresql"))
except ImportError:
    target_metadata = None


def process_revision_directives(migration_context, revision, directives):
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        print("No changes detected")


engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=target_metadata,
                      version_table="{VERSION_TABLE}",
                      process_revision_directives=process_revision_directives)
    with context.begin_transaction():
        context.run_migrations()
'''

ALEMBIC_MAKO = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''


def alembic_script(revision, down_revision, message, upgrade, downgrade):
    return (f'"""{message}\n\nRevision ID: {revision}\nRevises: {down_revision or ""}\n'
            f'Create Date: 2026-01-01 00:00:00\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n'
            f"revision = {revision!r}\ndown_revision = {down_revision!r}\nbranch_labels = None\n"
            f"depends_on = None\n\n\ndef upgrade():\n" + "".join(f"    {l}\n" for l in upgrade) +
            "\n\ndef downgrade():\n" + "".join(f"    {l}\n" for l in downgrade))


def write_alembic_project(out, models_py, scripts):
    """scripts: [(id, slug, text)]."""
    base = os.path.join(out, "alembic")
    write(os.path.join(base, "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(base, "env.py"), ALEMBIC_ENV)
    write(os.path.join(base, "script.py.mako"), ALEMBIC_MAKO)
    if models_py:
        write(os.path.join(base, "models.py"), models_py)
    os.makedirs(os.path.join(base, "versions"), exist_ok=True)
    for revision, slug, text in scripts:
        write(os.path.join(base, "versions", f"{revision}_{slug}.py"), text)


# --- commands -------------------------------------------------------------------------------------

def generate_schema(n, out):
    write_dbmig_project(out, schema_models_yaml(n), [])
    for dialect in DIALECTS:
        write(os.path.join(out, "sql", f"{dialect}.schema.sql"), schema_sql(dialect, n))
    write_alembic_project(out, schema_sqlalchemy(n), [])


# Revision k of the chain: odd k creates table c{k} (id, name, value); even k adds column x{k} to
# the table the revision before created.
CHAIN_COLUMNS = [("id", "integer", False, None), ("name", "string(80)", False, None), ("value", "integer", True, None)]


def chain_step(k):
    if k % 2 == 1:
        return ("create", f"c{k:04d}", None)
    return ("add", f"c{k - 1:04d}", f"x{k:04d}")


def version_sql(k, ids, direction):
    """The version-row update of one step: one INSERT, UPDATE or DELETE."""
    table = q(VERSION_TABLE)
    if direction == "up":
        if k == 1:
            return f"INSERT INTO {table} (\"version_num\") VALUES ('{ids[1]}');"
        return f"UPDATE {table} SET \"version_num\" = '{ids[k]}' WHERE \"version_num\" = '{ids[k - 1]}';"
    if k == 1:
        return f"DELETE FROM {table} WHERE \"version_num\" = '{ids[1]}';"
    return f"UPDATE {table} SET \"version_num\" = '{ids[k - 1]}' WHERE \"version_num\" = '{ids[k]}';"


def version_table_sql():
    return (f"CREATE TABLE IF NOT EXISTS {q(VERSION_TABLE)} (\"version_num\" VARCHAR(32) NOT NULL, "
            f"CONSTRAINT {q(VERSION_TABLE + '_pkc')} PRIMARY KEY (\"version_num\"));")


def chain_step_sql(dialect, k, direction):
    kind, table, column = chain_step(k)
    if direction == "up":
        if kind == "create":
            return dialect_text(dialect, create_table_sql(dialect, table, CHAIN_COLUMNS, "id").rstrip("\n"))
        integer = {"sqlite": "INTEGER", "postgresql": "integer", "mysql": "INT"}[dialect]
        return dialect_text(dialect, f"ALTER TABLE {q(table)} ADD COLUMN {q(column)} {integer};")
    if kind == "create":
        return dialect_text(dialect, f"DROP TABLE {q(table)};")
    return dialect_text(dialect, f"ALTER TABLE {q(table)} DROP COLUMN {q(column)};")


def chain_floor(dialect, n, ids, direction, per_step, step_sql=chain_step_sql):
    """All steps and their version updates: one transaction, or one per step.

    MySQL commits each DDL statement implicitly, so there both files are the same: every statement
    in autocommit, the version update committed after its step's DDL (dbmig's default too; it
    refuses --single-transaction there)."""
    steps = range(1, n + 1) if direction == "up" else range(n, 0, -1)
    if dialect == "mysql":
        header = "each statement committed on its own (MySQL has no transactional DDL)"
    else:
        header = "one transaction per step" if per_step else "one transaction"
    out = [f"-- Generated by bench/generate.py chain --revisions {n}: {direction}grade, {dialect}, {header}"]
    # psql -1 wraps the file in one transaction itself; sqlite3 needs BEGIN/COMMIT.
    wrap_all = not per_step and dialect == "sqlite"
    wrap_step = per_step and dialect != "mysql"
    if wrap_all:
        out.append("BEGIN;")
    if direction == "up":
        out.append(version_table_sql())
    for k in steps:
        if wrap_step:
            out.append("BEGIN;")
        out.append(step_sql(dialect, k, direction))
        out.append(version_sql(k, ids, direction))
        if wrap_step:
            out.append("COMMIT;")
    if wrap_all:
        out.append("COMMIT;")
    return dialect_text(dialect, "\n".join(out) + "\n")


def generate_chain(n, out):
    ids = {k: rev_id("chain", k) for k in range(1, n + 1)}
    revisions, scripts = [], []
    for k in range(1, n + 1):
        kind, table, column = chain_step(k)
        message = f"step {k:04d}"
        if kind == "create":
            upgrade = ["  - create_table:", f"      name: {table}", "      columns:",
                       "        id: {type: integer}", "        name: {type: string(80), nullable: false}",
                       "        value: {type: integer}", f"      primary_key: {{name: pk_{table}, columns: [id]}}"]
            downgrade = [f"  - drop_table: {table}"]
            al_up = [f"op.create_table({table!r},",
                     "    sa.Column('id', sa.Integer(), sa.Identity(), nullable=False),",
                     "    sa.Column('name', sa.String(80), nullable=False),",
                     "    sa.Column('value', sa.Integer(), nullable=True),",
                     f"    sa.PrimaryKeyConstraint('id', name={'pk_' + table!r}))"]
            al_down = [f"op.drop_table({table!r})"]
        else:
            upgrade = [f"  - add_column: {{table: {table}, name: {column}, type: integer}}"]
            downgrade = [f"  - drop_column: {{table: {table}, name: {column}}}"]
            al_up = [f"op.add_column({table!r}, sa.Column({column!r}, sa.Integer(), nullable=True))"]
            al_down = [f"op.drop_column({table!r}, {column!r})"]
        slug = f"step_{k:04d}"
        revisions.append((ids[k], slug, revision_yaml(ids[k], ids.get(k - 1), message, upgrade, downgrade)))
        scripts.append((ids[k], slug, alembic_script(ids[k], ids.get(k - 1), message, al_up, al_down)))
    write_dbmig_project(out, "# Generated by bench/generate.py: the chain scenarios need no models.\ntables: {}\n",
                        revisions)
    write_alembic_project(out, None, scripts)
    write_chain_floors(out, n, ids, chain_step_sql)
    write(os.path.join(out, "head"), ids[n] + "\n")
    write(os.path.join(out, "expect"), f"tables={(n + 1) // 2} columns={3 * ((n + 1) // 2) + n // 2}\n")


def write_chain_floors(out, n, ids, step_sql):
    for dialect in DIALECTS:
        for direction in ("up", "down"):
            for per_step in (False, True):
                name = f"{dialect}.{direction}grade{'-per-step' if per_step else ''}.sql"
                write(os.path.join(out, "sql", name), chain_floor(dialect, n, ids, direction, per_step, step_sql))


# --- scenario 6: the chain as raw SQL -------------------------------------------------------------
# The chain of scenario 4, each revision one `sql:` step per dialect that also writes data: a
# created table gets a row, an added column is filled. dbmig cannot know what raw SQL changed, so
# this is the case where re-reading the schema after every revision would cost the most (issue 12).

def sqlchain_step_sql(dialect, k, direction):
    kind, table, column = chain_step(k)
    ddl = chain_step_sql(dialect, k, direction)
    if direction != "up":
        return ddl
    if kind == "create":
        return dialect_text(dialect, ddl + f"\nINSERT INTO {q(table)} ({q('id')}, {q('name')}, {q('value')}) "
                                          f"VALUES (1, 'row {k}', {k});")
    return dialect_text(dialect, ddl + f"\nUPDATE {q(table)} SET {q(column)} = {k};")


def sql_step_yaml(k, direction):
    """One `sql:` step with a block scalar per dialect."""
    lines = ["  - sql:"]
    for dialect in DIALECTS:
        lines.append(f"      {dialect}: |")
        lines.extend("        " + line for line in sqlchain_step_sql(dialect, k, direction).split("\n"))
    return lines


def generate_sqlchain(n, out):
    ids = {k: rev_id("sqlchain", k) for k in range(1, n + 1)}
    revisions = []
    for k in range(1, n + 1):
        slug = f"sql_step_{k:04d}"
        revisions.append((ids[k], slug, revision_yaml(ids[k], ids.get(k - 1), f"sql step {k:04d}",
                                                       sql_step_yaml(k, "up"), sql_step_yaml(k, "down"))))
    write_dbmig_project(out, "# Generated by bench/generate.py: the chain scenarios need no models.\ntables: {}\n",
                        revisions)
    write_chain_floors(out, n, ids, sqlchain_step_sql)
    write(os.path.join(out, "head"), ids[n] + "\n")


# --- scenario 5: the SQLite table rebuild ---------------------------------------------------------
# accounts (the rebuilt table: `rows` rows, two indexes besides its primary key) and payments
# (rows/10 rows, a foreign key to accounts). Revision 1 creates both; revision 2 makes
# accounts.name NOT NULL, which SQLite can only do by re-creating the table.

ACCOUNTS = [("id", "integer", False, None), ("email", "string(120)", False, None),
            ("name", "string(120)", True, None), ("balance", "integer", False, "0"),
            ("created_at", "datetime", False, "CURRENT_TIMESTAMP")]
PAYMENTS = [("id", "integer", False, None), ("account_id", "integer", False, None),
            ("amount", "integer", False, None)]


# The five-change variant (issue 13: one rebuild per table per revision): revision 2 makes
# accounts.name NOT NULL, changes balance's default, adds a column, drops an index and adds a
# check, as five steps; dbmig must carry them out with one rebuild, like the one hand-written
# rebuild of the floor.
FIVE_CHANGES_UP = [
    "  - alter_column: {table: accounts, name: name, nullable: false, existing_type: string(120)}",
    "  - add_column: {table: accounts, name: note, type: text}",
    "  - alter_column: {table: accounts, name: balance, default: '1', existing_type: integer, "
    "existing_nullable: false, existing_default: '0'}",
    "  - drop_index: {table: accounts, name: ix_accounts_created_at}",
    "  - create_check: {table: accounts, name: ck_accounts_balance, expr: balance >= 0}"]
FIVE_CHANGES_DOWN = [
    "  - drop_check: {table: accounts, name: ck_accounts_balance}",
    "  - create_index: {table: accounts, name: ix_accounts_created_at, columns: [created_at]}",
    "  - alter_column: {table: accounts, name: balance, default: '0', existing_type: integer, "
    "existing_nullable: false, existing_default: '1'}",
    "  - drop_column: {table: accounts, name: note}",
    "  - alter_column: {table: accounts, name: name, nullable: true, existing_type: string(120)}"]


def generate_rebuild(rows, out, five_changes=False):
    ids = {1: rev_id("rebuild", 1), 2: rev_id("rebuild", 2)}
    referrers = max(1, rows // 10)
    accounts_not_null = [(n, k, False if n == "name" else nullable, d) for n, k, nullable, d in ACCOUNTS]
    account_indexes = [["email"], ["created_at"]]
    if five_changes:
        accounts_not_null = [(n, k, nl, "1" if n == "balance" else d) for n, k, nl, d in accounts_not_null]
        accounts_not_null.append(("note", "text", True, None))

    setup = [f"-- Generated by bench/generate.py rebuild --rows {rows}: the database at revision 1.",
             "BEGIN;", version_table_sql(),
             create_table_sql("sqlite", "accounts", ACCOUNTS, "id", indexes=account_indexes).rstrip("\n"),
             create_table_sql("sqlite", "payments", PAYMENTS, "id", fks=[("account_id", "accounts", None)],
                              indexes=[["account_id"]]).rstrip("\n"),
             f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
             "INSERT INTO \"accounts\" (\"id\", \"email\", \"name\", \"balance\", \"created_at\") "
             "SELECT i, 'user' || i || '@example.com', 'User ' || i, i % 1000, "
             "datetime(1767225600 + i, 'unixepoch') FROM n;",
             f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {referrers}) "
             "INSERT INTO \"payments\" (\"id\", \"account_id\", \"amount\") "
             f"SELECT i, 1 + (i * 7919) % {rows}, i % 500 FROM n;",
             f"INSERT INTO {q(VERSION_TABLE)} (\"version_num\") VALUES ('{ids[1]}');",
             "COMMIT;"]
    write(os.path.join(out, "sql", "sqlite.setup.sql"), "\n".join(setup) + "\n")

    # The hand-written rebuild: SQLite's documented procedure (https://sqlite.org/lang_altertable.html,
    # "Making Other Kinds Of Table Schema Changes") with foreign keys off, plus the version update.
    columns = ", ".join(q(c[0]) for c in ACCOUNTS)
    new_table = create_table_sql("sqlite", "accounts_new", accounts_not_null, "id").rstrip("\n") \
        .replace('"pk_accounts_new"', '"pk_accounts"')
    if five_changes:
        new_table = new_table.replace('\n);', ',\n  CONSTRAINT "ck_accounts_balance" CHECK (balance >= 0)\n);')
        account_indexes = [["email"]]
    floor = ["-- Generated by bench/generate.py: the hand-written rebuild of accounts (name NOT NULL"
             + (", balance default 1, note added, ix_accounts_created_at dropped, a check added)." if five_changes
                else ")."),
             "PRAGMA foreign_keys = OFF;", "BEGIN;", new_table,
             f"INSERT INTO \"accounts_new\" ({columns}) SELECT {columns} FROM \"accounts\";",
             "DROP TABLE \"accounts\";",
             "ALTER TABLE \"accounts_new\" RENAME TO \"accounts\";"]
    floor += [f"CREATE INDEX {q('ix_accounts_' + c[0])} ON \"accounts\" ({q(c[0])});" for c in account_indexes]
    floor += ["PRAGMA foreign_key_check;",
              f"UPDATE {q(VERSION_TABLE)} SET \"version_num\" = '{ids[2]}' WHERE \"version_num\" = '{ids[1]}';",
              "COMMIT;", "PRAGMA foreign_keys = ON;"]
    write(os.path.join(out, "sql", "sqlite.rebuild.sql"), "\n".join(floor) + "\n")

    def yaml_columns(cols):
        lines = []
        for name, kind, nullable, default in cols:
            attrs = [f"type: {kind}"] + ([] if nullable or name == "id" else ["nullable: false"])
            if default is not None:
                attrs.append(f"default: {default}")
            lines.append(f"        {name}: {{{', '.join(attrs)}}}")
        return lines

    up1 = (["  - create_table:", "      name: accounts", "      columns:"] + yaml_columns(ACCOUNTS) +
           ["      primary_key: {name: pk_accounts, columns: [id]}", "      indexes:",
            "        - {name: ix_accounts_created_at, columns: [created_at]}",
            "        - {name: ix_accounts_email, columns: [email]}",
            "  - create_table:", "      name: payments", "      columns:"] + yaml_columns(PAYMENTS) +
           ["      primary_key: {name: pk_payments, columns: [id]}", "      indexes:",
            "        - {name: ix_payments_account_id, columns: [account_id]}", "      foreign_keys:",
            "        - {name: fk_payments_account_id_accounts, columns: [account_id], references: accounts(id)}"])
    down1 = ["  - drop_table: payments", "  - drop_table: accounts"]
    up2 = ["  - alter_column: {table: accounts, name: name, nullable: false, existing_type: string(120)}"]
    down2 = ["  - alter_column: {table: accounts, name: name, nullable: true, existing_type: string(120)}"]
    if five_changes:
        up2, down2 = FIVE_CHANGES_UP, FIVE_CHANGES_DOWN
    write_dbmig_project(out, "# Generated by bench/generate.py: the rebuild scenario needs no models.\ntables: {}\n", [
        (ids[1], "create_accounts", revision_yaml(ids[1], None, "create accounts", up1, down1)),
        (ids[2], "accounts_name_not_null", revision_yaml(ids[2], ids[1], "accounts name not null", up2, down2))])

    al_up1 = ["op.create_table('accounts',",
              "    sa.Column('id', sa.Integer(), nullable=False),",
              "    sa.Column('email', sa.String(120), nullable=False),",
              "    sa.Column('name', sa.String(120), nullable=True),",
              "    sa.Column('balance', sa.Integer(), nullable=False, server_default=sa.text('0')),",
              "    sa.Column('created_at', sa.DateTime(), nullable=False, server_default=sa.text('CURRENT_TIMESTAMP')),",
              "    sa.PrimaryKeyConstraint('id', name='pk_accounts'))",
              "op.create_index('ix_accounts_created_at', 'accounts', ['created_at'])",
              "op.create_index('ix_accounts_email', 'accounts', ['email'])",
              "op.create_table('payments',",
              "    sa.Column('id', sa.Integer(), nullable=False),",
              "    sa.Column('account_id', sa.Integer(), nullable=False),",
              "    sa.Column('amount', sa.Integer(), nullable=False),",
              "    sa.PrimaryKeyConstraint('id', name='pk_payments'),",
              "    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name='fk_payments_account_id_accounts'))",
              "op.create_index('ix_payments_account_id', 'payments', ['account_id'])"]
    al_down1 = ["op.drop_table('payments')", "op.drop_table('accounts')"]
    al_up2 = ["with op.batch_alter_table('accounts') as batch_op:",
              "    batch_op.alter_column('name', existing_type=sa.String(120), nullable=False)"]
    al_down2 = ["with op.batch_alter_table('accounts') as batch_op:",
                "    batch_op.alter_column('name', existing_type=sa.String(120), nullable=True)"]
    if five_changes:  # one batch: Alembic too rebuilds once
        al_up2 = ["with op.batch_alter_table('accounts') as batch_op:",
                  "    batch_op.alter_column('name', existing_type=sa.String(120), nullable=False)",
                  "    batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))",
                  "    batch_op.alter_column('balance', existing_type=sa.Integer(), server_default=sa.text('1'))",
                  "    batch_op.drop_index('ix_accounts_created_at')",
                  "    batch_op.create_check_constraint('ck_accounts_balance', 'balance >= 0')"]
        al_down2 = ["with op.batch_alter_table('accounts') as batch_op:",
                    "    batch_op.drop_constraint('ck_accounts_balance', type_='check')",
                    "    batch_op.create_index('ix_accounts_created_at', ['created_at'])",
                    "    batch_op.alter_column('balance', existing_type=sa.Integer(), server_default=sa.text('0'))",
                    "    batch_op.drop_column('note')",
                    "    batch_op.alter_column('name', existing_type=sa.String(120), nullable=True)"]
    write_alembic_project(out, None, [
        (ids[1], "create_accounts", alembic_script(ids[1], None, "create accounts", al_up1, al_down1)),
        (ids[2], "accounts_name_not_null", alembic_script(ids[2], ids[1], "accounts name not null", al_up2, al_down2))])
    write(os.path.join(out, "head"), ids[2] + "\n")
    write(os.path.join(out, "expect"), f"rows={rows} referrers={referrers}\n")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, flag in (("schema", "--tables"), ("chain", "--revisions"), ("sqlchain", "--revisions"),
                       ("rebuild", "--rows"), ("rebuild5", "--rows")):
        p = sub.add_parser(name)
        p.add_argument(flag, dest="n", type=int, required=True)
        p.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("the size must be at least 1")
    {"schema": generate_schema, "chain": generate_chain, "sqlchain": generate_sqlchain,
     "rebuild": generate_rebuild,
     "rebuild5": lambda rows, out: generate_rebuild(rows, out, five_changes=True)}[args.command](args.n, args.out)


if __name__ == "__main__":
    main(sys.argv[1:])
