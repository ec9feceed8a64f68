"""Access and text-is-text in a real browser (issue #6, docs/workbook.md).

- With OKR_PASSWORD set, EVERY page -- also a deep link that is the very first
  request to a freshly started server -- shows only the password form and no
  data; a wrong password is refused; the right one opens the page.
- Titles, owners and comments carrying <script>, <img onerror> and
  javascript: links render as literal text and never execute.
"""

from __future__ import annotations

import subprocess

from okr import service
from okr.i18n import t
from okr.store import Store
from tests.conftest import AS_OF, KR_HEADER, OBJ_HEADER, write_xlsx

from .conftest import ROOT, screenshot, wait_for_app

SAMPLE = ROOT / "sample_data"
PASSWORD = "correct horse ✓ battery"
PAGES = ["/Team?team=Sales&quarter=2026-Q4", "/", "/Alignment", "/Import", "/Quality"]
# text that only the sample data contains: none of it may show before sign-in
DATA_MARKERS = ["Customer Success", "Noordwind", "KR-", "O-SALES", "Mobile", "Platform"]


def _prefilled(tmp_path, name: str) -> "Path":  # noqa: F821
    db = tmp_path / f"{name}.duckdb"
    store = Store.open(db)
    try:
        assert all(o.checked.ok for o in service.load_sample(store, SAMPLE))
    finally:
        store.close()
    return db


def _assert_gate_only(pg):
    pg.locator("input[type='password']").wait_for()
    body = pg.inner_text("body")
    for marker in DATA_MARKERS:
        assert marker not in body, marker
    assert pg.locator("[data-testid='stDataFrame'], [data-testid='stVegaLiteChart'], "
                      "[data-testid='stMetric']").count() == 0


def test_every_page_is_behind_the_password(start_server, browser, tmp_path):
    db = _prefilled(tmp_path, "locked")
    server = start_server(env={"OKR_PASSWORD": PASSWORD, "OKR_SAMPLE": "0"}, db=db)
    for i, path in enumerate(PAGES):  # the Team deep link is the server's very first page request
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        pg = context.new_page()
        try:
            pg.goto(server.url + path)
            wait_for_app(pg, timeout=90_000)
            _assert_gate_only(pg)
            if i == 0:
                screenshot(pg, "security-password-gate")
        finally:
            context.close()


def test_wrong_password_refused_right_one_opens_the_deep_link(start_server, page, tmp_path):
    db = _prefilled(tmp_path, "login")
    server = start_server(env={"OKR_PASSWORD": PASSWORD, "OKR_SAMPLE": "0"}, db=db)
    page.goto(server.url + "/Team?team=Sales&quarter=2026-Q4")
    wait_for_app(page, timeout=90_000)
    _assert_gate_only(page)

    page.locator("input[type='password']").fill(PASSWORD + "x")
    page.get_by_role("button", name=t("ui.login.submit", "en")).click()
    page.get_by_text(t("ui.login.wrong", "en")).wait_for()
    wait_for_app(page)
    _assert_gate_only(page)

    page.locator("input[type='password']").fill(PASSWORD)
    page.get_by_role("button", name=t("ui.login.submit", "en")).click()
    page.locator("h1", has_text="Sales").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.locator("input[type='password']").count() == 0
    assert page.locator("[data-testid='stMetric']").count() > 0  # the data is there now
    assert not page.js_errors


def test_a_refresh_of_the_shared_screen_does_not_ask_again_but_a_forged_cookie_does(start_server, page, tmp_path):
    db = _prefilled(tmp_path, "refresh")
    server = start_server(env={"OKR_PASSWORD": PASSWORD, "OKR_SAMPLE": "0"}, db=db)
    page.goto(server.url + "/Meeting?quarter=2026-Q4&present=1")
    wait_for_app(page, timeout=90_000)
    page.locator("input[type='password']").fill(PASSWORD)
    page.get_by_role("button", name=t("ui.login.submit", "en")).click()
    page.get_by_text(t("meeting.stand.title", "en")).first.wait_for(timeout=30_000)
    wait_for_app(page)
    page.wait_for_function("document.cookie.includes('okr_session=')")
    page.reload()  # a new session on the server: the signed cookie lets it in
    wait_for_app(page, timeout=60_000)
    page.get_by_text(t("meeting.stand.title", "en")).first.wait_for()
    assert page.locator("input[type='password']").count() == 0
    cookie = next(c for c in page.context.cookies() if c["name"] == "okr_session")
    assert PASSWORD not in cookie["value"] and cookie["sameSite"] == "Strict"
    # the same expiry with a made-up signature, or a later expiry with the real one, gets the form again
    expiry, signature = cookie["value"].split(".")
    for forged in (f"{expiry}.{'0' * 64}", f"{int(expiry) + 86400}.{signature}"):
        page.context.clear_cookies()
        page.context.add_cookies([{**cookie, "value": forged}])
        page.reload()
        wait_for_app(page, timeout=60_000)
        _assert_gate_only(page)


# ---------------------------------------------------------------- XSS

PAYLOADS = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">',
            "[x](javascript:window.__pwned=1)"]


