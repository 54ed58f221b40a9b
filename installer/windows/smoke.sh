# shellcheck shell=bash
# The installed copy, tested in a fresh prefix: upgrade over an older version keeps the data,
# the commands, the bundle checked with Linux tools, the window, the uninstall. Sourced by
# build.sh after the setups are compiled (uses its variables: WORK, OUT, SETUP, VERSION, …).

# -----------------------------------------------------------------------------------------------
step "fresh prefix: silent install of $PREVIOUS_VERSION, a database with records"
use_prefix "$WORK/test-prefix" "$WORK/pristine-prefix"
install_standins
WIN_USER="$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)"
LOCAL="$WINEPREFIX/drive_c/users/$WIN_USER/AppData/Local"
APP="$LOCAL/Programs/HTX Desktop"
DATA="$LOCAL/HoiLHPN/HTXDesktop"
install_setup() {  # install_setup SETUP_EXE LOG_NAME
    win "$1" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LANG=vietnamese \
        "/LOG=$(wpath "$OUT/$2")"
    [ -f "$APP/htx-desktop-cli.exe" ] || die "$1 did not install into $APP"
}
install_setup "$WORK/previous/htx-desktop-$PREVIOUS_VERSION-setup.exe" install-previous.log
export HTX_PASSPHRASE="$PASSPHRASE"
cli() {
    printf '$ htx-desktop-cli %s\n' "$*"
    win "$APP/htx-desktop-cli.exe" "$@"
}
count_records() {
    sqlite3 "$DATA/htx.sqlite3" 'select count(*) from cooperative' 
}
cli init --unit 21211 --officer "Nguyễn Thị Hoa" --title "Chủ tịch Hội LHPN xã"
cli demo
[ -f "$DATA/htx.sqlite3" ] || die "the database is not in %LOCALAPPDATA%\\HoiLHPN\\HTXDesktop"
BEFORE="$(count_records)"
echo "cooperatives before the upgrade: $BEFORE"
[ "$BEFORE" -gt 0 ] || die "demo added no cooperative"

step "upgrade: silent install of $VERSION over $PREVIOUS_VERSION keeps the data"
install_setup "$SETUP" install.log
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6F2B7C7E-2E0B-4E8D-9C51-1B7A3C0D4E21}_is1'
win reg query "$UNINSTALL_KEY" /v DisplayVersion | tee "$WORK/installed.txt"
grep -q "REG_SZ *$VERSION" "$WORK/installed.txt" || die "Windows does not list version $VERSION as installed"
AFTER="$(count_records)"
echo "cooperatives after the upgrade: $AFTER"
[ "$AFTER" = "$BEFORE" ] || die "the upgrade lost records ($BEFORE → $AFTER)"

