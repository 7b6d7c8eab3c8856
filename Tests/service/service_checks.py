#!/usr/bin/env python3
"""End-to-end checks of `evident serve` and `evident mcp`, as their users meet them.

Builds a small real library (NINDS institute pages from MedQuAD, PubMedQA abstracts, and one
made-up hostile page, fixtures/hostile-page.xml), starts the real server on a free port and checks:

  browser      Chromium (Debian's chromium + chromium-driver, driven by selenium) types a question,
               waits for the answer, finds both tiers, follows a citation to its reference, sees the
               quote and its passage on keyboard focus, exports BibTeX and RIS, and renders the
               hostile page's <script>, <img onerror> and javascript: link as inert text (no dialog,
               no injected element, no CSP violation). Screenshots go to --out.
  schemathesis every operation of /openapi.json fuzzed: no 5xx, every response matches the schema.
  mcp          the Python `mcp` client lists tools, calls `ask`, lists and reads a document resource.
  ingest       `evident ingest` in another process while the server answers: no failed request, and
               the new documents are searchable once the ingest commits.
  shutdown     SIGTERM stops the server cleanly (exit status 0) after the requests in flight.

Usage: service_checks.py --evident .build/debug/evident --shared ../shared/data --out .build/service
"""
import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise Failure(f"{' '.join(command)} exited {result.returncode}: {result.stderr[-2000:]}")
    return result.stdout


class Server:
    """`evident serve` on a free port, stopped with SIGTERM."""

    def __init__(self, evident, library, mesh, extra=()):
        self.process = subprocess.Popen(
            [evident, "serve", "--library", library, "--mesh", mesh, "--port", "0", "--rate-limit", "0", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.log = []
        deadline = time.time() + 120
        self.port = None
        while time.time() < deadline and self.port is None:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                raise Failure(f"evident serve exited {self.process.returncode}: {''.join(self.log)}")
            self.log.append(line)
            found = re.search(r"http://[^:]+:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
        check(self.port, "evident serve never said where it listens")
        threading.Thread(target=self._drain, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.port}"

    def _drain(self):
        for line in self.process.stderr:
            self.log.append(line)

    def request(self, path, body=None, timeout=60):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise Failure("evident serve did not stop within 20 s of SIGTERM")


# ---- the checks ---------------------------------------------------------------------------

def check_browser(server, out):
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1100,1400"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    downloads = tempfile.mkdtemp(prefix="evident-downloads-")
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 60)

    def ask(question):
        box = driver.find_element(By.ID, "question")
        box.clear()
        box.send_keys(question)
        box.send_keys(Keys.ENTER)  # Enter asks: the keyboard alone is enough
        wait.until(lambda d: d.find_element(By.ID, "status").text in ("Answer ready.", "No evidence found in this library.")
                   or "error" in (d.find_element(By.ID, "status").get_attribute("class") or ""))
        status = driver.find_element(By.ID, "status")
        check("error" not in (status.get_attribute("class") or ""), f"asking {question!r} failed: {status.text}")

    def no_dialog():
        try:
            text = driver.switch_to.alert.text
            raise Failure(f"a dialog opened: {text!r}")
        except NoAlertPresentException:
            pass

    try:
        driver.get(server.base + "/")
        ask("What causes stroke?")
        tiers = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#answer-body section.tier > h2")]
        check(tiers == ["From the Guidelines", "From the Research"], f"tiers shown: {tiers}")
        for tier in ("guidelines", "research"):
            check(driver.find_elements(By.CSS_SELECTOR, f"section.tier-{tier} a.cite"), f"no citation in the {tier} tier")
        timing = driver.find_element(By.ID, "timing").text
        check(re.search(r"Answered in \d+ ms", timing), f"no answer time shown: {timing!r}")

        # Every citation reaches its reference; following one moves focus there.
        citations = driver.find_elements(By.CSS_SELECTOR, "a.cite")
        references = {li.get_attribute("id") for li in driver.find_elements(By.CSS_SELECTOR, ".references li")}
        for link in citations:
            target = link.get_attribute("href").split("#")[-1]
            check(target in references, f"citation {link.text} points at #{target}, which is not in the reference list")
        first = citations[0]
        first.click()
        focused = driver.switch_to.active_element.get_attribute("id")
        check(focused == first.get_attribute("href").split("#")[-1], f"following {first.text} focused {focused!r}")

        # The quote (and then its passage) appears when a citation gets keyboard focus.
        driver.execute_script("arguments[0].focus()", citations[0])
        popover = driver.find_element(By.ID, "popover")
        wait.until(lambda d: popover.is_displayed())
        quote = citations[0].get_attribute("data-quote")
        check(quote and quote in popover.text, "the quote is not shown on focus")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#popover .passage mark"))
        check(driver.find_element(By.CSS_SELECTOR, "#popover .passage mark").text == quote, "the passage does not mark the quote")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(overflow <= 1, f"the quote's box makes the page scroll sideways by {overflow}px")
        check(not driver.find_element(By.ID, "api-key-row").is_displayed(), "the API key field shows on a server without a key")
        driver.save_screenshot(os.path.join(out, "answer.png"))
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)

        # References export as BibTeX and RIS files.
        driver.find_element(By.ID, "export-bibtex").click()
        driver.find_element(By.ID, "export-ris").click()
        deadline = time.time() + 20
        def finished():
            return sorted(f for f in os.listdir(downloads) if not f.endswith(".crdownload") and not f.startswith("."))
        def settled():
            # Chromium reserves the final name with an empty file while it writes a .crdownload
            # beside it: a download is done when no .crdownload is left and the file has content.
            names = os.listdir(downloads)
            return (len(finished()) >= 2 and not any(n.endswith(".crdownload") for n in names)
                    and all(os.path.getsize(os.path.join(downloads, f)) > 0 for f in finished()))
        while time.time() < deadline and not settled():
            time.sleep(0.2)
        files = finished()
        check(files == ["evident-references.bib", "evident-references.ris"], f"downloads: {files}")
        bib = open(os.path.join(downloads, "evident-references.bib")).read()
        ris = open(os.path.join(downloads, "evident-references.ris")).read()
        check(bib.count("@") == len(references) and "title = {" in bib, f"the BibTeX export lacks references ({bib.count('@')} entries for {len(references)} references, {len(bib)} bytes)")
        check(ris.count("ER  -") == len(references) and "TI  - " in ris, f"the RIS export lacks references ({ris.count('ER  -')} records for {len(references)} references, {len(ris)} bytes)")

        # The honest no-evidence view.
        ask("What is the capital of France?")
        check(driver.find_elements(By.CSS_SELECTOR, ".no-evidence"), "no no-evidence view for a non-medical question")

        # A hostile document renders as inert text.
        ask("What causes hiccups?")
        no_dialog()
        body = driver.find_element(By.ID, "answer-body")
        check("<script>" in body.text or "<img" in body.text or "javascript:" in body.text,
              "the hostile page's markup should show as text")
        scripts = driver.execute_script("return Array.from(document.scripts).map(s => s.src)")
        check(scripts == [server.base + "/app.js"], f"scripts on the page: {scripts}")
        check(not driver.find_elements(By.CSS_SELECTOR, "#answer-body img, #answer-body svg, #answer-body script, #answer-body iframe"),
              "markup from a source became an element")
        hrefs = [a.get_attribute("href") or "" for a in driver.find_elements(By.CSS_SELECTOR, "a")]
        check(not any(h.lower().startswith("javascript:") for h in hrefs), "a javascript: link reached the page")
        for link in driver.find_elements(By.CSS_SELECTOR, "#answer-body a.cite"):
            driver.execute_script("arguments[0].focus()", link)
            time.sleep(0.3)
        no_dialog()
        driver.save_screenshot(os.path.join(out, "hostile.png"))

        # On a phone-sized window the page still reads (no sideways scrolling).
        driver.set_window_size(390, 844)
        ask("What causes stroke?")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(overflow <= 1, f"the page scrolls sideways by {overflow}px on a phone")
        driver.save_screenshot(os.path.join(out, "phone.png"))

        violations = [entry["message"] for entry in driver.get_log("browser")
                      if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]
        check(not violations, f"CSP violations: {violations}")
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"errors in the browser console: {errors}")
    finally:
        driver.quit()
        shutil.rmtree(downloads, ignore_errors=True)


