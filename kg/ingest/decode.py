"""Turn the bytes of an input file into text, or say clearly why not."""

from __future__ import annotations

from dataclasses import dataclass

import charset_normalizer

# Encodings Chinese newsrooms actually produce. charset-normalizer is asked first; these are the
# strict fallbacks tried in order when it has no confident answer.
_FALLBACKS = ("gb18030", "big5")


class DecodeError(ValueError):
    pass


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
    best = charset_normalizer.from_bytes(data).best()
    candidates = [best.encoding] if best is not None else []
    candidates += [c for c in _FALLBACKS if c not in candidates]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return Decoded(text, "gb18030" if enc in ("gbk", "gb2312") else enc)
    raise DecodeError("cannot decode the file as UTF-8, GB18030 or Big5")


def _looks_like_text(text: str) -> bool:
    """Reject decodings full of control characters or private-use code points (mojibake)."""
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad <= max(2, len(text) // 200)
