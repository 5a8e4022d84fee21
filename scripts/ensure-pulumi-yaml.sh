#!/usr/bin/env bash
# Finds or builds the Pulumi YAML language host, `pulumi-language-yaml`, that plain `pulumi up` of a
# Pulumi YAML program needs (the plugin's end-to-end tests run one). Cached like the CLI
# (scripts/ensure-pulumi.sh): per user, keyed by version, rebuilt when missing.
#
# stdout: one line, the bin folder holding `pulumi-language-yaml`.
# stderr: progress. Nothing is printed on stderr when the answer is already cached.
#
# Order:
#   1. PULUMI_YAML_BIN_DIR, if set (must already hold the binary).
#   2. The per-user cache, $XDG_CACHE_HOME/pulumi-msteams/pulumi-yaml-v<version>/bin (default ~/.cache/…).
#   3. Otherwise: `go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v<version>` from the
#      Go module proxy into the cache (about two minutes on 2 cores, once per machine).
#
# Environment: PULUMI_YAML_BIN_DIR, PULUMI_YAML_VERSION (default 1.25.0), XDG_CACHE_HOME,
# PULUMI_MSTEAMS_GO_HOME (where to look for Go when it is not on PATH; default /usr/local/go).
set -euo pipefail

name=pulumi-language-yaml
log() { printf '[ensure-pulumi-yaml] %s\n' "$*" >&2; }

version="${PULUMI_YAML_VERSION:-1.25.0}"
version="${version#v}"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-msteams"
bin="$cache_root/pulumi-yaml-v$version/bin"

if [[ -n "${PULUMI_YAML_BIN_DIR:-}" ]]; then
  [[ -x "$PULUMI_YAML_BIN_DIR/$name" ]] || { log "PULUMI_YAML_BIN_DIR=$PULUMI_YAML_BIN_DIR lacks $name"; exit 1; }
  echo "$PULUMI_YAML_BIN_DIR"
  exit 0
fi

if [[ -x "$bin/$name" ]]; then
  echo "$bin"
  exit 0
fi

# Serialize concurrent callers so the host is built once.
mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.lock-yaml-v$version"
  flock 9
  if [[ -x "$bin/$name" ]]; then echo "$bin"; exit 0; fi
fi

go_home="${PULUMI_MSTEAMS_GO_HOME:-/usr/local/go}"
if ! command -v go >/dev/null 2>&1 && [[ -x "$go_home/bin/go" ]]; then PATH="$go_home/bin:$PATH"; fi
if ! command -v go >/dev/null 2>&1; then
  log "No $name v$version in $bin and Go is not installed to build one. Either install the Pulumi YAML"
  log "language host v$version (https://github.com/pulumi/pulumi-yaml/releases) and point PULUMI_YAML_BIN_DIR"
  log "at its folder, or install Go (https://go.dev/dl/) and run this again."
  exit 1
fi

started=$SECONDS
log "building $name v$version from the Go module proxy into $bin (once per machine, about two minutes)"
tmp="$cache_root/pulumi-yaml-v$version/bin.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp" "$bin"
# GOBIN puts the binary in the throwaway folder; the move below makes the slot complete atomically.
CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS=-trimpath go install "github.com/pulumi/pulumi-yaml/cmd/$name@v$version" >&2
mv -f "$tmp/$name" "$bin/$name"
log "done in $((SECONDS - started))s: $bin/$name"
echo "$bin"
