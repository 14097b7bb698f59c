"""The pledge card as PDF (WeasyPrint), with a Korean font that is always there.

Font: Pretendard (SIL OFL), installed by `make setup` through npm (node_modules/pretendard, pinned in
package-lock.json) and loaded with @font-face from file:// URLs, so the PDF never depends on what fonts
the server happens to have. If those files are missing, the system's Noto Sans CJK KR (fontconfig) is used.
WeasyPrint embeds the subset of glyphs the document uses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from jobpledge.plans.models import Plan

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "pretendard" / "dist" / "public" / "static"
FONT_FAMILY = "Pretendard"
FONT_FILES = {400: "Pretendard-Regular.otf", 700: "Pretendard-Bold.otf"}
CSS_FILE = Path(__file__).resolve().parent.parent / "static" / "jobpledge" / "card-pdf.css"


def font_face_css(font_dir: Path = FONT_DIR) -> str:
    """@font-face rules for the Korean font; local system fonts as the fallback."""
    rules = []
    for weight, name in FONT_FILES.items():
        path = font_dir / name
        sources = [f'url("{path.as_uri()}") format("opentype")'] if path.exists() else []
        sources += ['local("Noto Sans CJK KR")', 'local("NotoSansCJKkr-Regular")']
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; src: {", ".join(sources)}; }}'
        )
    return "\n".join(rules)


def render_card_pdf(*, plan: Plan, as_of: dt.date, public: bool) -> bytes:
    """Render the card (the same template body as the page) to PDF bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from jobpledge.reports.card import cached_pledge_card
    from jobpledge.reports.selectors import cached_pledge_report
    from jobpledge.web.presenters import present

    report = cached_pledge_report(plan=plan, as_of=as_of)
    view = present(report, public=public, rounding=plan.rounding, decimals=plan.rate_decimals)
    card = cached_pledge_card(plan=plan)
    html = render_to_string("web/card_print.html", {"plan": plan, "card": card, "view": view})
    fonts = FontConfiguration()
    stylesheets = [
        CSS(string=font_face_css(), font_config=fonts),
        CSS(filename=str(CSS_FILE), font_config=fonts),
    ]
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts)
