"""Trino for the leaderlens notebooks: a query in, a pandas DataFrame out.

Speaks Trino's client protocol (POST /v1/statement, then follow nextUri) over HTTPS with a password, using only the
standard library and pandas, so a standard Jupyter with Debian's python3-pandas runs the notebooks. Money stays
exact: DECIMAL columns come back as decimal.Decimal (cast to float only to draw them).

Where it signs in (each overridable by an environment variable):
  LEADERLENS_TRINO_URL          https://127.0.0.1:18080 (the local stack of ./leaderlens up)
  LEADERLENS_TRINO_CERT         <data dir>/trino/security/trino-cert.pem (the certificate the stack made)
  LEADERLENS_TRINO_CREDENTIALS  <data dir>/trino/security/credentials.properties (a password per role)
  LEADERLENS_HOME               the data dir; default .leaderlens beside the notebooks' folder
"""
import base64
import decimal
import json
import os
import ssl
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd


class TrinoError(Exception):
    """Trino refused or failed the query; the message is Trino's."""


def _data_dir():
    return Path(os.environ.get("LEADERLENS_HOME", Path(__file__).resolve().parent.parent / ".leaderlens"))


def _password(credentials, role):
    for line in Path(credentials).read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == role:
            return value.strip()
    raise TrinoError(f"no password for role {role} in {credentials} (docs/access.md)")


_CONVERTERS = {
    "bigint": int, "integer": int, "smallint": int, "tinyint": int,
    "double": float, "real": float,
    "decimal": decimal.Decimal,
    "boolean": bool,
}


class Trino:
    """Signed in as one role of docs/access.md; each query runs in catalog iceberg, schema leaderlens."""

    def __init__(self, role, url=None, cert=None, credentials=None):
        security = _data_dir() / "trino" / "security"
        self.role = role
        self.url = (url or os.environ.get("LEADERLENS_TRINO_URL") or "https://127.0.0.1:18080").rstrip("/")
        cert = cert or os.environ.get("LEADERLENS_TRINO_CERT") or security / "trino-cert.pem"
        credentials = credentials or os.environ.get("LEADERLENS_TRINO_CREDENTIALS") or security / "credentials.properties"
        token = base64.b64encode(f"{role}:{_password(credentials, role)}".encode()).decode()
        self._headers = {"X-Trino-User": role, "Authorization": "Basic " + token,
                         "X-Trino-Catalog": "iceberg", "X-Trino-Schema": "leaderlens"}
        self._tls = ssl.create_default_context(cafile=str(cert))

    def _send(self, request):
        try:
            with urllib.request.urlopen(request, context=self._tls, timeout=120) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            raise TrinoError(f"Trino answered HTTP {e.code}: {e.read().decode(errors='replace')[:300]}") from None
        except urllib.error.URLError as e:
            raise TrinoError(f"Trino is not reachable at {self.url} ({e.reason}): start the stack with ./leaderlens up") from None

    def query(self, sql):
        """Runs one statement and returns its rows as a DataFrame with typed columns."""
        result = self._send(urllib.request.Request(self.url + "/v1/statement", data=sql.encode("utf-8"),
                                                   headers=self._headers, method="POST"))
        columns, rows = None, []
        while True:
            if "error" in result:
                raise TrinoError(result["error"].get("message", str(result["error"])))
            columns = columns or result.get("columns")
            rows.extend(result.get("data") or [])
            if not result.get("nextUri"):
                break
            result = self._send(urllib.request.Request(result["nextUri"], headers=self._headers))
        if columns is None:
            return pd.DataFrame()
        names = [c["name"] for c in columns]
        types = [c["type"].split("(")[0] for c in columns]
        converted = [[None if v is None else _CONVERTERS.get(t, str)(v) for v, t in zip(row, types)] for row in rows]
        frame = pd.DataFrame(converted, columns=names)
        for name, kind in zip(names, types):
            if kind == "date":
                frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d")
        return frame


def connect(role):
    """Trino as {role}: ops, risk, finance, console or admin (docs/access.md)."""
    return Trino(role)
