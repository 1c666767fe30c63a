"""Turn the bytes of an input file into text, or say clearly why not."""

from __future__ import annotations

from dataclasses import dataclass

import charset_normalizer

from kg.errors import KgError

# Encodings Chinese newsrooms actually produce besides UTF-8, tried strictly; GB18030 (a superset of
# GBK and GB2312) first, Big5 for traditional-character sources.
_FALLBACKS = ("gb18030", "big5")


class DecodeError(KgError, ValueError):
    code = "E101"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode *data* as UTF-8 (with or without BOM), GB18030/GBK or Big5.

    >>> decode_bytes("莲都".encode("gb18030")).text
    '莲都'
    """
    if not data.strip():
        raise DecodeError("the file is empty")
    if b"\x00" in data[:8192]:
        raise DecodeError("the file looks binary (it contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="strict"), "utf-8-sig")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    decodable = [enc for enc in _FALLBACKS if _try(data, enc) is not None]
    # Both decode: let the detector judge which reads as language. Below a few dozen bytes it
    # guesses, so short inputs keep GB18030, the far more common source.
    if len(decodable) > 1 and len(data) >= 48:
        best = charset_normalizer.from_bytes(data, cp_isolation=list(_FALLBACKS)).best()
        if best is not None and best.encoding in ("big5", "big5hkscs", "cp950"):
            decodable = ["big5"]
    for enc in decodable:
        text = _try(data, enc)
        if text is not None and _looks_like_text(text):
            return Decoded(text, enc)
    raise DecodeError("cannot decode the file as UTF-8, GB18030 or Big5")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_like_text(text: str) -> bool:
    """Reject decodings full of control characters or private-use code points (mojibake)."""
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad <= max(2, len(text) // 200)