def check_schemathesis(server, out, schemathesis):
    result = subprocess.run(
        [schemathesis, "run", f"{server.base}/openapi.json", "--checks", "all",
         # Schema-valid requests the engine refuses on purpose (a blank question, yearFrom after
         # yearTo) are not defects; every other check runs.
         "--exclude-checks", "positive_data_acceptance",
         "--max-examples", "40", "--seed", "20261130", "--report", "junit", "--report-dir", os.path.join(out, "schemathesis")],
        capture_output=True, text=True, cwd=out)
    if result.returncode != 0:
        raise Failure("schemathesis found failures:\n" + result.stdout[-6000:])


async def mcp_session(evident, library, mesh):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    parameters = StdioServerParameters(command=evident, args=["mcp", "--library", library, "--mesh", mesh])
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = sorted(tool.name for tool in (await session.list_tools()).tools)
            check(tools == ["ask", "get_document", "search"], f"MCP tools: {tools}")
            answer = await session.call_tool("ask", {"question": "What causes stroke?"})
            check(not answer.is_error, f"ask failed: {answer.content}")
            text = answer.content[0].text
            check("From the Guidelines" in text and "References" in text, f"ask's text: {text[:300]}")
            structured = answer.structured_content
            check(structured and structured["references"], "ask returned no answer JSON")
            found = await session.call_tool("search", {"query": "stroke", "limit": 3})
            check(not found.is_error and len((found.structured_content or {}).get("results", [])) == 3,
                  f"search did not return 3 results: {found}")
            bad = await session.call_tool("get_document", {"id": "pmid:1"})
            check(bad.is_error and "no document" in bad.content[0].text, "an unknown document is not an error result")
            listing = await session.list_resources()
            check(len(listing.resources) == 200 and listing.next_cursor, "the first page of resources")
            uri = str(listing.resources[0].uri)
            read = await session.read_resource(uri)
            document = json.loads(read.contents[0].text)
            check(document["id"] == listing.resources[0].name and document["passages"], f"reading {uri}")


