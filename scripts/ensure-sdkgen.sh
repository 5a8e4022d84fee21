#!/usr/bin/env bash
# Finds or builds the code-generation language hosts that `pulumi package gen-sdk` starts (docs/packages.md).
#
# stdout: one line, a bin folder holding pulumi-language-go, pulumi-language-nodejs and pulumi-language-python
# (one executable under three names, built from scripts/sdkgen-host) and pulumi-language-dotnet (built from
# scripts/sdkgen-host-dotnet). Put it first on PATH for gen-sdk.
# stderr: progress. Nothing is printed on stderr when the answer is already cached.
#
# Why build our own: gen-sdk asks the language plugin for the SDK (the GeneratePackage RPC), and the Go
# module proxy refuses the official hosts' modules (sdk/go/pulumi-language-go, sdk/python/cmd/
# pulumi-language-python, sdk/nodejs/cmd/pulumi-language-nodejs: 403 for every version). It serves
# github.com/pulumi/pulumi/pkg/v3, whose codegen packages are what those hosts call, so the host here is a
# few lines around them. The .NET generator moved to another repository (pulumi-dotnet) that the proxy
# refuses too, but pkg/v3 v3.130.0 (served) still holds it: the .NET host is built against that release.
#
# Cache: $XDG_CACHE_HOME/pulumi-msteams/sdkgen-v<pkg version>-<source hash>/bin (default ~/.cache/…), per
# user, shared by every clone; the hash covers both hosts' main.go, go.mod and go.sum, so an edit rebuilds.
# Environment: SDKGEN_BIN_DIR (use this folder as is), XDG_CACHE_HOME, PULUMI_MSTEAMS_GO_HOME (where to look
# for Go when it is not on PATH; default /usr/local/go).
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/sdkgen-host"
# .NET's generator left pkg/v3 after v3.130.0: its own module, pinned there (sdkgen-host-dotnet/main.go).
src_dotnet="$src-dotnet"
languages=(go nodejs python dotnet)
log() { printf '[ensure-sdkgen] %s\n' "$*" >&2; }
complete() {
  local l
  for l in "${languages[@]}"; do [[ -x "$1/pulumi-language-$l" ]] || return 1; done
}

if [[ -n "${SDKGEN_BIN_DIR:-}" ]]; then
  complete "$SDKGEN_BIN_DIR" || { log "SDKGEN_BIN_DIR=$SDKGEN_BIN_DIR lacks pulumi-language-{go,nodejs,python,dotnet}"; exit 1; }
  echo "$SDKGEN_BIN_DIR"
  exit 0
fi

# The code generators' version is the pkg/v3 pin of the host's go.mod (the CLI's version).
version="$(sed -n 's/^[[:space:]]*github.com\/pulumi\/pulumi\/pkg\/v3 v\([^[:space:]]*\).*/\1/p' "$src/go.mod" | head -n1)"
hash="$(cat "$src/main.go" "$src/go.mod" "$src/go.sum" "$src_dotnet/main.go" "$src_dotnet/go.mod" "$src_dotnet/go.sum" | sha256sum | cut -c1-12)"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-msteams"
bin="$cache_root/sdkgen-v$version-$hash/bin"

if complete "$bin"; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.lock-sdkgen"
  flock 9
  if complete "$bin"; then echo "$bin"; exit 0; fi # another caller finished it meanwhile
fi

go_home="${PULUMI_MSTEAMS_GO_HOME:-/usr/local/go}"
if ! command -v go >/dev/null 2>&1 && [[ -x "$go_home/bin/go" ]]; then PATH="$go_home/bin:$PATH"; fi
if ! command -v go >/dev/null 2>&1; then
  log "Go is needed once to build the SDK generators (pulumi-language-{go,nodejs,python,dotnet} for gen-sdk)."
  log "Install Go >= 1.25.11 (https://go.dev/dl/), or put the official language hosts of Pulumi v$version in"
  log "a folder and point SDKGEN_BIN_DIR at it."
  exit 1
fi

log "building the SDK generators (pulumi/pkg v$version codegen) into $bin"
started=$SECONDS
tmp="$bin.tmp.$$"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"
# The CLI's release flags (scripts/ensure-pulumi.sh): the shared packages come from Go's build cache.
(cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -tags osusergo,grpcnotrace \
  -o "$tmp/pulumi-language-go" .) >&2
ln -s pulumi-language-go "$tmp/pulumi-language-nodejs"
ln -s pulumi-language-go "$tmp/pulumi-language-python"
(cd "$src_dotnet" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -tags osusergo,grpcnotrace \
  -o "$tmp/pulumi-language-dotnet" .) >&2
mkdir -p "$(dirname "$bin")"
rm -rf "$bin"
mv "$tmp" "$bin"
log "done in $((SECONDS - started))s"
echo "$bin"
