#!/usr/bin/env bash
# Build the Rig Monitor .deb on Debian/Ubuntu, from a bare machine, with one command:
#
#     packaging/linux/build-deb.sh            # -> packaging/out/rig-monitor_<version>_<arch>.deb
#
# Steps: apt-get what the build needs (root, or sudo) -> a build venv in packaging/build/venv
# (system site-packages visible, so an existing install is reused) -> `pip install .[build]`
# -> PyInstaller (packaging/rig_monitor.spec) -> check the bundle's libraries resolve -> lay out
# /opt/rig-monitor, /usr/bin/rig-monitor, the .desktop file, hicolor icons -> DEBIAN/control
# with Depends computed from what the bundle links outside itself -> dpkg-deb (gzip).
#
# Environment: PYTHON (default python3, must be >= 3.11), DEB_COMPRESS (zstd|gzip|xz|none;
# default zstd when dpkg-deb has it, else gzip. Measured on 2 cores: zstd 0.6 s / 54 MB, gzip
# 17 s / 55 MB, xz 40 s / 41 MB), SKIP_APT=1 (do not apt-get anything), SKIP_PYINSTALLER=1
# (re-package the bundle already in packaging/out/dist).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PKG="$ROOT/packaging"
OUT="$PKG/out"
WORK="$PKG/build"
PYTHON="${PYTHON:-python3}"
COMPRESS="${DEB_COMPRESS:-}"
NAME="rig-monitor"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

t_start=$(date +%s.%N)
stamp() { printf '[build-deb %6.1fs] %s\n' "$(echo "$(date +%s.%N) - $t_start" | bc)" "$*"; }
die() { echo "build-deb: error: $*" >&2; exit 1; }

# -- 1. system packages ------------------------------------------------------------------------
# Qt's runtime libraries (PyInstaller copies most of them into the bundle, so they must exist
# here), the tools this script uses, and Python with venv support.
APT_NEEDS="binutils bc desktop-file-utils file python3 python3-venv python3-pip \
libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libxcb-cursor0 \
libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-randr0 libxcb-render-util0 \
libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libx11-xcb1 libglib2.0-0"
if [ "${SKIP_APT:-0}" != 1 ]; then
  missing=""
  for p in $APT_NEEDS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "build-deb: apt-get install:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (this script is for Debian/Ubuntu)"
command -v bc >/dev/null || die "bc not found (apt-get install bc)"
if [ -z "$COMPRESS" ]; then  # zstd: dpkg >= 1.21.18 (Debian 12, Ubuntu 21.10 and later)
  if dpkg-deb --help 2>/dev/null | grep -q zstd; then COMPRESS=zstd; else COMPRESS=gzip; fi
fi

# -- 2. version, build venv, PyInstaller -------------------------------------------------------
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "$PYTHON is $("$PYTHON" -V 2>&1); Rig Monitor needs Python >= 3.11 (set PYTHON=...)"
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
ARCH="$(dpkg --print-architecture)"
DEB="$OUT/${NAME}_${VERSION}_${ARCH}.deb"
mkdir -p "$OUT" "$WORK"

if [ "${SKIP_PYINSTALLER:-0}" != 1 ]; then
  VENV="$WORK/venv"
  if [ ! -x "$VENV/bin/python" ]; then
    stamp "creating build venv $VENV"
    "$PYTHON" -m venv --system-site-packages "$VENV"
  fi
  stamp "pip install .[build]"
  # Not editable, so the bundle gets real package metadata (rig_monitor.__version__).
  "$VENV/bin/python" -m pip install -q ".[build]"
  stamp "pyinstaller"
  t_pyi=$(date +%s.%N)
  "$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$WORK/pyinstaller" "$PKG/rig_monitor.spec"
  stamp "pyinstaller done in $(printf '%.1f' "$(echo "$(date +%s.%N) - $t_pyi" | bc)") s"
fi
BUNDLE="$OUT/dist/$NAME"
[ -x "$BUNDLE/$NAME" ] || die "no bundle at $BUNDLE (run without SKIP_PYINSTALLER)"
stamp "bundle: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files"

# -- 3. every library in the bundle must resolve (in the bundle, or on the system) -------------
# The bootloader puts _internal on the library path, so check with the same path.
LIBPATH="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib"
mapfile -t ELF < <(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' -o -name "$NAME" \) | sort)
ldd_all="$(for f in "${ELF[@]}"; do
  { LD_LIBRARY_PATH="$LIBPATH" ldd "$f" 2>/dev/null || true; } | sed "s|^|$f: |"
done)"
if grep -q "not found" <<<"$ldd_all"; then
  grep "not found" <<<"$ldd_all" >&2
  die "the bundle links libraries that are neither bundled nor installed (see above)"
