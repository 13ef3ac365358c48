#!/usr/bin/env bash
# Builds the desk UI and Tessera's Debian package (release build), into
# ${CARGO_TARGET_DIR:-target}/release/bundle/deb/. AppImage is not built: its tooling downloads
# from the internet.
#
#   scripts/package.sh            build the .deb
#   scripts/package.sh --verify   build it, then check it: its metadata and contents, a real install
#                                 (as root), the installed program started under Xvfb with a throw-away
#                                 database until its listener answers, and the package removed again
#
# With TAURI_SIGNING_PRIVATE_KEY (the key, or a path to it) and TAURI_SIGNING_PRIVATE_KEY_PASSWORD
# set, the package is also signed for the updater (a .deb.sig beside it), and with
# TESSERA_RELEASE_URL (where the .deb will be downloaded from) a latest.json manifest is written
# beside it. See README, "Updates".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

verify=0
case "${1:-}" in
  "") ;;
  --verify) verify=1 ;;
  *) echo "usage: scripts/package.sh [--verify]" >&2; exit 2 ;;
esac

step() { printf '\n==> %s\n' "$*"; }

target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
bundle_dir="$target_dir/release/bundle/deb"

step "System packages and npm packages"
scripts/setup-system.sh --app
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

step "Release build and .deb (the UI is built first, by tauri's beforeBuildCommand)"
rm -f "$bundle_dir"/*.deb "$bundle_dir"/*.deb.sig
signed=0
config=()
if [ -n "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
  signed=1
  config=(--config '{"bundle":{"createUpdaterArtifacts":true}}')
fi
started=$(date +%s)
npx --no-install tauri build --bundles deb "${config[@]}"
echo "Built in $(( $(date +%s) - started )) s."

deb=$(ls "$bundle_dir"/*.deb)
echo "Package: $deb ($(du -h "$deb" | cut -f1))"

if [ "$signed" = 1 ]; then
  sig="$deb.sig"
  [ -s "$sig" ] || { echo "No updater signature was made ($sig)." >&2; exit 1; }
  echo "Updater signature: $sig"
  if [ -n "${TESSERA_RELEASE_URL:-}" ]; then
    version=$(node -p "require('./src-tauri/tauri.conf.json').version")
    node -e '
      const [version, url, signature, out] = process.argv.slice(1);
      const platform = { url, signature };
      const manifest = {
        version,
        notes: process.env.TESSERA_RELEASE_NOTES || "",
        pub_date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        platforms: { "linux-x86_64-deb": platform, "linux-x86_64": platform },
      };
      require("fs").writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");
    ' "$version" "${TESSERA_RELEASE_URL%/}/$(basename "$deb")" "$(cat "$sig")" "$bundle_dir/latest.json"
    echo "Update manifest: $bundle_dir/latest.json"
  fi
fi

[ "$verify" = 1 ] || exit 0

step "Package metadata"
info=$(dpkg-deb --info "$deb")
echo "$info"
package=$(dpkg-deb --field "$deb" Package)
# The bundler adds the webkit and GTK runtime packages itself.
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -q "Depends:.*$dep" <<<"$info" || { echo "The package does not depend on $dep." >&2; exit 1; }
done

step "Package contents"
contents=$(dpkg-deb --contents "$deb")
echo "$contents"
# The binary, the desktop entry, and the icons from icons/.
for path in 'usr/bin/tessera-desktop' 'usr/share/applications/[^/]*\.desktop' \
  'usr/share/icons/hicolor/32x32/apps/tessera-desktop\.png' 'usr/share/icons/hicolor/128x128/apps/tessera-desktop\.png'; do
  grep -Eq " \.?/?$path\$" <<<"$contents" || { echo "The package lacks $path." >&2; exit 1; }
done

[ "$(id -u)" -eq 0 ] || { echo "--verify installs the package: run it as root." >&2; exit 1; }
command -v xvfb-run >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
}

work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill -- -"$pid" 2>/dev/null || true
  dpkg -s "$package" >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step "Install"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
command -v tessera-desktop
desktop=$(ls /usr/share/applications/*.desktop | xargs grep -l '^Exec=tessera-desktop' | head -n1)
echo "Desktop entry: $desktop"
cat "$desktop"

step "Launch the installed program under Xvfb"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TESSERA_DB="$work/tessera.sqlite3" TESSERA_LISTEN="127.0.0.1:$port" XDG_DATA_HOME="$work/data" \
  setsid xvfb-run -a /usr/bin/tessera-desktop >"$work/app.log" 2>&1 &
pid=$!
answered=0
for _ in $(seq 1 60); do
  if body=$(curl -fsS "http://127.0.0.1:$port/api/health" 2>/dev/null); then
    answered=1
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$answered" != 1 ]; then
  echo "The installed program's listener did not answer on port $port. Its output:" >&2
  cat "$work/app.log" >&2
  exit 1
fi
echo "Listener on 127.0.0.1:$port answered: $body"
[ -s "$work/tessera.sqlite3" ] || { echo "No database was created at TESSERA_DB." >&2; exit 1; }

step "Stop and remove"
kill -- -"$pid" 2>/dev/null || kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >/dev/null
! command -v tessera-desktop >/dev/null || { echo "tessera-desktop is still installed." >&2; exit 1; }
echo "The package installs, starts, serves and removes cleanly."
