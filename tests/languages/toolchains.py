"""Skipping, with the reason printed, the tests of a language whose toolchain is not installed."""

from __future__ import annotations

import pytest

from execbench.languages import LanguageSpec, get_language


def require_toolchain(language: str) -> LanguageSpec:
    spec = get_language(language)
    toolchain = spec.probe()
    if not toolchain.available:
        remedy = spec.notes or "scripts/install-toolchains.sh installs it"
        pytest.skip(f"{spec.name} toolchain missing: {toolchain.reason} ({remedy})")
    return spec
