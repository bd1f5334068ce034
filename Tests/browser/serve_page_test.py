#!/usr/bin/env python3
"""Real-browser test of the page of `orgctl serve`.

Creates the enterprise-pmo example (plus a role whose title and holder are
HTML), adds tokens with `orgctl token add`, starts orgctl-serve on a free
loopback port and drives headless Chromium through selenium: the token is
taken from the URL and removed from it; a search by an accent-free spelling
opens the path and highlights the chain; a branch is expanded; a role is
dragged onto a new manager and the move confirmed, then seen in `orgctl
history` and, within two seconds, in a second open page; a write from the CLI
shows in the page; undo from the page; a conflict is refused with the
server's message; the hostile name stays text; a branch-limited token sees
only its branch, its dotted lines and its history, and a read token is
offered no editing. Dotted lines are drawn between the boxes shown and
toggled by a control.

Usage: serve_page_test.py ORGCTL ORGCTL_SERVE [--out DIR] [--screenshot PNG] [--stub]

--stub runs Tests/browser/serve_stub.py instead of ORGCTL_SERVE (for
working on the page without the server). Needs python3, selenium, Debian's
chromium and chromium-driver.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE_HOLDER = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = "<script>window.pwned=1</script>Evil"
TEAM = 205
PLANNED = "2099-01-02"

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)
    return condition


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)} exited {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


class Org:
    """The database, its tokens and the server, all in a scratch folder."""

    def __init__(self, orgctl, scratch):
        self.orgctl = orgctl
        self.db = os.path.join(scratch, "org.db")
        run(orgctl, "init", "--db", self.db, "--example", "enterprise-pmo")
        run(orgctl, "add", "role", "hostile", "--title", HOSTILE_TITLE, "--holder", HOSTILE_HOLDER,
            "--reports-to", "cmo", "--db", self.db)
        # A team bigger than a page of children (200), for "show more".
        team = os.path.join(scratch, "team.csv")
        with open(team, "w") as f:
            f.write("key,title,holder,reports_to\n")
            for i in range(1, TEAM + 1):
                f.write(f"wh-{i:03},Warehouse Operative,Operative {i},pm-warehouse\n")
        run(orgctl, "import", team, "--db", self.db)
        self.stub_tokens = []

    def cli(self, *args):
        return run(self.orgctl, *args, "--db", self.db)

    def token(self, name, level, branch=None, stub=False):
        if stub:
            secret = secrets.token_urlsafe(24)
            self.stub_tokens.append(f"{secret}={level}:{branch or ''}:{name}")
            return secret
        args = ["token", "add", name, "--can", level] + (["--branch", branch] if branch else [])
        out = self.cli(*args, "--json")
        try:
            answer = json.loads(out)
            for field in ("secret", "token"):
                if isinstance(answer.get(field), str):
                    return answer[field]
        except ValueError:
            pass
        words = sorted(re.findall(r"[A-Za-z0-9_\-.~+/=]{20,}", out), key=len)
        if not words:
            sys.exit(f"error: no secret in the answer of orgctl token add:\n{out}")
        return words[-1]

    def start(self, serve, stub, log):
        command = ([sys.executable, os.path.join(HERE, "serve_stub.py"), self.orgctl, self.db, "--port", "0"]
                   + [f"--token={t}" for t in self.stub_tokens]) if stub else \
            [serve, "--db", self.db, "--host", "127.0.0.1", "--port", "0"]
        self.log = open(log, "w+")
        self.server = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            self.log.seek(0)
            match = re.search(r"at (http://127\.0\.0\.1:(\d+)/)", self.log.read())
            if match and match.group(2) != "0":
                self.url = match.group(1)
                return
            if self.server.poll() is not None:
                break
            time.sleep(0.1)
        self.log.seek(0)
        sys.exit(f"error: the server did not start:\n{self.log.read()}")

    def stop(self):
        server = getattr(self, "server", None)
        if server and server.poll() is None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.binary_location = shutil.which(os.environ.get("CHROMIUM", "chromium")) or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(10)
    return driver


def wait(driver, condition, seconds=10, what="the page"):
    try:
        # The page redraws its boxes on every change: an element found a moment
        # ago may be gone, so a stale one means "look again".
        return WebDriverWait(driver, seconds, poll_frequency=0.05,
                             ignored_exceptions=[StaleElementReferenceException]).until(lambda d: condition(d))
    except TimeoutException:
        return None


def click(driver, css):
    """Clicks the element `css` names, finding it again if a redraw replaced it."""
    def attempt(d):
        found = d.find_elements(By.CSS_SELECTOR, css)
        if not found:
            return False
        found[0].click()
        return True
    return wait(driver, attempt, 10)


def box(driver, key):
    found = driver.find_elements(By.CSS_SELECTOR, f'.box[data-key="{key}"]')
    return found[0] if found else None


def classes_of(driver, selector):
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.dataset.key || (e.dataset.from + '>' + e.dataset.to))",
        selector)


def no_alert(driver):
    try:
        driver.switch_to.alert.dismiss()
        return False
    except NoAlertPresentException:
        return True


def search(driver, text, expect_key=None):
    field = driver.find_element(By.ID, "search-input")
    field.clear()
    field.send_keys(text)
    # Only the list that answers the whole text counts (an earlier keystroke's
    # answer may show first, then be replaced).
    answered = f'#search-results[data-query="{text}"]'
    if expect_key is None:
        return wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f"{answered} .none"), 10)
    result = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'{answered} .result[data-key="{expect_key}"]'), 10)
    return result[0] if result else None


def open_page(driver, url, token):
    driver.get("about:blank")
    driver.get(f"{url}#token={token}")
    return wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".box[data-key]"), 15)


def settle(driver):
    """Waits until the page has no refetch under way, so that boxes stay put."""
    wait(driver, lambda d: d.execute_script("return !orgPage.isRefreshing()"), 10)
    time.sleep(0.3)
    wait(driver, lambda d: d.execute_script("return !orgPage.isRefreshing()"), 10)


def drag(driver, source_key, target_key):
    """Drags one box onto another with the mouse, as a person would."""
    for attempt in range(5):
        settle(driver)
        try:
            source = box(driver, source_key).find_element(By.CSS_SELECTOR, ".box-title")
            target = box(driver, target_key).find_element(By.CSS_SELECTOR, ".box-title")
            ActionChains(driver).click_and_hold(source).move_by_offset(12, 12).pause(0.2) \
                .move_to_element(target).pause(0.3).move_by_offset(2, 2).pause(1.0).release().perform()
            return
        except StaleElementReferenceException:
            # A redraw replaced the boxes before the button went down.
            ActionChains(driver).release().perform()
            driver.execute_script("orgPage.onPointerUp()")


def linked(driver, parent, child):
    return driver.execute_script(
        "return !!document.querySelector(`#links path[data-from='${arguments[0]}'][data-to='${arguments[1]}']`)",
        parent, child)


def dotted(driver, role, manager):
    return driver.execute_script(
        "return !!document.querySelector(`#links path.dotted-link[data-from='${arguments[0]}'][data-to='${arguments[1]}']`)",
        role, manager)


def history_lines(driver):
    """The recorded changes the history side lists, as text."""
    driver.find_element(By.ID, "history-toggle").click()
    lines = wait(driver, lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "#history-list li")], 10) or []
    driver.find_element(By.ID, "history-toggle").click()
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("orgctl")
    parser.add_argument("serve", nargs="?")
    parser.add_argument("--out", default=".build/serve-browser")
    parser.add_argument("--screenshot", help="where to save the picture for the README")
    parser.add_argument("--stub", action="store_true")
    args = parser.parse_args()
    if not args.stub and not args.serve:
        sys.exit("error: give the orgctl-serve executable (or --stub)")
    os.makedirs(args.out, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="serve-page-")
    org = Org(os.path.abspath(args.orgctl), scratch)
    edit = org.token("editor", "edit", stub=args.stub)
    read = org.token("reader", "read", stub=args.stub)
    branch = org.token("it-manager", "edit", "cio", stub=args.stub)
    drivers = []
    try:
        org.start(args.serve, args.stub, os.path.join(args.out, "server.log"))
        print(f"server at {org.url}")
        scenario(org, edit, read, branch, drivers, args)
    finally:
        for driver in drivers:
            try:
                driver.quit()
            except Exception:
                pass
        org.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        print(f"\n{len(failures)} check(s) failed")
        sys.exit(1)
    print("\nall checks passed")


def shot(driver, args, name):
    path = os.path.join(args.out, name)
    driver.save_screenshot(path)
    return path


def scenario(org, edit, read, branch, drivers, args):
    page = browser()
    drivers.append(page)

    # The token is read from the fragment, kept for the tab, and removed.
    check(open_page(page, org.url, edit), "the page opens on the top of the chart")
    check("token" not in page.current_url, "the token is removed from the address bar")
    check(page.execute_script("return sessionStorage.getItem('orgToken')") == edit, "the token is kept in sessionStorage")
    check(box(page, "ceo") is not None and box(page, "cmo") is not None, "the top role and its team are shown")
    check(box(page, "pm-payments") is None, "deeper branches are not loaded before they are opened")
    shot(page, args, "1-top.png")

    # Expand a box: cmo's team holds the hostile role.
    click(page, '.box[data-key="cmo"] .toggle')
    hostile = wait(page, lambda d: box(d, "hostile"), 10)
    check(hostile is not None, "expanding cmo shows its team")
    if hostile:
        check(hostile.find_element(By.CSS_SELECTOR, ".box-holder").text == HOSTILE_HOLDER, "a hostile holder is shown as text")
        check(hostile.find_element(By.CSS_SELECTOR, ".box-title").text == HOSTILE_TITLE, "a hostile title is shown as text")
    check(not page.find_elements(By.CSS_SELECTOR, "#boxes img, #boxes script, #boxes b"), "no element was made from a name")
    check(no_alert(page) and page.execute_script("return window.pwned === undefined"), "no script from a name ran")
    box(page, "cmo").find_element(By.CSS_SELECTOR, ".toggle").send_keys(Keys.ENTER)
    check(wait(page, lambda d: box(d, "hostile") is None, 10), "collapsing cmo from the keyboard hides its team")

    # Search by an accent-free spelling; the path opens and the chain is marked.
    result = search(page, "chloe bernard", "cmo")
    check(result is not None, "searching 'chloe bernard' finds Chloé Bernard")
    result = search(page, "jane doe", "pm-payments")
    check(result is not None, "searching 'jane doe' finds pm-payments")
    if result:
        result.click()
        chain = ["ceo", "cio", "pmo-it-director", "prog-digital-manager", "pm-payments"]
        wait(page, lambda d: box(d, "pm-payments") and "hit" in box(d, "pm-payments").get_attribute("class"), 10)
        check(classes_of(page, ".box.hit") == ["pm-payments"], "the match has class hit")
        check(sorted(classes_of(page, ".box.chain")) == sorted(chain), "exactly its chain to the top has class chain")
        check(sorted(classes_of(page, "#links .chain")) == sorted(f"{a}>{b}" for a, b in zip(chain, chain[1:])),
              "exactly the links of the chain have class chain")
        inside = page.execute_script(
            "const r = document.querySelector('.box.hit').getBoundingClientRect();"
            "const v = document.getElementById('viewport').getBoundingClientRect();"
            "return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;")
        check(inside, "the match is scrolled into view")
        panel = wait(page, lambda d: d.find_element(By.ID, "panel").is_displayed() and d.find_element(By.ID, "panel"), 10)
        check(panel and "Jane Doe" in panel.text and "Kwame Mensah" in panel.text and "Headcount" in panel.text,
              "the panel shows the role, its chain and its team")
        # Dotted (matrix) lines between the boxes shown, dashed, with a legend
        # entry; the control hides and shows them.
        check(wait(page, lambda d: dotted(d, "pmo-it-director", "cpo"), 10),
              "the dotted line from pmo-it-director to cpo is drawn")
        style = page.execute_script(
            "const p = document.querySelector('#links path.dotted-link'); const s = getComputedStyle(p);"
            "const l = getComputedStyle(document.querySelector('#links path.link'));"
            "return [s.strokeDasharray, s.stroke, l.stroke]")
        check(style[0] not in ("", "none") and style[1] != style[2], f"a dotted line is dashed in a colour of its own {style}")
        check(page.find_element(By.ID, "legend-dotted").is_displayed(), "the legend names the dotted line")
        page.find_element(By.ID, "dotted-toggle").click()
        check(wait(page, lambda d: not d.find_elements(By.CSS_SELECTOR, "#links path.dotted-link"), 10)
              and not page.find_element(By.ID, "legend-dotted").is_displayed(), "the control hides the dotted lines")
        page.find_element(By.ID, "dotted-toggle").click()
        check(wait(page, lambda d: dotted(d, "pmo-it-director", "cpo"), 10), "and shows them again")
        # The README's picture: a smaller window, so that the boxes are legible.
        page.set_window_size(1280, 800)
        time.sleep(0.3)
        page.find_element(By.ID, "fit").click()
        page.execute_script("document.activeElement.blur()")
        best = shot(page, args, "2-search.png")
        page.set_window_size(1600, 1000)
        if args.screenshot:
            shutil.copyfile(best, args.screenshot)

    # Zoom and fit change the view.
    before = page.execute_script("return document.getElementById('canvas').style.transform")
    page.find_element(By.ID, "zoom-in").click()
    check(page.execute_script("return document.getElementById('canvas').style.transform") != before, "zoom changes the view")
    page.find_element(By.ID, "fit").click()

    # A second page, with a read token, open before the move.
    other = browser()
    drivers.append(other)
    check(open_page(other, org.url, read), "a second page opens with a read token")
    check(not other.execute_script("return document.body.classList.contains('can-edit')"), "a read token's page is not in edit mode")
    click(other, '.box[data-key="cio"] .toggle')
    wait(other, lambda d: box(d, "eng-director"), 10)
    click(other, '.box[data-key="eng-director"] .toggle')
    wait(other, lambda d: box(d, "eng-lead-payments"), 10)
    click(other, '.box[data-key="eng-director"] .box-open')
    wait(other, lambda d: d.find_element(By.ID, "panel").is_displayed(), 10)
    check(not other.find_elements(By.CSS_SELECTOR, "#panel .actions"), "a read token's panel offers no editing")

    # Drag pm-crm onto eng-director and confirm.
    page.find_element(By.ID, "fit").click()
    drag(page, "pm-crm", "eng-director")
    dialog = wait(page, lambda d: d.find_element(By.ID, "dialog").is_displayed() and d.find_element(By.ID, "dialog"), 10)
    check(dialog is not None, "dropping a role on another opens a confirmation")
    if dialog:
        check("pm-crm" in dialog.text and "eng-director" in dialog.text, "the confirmation names both roles")
        shot(page, args, "3-move.png")
        page.find_element(By.ID, "dialog-ok").click()
        moved_at = time.time()
        check(wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#changes .change .undo"), 10), "the change is shown with an Undo button")
        check(wait(page, lambda d: not d.find_element(By.ID, "dialog").is_displayed(), 10), "the confirmation closes")
        history = json.loads(org.cli("history", "--json", "--limit", "1"))["changes"][0]
        check(any("pm-crm" in line and "eng-director" in line for line in history["summary"]),
              "orgctl history shows the move")
        seen = wait(other, lambda d: linked(d, "eng-director", "pm-crm"), 10)
        check(seen and time.time() - moved_at < 2.5, f"the second page shows the move ({time.time() - moved_at:.1f}s)")
        shot(other, args, "4-second-page.png")

        # Undo from the page.
        click(page, "#changes .change .undo")
        check(wait(page, lambda d: linked(d, "prog-digital-manager", "pm-crm"), 10), "Undo puts the role back")
        history = json.loads(org.cli("history", "--json", "--limit", "1"))["changes"][0]
        check("undo" in history["command"] or any("pm-crm" in line and "prog-digital-manager" in line for line in history["summary"]),
              "orgctl history shows the undo")

    # A dry run refuses a cycle before anything is written.
    page.find_element(By.ID, "fit").click()
    count = len(json.loads(org.cli("history", "--json"))["changes"])
    drag(page, "cio", "pm-payments")
    dialog = wait(page, lambda d: d.find_element(By.ID, "dialog").is_displayed() and d.find_element(By.ID, "dialog"), 10)
    if check(dialog is not None, "dropping cio on its own report opens the confirmation"):
        check(dialog.find_elements(By.CSS_SELECTOR, "#dialog-body .error") and
              not page.find_element(By.ID, "dialog-ok").is_enabled(), "a cycle is refused before writing")
        page.find_element(By.ID, "dialog-cancel").click()
    check(len(json.loads(org.cli("history", "--json"))["changes"]) == count, "nothing was written")

    # A write from the CLI shows in both pages.
    start = time.time()
    org.cli("set", "role", "pm-payments", "--holder", "Zoë Quinn")
    check(wait(page, lambda d: box(d, "pm-payments") and "Zoë Quinn" in box(d, "pm-payments").text, 10)
          and time.time() - start < 2.5, f"a write from the CLI shows in the page ({time.time() - start:.1f}s)")

    # A conflict: the edit dialog was opened before another write.
    click(page, '.box[data-key="pm-payments"] .box-open')
    wait(page, lambda d: "Zoë Quinn" in d.find_element(By.ID, "panel").text, 10)
    settle(page)
    if check(click(page, "#panel .actions .edit"), "an edit token's panel offers editing"):
        title = wait(page, lambda d: d.find_elements(By.ID, "field-title"), 10)
        org.cli("set", "role", "pm-payments", "--title", "Senior Project Manager")
        time.sleep(1.5)
        title[0].clear()
        title[0].send_keys("Lead Project Manager")
        page.find_element(By.ID, "dialog-ok").click()
        error = wait(page, lambda d: d.find_element(By.ID, "dialog-error").is_displayed() and d.find_element(By.ID, "dialog-error").text, 10)
        check(bool(error) and "pm-payments" in error, f"a stale save is refused as a conflict: {error!r}")
        shown = json.loads(org.cli("show", "pm-payments", "--json"))
        check(shown["title"] == "Senior Project Manager", "the conflicting save wrote nothing")
        page.find_element(By.ID, "dialog-cancel").click()

    # A big team loads a page at a time.
    result = search(page, "anna kowalska", "pm-warehouse")
    if check(result is not None, "searching 'anna kowalska' finds pm-warehouse"):
        result.click()
        click(page, '.box[data-key="pm-warehouse"] .toggle')
        more = wait(page, lambda d: d.execute_script(
            "const m = document.querySelector('[data-more=\"pm-warehouse\"]'); return m && m.textContent"), 10)
        shown = len(classes_of(page, '.box[data-key^="wh-"]'))
        check(shown == 200 and more and "5 more" in more,
              f"a team of 205 shows 200 ({shown}) and a 'show more' box")
        if more:
            page.find_element(By.ID, "fit").click()
            click(page, '[data-more="pm-warehouse"]')
            check(wait(page, lambda d: len(classes_of(d, '.box[data-key^="wh-"]')) == TEAM, 10), "show more loads the rest")
            check(not page.find_elements(By.CSS_SELECTOR, '[data-more="pm-warehouse"]'), "and the 'show more' box goes")
        settle(page)
        click(page, '.box[data-key="pm-warehouse"] .toggle')

    # As of a date: a planned move shows on its date, not today.
    org.cli("move", "pm-crm", "--to", "eng-director", "--effective", PLANNED)
    settle(page)
    reports = "return orgPage.state.nodes.get('eng-director').data.directReports"
    check(page.execute_script(reports) == 1, "a planned move is not in today's chart")
    page.execute_script("const i = document.getElementById('as-of'); i.value = arguments[0];"
                        "i.dispatchEvent(new Event('change'))", PLANNED)
    check(wait(page, lambda d: d.execute_script(reports) == 2, 10), "the chart as of its date shows the planned move")
    check(not page.execute_script("return orgPage.canEdit()"), "a past or future chart is not edited")
    page.find_element(By.ID, "as-of-clear").click()
    check(wait(page, lambda d: d.execute_script(reports) == 1, 10), "'Today' goes back to today's chart")

    # History: compare two dates.
    page.find_element(By.ID, "history-toggle").click()
    wait(page, lambda d: d.find_elements(By.ID, "diff-from"), 10)
    page.execute_script("document.getElementById('diff-from').value = arguments[0];"
                        "document.getElementById('diff-to').value = arguments[1];",
                        time.strftime("%Y-%m-%d", time.gmtime(time.time() + 86400)), PLANNED)
    click(page, "#side .compare button")
    diff = wait(page, lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "#side .diff li")], 10)
    check(diff and any("pm-crm" in line for line in diff), f"the diff between two dates lists the planned move {diff}")
    shot(page, args, "5-history.png")
    page.find_element(By.ID, "history-toggle").click()

    # A PMO's type change, previewed.
    result = search(page, "lena fischer", "pmo-it-director")
    if result:
        result.click()
        wait(page, lambda d: "Lena Fischer" in d.find_element(By.ID, "panel").text, 10)
        settle(page)
        if check(click(page, "#panel .type-preview button"),
                 f"a PMO head's panel offers a type-change preview {page.find_element(By.ID, 'panel').text[:80]!r}"):
            preview = wait(page, lambda d: [e.text for e in d.find_elements(By.CSS_SELECTOR, "#panel .preview li")], 10)
            check(preview and any("prog-digital-manager" in line for line in preview),
                  f"the preview lists the line changes the new type implies {preview}")

    # The PMO view lists findings and marks loaded boxes.
    page.find_element(By.ID, "pmo-toggle").click()
    check(wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#side .findings li"), 10), "the PMO view lists check's findings")
    check("cfo" in classes_of(page, ".box.finding"), "a role with a finding is marked on the chart")
    shot(page, args, "6-pmo.png")
    page.find_element(By.ID, "pmo-toggle").click()

    # Without a token the page asks for one; a wrong one is refused.
    other.execute_script("sessionStorage.clear()")
    other.get("about:blank")
    other.get(org.url)
    field = wait(other, lambda d: d.find_element(By.ID, "signin-token").is_displayed() and d.find_element(By.ID, "signin-token"), 10)
    if check(field, "without a token the page shows a sign-in box"):
        field.send_keys("not-a-token", Keys.ENTER)
        check(wait(other, lambda d: d.find_element(By.ID, "signin-error").is_displayed(), 10), "a wrong token is refused")
        check(not other.find_elements(By.CSS_SELECTOR, ".box[data-key]"), "and nothing of the chart is shown")
        field = other.find_element(By.ID, "signin-token")
        field.send_keys(branch, Keys.ENTER)
        check(wait(other, lambda d: box(d, "cio"), 10), "signing in with a token opens the chart")

    # A branch-limited token sees only its branch.
    org.cli("add", "line", "pmo-it-director", "--to", "eng-director")
    other.execute_script("sessionStorage.clear()")
    check(open_page(other, org.url, branch), "a branch token's page opens")
    roots = other.execute_script("return orgPage.state.roots")
    check(roots == ["cio"], f"a branch token's page starts at its branch ({roots})")
    check(box(other, "ceo") is None and box(other, "cmo") is None, "nothing outside the branch is shown")
    check(search(other, "amara okafor") is not None, "a branch token's search does not find someone outside")
    check(search(other, "zoe quinn", "pm-payments") is not None, "a branch token's search finds someone inside")
    check(wait(other, lambda d: dotted(d, "pmo-it-director", "eng-director"), 10),
          "a branch token's page draws a dotted line inside its branch")
    check(not other.find_elements(By.CSS_SELECTOR, '#links path.dotted-link[data-to="cpo"]'),
          "and none to a role outside it")
    shot(other, args, "7-branch.png")
    # Its history lists the changes inside its branch only.
    whole = history_lines(page)
    mine = history_lines(other)
    check(any("hostile" in line for line in whole), "the whole chart's history lists the hostile role's addition")
    check(any("pm-payments" in line for line in mine) and any("eng-director" in line for line in mine),
          f"a branch token's history lists the changes inside its branch {mine}")
    outside = ["hostile", "cmo", "wh-", "ceo", "cpo"]
    # (The stub answers the whole history to every token.)
    if not args.stub:
        check(mine and not any(word in line for line in mine for word in outside),
              f"and nothing that names a role outside it {mine}")

    for driver in drivers:
        check(no_alert(driver), "no alert was raised")
        errors = [entry["message"] for entry in driver.get_log("browser")
                  if entry["level"] == "SEVERE" and "favicon" not in entry["message"]
                  and not re.search(r" (401|403|404|409|422) ", entry["message"])]
        check(not errors, f"no script error in the page {errors}")


if __name__ == "__main__":
    main()
