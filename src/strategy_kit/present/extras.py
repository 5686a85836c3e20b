"""Optional dependencies: PDF needs WeasyPrint (and Pango) and pikepdf, DOCX python-docx and resvg-py.

They are extras, so ``pip install strategy-kit`` stays small; a command that
needs one raises :class:`MissingExtra`, which the CLI prints as a one-line hint.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: The extra that brings each optional module.
EXTRAS = {"weasyprint": "pdf", "pikepdf": "pdf", "docx": "docx", "resvg_py": "docx"}

#: What WeasyPrint needs from the operating system besides Python packages.
PANGO_HINT = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


class MissingExtra(Exception):
    """An optional dependency is not installed (or cannot load its system libraries)."""


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtra` with the command that installs it."""
    extra = EXTRAS[module]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(
            f"{purpose} needs {module}; install it with pip install 'strategy-kit[{extra}]'"
        ) from None
    except OSError as exc:  # WeasyPrint loads Pango through ctypes when imported
        raise MissingExtra(
            f"{purpose} needs the Pango library ({exc}); install it with {PANGO_HINT}"
        ) from None
