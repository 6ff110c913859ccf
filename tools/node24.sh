#!/bin/sh
# Runs a command with Node.js >= 24 first on PATH, and the workspace's dependencies installed.
#
# If the node on PATH already satisfies `engines` it is used as it is and nothing is downloaded.
# Otherwise Node.js 24 comes from the npm registry itself (the node-<os>-<arch> package, which
# carries the official binary), cached under ${EVENTFLOW_CACHE:-~/.cache/eventflow}, so every
# npm script runs on 24 with nothing installed by hand.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
want_major=24
pinned=24.21.0
cache=${EVENTFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/eventflow}

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
case $major in '' | *[!0-9]*) major=0 ;; esac
if [ "$major" -lt "$want_major" ]; then
  case $(uname -s) in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "node24: unsupported OS $(uname -s); install Node.js >= $want_major" >&2; exit 1 ;; esac
  case $(uname -m) in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "node24: unsupported CPU $(uname -m); install Node.js >= $want_major" >&2; exit 1 ;; esac
  dir="$cache/node-$pinned"
  bin="$dir/node_modules/node-$os-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    echo "node24: Node.js $(node -v 2>/dev/null || echo '(none)') is older than $want_major; fetching node-$os-$arch@$pinned from the npm registry (once, cached in $dir)" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-$os-$arch@$pinned" >&2
  fi
  PATH="$bin:$PATH"
  export PATH
fi

# Install (or refresh) the workspace's dependencies when the lockfile changed since the last install;
# when a package.json is newer than the install (a workspace added or changed by hand), `npm install`
# brings the lockfile and node_modules up to date with it.
stamp="$root/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
  echo "node24: installing dependencies (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
elif [ -n "$(find "$root" -name package.json -newer "$stamp" -not -path '*/node_modules/*' -not -path '*/.data/*' -print -quit 2>/dev/null)" ]; then
  echo "node24: a package.json changed since the last install; updating (npm install)" >&2
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error >&2)
fi

# The workspace's own tools (tsc, eslint, prettier) run by name: `sh tools/node24.sh eslint .`.
PATH="$root/node_modules/.bin:$PATH"
export PATH

exec "$@"
