#!/usr/bin/env bash
# Mutation testing of the signature checker (exchange/signing.py) and the scope rules
# (exchange/scope.py): mutmut changes each check in turn (a comparison flipped, a return
# value swapped, a call dropped) and runs the tests that reach it. A mutant no test notices
# is a check that could be removed unnoticed; the run fails on any survivor that is not in
# tools/mutation/allowed.txt (equivalent mutants, each with its reason).
#
# Usage: tools/mutation.sh [SECONDS]   (time limit for the whole run, default 1500)
# Runs in a throw-away copy, so the working tree is never touched. Needs mutmut (the `test`
# extra) in the same environment as pytest.
set -euo pipefail

limit="${1:-1500}"
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
[ -x "$python" ] || python="$(command -v python)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r "$root/htx_desktop" "$root/tests" "$root/pyproject.toml" "$work/"
[ -d "$root/forms" ] && cp -r "$root/forms" "$work/"
[ -d "$root/resources" ] && cp -r "$root/resources" "$work/"
cat > "$work/setup.cfg" <<'CFG'
[mutmut]
source_paths=
    htx_desktop
only_mutate=
    htx_desktop/exchange/signing.py
    htx_desktop/exchange/scope.py
pytest_add_cli_args_test_selection=
    tests/unit/test_signing_hostile.py
    tests/unit/test_signing_failures.py
    tests/unit/test_scope_rules.py
pytest_add_cli_args=
    -p
    no:cacheprovider
use_git_change_detection=false
CFG

cd "$work"
status=0
QT_QPA_PLATFORM=offscreen timeout "$limit" "$python" -m mutmut run || status=$?
if [ "$status" -eq 124 ]; then
    echo "mutation: time limit of ${limit}s reached before every mutant ran" >&2
    exit 1
fi
"$python" -m mutmut results --all true > results.txt 2>&1 || true
grep -E ": (survived|no tests|timeout|suspicious)" results.txt | sed 's/^ *//' | sort > found.txt || true
sed "s/ *#.*//; s/[[:space:]]*$//" "$root/tools/mutation/allowed.txt" | grep -v "^$" | sort -u > allowed.txt || true
cut -d: -f1 found.txt | sort -u > found-names.txt
unexpected="$(comm -23 found-names.txt allowed.txt)"
echo "mutation: $(grep -c ': killed' results.txt || true) killed, $(wc -l < found.txt) not killed, $(wc -l < allowed.txt) allowed"
if [ -n "$unexpected" ]; then
    echo "mutation: survivors not in tools/mutation/allowed.txt:" >&2
    for name in $unexpected; do
        grep "^$name:" found.txt >&2
        "$python" -m mutmut show "$name" >&2 || true
    done
    exit 1
fi
echo "mutation: every mutant was killed or is allowed"
