#!/usr/bin/env bash
# Sets up (see setup.sh) and starts the editor; with no argument it opens the bundled sample.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
exec "$here/.venv/bin/selfeval-gui" "$@"
