"""Screenshots of the demo reports for the documentation (docs/img/*.png).

    .venv/bin/python scripts/report_screenshots.py                  # builds the demo reports first (~3 min)
    .venv/bin/python scripts/report_screenshots.py --reports DIR    # use reports already written to DIR

Headless Chromium over the DevTools protocol (stemmen.report.browser), 1280 x 860 viewport:
the first screen of each report and one chart section.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = (
    ("themarapport.html", None, "themarapport-eerste-scherm.png"),
    ("themarapport.html", "#kloof ~ figure", "themarapport-kloof.png"),
    ("themarapport.html", "#themas ~ figure", "themarapport-themas.png"),
    ("themarapport.html", "section.theme", "themarapport-thema.png"),
    ("monitoringsrapport.html", None, "monitoringsrapport-eerste-scherm.png"),
    ("monitoringsrapport.html", "#signaal-1", "monitoringsrapport-signaal.png"),
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args()
    from stemmen.report.browser import Browser

    with tempfile.TemporaryDirectory() as tmp:
        reports = args.reports
        if reports is None:
            sys.path.insert(0, str(ROOT / "bench"))
            from report_demo import demo_report_data

            from stemmen.report import write_reports

            data, _ = demo_report_data(Path(tmp) / "lindewaard")
            reports = Path(tmp) / "reports"
            write_reports(data, reports, exports=False)
        with Browser() as browser:
            current = None
            for page, selector, name in SHOTS:
                if page != current:
                    check = browser.open(reports / page)
                    current = page
                    print(f"{page}: geladen={check.loaded}, grafieken={len(check.charts)}, "
                          f"fouten={len(check.console_errors) + len(check.failed_requests)}")
                print(browser.screenshot(args.out / name, selector))


if __name__ == "__main__":
    main()
