#!/usr/bin/env bash
# Compile the test-only DLL stand-ins (for what Wine 8 lacks) into $1. They are copied into
# the Wine prefixes' system32 only, never shipped: see the comment at the top of each .c file.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
CC=x86_64-w64-mingw32-gcc
$CC -O2 -shared -o "$1/icuuc.dll" "$HERE/icuuc.c"
$CC -O2 -shared -o "$1/bcryptprimitives.dll" "$HERE/bcryptprimitives.c" -ladvapi32
