#!/bin/sh
# Add Caseload Reporter from this folder to your applications menu, with its icon and the .crproject
# file type. No administrator rights: everything goes under ~/.local/share. Run it again after moving
# the folder. To take the entry away again:  sh install-menu-entry.sh --remove
set -e
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
desktop="$data/applications/caseload-reporter.desktop"
mime="$data/mime/packages/caseload-reporter.xml"
icon="$data/icons/hicolor/256x256/apps/caseload-reporter.png"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$desktop" "$mime" "$icon"
    echo "Removed Caseload Reporter from the applications menu."
else
    mkdir -p "$(dirname "$desktop")" "$(dirname "$mime")" "$(dirname "$icon")"
    cp "$here/share/caseload-reporter.png" "$icon"
    cp "$here/share/caseload-reporter-mime.xml" "$mime"
    sed "s|^Exec=.*|Exec=\"$here/caseload-reporter\" %F|" "$here/share/caseload-reporter.desktop" > "$desktop"
    echo "Caseload Reporter is in your applications menu (it runs from $here)."
fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$data/applications" || true; fi
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime" || true; fi
