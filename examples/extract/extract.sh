#!/usr/bin/env bash
# Rebuilds a bundled real-data example from its Debian package:
#
#   examples/extract/extract.sh yeast      # writes examples/yeast.csv from r-cran-mlr
#   examples/extract/extract.sh nmes1988   # writes examples/nmes1988.csv from r-cran-aer
#   examples/extract/extract.sh movielens OUT.csv   # MovieLens ratings from r-cran-dslabs
#
# MovieLens is not bundled: GroupLens's licence allows research use and forbids
# redistribution, so it is extracted where it is used (npm run bench:movielens) and written
# only to the path given.
# Downloads the pinned .deb with apt-get download (no R, nothing installed), checks its
# SHA-256, unpacks it with dpkg-deb -x into a temporary folder and converts the R data with
# to_csv.py (Debian's python3-rdata). The CSV is written beside its final name and moved into
# place only when complete. Same package, same bytes: a rerun rewrites the bundled file as is.
# Needs a Debian system with apt's package lists (apt-get update) and python3-rdata. Not run by
# the tests or CI.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
examples="$(dirname "$here")"

die() { echo "extract.sh: $1" >&2; exit 2; }

case "${1:-}" in
  yeast)
    package=r-cran-mlr version=2.19.1+dfsg-1
    sha256=59aa58ce5e4e74244a2c2eb28b25757a7aa1707de02e9442d49f5927e05a1916 ;;
  nmes1988)
    package=r-cran-aer version=1.2-10-1
    sha256=c75319e132fbb7e3d002ef6c2933507046c66877bea8d5029e599757ae36c709 ;;
  movielens)
    package=r-cran-dslabs version=0.7.4-1
    sha256=c3f93382c44d4581de9561792a87b110cb239c70771cac5ad63fa0a259e71ef3
    [ -n "${2:-}" ] || die "usage: extract.sh movielens OUT.csv (it is never written into examples/)" ;;
  *) die "usage: extract.sh yeast|nmes1988 [OUT.csv], or movielens OUT.csv" ;;
esac
name="$1"

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
  || die "needs apt-get and dpkg-deb (a Debian system)"
/usr/bin/python3 -c 'import rdata' 2>/dev/null \
  || die "needs Debian's python3-rdata: apt-get install python3-rdata"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The version is pinned so a rerun reads the same data; apt-get download fails with its own
# message when that version is no longer in the configured archive.
(cd "$work" && apt-get download -q "$package=$version" >/dev/null) \
  || die "apt-get download $package=$version failed (run apt-get update; is this Debian 12?)"
deb="$(ls "$work"/*.deb)"
echo "$sha256  $deb" | sha256sum --check --quiet - \
  || die "$(basename "$deb"): SHA-256 differs from the one this script was written for"
dpkg-deb -x "$deb" "$work/root"

out="${2:-$examples/$name.csv}"
/usr/bin/python3 "$here/to_csv.py" "$name" "$work/root" "$work/$name.csv"
mv "$work/$name.csv" "$out.partial"
mv "$out.partial" "$out"
echo "wrote $out ($(wc -l <"$out") lines, sha256 $(sha256sum "$out" | cut -c1-16)...)"
