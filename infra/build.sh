#!/usr/bin/env bash
# Compiles and lints the Bicep under infra/ with a pinned Bicep CLI. Any warning or error fails.
#
# The Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, which ships the
# `bicep` binary under tools/. `dotnet tool install` cannot install it (it is not a .NET tool), so
# infra/bicep/bicep.csproj lists it as a PackageDownload and a restore puts it in the package cache.
#
# Usage: infra/build.sh            (from anywhere; exits non-zero on any diagnostic)
set -euo pipefail

BICEP_VERSION=0.49.2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "infra/build.sh: the pinned Bicep CLI package is linux-x64 only" >&2
  exit 1
fi

packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "== restoring Azure.Bicep.CommandLine.linux-x64 $BICEP_VERSION"
  dotnet restore "$here/bicep/bicep.csproj" -p:BicepVersion="$BICEP_VERSION" --nologo -v quiet
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"
"$bicep" --version

log="$(mktemp)"
json="$(mktemp)"
trap 'rm -f "$log" "$json"' EXIT
failed=0

# Runs one bicep command; fails on a non-zero exit or on any Warning/Error diagnostic it prints.
# Diagnostics look like: /path/file.bicep(12,3) : Warning no-unused-params: ...
# (infra/bicepconfig.json raises the opt-in rules it lists to Error; every default rule warns.)
# Compiling main.bicep also compiles and lints every module it references.
run() {
  echo "== bicep $*"
  local rc=0
  "$bicep" "$@" 2>"$log" >"$json" || rc=$?
  cat "$log"
  if (( rc != 0 )) || grep -qE ' : (Warning|Error) ' "$log"; then
    echo "FAILED: bicep $* (exit $rc)" >&2
    failed=1
  fi
}

run lint "$here/main.bicep"
run build "$here/main.bicep" --stdout   # last: leaves the compiled template in $json

# The azd parameters file must name only parameters that main.bicep declares, and every parameter
# without a default must be in it (azd substitutes ${VAR} from the environment before deploying).
echo "== checking main.parameters.json against main.bicep"
if (( failed == 0 )); then
  declared="$(jq -r '.parameters | keys[]' "$json" | sort)"
  required="$(jq -r '.parameters | to_entries[] | select(.value | has("defaultValue") | not) | .key' "$json" | sort)"
  given="$(jq -r '.parameters | keys[]' "$here/main.parameters.json" | sort)"
  unknown="$(comm -13 <(echo "$declared") <(echo "$given"))"
  missing="$(comm -23 <(echo "$required") <(echo "$given"))"
  if [[ -n "$unknown" ]]; then echo "FAILED: main.parameters.json names undeclared parameters: $unknown" >&2; failed=1; fi
  if [[ -n "$missing" ]]; then echo "FAILED: main.parameters.json lacks required parameters: $missing" >&2; failed=1; fi
fi

if (( failed )); then
  exit 1
fi
echo "infra: bicep build and lint clean (0 warnings, 0 errors)"