# -----------------------------------------------------------------------------------------------
step "smoke test of the installed copy (CLI)"
cli --version | tee "$WORK/version.txt"
grep -qx "htx-desktop $VERSION" <(tr -d '\r' <"$WORK/version.txt") || die "--version is not $VERSION"
ODD='C:\users\'"$WIN_USER"'\Documents\Tài liệu 100% thử'
mkdir -p "$WINEPREFIX/drive_c/users/$WIN_USER/Documents/Tài liệu 100% thử"
cli init --db "$ODD\\xã hai.sqlite3" --unit 21034 --officer "Trần Thị Mai" --title "Chủ tịch Hội LHPN xã"
cli demo --db "$ODD\\xã hai.sqlite3" --seed 2
cli export --period 2025-H1 --out "$ODD\\USB" | tee "$WORK/export.txt"
BUNDLE_WIN="$(tr -d '\r' <"$WORK/export.txt" | tail -1)"
BUNDLE="$WINEPREFIX/drive_c/users/$WIN_USER/Documents/Tài liệu 100% thử/USB/$(basename "${BUNDLE_WIN//\\//}")"
[ -f "$BUNDLE" ] || die "export made no bundle ($BUNDLE_WIN)"
cli cert --out "$ODD\\xa.pem"
cli init --db "$ODD\\tỉnh.sqlite3" --unit 51 --officer "Lê Thị Lan" --title "Chủ tịch Hội LHPN tỉnh" --level province
cli trust --db "$ODD\\tỉnh.sqlite3" "$ODD\\xa.pem"
cli verify --db "$ODD\\tỉnh.sqlite3" "$BUNDLE_WIN" | tee "$WORK/verify.txt"
grep -q "ĐẠT" "$WORK/verify.txt" || die "verify did not pass the bundle"
cli import --db "$ODD\\tỉnh.sqlite3" "$BUNDLE_WIN" | tee "$WORK/import.txt"
grep -q "ĐÃ NHẬP" "$WORK/import.txt" || die "the province did not import the bundle"
cli status --db "$ODD\\tỉnh.sqlite3" --period 2025-H1
cli report --kind periodic --period 2025-H1 --out "$ODD\\báo cáo.pdf"
head -c 5 "$WINEPREFIX/drive_c/users/$WIN_USER/Documents/Tài liệu 100% thử/báo cáo.pdf" | grep -q '%PDF' \
    || die "report wrote no PDF"
cli backup
cli backups
cli check --full

# -----------------------------------------------------------------------------------------------
step "the bundle made on Windows, checked on Linux (openssl cms, pdfsig)"
mkdir -p "$WORK/bundle"
unzip -q "$BUNDLE" -d "$WORK/bundle"
openssl cms -verify -binary -inform DER -content "$WORK/bundle/manifest.json" \
    -in "$WORK/bundle/manifest.json.p7s" -CAfile "$WORK/bundle/signer.pem" -purpose any \
    -out /dev/null
pdfsig "$WORK/bundle/report.pdf" | tee "$WORK/pdfsig.txt"
grep -q "Signature is Valid" "$WORK/pdfsig.txt" || die "pdfsig: the report's signature is not valid"
cp "$BUNDLE" "$OUT/"

# -----------------------------------------------------------------------------------------------
step "the window for 20 s, screenshot"
( wine "$APP/htx-desktop.exe" </dev/null 9>&- 2>&1 | cat >"$OUT/gui.log" ) &
GUI_JOB=$!
sleep 20
# The window's Wine process (its command line is the Windows path of the installed program).
gui_pid() { pgrep -f '^[A-Z]:.*HTX Desktop.htx-desktop\.exe' | head -1; }
alive() { [ -n "$(gui_pid)" ]; }
alive || { cat "$OUT/gui.log"; die "the window exited within 20 s"; }
# Under a loaded machine the first paint can come late: look again for up to a minute.
for _ in $(seq 12); do
    import -window root -display "$DISPLAY" "$OUT/gui-screenshot.png"
    COLOURS="$(identify -format '%k' "$OUT/gui-screenshot.png")"
    [ "$COLOURS" -le 50 ] || break
    sleep 5
done
echo "screenshot: $OUT/gui-screenshot.png ($COLOURS colours)"
[ "$COLOURS" -gt 50 ] || die "the screenshot is nearly blank ($COLOURS colours)"
alive || { cat "$OUT/gui.log"; die "the window exited"; }
# Wine 8's taskkill does not find it by image name: end that one process by its id.
kill "$(gui_pid)"
wait "$GUI_JOB" || true

# -----------------------------------------------------------------------------------------------
step "silent uninstall keeps the data"
win "$APP/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
for _ in $(seq 60); do
    [ -f "$APP/htx-desktop.exe" ] || break
    sleep 1
done
[ ! -f "$APP/htx-desktop.exe" ] || die "the uninstaller left the program"
[ -f "$DATA/htx.sqlite3" ] || die "the uninstaller removed the data"
echo "cooperatives after the uninstall: $(count_records)"
stop_prefix

