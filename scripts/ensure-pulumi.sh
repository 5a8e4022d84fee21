#!/usr/bin/env bash
# Finds or builds the Pulumi CLI that the demo and the end-to-end tests run.
#
# Prints one line on stdout: the bin folder holding `pulumi` and the dynamic-provider launcher
# `pulumi-resource-pulumi-nodejs`. Progress goes to stderr.
#
# Order: PULUMI_BIN_DIR if set; a `pulumi` on PATH of the pinned version with the launcher beside it;
# the per-user cache ($XDG_CACHE_HOME/pulumi-msteams/pulumi-v<version>/bin); otherwise build the CLI from
# the Go module proxy into that cache (DESIGN.md §6). The second call is instant.
#
# No language host is built: the Go module proxy refuses the module
# github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 ("This module version is not
# available", for every version). Our runner (engine/) therefore runs programs through the Automation
# API's inline mode, where the SDK serves the language runtime itself and the CLI is started with
# --client; only `pulumi` and the dynamic-provider launcher are needed. A pulumi-language-nodejs found
# on PATH is used by plain `pulumi up`, but it is not required.
set -euo pipefail

here_for_version="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The CLI matches the @pulumi/pulumi of the lock file (3.248.0: the newest SDK that runs on Node 20).
sdk_version="$(node -p 'require(process.argv[1]).version' "$here_for_version/node_modules/@pulumi/pulumi/package.json" 2>/dev/null || true)"
version="${PULUMI_VERSION:-${sdk_version:-3.248.0}}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-msteams"
bin="$cache_root/pulumi-v$version/bin"
log() { printf '[ensure-pulumi] %s\n' "$*" >&2; }

launcher_src() {
  local f="$here/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [[ -x "$f" ]] || { log "missing $f — run 'npm ci' first"; exit 1; }
  echo "$f"
}

complete() { [[ -x "$1/pulumi" && -x "$1/pulumi-resource-pulumi-nodejs" ]]; }

if [[ -n "${PULUMI_BIN_DIR:-}" ]]; then
  complete "$PULUMI_BIN_DIR" || { log "PULUMI_BIN_DIR=$PULUMI_BIN_DIR lacks pulumi or pulumi-resource-pulumi-nodejs"; exit 1; }
  echo "$PULUMI_BIN_DIR"; exit 0
fi

if on_path="$(command -v pulumi 2>/dev/null)"; then
  dir="$(dirname "$(readlink -f "$on_path")")"
  have="$("$on_path" version 2>/dev/null || true)"
  if [[ "$have" == "v$version" ]] && complete "$dir"; then echo "$dir"; exit 0; fi
  log "ignoring pulumi on PATH ($on_path, '${have:-no version}'): need v$version with pulumi-resource-pulumi-nodejs beside it"
fi

if complete "$bin" && [[ "$("$bin/pulumi" version 2>/dev/null)" == "v$version" ]]; then
  echo "$bin"; exit 0
fi

# Go's official install location, in case it is not on PATH (as in some CI environments).
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then PATH="/usr/local/go/bin:$PATH"; fi
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
[ensure-pulumi] No usable Pulumi CLI v$version was found (on PATH or in $bin) and Go is not installed, so it cannot be built.
[ensure-pulumi] Either install the Pulumi CLI v$version (https://www.pulumi.com/docs/install/) and put it on PATH,
[ensure-pulumi] or install Go >= 1.25.11 and run this again to build it from the Go module proxy.
MSG
  exit 1
fi

work="$cache_root/build-v$version"
mkdir -p "$work" "$bin.tmp"
log "building Pulumi CLI v$version from the Go module proxy into $bin (first time only; long on 2 cores)"
cat >"$work/go.mod" <<MOD
module pulumi-msteams/pulumi-cli-build

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)

// The one non-local replace of pkg/go.mod (Go ignores replaces of dependencies).
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
cat >"$work/tools.go" <<'GO'
//go:build tools

// Keeps the CLI's main package in the module graph so `go mod tidy` does not drop it.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
cd "$work"
log "resolving modules (go mod tidy; a large download the first time)"
go mod tidy >&2
flags=(-trimpath -tags osusergo,grpcnotrace -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version")
log "compiling pulumi"
CGO_ENABLED=0 go build "${flags[@]}" -o "$bin.tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
install -m 0755 "$(launcher_src)" "$bin.tmp/pulumi-resource-pulumi-nodejs"
rm -rf "$bin" && mv "$bin.tmp" "$bin"
log "done: $("$bin/pulumi" version)"
echo "$bin"
