#!/usr/bin/python3
"""Prints a MariaDB client option file ([client] group) for the server of a dbmig MySQL URL.

    BENCH_MARIADB_URL=mysql://user:password@host:port/db?unix_socket=... mariadb_options.py > FILE

bench/run.sh writes FILE with mode 600 and passes it as `mariadb --defaults-file=FILE`, so that
the password is on no command line (the URL comes through the environment for the same reason).
The database is not written: each command names its own. Only the standard library is used.
"""
import os
import sys
from urllib.parse import parse_qs, unquote, urlsplit


def option_value(text):
    """A value as the option-file reader takes it: quoted when it has spaces, '#' or quotes."""
    if "\n" in text:
        sys.exit("mariadb_options.py: a value of the URL holds a line break")
    for quote in ('"', "'"):
        if quote not in text:
            return quote + text.replace("\\", "\\\\") + quote
    sys.exit("mariadb_options.py: a value of the URL holds both kinds of quote; use another password")


def main():
    url = os.environ.get("BENCH_MARIADB_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("mysql", "mariadb"):
        sys.exit("mariadb_options.py: BENCH_MARIADB_URL is not a mysql:// or mariadb:// URL")
    params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    lines = ["[client]"]
    if parts.username:
        lines.append(f"user={option_value(unquote(parts.username))}")
    if parts.password is not None:
        lines.append(f"password={option_value(unquote(parts.password))}")
    socket = params.get("unix_socket") or params.get("socket")
    if socket:
        lines.append(f"socket={option_value(socket)}")
    else:
        lines.append(f"host={option_value(parts.hostname or '127.0.0.1')}")
        lines.append(f"port={parts.port or 3306}")
        lines.append("protocol=TCP")
    lines.append(f"default-character-set={params.get('charset', 'utf8mb4')}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