fi

# -- 4. Depends: packages owning what the bundle links outside itself, plus what Qt needs at
#       run time without linking it (fontconfig's config + fonts, xkb keyboard data) ----------
declare -A deps=()
for lib in $(awk '{for (i = 1; i < NF; i++) if ($i == "=>") print $(i + 1)}' <<<"$ldd_all" | sort -u); do
  case "$lib" in "$BUNDLE"/*) continue ;; esac
  owner="$(dpkg -S "*/$(basename "$lib")" 2>/dev/null | cut -d: -f1 | sort -u | head -1)"
  [ -n "$owner" ] || die "$lib is linked by the bundle but belongs to no Debian package"
  deps[$owner]=1
done
for p in libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libxcb-cursor0 \
         libxcb-icccm4 libxcb-keysyms1 libxcb-shape0; do
  deps[$p]=1
done
# glibc: the newest GLIBC_x.y symbol version any bundled file asks for.
GLIBC="$(for f in "${ELF[@]}"; do objdump -T "$f" 2>/dev/null | grep -o 'GLIBC_[0-9.]*[0-9]' || true; done \
  | sed 's/GLIBC_//' | sort -uV | tail -1)"
[ -n "$GLIBC" ] || die "could not read the glibc symbol versions (objdump -T)"
DEPENDS=""
for p in $(printf '%s\n' "${!deps[@]}" | sort); do
  [ "$p" = libc6 ] && p="libc6 (>= $GLIBC)"
  DEPENDS="${DEPENDS:+$DEPENDS, }$p"
done

# -- 5. file system layout ---------------------------------------------------------------------
STAGE="$WORK/deb/${NAME}_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/doc/$NAME"
cp -a "$BUNDLE" "$STAGE/opt/$NAME"
ln -s "/opt/$NAME/$NAME" "$STAGE/usr/bin/$NAME"
install -m 0644 "$PKG/linux/rig-monitor.desktop" "$STAGE/usr/share/applications/$NAME.desktop"
for size in 16 32 48 64 128 256; do
  install -D -m 0644 "$PKG/icons/rig-monitor-$size.png" \
    "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
install -D -m 0644 "$PKG/icons/rig-monitor.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
cat >"$STAGE/usr/share/doc/$NAME/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Rig Monitor
Comment: /opt/$NAME bundles CPython, Qt 6 (LGPL-3.0) and PySide6 (LGPL-3.0) and the Python
 packages listed in /opt/$NAME/_internal/*.dist-info, each under its own licence.

Files: *
Copyright: Rig Monitor contributors
License: MIT
EOF
# Ownership is root:root via --root-owner-group; fix modes whatever the umask was.
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -type f -exec chmod go-w,u+rw,a+r {} +

desktop-file-validate "$STAGE/usr/share/applications/$NAME.desktop" \
  || die "desktop-file-validate rejected the .desktop file"

INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat >"$STAGE/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: Rig Monitor contributors <rig-monitor@users.noreply.github.com>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Section: utils
Priority: optional
Description: desktop monitor for Bitcoin ASIC miners
 Rig Monitor watches a fleet of ASIC miners (Antminer, Whatsminer, Avalon and
 other CGMiner-API firmware) over the local network: hashrate against nominal,
 chip and board temperatures, fans, power, pools and uptime, with fault
 detection and hints for troubleshooting.
 .
 Start it from the applications menu, or run "rig-monitor demo" to try it on a
 simulated fleet. The command line (rig-monitor scan, poll, watch, diagnose)
 uses the same core. Self-contained: Python, Qt and PySide6 are bundled in
 /opt/rig-monitor.
EOF

# -- 6. pack -----------------------------------------------------------------------------------
stamp "dpkg-deb -Z$COMPRESS"
t_pack=$(date +%s.%N)
rm -f "$DEB"
dpkg-deb --root-owner-group -Z"$COMPRESS" --build "$STAGE" "$DEB" >/dev/null
stamp "packed in $(printf '%.1f' "$(echo "$(date +%s.%N) - $t_pack" | bc)") s"
dpkg-deb --info "$DEB" | sed -n 's/^ \(Package\|Version\|Installed-Size\|Depends\):/  \1:/p'
echo "build-deb: $DEB ($(du -h "$DEB" | cut -f1), Installed-Size ${INSTALLED_KB} KiB)"
stamp "done"
