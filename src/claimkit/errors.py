"""Exceptions raised by claimkit. Every error the library raises derives from :class:`ClaimkitError`."""

from __future__ import annotations


class ClaimkitError(Exception):
    """Base class of every error claimkit raises (besides ``TypeError`` for a wrong argument type)."""


class ResourceError(ClaimkitError):
    """A language-data file is missing or malformed."""


class ConfigError(ClaimkitError):
    """An option or argument has a value claimkit cannot use."""


def require_str(value: object, name: str = "text") -> str:
    """Return ``value`` if it is a ``str``; raise ``TypeError`` naming its type otherwise."""
    if isinstance(value, str):
        return value
    raise TypeError(f"{name} must be str, not {type(value).__name__}")
