#!/bin/sh
# Install the koppdesk bundle for all users of a Linux PC (run as root):
#   /opt/koppdesk/            the bundle (dist/koppdesk from `make dist`)
#   /usr/local/bin/koppdesk   a link to start it from a terminal
#   menu entry + icons        under /usr/local/share
# Options by environment: BUNDLE (default: dist/koppdesk next to this repo), APPDIR (/opt/koppdesk),
# PREFIX (/usr/local), DESTDIR (staging root for packagers).  Run again to update; user data
# (~/.local/share/koppdesk) and the machine settings (/etc/xdg/koppdesk/koppdesk.toml) stay.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bundle=${BUNDLE:-$here/../../dist/koppdesk}
appdir=${APPDIR:-/opt/koppdesk}
prefix=${PREFIX:-/usr/local}
dest=${DESTDIR:-}

if [ ! -x "$bundle/koppdesk" ]; then
    echo "install.sh: no bundle in $bundle (run 'make dist' first, or set BUNDLE)" >&2
    exit 2
fi
"$bundle/koppdesk" --version >/dev/null

mkdir -p "$dest$appdir.new"
cp -a "$bundle/." "$dest$appdir.new/"
rm -rf "$dest$appdir.old"
if [ -e "$dest$appdir" ]; then mv "$dest$appdir" "$dest$appdir.old"; fi
mv "$dest$appdir.new" "$dest$appdir"
rm -rf "$dest$appdir.old"

mkdir -p "$dest$prefix/bin" "$dest$prefix/share/applications"
ln -sf "$appdir/koppdesk" "$dest$prefix/bin/koppdesk"
sed "s|^Exec=koppdesk$|Exec=$appdir/koppdesk|" "$here/koppdesk.desktop" > "$dest$prefix/share/applications/koppdesk.desktop"
icons="$bundle/_internal/resources/icons"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$dest$prefix/share/icons/hicolor/${size}x${size}/apps"
    cp "$icons/koppdesk-$size.png" "$dest$prefix/share/icons/hicolor/${size}x${size}/apps/koppdesk.png"
done
mkdir -p "$dest$prefix/share/icons/hicolor/scalable/apps"
cp "$icons/koppdesk.svg" "$dest$prefix/share/icons/hicolor/scalable/apps/koppdesk.svg"
if [ -z "$dest" ]; then
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
fi
echo "koppdesk installed in $dest$appdir ($("$dest$appdir/koppdesk" --version))"
