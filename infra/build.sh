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
trap 'rm -f "$log"' EXIT
failed=0

# Runs one bicep command; fails on a non-zero exit or on any Warning/Error diagnostic it prints.
# Diagnostics look like: /path/file.bicep(12,3) : Warning no-unused-params: ...
run() {
  echo "== bicep $*"
  local rc=0
  "$bicep" "$@" 2>"$log" >/dev/null || rc=$?
  cat "$log"
  if (( rc != 0 )) || grep -qE ' : (Warning|Error) ' "$log"; then
    echo "FAILED: bicep $* (exit $rc)" >&2
    failed=1
  fi
}

run build "$here/main.bicep" --stdout
# lint each file on its own too, so that a module's diagnostics are reported even if main stops using it
while IFS= read -r -d '' file; do
  run lint "$file"
done < <(find "$here" -name '*.bicep' -not -path '*/obj/*' -print0 | sort -z)

# The azd parameters file must name only parameters that main.bicep declares, and every parameter
# without a default must be in it (azd substitutes ${VAR} from the environment before deploying).
echo "== checking main.parameters.json against main.bicep"
template="$("$bicep" build "$here/main.bicep" --stdout 2>/dev/null)"
declared="$(jq -r '.parameters | keys[]' <<<"$template" | sort)"
required="$(jq -r '.parameters | to_entries[] | select(.value | has("defaultValue") | not) | .key' <<<"$template" | sort)"
given="$(jq -r '.parameters | keys[]' "$here/main.parameters.json" | sort)"
unknown="$(comm -13 <(echo "$declared") <(echo "$given"))"
missing="$(comm -23 <(echo "$required") <(echo "$given"))"
if [[ -n "$unknown" ]]; then echo "FAILED: main.parameters.json names undeclared parameters: $unknown" >&2; failed=1; fi
if [[ -n "$missing" ]]; then echo "FAILED: main.parameters.json lacks required parameters: $missing" >&2; failed=1; fi

if (( failed )); then
  exit 1
fi
echo "infra: bicep build and lint clean (0 warnings, 0 errors)"
