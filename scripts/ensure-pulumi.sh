#!/usr/bin/env bash
# Finds or builds the Pulumi CLI that the demo and the end-to-end tests run (DESIGN.md §6).
#
# stdout: one line, the bin folder holding `pulumi` and the dynamic-provider launcher
# `pulumi-resource-pulumi-nodejs` (always a folder named `bin`: the Automation API wants <root>/bin/pulumi).
# stderr: progress. Nothing is printed on stderr when the answer is already cached.
#
# Order:
#   1. PULUMI_BIN_DIR, if set (must already hold both files).
#   2. The per-user cache, $XDG_CACHE_HOME/pulumi-msteams/pulumi-v<version>/bin (default ~/.cache/…),
#      shared by every clone on the machine. Only file tests: instant.
#   3. A `pulumi` on PATH that reports v<version>: linked (symlink) into the cache bin folder next to a
#      copy of the launcher, so step 2 answers next time.
#   4. Otherwise: build the CLI from the Go module proxy into the cache (minutes, once per machine).
#
# Why no Node.js language host is built: the Go module proxy refuses the module
# github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 outright (403 "This module version
# is not available", for every version, even @v/list). The runner in engine/ therefore runs programs with
# the Automation API's *inline* mode: the SDK serves the language runtime inside the runner's own node
# process and starts the CLI with --client, so only `pulumi` and the launcher are needed. A
# `pulumi-language-nodejs` on PATH or beside a PATH `pulumi` is still found by the CLI (plain
# `pulumi up`), but nothing here requires it.
#
# Environment: PULUMI_BIN_DIR (use this folder), PULUMI_VERSION (default: the version of the installed
# @pulumi/pulumi, so CLI and SDK match), XDG_CACHE_HOME, PULUMI_MSTEAMS_GO_HOME (where to look for Go
# when it is not on PATH; default /usr/local/go). Go's own caches (GOMODCACHE, GOCACHE) stay
# wherever Go puts them (default under $HOME), so a rebuild after deleting our cache is fast.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sdk_pkg="$repo/node_modules/@pulumi/pulumi"
launcher_name=pulumi-resource-pulumi-nodejs
log() { printf '[ensure-pulumi] %s\n' "$*" >&2; }
complete() { [[ -x "$1/pulumi" && -x "$1/$launcher_name" ]]; }

# Read the SDK version with sed, not node: the cached path must stay instant.
sdk_version="$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$sdk_pkg/package.json" 2>/dev/null | head -n1 || true)"
version="${PULUMI_VERSION:-${sdk_version:-3.248.0}}"
version="${version#v}"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-msteams"
slot="$cache_root/pulumi-v$version"
bin="$slot/bin"

# 1. An explicit folder wins; it is not second-guessed beyond the two files.
if [[ -n "${PULUMI_BIN_DIR:-}" ]]; then
  complete "$PULUMI_BIN_DIR" || { log "PULUMI_BIN_DIR=$PULUMI_BIN_DIR lacks pulumi or $launcher_name"; exit 1; }
  echo "$PULUMI_BIN_DIR"
  exit 0
fi

# 2. Cached (built here, or linked to a PATH pulumi). A dangling symlink fails -x and falls through.
if complete "$bin"; then
  echo "$bin"
  exit 0
fi

install_launcher() { # $1 = destination folder
  local src="$sdk_pkg/$launcher_name"
  if [[ ! -x "$src" ]]; then
    log "missing $src: run 'npm ci' in $repo first (the launcher ships with @pulumi/pulumi)"
    exit 1
  fi
  # A copy, not a link: the cache outlives any one clone's node_modules.
  install -m 0755 "$src" "$1/$launcher_name"
}

note_language_host() { # $1 = folder of the pulumi binary in use
  local lh
  lh="$(command -v pulumi-language-nodejs 2>/dev/null || true)"
  [[ -z "$lh" && -x "$1/pulumi-language-nodejs" ]] && lh="$1/pulumi-language-nodejs"
  if [[ -n "$lh" ]]; then
    log "pulumi-language-nodejs found ($lh): plain 'pulumi up' can use it; engine/ does not need it"
  else
    log "no pulumi-language-nodejs (not buildable from the Go module proxy, which refuses that module);"
    log "  not needed: engine/ runs programs inline through the Automation API (pulumi --client)"
  fi
}

# Serialize concurrent callers (e.g. parallel test workers) so the CLI is built once.
mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.lock-v$version"
  flock 9
  if complete "$bin"; then echo "$bin"; exit 0; fi # another caller finished it meanwhile
