"""Values in and out of the command line: -p parameters, JSON output, argument text.

Every parameter value either reaches the engine as the user meant it or is refused in
one line: JSON has no NaN or Infinity (RFC 8259), numbers must fit the engines'
64-bit integers and doubles, and a list holds values of one kind (LadybugDB would
otherwise fail, or give {"a": 1}, {"b": 2} the same keys). `--json` output is always
RFC 8259 JSON: a NaN or infinite float (1.0/0 in a query) is printed as null.
"""
from __future__ import annotations

import json
import math

import click

_INT64 = (-2**63, 2**63 - 1)


class BadValue(ValueError):
    """A parameter value the engines cannot take as given."""


def parse_params(pairs, typed: bool) -> dict:
    """`key=value` pairs; with typed, `key:=JSON` gives a number, list, map or boolean."""
    out = {}
    for pair in pairs:
        if typed and pair.split("=", 1)[0].endswith(":"):
            key, _, raw = pair.partition(":=")
            out[key] = _json_param(pair, raw)
            continue
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{pair}: expected key=value", param_hint="-p")
        out[key] = value
    return out


def _json_param(pair: str, raw: str):
    try:
        value = json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
        check_value(value)
    except json.JSONDecodeError:
        raise click.BadParameter(f"{pair}: the value after := is not JSON", param_hint="-p") from None
    except BadValue as exc:
        raise click.BadParameter(f"{pair}: {exc}", param_hint="-p") from None
    return value


def _no_constant(name: str):
    raise BadValue(f"{name} is not a JSON number (RFC 8259)")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise BadValue(f"{text} is out of the range of a double")
    return value


def check_value(value) -> None:
    """Raise BadValue unless both engines can take the value as it is."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, float)):
        return
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise BadValue(f"{value} does not fit a 64-bit integer")
        return
    if isinstance(value, dict):
        for item in value.values():
            check_value(item)
        return
    if isinstance(value, list):
        for item in value:
            check_value(item)
        kinds = {_kind(item) for item in value if item is not None} - {("list", None)}
        if len(kinds) > 1:
            raise BadValue("a list must hold values of one kind (all numbers, all texts, "
                           "all lists or all maps with the same keys)")
        return
    raise BadValue(f"unsupported value {value!r}")


def _kind(value):
    """What the engines type a value as: lists and maps by what they hold."""
    if value is None or isinstance(value, bool):
        return None if value is None else "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return ("map", tuple((k, _kind(v)) for k, v in sorted(value.items())))
    if isinstance(value, list):
        return ("list", next((_kind(v) for v in value if v is not None), None))
    return type(value).__name__


def json_safe(value):
    """The value with every NaN or infinite float replaced by None (RFC 8259 has neither)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def dump_json(rows, fh) -> None:
    """Write rows as RFC 8259 JSON (no NaN/Infinity); other values as their text."""
    json.dump(json_safe(rows), fh, ensure_ascii=False, indent=1, default=str, allow_nan=False)
    fh.write("\n")


def refuse_undecodable(args) -> None:
    """A one-line error for an argument that is not valid UTF-8 (the engines cannot take it)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            raise click.UsageError(f"argument '{shown}' is not valid UTF-8 text") from None
