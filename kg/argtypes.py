"""Argument types shared by the kg commands: each turns a string into a value or raises
argparse.ArgumentTypeError with a message that names what was expected."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def positive_int(value: str) -> int:
    return _number(value, int, 1, "a positive whole number")


def non_negative_int(value: str) -> int:
    return _number(value, int, 0, "0 or a positive whole number")


def non_negative_float(value: str) -> float:
    return _number(value, float, 0, "a non-negative number")


def _number(value: str, kind: type, least: int, expected: str):
    """*value* as a number of *kind* no smaller than *least*, or the error naming *expected*."""
    try:
        x = kind(value)
    except ValueError:
        x = least - 1
    if x < least:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {value!r}")
    return x
