#!/usr/bin/env bash
# Installs what building, running and testing Sifa Desk needs on Debian/Ubuntu: system packages,
# the UI's npm packages and tauri-driver (with --tests, also what only the tests use). Idempotent:
# a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  webkit2gtk-driver xvfb xauth fonts-noto-cjk pkg-config curl ca-certificates git
)
# `setup.sh --tests`: what only the tests need. LibreOffice opens and saves batches as a clerk's
# spreadsheet program would (tests/spreadsheet_save.rs); python3-uno lets a test edit a cell in it;
# openpyxl saves them as scripts do.
if [ "${1:-}" = "--tests" ]; then
  APT_PACKAGES+=(libreoffice-calc-nogui python3-uno python3-openpyxl)
fi

command -v cargo >/dev/null || die "未找到 cargo：请先安装 Rust（https://rustup.rs）。"
command -v npm >/dev/null || die "未找到 npm：请先安装 Node.js 20.19 或更新版本。"
# Vite 8 needs Node.js 20.19+ (or 22.12+); the workspace needs Rust 1.90+.
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node.js $(node --version) 太旧：需要 20.19 或更新版本。"
rustc_minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
[ "${rustc_minor:-0}" -ge 90 ] || die "Rust $(rustc --version) 太旧：需要 1.90 或更新版本（rustup update）。"

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing system packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "需要 root 权限安装系统软件包：${missing[*]}"
    SUDO="sudo"
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  say "installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
say "ready"
