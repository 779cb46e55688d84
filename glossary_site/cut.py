"""Cutting stylesheet and script text at a separator that stands outside its strings and
brackets: a selector list at its commas, a rule's declarations at their semicolons, a script's
statements at theirs."""

from __future__ import annotations


def top_level(text: str, separator: str) -> tuple[list[str], bool]:
    """`text` cut at each `separator` outside quotes (", ', `) and brackets ((, [, {), and
    whether every string and bracket closed by its end. A backslash escapes the character
    after it in a string."""
    pieces, depth, quote, start, i = [], 0, "", 0, 0
    while i < len(text):
        char = text[i]
        if quote:
            i += char == "\\"  # an escaped character
            quote = "" if char == quote else quote
        elif char in "\"'`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == separator and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
        i += 1
    return [*pieces, text[start:]], not (depth or quote)
