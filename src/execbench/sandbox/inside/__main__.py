"""Start one of the package's entry points: `python -s INSIDE_DIRECTORY ENTRY ARGS...`.

Run as a directory, this file finds the directory itself at the head of `sys.path`. It takes it
off (so no module here can shadow the standard library, nor be imported by a bare name) and
loads the directory as the package `inside`, so that its modules import one another as they do
on the trusted side, where the package is `execbench.sandbox.inside`.
"""

import importlib
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
if sys.path and sys.path[0] and os.path.abspath(sys.path[0]) == here:
    del sys.path[0]
spec = importlib.util.spec_from_file_location(
    "inside", os.path.join(here, "__init__.py"), submodule_search_locations=[here]
)
assert spec is not None and spec.loader is not None
package = importlib.util.module_from_spec(spec)
sys.modules["inside"] = package
spec.loader.exec_module(package)
importlib.import_module("inside." + sys.argv.pop(1)).main()
