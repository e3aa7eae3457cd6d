"""The cyclic collector held off while a benchmark is loaded or unpickled, and given back after."""

from __future__ import annotations

import gc

import pytest

from execbench.core.collector import collector_paused


def test_no_collection_inside_and_the_collector_back_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("loading failed")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
