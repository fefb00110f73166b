"""Editors' commands: ``glossary new``, ``status`` and ``review`` (to be filled in)."""

from __future__ import annotations


def register(sub, command) -> None:
    """Add this module's subcommands; ``command(sub, name, summary, example, details)``
    makes a subparser with help and an example (see cli._command)."""