fi
mkdir -p "$bin"

# Half-finished slot (e.g. the launcher was missing): keep the binary, add what is missing.
if [[ -x "$bin/pulumi" && ! -L "$bin/pulumi" && "$("$bin/pulumi" version 2>/dev/null || true)" == "v$version" ]]; then
  install_launcher "$bin"
  echo "$bin"
  exit 0
fi

# 3. A pulumi of the right version on PATH (e.g. an official install).
if on_path="$(command -v pulumi 2>/dev/null)"; then
  real="$(readlink -f "$on_path")"
  have="$("$real" version 2>/dev/null || true)"
  if [[ "$have" == "v$version" ]]; then
    log "using $real ($have) from PATH"
    ln -sfn "$real" "$bin/pulumi"
    install_launcher "$bin"
    note_language_host "$(dirname "$real")"
    echo "$bin"
    exit 0
  fi
  log "ignoring pulumi on PATH ($on_path reports '${have:-no version}', need v$version)"
fi

# 4. Build from the Go module proxy. Go's official install location is not always on PATH.
go_home="${PULUMI_MSTEAMS_GO_HOME:-/usr/local/go}" # overridable so the no-Go path can be tested
if ! command -v go >/dev/null 2>&1 && [[ -x "$go_home/bin/go" ]]; then PATH="$go_home/bin:$PATH"; fi
if ! command -v go >/dev/null 2>&1; then
  log "No Pulumi CLI v$version was found (not on PATH, not in $bin) and Go is not installed to build one."
  log "Either:"
  log "  - install the Pulumi CLI v$version (https://www.pulumi.com/docs/install/versions/) and put it on PATH,"
  log "    or point PULUMI_BIN_DIR at a folder holding pulumi and $launcher_name; or"
  log "  - install Go >= 1.25.11 (https://go.dev/dl/) and run this again: it builds the CLI from the Go module proxy."
  exit 1
fi
go_version="$(go env GOVERSION)" # e.g. go1.26.8
IFS=. read -r go_major go_minor _ <<<"${go_version#go}"
if ((go_major == 1 && go_minor < 21)); then
  log "$go_version is too old to build Pulumi (needs Go >= 1.25.11; Go >= 1.21 fetches that toolchain itself)."
  exit 1
fi
if ((go_major == 1 && go_minor < 25)); then
  log "$go_version: Go will download toolchain go1.25.11 via the module proxy (GOTOOLCHAIN=auto)"
fi

work="$cache_root/build-v$version"
mkdir -p "$work"
log "building the Pulumi CLI v$version from the Go module proxy into $bin"
log "  (once per machine: a large module download, then several minutes of compiling on 2 cores)"
note_language_host "$bin"

# A throwaway module: `go install pkg@version` refuses modules whose go.mod has replace lines, and Go
# ignores the replaces of dependencies, so this module restates pkg/go.mod's one non-local replace.
# sdk/v3 is pinned to the same version; sdk/go.mod's old golang.org/x/text pin is deliberately not copied.
cat >"$work/go.mod" <<MOD
module pulumi-msteams/pulumi-cli-build

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
# Keeps the CLI's main package (and so its module graph) from being tidied away.
cat >"$work/tools.go" <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO

cd "$work"
started=$SECONDS
log "resolving and downloading modules (go mod tidy)"
if ! go mod tidy >&2; then
  log "go mod tidy failed. Without network access to the module proxy ($(go env GOPROXY)) nothing can be built."
  log "If only the checksum database ($(go env GOSUMDB)) is unreachable, set GONOSUMDB=* (or GOSUMDB=off) and retry."
  exit 1
fi
log "modules ready after $((SECONDS - started))s; compiling pulumi (CGO_ENABLED=0, -trimpath, release tags and version stamp)"
# Release build flags (.goreleaser.yml). The version stamp is required: an unstamped CLI prints an empty
# version and the Automation API refuses it.
tmp="$slot/bin.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"
CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
  -o "$tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
built="$("$tmp/pulumi" version 2>/dev/null || true)"
[[ "$built" == "v$version" ]] || { log "the built CLI reports '$built', expected v$version"; exit 1; }
install_launcher "$tmp"
# Move the files in one by one (the slot may hold a stale symlink from step 3).
mv -f "$tmp/pulumi" "$bin/pulumi"
mv -f "$tmp/$launcher_name" "$bin/$launcher_name"
log "done in $((SECONDS - started))s: $bin/pulumi $built"
echo "$bin"
