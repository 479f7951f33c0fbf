#!/usr/bin/env bash
# Renders the bundled sample's Word and Excel exports the way a reader sees them (LibreOffice
# to PDF to PNG pages at 80 dpi, Chinese office fonts mapped to Noto CJK) into docs/rendered/.
# Uses the shared render tool (../shared/tools/render-office, or $RENDER_OFFICE).
set -euo pipefail
cd "$(dirname "$0")/.."
render=${RENDER_OFFICE:-../shared/tools/render-office}
[[ -x $render ]] || { echo "render_exports: $render not found; set RENDER_OFFICE" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PYTHONPATH=$PWD .venv/bin/python -m selfeval_gui.cli export selfeval_gui/resources/samples/suzhou-redcross-2023.jxzp \
  --docx "$work/word.docx" --xlsx "$work/excel.xlsx" >/dev/null
rm -f docs/rendered/*.png
for file in "$work/word.docx" "$work/excel.xlsx"; do
  "$render" "$file" "$work/pages" 80 >/dev/null
done
cp "$work"/pages/*.png docs/rendered/
ls docs/rendered
