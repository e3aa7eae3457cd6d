"""The generic registry: lookups and their errors, lazy discovery, entry points, local entries.

Entry points are real: each test writes an installed distribution's metadata (a `.dist-info`
folder) onto sys.path, which is where importlib.metadata finds them.
"""

from __future__ import annotations

import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from execbench.core import UserError
from execbench.core.registry import Entry, PluginWarning, Registry

GROUP = "execbench.strategies"  # no built-in uses it yet, so only the tests' plug-ins are there


def names_registry(**options) -> Registry[str, object]:
    return Registry("strategy", GROUP, normalize=lambda name: name.strip().lower(), **options)


def install_plugin(root: Path, entry_points: dict[str, str], modules: dict[str, str]) -> None:
    """A distribution as pip leaves it: modules, and a dist-info declaring `entry_points`."""
    for name, source in modules.items():
        (root / f"{name}.py").write_text(textwrap.dedent(source))
    info = root / "demo_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-plugin\nVersion: 0.1\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{lines}")


@pytest.fixture
def plugin_root(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [name for name in sys.modules if name.startswith("demo_")]:
        del sys.modules[name]


def test_names_aliases_and_case_reach_one_entry() -> None:
    registry = names_registry()
    registry.register("CodeT", "CodeT", aliases=("CT",))  # stored as typed lookups are
    assert registry.get("codet") == registry.get(" ct ") == registry.get("CodeT") == "CodeT"
    assert registry.canonical("ct") == "codet"
    assert registry.names() == ["codet"]
    assert "CT" in registry and "reflexion" not in registry
    assert registry.find("reflexion") is None


def test_the_decorator_registers_and_returns_what_it_decorates() -> None:
    registry = names_registry()

    @registry.register("direct")
    def direct() -> str:
        return "sampled"

    assert registry.get("direct") is direct
    assert direct() == "sampled"


def test_an_unknown_name_lists_the_choices_and_suggests_the_closest() -> None:
    registry = names_registry()
    for name in ("reflexion", "self-debug", "codet"):
        registry.register(name, name)
    with pytest.raises(UserError) as caught:
        registry.get("reflxion")
    assert str(caught.value) == (
        "unknown strategy 'reflxion'; available: codet, reflexion, self-debug; "
        "did you mean 'reflexion'?"
    )
    with pytest.raises(UserError, match=r"available: codet, reflexion, self-debug$"):
        registry.get("beam")


def test_a_name_taken_twice_is_refused_but_the_same_registration_again_is_not() -> None:
    registry = names_registry()
    registry.register("codet", "first", aliases=("ct",))
    registry.register("codet", "first", aliases=("ct",))  # a module imported twice
    with pytest.raises(UserError, match="strategy 'codet' registered twice"):
        registry.register("codet", "second")
    with pytest.raises(UserError, match="strategy 'ct' registered twice"):
        registry.register("chain", "other", aliases=("ct",))
    assert registry.get("ct") == "first"


def test_keys_may_be_types_shown_by_name() -> None:
    class CallTests: ...

    class OtherTests: ...

    registry: Registry[type, str] = Registry(
        "judge for test suite", GROUP, display=lambda key: key.__name__
    )
    registry.register(CallTests, "judge calls")
    assert registry.get(CallTests) == "judge calls"
    with pytest.raises(UserError, match="unknown judge for test suite 'OtherTests'; available: "):
        registry.get(OtherTests)


def test_built_in_modules_are_imported_on_first_use_only(plugin_root) -> None:
    install_plugin(plugin_root, {}, {"demo_builtin": registering("demo_registry")})
    (plugin_root / "demo_registry.py").write_text(registry_module(modules=("demo_builtin",)))
    import demo_registry

    assert "demo_builtin" not in sys.modules
    assert demo_registry.REGISTRY.names() == ["from-demo_builtin"]
    assert "demo_builtin" in sys.modules


def test_an_entry_point_is_loaded_by_discovery_so_its_entries_are_not_local(plugin_root) -> None:
    install_plugin(
        plugin_root, {"demo": "demo_plugin"}, {"demo_plugin": registering("demo_registry")}
    )
    (plugin_root / "demo_registry.py").write_text(registry_module())
    import demo_registry

    registry = demo_registry.REGISTRY
    registry.register("scripted", "made by a call here")
    assert "demo_plugin" not in sys.modules
    assert registry.names() == ["from-demo_plugin", "scripted"]
    assert registry.local_entry("from-demo_plugin") is None
    assert registry.local_entry("scripted") == Entry("scripted", "made by a call here")


def test_a_broken_plugin_warns_and_is_named_where_its_extension_is_missing(plugin_root) -> None:
    install_plugin(plugin_root, {"shaky": "demo_shaky"}, {"demo_shaky": "import no_such_module\n"})
    registry = names_registry()
    registry.register("direct", "direct")
    with pytest.warns(PluginWarning, match="plug-in 'shaky' .* failed to load: ModuleNotFound"):
        registry.discover()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # discovery happens once: no second warning
        with pytest.raises(UserError, match=r"plug-ins that failed to load: shaky \(ModuleNot"):
            registry.get("shaky-strategy")
    assert registry.get("direct") == "direct"


def test_another_process_adopts_a_local_entry_with_its_aliases() -> None:
    here, there = names_registry(), names_registry()
    here.register("codet", "CodeT", aliases=("ct",))
    entry = here.local_entry("CT")
    assert entry == Entry("codet", "CodeT", ("ct",))
    there.adopt(entry)
    assert there.get("ct") == "CodeT"


def test_only_execbench_groups_are_accepted() -> None:
    with pytest.raises(ValueError, match="not one of execbench's entry-point groups"):
        Registry("strategy", "execbench.strategy")


def registry_module(modules: tuple[str, ...] = ()) -> str:
    return (
        "from execbench.core.registry import Registry\n"
        f"REGISTRY = Registry('strategy', {GROUP!r}, modules={modules!r})\n"
    )


def registering(module: str) -> str:
    """Source of a module registering 'from-<its own name>' into `module`.REGISTRY."""
    return f"import {module}\n{module}.REGISTRY.register('from-' + __name__, __name__)\n"