def check_mcp(evident, library, mesh):
    asyncio.run(asyncio.wait_for(mcp_session(evident, library, mesh), timeout=180))


def check_ingest_while_serving(evident, shared, mesh, work):
    library = os.path.join(work, "growing")
    run([evident, "ingest", os.path.join(shared, "medquad/6_NINDS_QA"), "--library", library])
    server = Server(evident, library, mesh)
    try:
        failures, answered = [], [0]
        stop = threading.Event()

        def load():
            questions = ["What causes stroke?", "How is migraine treated?", "What is blepharospasm?"]
            index = 0
            while not stop.is_set():
                if index % 2:
                    status, body = server.request("/v1/search?q=stroke&limit=5")
                else:
                    status, body = server.request("/v1/answers", {"question": questions[index // 2 % len(questions)]})
                if status != 200:
                    failures.append((status, body[:200]))
                answered[0] += 1
                index += 1

        workers = [threading.Thread(target=load) for _ in range(3)]
        for worker in workers:
            worker.start()
        ingest = subprocess.run([evident, "ingest", os.path.join(shared, "pubmedqa"), "--library", library, "--json"],
                                capture_output=True, text=True)
        time.sleep(2.5)  # the server looks for a new commit at most once a second
        stop.set()
        for worker in workers:
            worker.join()
        check(ingest.returncode == 0, f"ingest failed: {ingest.stderr[-1000:]}")
        check(not failures, f"{len(failures)} of {answered[0]} requests failed during the ingest: {failures[:3]}")
        check(answered[0] > 10, f"only {answered[0]} requests were answered during the ingest")
        # A PubMedQA abstract is now found.
        status, body = server.request("/v1/search?q=" + urllib.request.quote("programmed cell death lace plant leaves") + "&tier=research&limit=3")
        results = json.loads(body)["results"] if status == 200 else []
        check(results and results[0]["id"].startswith("pmid:"), f"the new documents are not searchable after the commit: {status} {body[:200]}")
    finally:
        code = server.stop()
    check(code == 0, f"evident serve exited {code} on SIGTERM")


# ---- main ---------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evident", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", action="append", help="run only these checks (repeatable)")
    arguments = parser.parse_args()
    evident = os.path.abspath(arguments.evident)
    shared = os.path.abspath(arguments.shared)
    out = os.path.abspath(arguments.out)
    os.makedirs(out, exist_ok=True)
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")

    work = tempfile.mkdtemp(prefix="evident-service-")
    try:
        tables = os.path.join(work, "mesh-tables")
        os.makedirs(tables)
        shutil.copy(os.path.join(shared, "mesh/mesh_id_label_mappings.tsv"), tables)
        mesh = os.path.join(work, "mesh.lexicon")
        run([evident, "resources", "build", "--mesh-dir", tables, "--output", mesh])
        library = os.path.join(work, "library")
        run([evident, "ingest", os.path.join(HERE, "fixtures/hostile-page.xml"), os.path.join(shared, "medquad/6_NINDS_QA"),
             os.path.join(shared, "pubmedqa"), "--library", library])

        server = Server(evident, library, mesh)
        checks = [
            ("browser", lambda: check_browser(server, out)),
            ("schemathesis", lambda: check_schemathesis(server, out, schemathesis)),
            ("mcp", lambda: check_mcp(evident, library, mesh)),
            ("ingest", lambda: check_ingest_while_serving(evident, shared, mesh, work)),
        ]
        failed = []
        for name, body in checks:
            if arguments.only and name not in arguments.only:
                continue
            started = time.time()
            try:
                body()
                print(f"✔ {name} ({time.time() - started:.1f} s)", flush=True)
            except Failure as error:
                failed.append(name)
                print(f"✘ {name}: {error}", flush=True)
            except Exception:  # report every check, then fail
                failed.append(name)
                print(f"✘ {name}:\n{traceback.format_exc()}", flush=True)
        code = server.stop()
        if code != 0:
            failed.append("shutdown")
            print(f"✘ shutdown: evident serve exited {code} on SIGTERM\n{''.join(server.log[-20:])}", flush=True)
        else:
            print("✔ shutdown (SIGTERM, exit 0)", flush=True)
        if failed:
            print(f"service checks failed: {', '.join(failed)}")
            return 1
        print(f"service checks passed; screenshots in {out}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
