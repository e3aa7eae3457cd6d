"""Compiling a prepared program once, inside the sandbox, and caching what it built.

The compiler is as untrusted as the program (macros, build scripts, type-level loops), so it runs
through `Sandbox.run` under the language's compile limits. The built files come back as a tar
archive, base64 on standard output (the sandbox interface returns output, not files); compiler
diagnostics go to standard error. Artifacts and compile errors are cached under a key made of the
prepared sources, the exact compile command and the toolchain's version, so n samples of the same
program compile once, and a toolchain upgrade never reuses an old build. A language with a warm-up
(Go) compiles it once per toolchain the same way, and every build starts from a copy of the
compiler cache it left, instead of rebuilding libraries for every program.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import shlex
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from execbench.core import Execution, LimitHit, Status, Verdict
from execbench.core.cache import user_cache_dir
from execbench.languages import LanguageSpec, Prepared, Toolchain
from execbench.sandbox import Sandbox

ARTIFACT = "artifact.tar"
SEED = "execbench-seed.tar"
_NO_OUTPUTS = 97


def default_artifact_dir() -> Path:
    return user_cache_dir("artifacts")


@dataclass(frozen=True)
class Built:
    """Either the archive of built files, or the verdict that ends the sample (compile error)."""

    archive: bytes = b""
    verdict: Verdict | None = None
    cached: bool = False


class ArtifactCache:
    """Content-addressed files: `<key>.tar` for builds, `<key>.error.json` for compile errors."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_artifact_dir()

    def _path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def load(self, key: str) -> Built | None:
        archive = self._path(key, ".tar")
        if archive.is_file():
            return Built(archive=archive.read_bytes(), cached=True)
        error = self._path(key, ".error.json")
        if error.is_file():
            detail = json.loads(error.read_text())["detail"]
            return Built(verdict=Verdict(Status.COMPILE_ERROR, detail), cached=True)
        return None

    def store(self, key: str, built: Built) -> None:
        if built.verdict is None:
            self._write(self._path(key, ".tar"), built.archive)
        elif built.verdict.status is Status.COMPILE_ERROR:
            self._write(
                self._path(key, ".error.json"),
                json.dumps({"detail": built.verdict.detail}).encode(),
            )

    @staticmethod
    def _write(target: Path, content: bytes) -> None:
        # Write then rename: workers compiling the same program at once never see half a file.
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
            os.replace(partial, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)


def cache_key(
    spec: LanguageSpec,
    toolchain: Toolchain,
    argv: list[str],
    sources: Mapping[str, str],
    outputs: tuple[str, ...],
) -> str:
    blob = json.dumps([spec.name, toolchain.version, argv, sorted(sources.items()), outputs])
    return hashlib.sha256(blob.encode()).hexdigest()


def build(
    spec: LanguageSpec,
    toolchain: Toolchain,
    argv: list[str],
    prepared: Prepared,
    sandbox: Sandbox,
    cache: ArtifactCache,
) -> Built:
    """The built archive for `prepared`, from the cache or from a sandboxed compile."""
    key = cache_key(spec, toolchain, argv, prepared.files, spec.outputs)
    found = cache.load(key)
    if found is not None:
        return found
    seed = _seed(spec, toolchain, argv, sandbox, cache)
    built = _compile(spec, argv, prepared.files, spec.outputs, sandbox, seed)
    cache.store(key, built)
    return built


def _seed(
    spec: LanguageSpec,
    toolchain: Toolchain,
    argv: list[str],
    sandbox: Sandbox,
    cache: ArtifactCache,
) -> bytes:
    """The warm-up build's cache archive (built once per toolchain), or nothing."""
    if spec.warm_up is None:
        return b""
    warm_up = spec.warm_up
    key = cache_key(spec, toolchain, argv, warm_up.files, warm_up.outputs)
    found = cache.load(key)
    if found is None:
        found = _compile(spec, argv, warm_up.files, warm_up.outputs, sandbox, b"")
        cache.store(key, found)
    return found.archive  # empty when the warm-up failed: builds then start cold


def _compile(
    spec: LanguageSpec,
    argv: list[str],
    sources: Mapping[str, str],
    outputs: tuple[str, ...],
    sandbox: Sandbox,
    seed: bytes,
) -> Built:
    paths = " ".join(shlex.quote(path) for path in outputs)
    script = (
        f"if [ -f {SEED} ]; then tar -xf {SEED} && rm -f {SEED} || exit {_NO_OUTPUTS}; fi\n"
        f'"$@" >&2 || exit 1\n'
        f"tar -cf {ARTIFACT} -- {paths} || exit {_NO_OUTPUTS}\n"
        f"exec base64 -w 0 {ARTIFACT}\n"
    )
    files = {name: text.encode() for name, text in sources.items()}
    if seed:
        files[SEED] = seed
    execution = sandbox.run(["/bin/sh", "-c", script, "sh", *argv], spec.compile_limits(), files)
    return _built(execution, outputs)


def _built(execution: Execution, outputs: tuple[str, ...]) -> Built:
    if execution.sandbox_error:
        return Built(verdict=Verdict(Status.SANDBOX_ERROR, f"compiling: {execution.sandbox_error}"))
    if execution.limit_hit in (LimitHit.CPU, LimitHit.WALL):
        return Built(verdict=Verdict(Status.TIMEOUT, "the compiler ran out of time"))
    if execution.limit_hit is not LimitHit.NONE:
        detail = f"the compiler exceeded its {execution.limit_hit} limit"
        return Built(verdict=Verdict(Status.COMPILE_ERROR, detail))
    if execution.exit_code == _NO_OUTPUTS:
        detail = f"the compiler succeeded but did not produce {', '.join(outputs)}"
        return Built(verdict=Verdict(Status.SANDBOX_ERROR, detail))
    if execution.exit_code != 0:
        diagnostics = tail(execution.stderr or execution.stdout)
        return Built(verdict=Verdict(Status.COMPILE_ERROR, f"compile error: {diagnostics}"))
    try:
        return Built(archive=base64.b64decode(execution.stdout, validate=True))
    except (binascii.Error, ValueError):
        return Built(verdict=Verdict(Status.SANDBOX_ERROR, "the build archive came back damaged"))


def tail(text: str, limit: int = 600) -> str:
    text = text.strip()
    return text if len(text) <= limit else "..." + text[-limit:]
