"""Alignment in a real browser: the cascade is drawn (Graphviz in the browser,
no system binary), and one click on a team lands on that team's page."""

import re

from .conftest import screenshot, wait_for_app
from .test_meeting import TRUNCATED


def test_alignment_tree_then_open_a_team(sample_server, page):
    page.goto(f"{sample_server.url}/Alignment?quarter=2026-Q4")
    wait_for_app(page)
    chart = page.locator("[data-testid='stGraphVizChart'] svg")
    chart.first.wait_for(timeout=30_000)
    # the whole sample cascade on one screen: 31 objectives, each a node
    assert page.locator("[data-testid='stGraphVizChart'] svg g.node").count() == 31
    svg_text = " ".join(chart.first.text_content().split())
    assert "Klanten blijven graag bij Noordwind" in svg_text
    assert "■ red · Customer Success" in svg_text  # status as icon and label, not colour alone
    box = chart.first.bounding_box()
    # "the whole cascade on one screen": the drawn tree ends above the fold of a 1920x1080 screen
    assert box is not None and box["y"] + box["height"] <= 1080, box
    screenshot(page, "alignment")
    # "Open a team", two to a row, read "Customer Success · …"; the tables beside the tree lost a column
    assert not page.evaluate(TRUNCATED)
    unaligned = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    assert unaligned["y"] > box["y"] + box["height"] and unaligned["width"] > 1000  # below the tree, page-wide

    page.get_by_role("button", name=re.compile(r"Mobile · \d+%")).click()
    page.wait_for_url(re.compile(r"/Team\?.*team=Mobile"), timeout=30_000)
    wait_for_app(page)
    assert "quarter=2026-Q4" in page.url
    page.get_by_role("heading", name="Mobile").first.wait_for()
    screenshot(page, "alignment-to-team")
    assert not page.js_errors
