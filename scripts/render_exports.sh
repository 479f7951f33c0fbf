#!/usr/bin/env bash
# Renders the bundled sample's Word and Excel exports the way a reader sees them (LibreOffice
# to PDF to PNG pages at 80 dpi, Chinese office fonts mapped to Noto CJK) into docs/rendered/,
# then the app's own PDF of it (pdf-page-NN.png, pdftoppm at 80 dpi) and the last page of that
# PDF with a made-up submission block filled in (pdf-submission.png).
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

sample=selfeval_gui/resources/samples/suzhou-redcross-2023.jxzp
export QT_QPA_PLATFORM=offscreen
PYTHONPATH=$PWD .venv/bin/python -m selfeval_gui.cli export "$sample" --pdf "$work/pdf.pdf" >/dev/null
pdftoppm -r 80 -png "$work/pdf.pdf" docs/rendered/pdf-page
PYTHONPATH=$PWD .venv/bin/python - "$sample" "$work/filled.pdf" <<'EOF'
"""The sample's PDF with a made-up submission block filled in (for docs/rendered/pdf-submission.png)."""

import datetime
import sys

from selfeval_gui.domain.model import Submission
from selfeval_gui.render.pdf import export_pdf
from selfeval_gui.storage.projectfile import load_report

report = load_report(sys.argv[1])
report.submission = Submission(unit="苏州市红十字会", head="张三", finance_head="李四", preparer="王五",
                               phone="0512-65230000", date=datetime.date(2024, 3, 15))
export_pdf(report, sys.argv[2])
EOF
last=$(pdfinfo "$work/filled.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -r 80 -png -f "$last" -l "$last" -singlefile "$work/filled.pdf" docs/rendered/pdf-submission
ls docs/rendered
