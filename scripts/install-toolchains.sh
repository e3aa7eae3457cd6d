#!/usr/bin/env bash
# Install the language toolchains execbench runs candidate programs with (Debian bookworm + npm).
#
# Idempotent: packages already present are left alone. Run as root (as CI does). Prints what it
# installed, what was already there, and what it could not install, then how long it took.
# Usage: scripts/install-toolchains.sh [--only NAME...]   (NAME: a group below, e.g. "go ruby")
set -uo pipefail

# group -> Debian packages. Libraries the benchmarks' own code imports are listed with their
# language: luaunit (Lua), Test::Deep (Perl), test-unit (Ruby), javatuples (Java), System.Numerics
# (C#), testify (Go), OpenSSL's md5 (C++), the rand/regex/md5 crates (Rust; built below).
declare -A APT_GROUPS=(
  [c]="gcc"
  [cpp]="g++ libssl-dev libboost-dev"
  [java]="default-jdk-headless libjavatuples-java"
  [go]="golang-go golang-github-stretchr-testify-dev"
  [php]="php-cli"
  [ruby]="ruby ruby-test-unit"
  [lua]="lua5.4 lua-unit"
  [perl]="perl libtest-deep-perl"
  [r]="r-base-core"
  [racket]="racket"
  [scala]="scala"
  [d]="ldc"
  [csharp]="mono-mcs mono-runtime libmono-system-numerics4.0-cil"
  [haskell]="ghc"
  [ocaml]="ocaml-nox"
  [elixir]="elixir"
  [kotlin]="kotlin"
  [clojure]="clojure"
  [tcl]="tcl"
  [bash]="bash"
  [javascript]="nodejs"
  [rust]="librust-rand-dev librust-regex-dev librust-md5-dev"
)
# group -> npm packages, installed globally (typescript needs node from the javascript group).
declare -A NPM_GROUPS=(
  [typescript]="typescript@5.6.3"
  [javascript]="js-md5@0.8.3"
)
# Not installable from Debian bookworm, PyPI or npm without downloading a toolchain from elsewhere.
declare -A UNAVAILABLE=(
  [swift]="Debian's 'swift' package is OpenStack Swift; the Swift compiler is only distributed as swift.org tarballs"
  [julia]="not packaged in Debian bookworm; PyPI/npm installers (jill, juliaup, julialang) download binaries from GitHub"
)

started=$(date +%s)
wanted=("$@")
if [[ ${#wanted[@]} -gt 0 && ${wanted[0]} == --only ]]; then
  wanted=("${wanted[@]:1}")
else
  wanted=("${!APT_GROUPS[@]}" "${!NPM_GROUPS[@]}")
fi

installed=() present=() failed=()
missing_apt=()
for group in "${wanted[@]}"; do
  for pkg in ${APT_GROUPS[$group]:-}; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      present+=("$pkg")
    else
      missing_apt+=("$pkg")
    fi
  done
done

if [[ ${#missing_apt[@]} -gt 0 ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || echo "warning: apt-get update failed" >&2
  # One transaction is much faster than one per package; fall back to one by one so a single
  # unavailable package does not cost the others.
  if apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null; then
    installed+=("${missing_apt[@]}")
  else
    for pkg in "${missing_apt[@]}"; do
      if apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null; then
        installed+=("$pkg")
      else
        failed+=("$pkg")
      fi
    done
  fi
fi

for group in "${wanted[@]}"; do
  for pkg in ${NPM_GROUPS[$group]:-}; do
    name=${pkg%@*}
    if npm ls -g --depth=0 "$name" >/dev/null 2>&1; then
      present+=("npm:$pkg")
    elif npm install -g --no-audit --no-fund --loglevel=error "$pkg" >/dev/null; then
      installed+=("npm:$pkg")
    else
      failed+=("npm:$pkg")
    fi
  done
done

# Rust itself comes from rustup (already on the machine); HumanEval-X's programs import three
# crates, built once here from Debian's packaged sources, offline, into rlibs rustc can link.
crates_dir=/opt/execbench/rust-crates
if [[ " ${wanted[*]} " == *" rust "* ]] && command -v cargo >/dev/null \
    && [[ -d /usr/share/cargo/registry ]]; then
  if ls "$crates_dir"/target/release/deps/libmd5-*.rlib >/dev/null 2>&1; then
    present+=("rust-crates")
  else
    mkdir -p "$crates_dir/.cargo"
    cat >"$crates_dir/Cargo.toml" <<'TOML'
[package]
name = "execbench-crates"
version = "0.1.0"
edition = "2021"

[lib]
path = "lib.rs"

[dependencies]
rand = "0.8"
regex = { version = "1", default-features = false, features = ["std", "unicode"] }
md5 = "0.7"
TOML
    cat >"$crates_dir/.cargo/config.toml" <<'TOML'
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "/usr/share/cargo/registry"
TOML
    : >"$crates_dir/lib.rs"
    if (cd "$crates_dir" && cargo build --release --offline --quiet); then
      installed+=("rust-crates(rand,regex,md5)")
    else
      failed+=("rust-crates")
    fi
  fi
fi

echo "installed: ${installed[*]:-(none)}"
echo "already present: ${present[*]:-(none)}"
echo "could not install: ${failed[*]:-(none)}"
for lang in "${!UNAVAILABLE[@]}"; do
  echo "not available here: $lang (${UNAVAILABLE[$lang]})"
done
echo "install-toolchains: $(( $(date +%s) - started ))s"
[[ ${#failed[@]} -eq 0 ]]
