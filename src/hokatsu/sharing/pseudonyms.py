"""Keyed pseudonyms: the same id and key always give the same pseudonym, and without the key
a pseudonym cannot be linked back to its id, nor to the pseudonym another key gives.

A pseudonym is the HMAC-SHA256 (RFC 2104) of ``kind:id`` under a key the caller supplies,
truncated to 16 hexadecimal digits (64 bits: two of a million ids collide with a probability
below one in ten million) and prefixed with the kind, so that a reader sees what it stands
for: ``case-1b9d…``. The kind is part of what is hashed, so that a case and a referral that
happen to share an id get unrelated pseudonyms. The key is the secret that makes the
pseudonyms unlinkable: keep it with the municipality, never with the data, and use the same
key for exports that researchers may join (a later year's export) and a new key for those
they must not.

Examples:
    >>> from hokatsu.sharing.pseudonyms import Pseudonymiser
    >>> pseudonyms = Pseudonymiser(b"a secret of at least 16 bytes")
    >>> pseudonyms("case", "c1")
    'case-6401a1f7401e5aad'
    >>> pseudonyms("case", "c1") == Pseudonymiser(b"a secret of at least 16 bytes")("case", "c1")
    True
    >>> pseudonyms("case", "c1") == Pseudonymiser(b"another secret, also long")("case", "c1")
    False
    >>> pseudonyms
    <Pseudonymiser: 1 pseudonym>
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from hokatsu.errors import InvalidValueError, Redacted

__all__ = ["KINDS", "MIN_KEY_BYTES", "Pseudonymiser", "scoped"]

#: The shortest key accepted, in bytes (128 bits, the floor NIST SP 800-107 sets for HMAC keys).
MIN_KEY_BYTES = 16

#: The kinds of id a pseudonym can stand for; each is its pseudonyms' prefix.
KINDS = frozenset({
    "agency", "area", "body", "case", "consent", "coordinator", "household", "issue", "item",
    "measure", "member", "referral", "resource", "service", "session",
})

_BLOCK = 64  # SHA-256's block size, in bytes (RFC 2104's B)
_BYTES = 8  # of the digest kept: 16 hexadecimal digits


def scoped(scope: str, ident: str) -> str:
    """One string for an id that is unique only within *scope* (a member within its household),
    unambiguous whatever characters either holds.

    Args:
        scope: the id the other is unique within (a household's).
        ident: the id within it (a member's).

    Returns:
        ``"<length of scope>:<scope>/<ident>"``: two different pairs never give one string.

    Raises:
        InvalidValueError: *scope* or *ident* is not a str.

    Examples:
        >>> scoped("h1", "m1")
        '2:h1/m1'
    """
    for name, value in (("scope", scope), ("ident", ident)):
        if type(value) is not str:
            raise InvalidValueError("scoped", name, type(value).__name__, "an id (str)")
    return f"{len(scope)}:{scope}/{ident}"


class Pseudonymiser:
    """Pseudonyms under one key, each computed once.

    Args:
        key: the secret, at least :data:`~hokatsu.sharing.MIN_KEY_BYTES` bytes.

    Raises:
        InvalidValueError: *key* is not bytes, or is too short (the key itself is never quoted).

    Examples:
        >>> from hokatsu.sharing import Pseudonymiser
        >>> pseudonym = Pseudonymiser(b"0123456789abcdef")
        >>> pseudonym("case", "case-a") == pseudonym("case", "case-a")
        True
        >>> pseudonym("case", "case-a").startswith("case-"), pseudonym
        (True, <Pseudonymiser: 1 pseudonym>)
        >>> Pseudonymiser(b"short")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """

    __slots__ = ("_cache", "_inner", "_outer")

    def __init__(self, key: bytes) -> None:
        if type(key) is not bytes or len(key) < MIN_KEY_BYTES:
            raise InvalidValueError(
                "Pseudonymiser", "key",
                # a key is a secret: say what was given, never what it holds
                Redacted(_described(key)), f"bytes of at least {MIN_KEY_BYTES} bytes (a "
                "secret the caller keeps; os.urandom(32) makes one)",
            )
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        padded = key.ljust(_BLOCK, b"\0")
        # HMAC = H((K ^ opad) || H((K ^ ipad) || m)): the two keyed states are computed once
        # and copied for each message, half the cost of hmac.new per id
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))
        self._cache: dict[str, dict[str, str]] = {}

    def __call__(self, kind: str, ident: str) -> str:
        """The pseudonym of *ident*, an id of *kind* (one of
        :data:`~hokatsu.sharing.pseudonyms.KINDS`).

        Raises:
            InvalidValueError: *kind* is not one of :data:`~hokatsu.sharing.pseudonyms.KINDS`,
                or *ident* is not a str.
        """
        _check_kind(kind)
        if type(ident) is not str:
            raise InvalidValueError("Pseudonymiser", "ident", type(ident).__name__, "an id (str)")
        cache = self.cache(kind)
        found = cache.get(ident)
        return found if found is not None else self.maker(kind)(ident)

    def cache(self, kind: str) -> dict[str, str]:
        """The pseudonyms of *kind* computed so far, by id (the export reads and fills it).

        Args:
            kind: one of :data:`~hokatsu.sharing.pseudonyms.KINDS`.

        Returns:
            The pseudonymiser's own dict from id to pseudonym (not a copy).

        Raises:
            InvalidValueError: *kind* is not one of :data:`~hokatsu.sharing.pseudonyms.KINDS`.

        Examples:
            >>> from hokatsu.sharing import Pseudonymiser
            >>> pseudonym = Pseudonymiser(b"0123456789abcdef")
            >>> made = pseudonym("case", "case-a")
            >>> pseudonym.cache("case") == {"case-a": made}, pseudonym.cache("household")
            (True, {})
        """
        _check_kind(kind)
        return self._cache.setdefault(kind, {})

    def maker(self, kind: str, *, remember: bool = True) -> Callable[[str], str]:
        """A function computing the pseudonym of an id of *kind*, remembering it in
        :meth:`cache` unless *remember* is False (for a caller that keeps its own).

        Args:
            kind: one of :data:`~hokatsu.sharing.pseudonyms.KINDS`.
            remember: whether the function stores each pseudonym in :meth:`cache`.

        Returns:
            A function from an id (a str, not checked) to its pseudonym.

        Raises:
            InvalidValueError: *kind* is not one of :data:`~hokatsu.sharing.pseudonyms.KINDS`.

        Examples:
            >>> from hokatsu.sharing import Pseudonymiser
            >>> pseudonym = Pseudonymiser(b"0123456789abcdef")
            >>> make = pseudonym.maker("case", remember=False)
            >>> make("case-a") == pseudonym("case", "case-a"), len(pseudonym.cache("case"))
            (True, 1)
        """
        cache = self.cache(kind)
        inner, outer = self._inner.copy(), self._outer
        inner.update(f"{kind}:".encode())  # the kind's prefix is hashed once, here
        label = f"{kind}-"

        def make(ident: str) -> str:
            h = inner.copy()
            h.update(ident.encode())
            o = outer.copy()
            o.update(h.digest())
            cache[ident] = value = label + o.digest()[:_BYTES].hex()
            return value

        def compute(ident: str) -> str:
            h = inner.copy()
            h.update(ident.encode())
            o = outer.copy()
            o.update(h.digest())
            return label + o.digest()[:_BYTES].hex()

        return make if remember else compute

    def __repr__(self) -> str:
        n = sum(len(c) for c in self._cache.values())
        return f"<Pseudonymiser: {n:,} pseudonym{'' if n == 1 else 's'}>"


def _check_kind(kind: object) -> None:
    if type(kind) is not str or kind not in KINDS:
        raise InvalidValueError("Pseudonymiser", "kind", kind, ", ".join(sorted(KINDS)))


def _described(key: object) -> str:
    if type(key) is bytes:
        return f"{len(key)} bytes"
    return f"a {type(key).__name__}"
