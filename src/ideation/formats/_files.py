"""Kept for the modules that imported the file helpers from here: they live in
:mod:`ideation._io` now."""

from __future__ import annotations

from .._io import read_text, write_atomically

__all__ = ["read_text", "write_atomically"]
