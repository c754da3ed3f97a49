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
  python3 - "$json" "$here/main.parameters.json" <<'PY' || failed=1
import json, sys
template = json.load(open(sys.argv[1]))["parameters"]
given = set(json.load(open(sys.argv[2]))["parameters"])
unknown = sorted(given - set(template))
missing = sorted(name for name, p in template.items() if "defaultValue" not in p and name not in given)
for what, names in (("names undeclared parameters", unknown), ("lacks required parameters", missing)):
    if names:
        print(f"FAILED: main.parameters.json {what}: {', '.join(names)}", file=sys.stderr)
sys.exit(1 if unknown or missing else 0)
PY
fi

if (( failed )); then
  exit 1
fi
echo "infra: bicep build and lint clean (0 warnings, 0 errors)"
