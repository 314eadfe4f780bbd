#!/usr/bin/env bash
# Vendors pdf.js (npm package pdfjs-dist) into src/main/web/js/vendor/pdfjs/: the ES module build, its worker,
# the JavaScript fallbacks of the JBIG2 and JPEG 2000 decoders (the CSP allows no WebAssembly), and the licenses.
#   web-client/tools/update-pdfjs.sh 6.5.438
# Then run the checks (npm run typecheck, the web client's tests, e2e/run.sh) and commit the folder.
set -euo pipefail
version=${1:?usage: update-pdfjs.sh VERSION}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=$here/../src/main/web/js/vendor/pdfjs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "pdfjs-dist@$version" >/dev/null && tar xzf "pdfjs-dist-$version.tgz")
pkg=$work/package
rm -rf "$dest"
mkdir -p "$dest/wasm"
cp "$pkg/build/pdf.min.mjs" "$pkg/build/pdf.worker.min.mjs" "$pkg/LICENSE" "$dest/"
cp "$pkg"/wasm/{jbig2,openjpeg}_nowasm_fallback.js "$pkg"/wasm/LICENSE_{JBIG2,OPENJPEG,PDFJS_JBIG2,PDFJS_OPENJPEG} "$dest/wasm/"
integrity=$(npm view "pdfjs-dist@$version" dist.integrity 2>/dev/null)
printf 'pdfjs-dist %s (npm, %s)\nhttps://github.com/mozilla/pdf.js - Apache-2.0 (LICENSE; decoder licenses in wasm/)\nUpdated with web-client/tools/update-pdfjs.sh\n' \
  "$version" "$integrity" >"$dest/VERSION"
echo "pdf.js $version vendored into $dest"