def _hostile_db(tmp_path):
    s, i, j = PAYLOADS
    objectives = [
        ["O-CO-1", f"Groei {s}", "Company", "2026-Q1", i, None, None],
        ["O-SALES-1", f"Markt {i}", "Sales", "2026-Q1", j, "O-CO-1", None],
        ["O-SALES-2", j, "Sales", "2026-Q1", s, "O-CO-1", None],
    ]
    key_results = [
        ["KR-CO-1", "O-CO-1", f"15 klanten {j}", s, 0, 15, 3, "klanten", None, None, "green", i],
        ["KR-S-1", "O-SALES-1", s, i, 0, 10, 5, "leads", None, None, "green", j],
        ["KR-S-2", "O-SALES-1", i, j, 0, 10, 1, "leads", None, None, None, s],
        ["KR-S-3", "O-SALES-2", f"20 demo's {j}", s, 0, 20, 2, "demo's", None, None, "amber", i],
    ]
    path = write_xlsx(tmp_path / "xss.xlsx", {"Objectives": [OBJ_HEADER] + objectives,
                                               "Key Results": [KR_HEADER] + key_results})
    db = tmp_path / "xss.duckdb"
    store = Store.open(db)
    try:
        out = service.import_bytes(store, path.read_bytes(), "<script>window.__pwned=1</script>.xlsx", AS_OF)
        assert out.stored, (out.checked.file_error, out.checked.errors)
    finally:
        store.close()
    return db


INERT = """() => ({
  pwned: typeof window.__pwned,
  scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')).length,
  onerror: document.querySelectorAll('[onerror]').length,
  jslinks: [...document.querySelectorAll('a[href]')].filter(a => a.href.trim().toLowerCase().startsWith('javascript:')).length,
  imgs: [...document.querySelectorAll('img')].filter(im => (im.getAttribute('src') || '') === 'x').length,
})"""


def test_workbook_text_is_text_on_every_page(start_server, page, tmp_path):
    db = _hostile_db(tmp_path)
    server = start_server(env={"OKR_SAMPLE": "0"}, db=db)
    meeting = [f"/Meeting?quarter=2026-Q1&present=1&slide={n}" for n in range(1, 7)]
    for path in ["/Team?team=Sales&quarter=2026-Q1", "/Team?team=Company&quarter=2026-Q1", "/?quarter=2026-Q1",
                 "/Alignment?quarter=2026-Q1", "/Import", "/Quality", *meeting]:
        page.goto(server.url + path)
        wait_for_app(page, timeout=90_000)
        page.wait_for_timeout(500)  # an onerror handler fires after the image fails to load
        state = page.evaluate(INERT)
        assert state == {"pwned": "undefined", "scripts": 0, "onerror": 0, "jslinks": 0, "imgs": 0}, (path, state)
        if path.startswith("/Team?team=Sales"):
            body = page.inner_text("body")
            for p in PAYLOADS:  # shown literally, not swallowed
                assert p in body, (p, body[:2000])
            screenshot(page, "security-xss-team")
        if path.endswith("slide=3"):  # the lagging team's screen: its key results' titles and owners
            body = page.inner_text("body")
            for p in PAYLOADS:  # title, owner and comment, shown literally
                assert p in body, (p, body[:2000])
            screenshot(page, "security-xss-meeting")
    assert not page.js_errors


def test_import_problems_show_workbook_text_literally(start_server, page, tmp_path):
    """The Import page's list of problems is a table of Markdown cells: a title
    that is Markdown or HTML shows as the characters the user typed."""
    s, i, j = PAYLOADS
    objectives = [["O-1", f"**Vet** {j} {i}", "Sales", "2026-Q1", "Bram", None, None]]  # unaligned: a warning
    key_results = [["KR-1", "O-1", f"15 klanten {s}", "Bram", 0, 15, 3, "klanten", None, None, None, None]]
    path = write_xlsx(tmp_path / "md.xlsx", {"Objectives": [OBJ_HEADER] + objectives,
                                             "Key Results": [KR_HEADER] + key_results})
    server = start_server(env={"OKR_SAMPLE": "0"})
    page.goto(server.url + "/Import")
    wait_for_app(page, timeout=90_000)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    table = page.locator("[data-testid='stTable']")
    table.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    text = table.inner_text()
    assert f"**Vet** {j} {i}" in text, text
    assert table.locator("strong, a, img, em").count() == 0
    assert page.evaluate(INERT) == {"pwned": "undefined", "scripts": 0, "onerror": 0, "jslinks": 0, "imgs": 0}
    assert not page.js_errors


def test_no_unsafe_html_carries_workbook_text():
    """`unsafe_allow_html` / `st.html` only ever get constant CSS, never data."""
    out = subprocess.run(["grep", "-rn", "-e", "unsafe_allow_html", "-e", "st.html(", "-e", "components.html",
                          "app.py", "pages", "okr"], cwd=ROOT, capture_output=True, text=True).stdout
    hits = [line for line in out.splitlines() if "/i18n/" not in line]
    allowed = (
        "st.html(PRESENT_CSS if present else BASE_CSS)",  # constant CSS
        "st.html(show.MEETING_CSS)",  # constant CSS
        "st.html(show.MEETING_CSS_WITH_HEADER)",  # constant CSS
        # the meeting's text blocks: every workbook text in them goes through
        # html.escape (okr/ui/screens.py `e`); test_workbook_text_is_text_on_every_page
        # walks every meeting screen with hostile text
        """st.html(f'<div class="okr-m">{body}</div>')""",
        # the sign-in cookie: a token of digits, dots and hex only (checked before)
        "components.html(f\"<script>document.cookie = '{access.COOKIE}={token}; Max-Age={max_age}; Path=/; \"",
    )
    for line in hits:
        assert "unsafe_allow_html" not in line, line
        assert any(a in line for a in allowed), line
