#!/usr/bin/env bash
# Installs the Debian packages tdkt needs, when run as root; otherwise says which are missing.
#   base:    python3-venv, gettext (translations); Pango and Liberation fonts (WeasyPrint's PDFs
#            of documents and certificates), poppler-utils (pdftoppm/pdftotext in the documents tests)
#   browser: chromium and fonts for the browser tests
set -euo pipefail
want=(python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 poppler-utils)
[ "${1:-base}" = browser ] && want+=(chromium fonts-liberation2)

missing=()
for pkg in "${want[@]}"; do
  case "$pkg" in
    python3-venv) python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=("$pkg") ;;
    gettext) command -v msgfmt >/dev/null || missing+=("$pkg") ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=("$pkg") ;;
    *) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "tdkt needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
