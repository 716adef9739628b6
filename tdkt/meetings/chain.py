"""The ballots' running hash: a multiplicative multiset hash (MuHash, as Bitcoin Core's
MuHash3072) updated as each ballot is cast. It does not depend on the order of casting, so it can
be recomputed from the stored ballots, which carry no order, and it reveals none.

leaf(b)   = SHA-256(ballot id ‖ content)                      — the voter's receipt
acc       = ∏ expand(leaf(b)) mod P,  P = 2^3072 − 1103717   — kept on the `Ballot` row
final     = SHA-256(acc ‖ paper counts ‖ written opinions)    — printed in the minutes
"""

from __future__ import annotations

import hashlib

P = 2**3072 - 1103717
_EXPAND_BLOCKS = 3072 // 256


def leaf_hash(ballot_id: str, content: str) -> str:
    return hashlib.sha256(f"{ballot_id}\n{content}".encode()).hexdigest()


def _expand(leaf: str) -> int:
    seed = bytes.fromhex(leaf)
    raw = b"".join(
        hashlib.sha256(seed + i.to_bytes(2, "big")).digest() for i in range(_EXPAND_BLOCKS)
    )
    return int.from_bytes(raw, "big") % P or 1


def empty() -> str:
    return "1"


def add(acc: str, leaf: str) -> str:
    return format(int(acc or "1", 16) * _expand(leaf) % P, "x")


def of(leaves: list[str]) -> str:
    value = 1
    for leaf in leaves:
        value = value * _expand(leaf) % P
    return format(value, "x")


def final_hash(acc: str, extra: str) -> str:
    return hashlib.sha256(f"{acc}\n{extra}".encode()).hexdigest()
