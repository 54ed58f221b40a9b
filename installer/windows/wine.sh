# shellcheck shell=bash
# Running Windows programs under Wine without the traps met on this kind of machine (sourced by
# build.sh; see installer/README.md, "Building the installer on Linux").
#
# - Wine starts explorer.exe and rpcss from whichever program first needs them, and they inherit
#   its file descriptors: a pipe captured by someone (lrelease run by build.py) then never
#   closes. So each prefix gets a persistent wineserver and its own explorer first, stdio on
#   /dev/null.
# - A Windows console program needs a pipe as stdout (a regular file gives Python
#   "init_sys_streams: Invalid handle"): every call goes through `| cat`.
# - DISPLAY is set before the first call and never changes within a prefix.

# Start Xvfb on a free display and export DISPLAY.
start_display() {
    local n=90
    while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do
        n=$((n + 1))
    done
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp </dev/null >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$n"
    local tries=0
    until [ -e "/tmp/.X11-unix/X$n" ]; do
        tries=$((tries + 1))
        [ "$tries" -lt 100 ] || die "Xvfb did not start on $DISPLAY"
        sleep 0.1
    done
}

# Boot a new 64-bit prefix at $1 and stop it again: a pristine prefix to copy from (booting
# costs half a minute; a copy of a never-used prefix is as fresh as a new one).
boot_prefix() {
    WINEPREFIX="$1" bash -c 'mkdir -p "$WINEPREFIX" && wineserver -p && wineboot -i && wineserver -k' 9>&- \
        </dev/null >/dev/null 2>&1 || true
    [ -f "$1/system.reg" ] || die "wineboot did not create the prefix $1"
    WINEPREFIX="$1" wineserver -w </dev/null >/dev/null 2>&1 9>&- || true
}

# Make $1 (a copy of the pristine prefix $2) current: its persistent wineserver, its desktop.
use_prefix() {
    cp -a "$2" "$1"
    export WINEPREFIX="$1"
    WINE_PREFIXES+=("$WINEPREFIX")
    wineserver -p </dev/null >/dev/null 2>&1 9>&-
    wine explorer.exe /desktop </dev/null >/dev/null 2>&1 9>&- &
    # Fd 9 holds the build's lock (build.sh): no Wine process may inherit it, or a desktop or
    # service left running would keep the next build out. Wait until the desktop and Wine's
    # services run with stdio on /dev/null: a later call through `win` (stdout a pipe) that
    # arrived first would start them itself, they would inherit that pipe, and `| cat` would
    # wait forever (seen under load).
    local tries=0
    until pgrep -f 'explorer.exe /desktop' >/dev/null 2>&1; do
        tries=$((tries + 1))
        [ "$tries" -lt 300 ] || die "Wine's desktop did not start in $WINEPREFIX"
        sleep 0.2
    done
    wine cmd.exe /c exit </dev/null >/dev/null 2>&1 9>&- || true
}

# Stop the current prefix's programs and wineserver.
stop_prefix() {
    wineserver -k </dev/null >/dev/null 2>&1 9>&- || true
    wineserver -w </dev/null >/dev/null 2>&1 9>&- || true
}

# Run a Windows program with a pipe as its stdout; returns its exit code.
win() {
    wine "$@" </dev/null 2>&1 9>&- | cat
    return "${PIPESTATUS[0]}"
}

# The Windows spelling of a Unix path (Wine's Z: drive is /).
wpath() {
    local p
    p="$(realpath -m "$1")"
    printf 'Z:%s' "${p//\//\\}"
}
