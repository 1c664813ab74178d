"""Regenerate docs/study.png: the study page mid-review, rendered by headless Chromium.

Run with `make screenshot`. Serves StudyHub from a throw-away SQLite database on a free loopback port.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.local_server import CHROMIUM, CHROMIUM_ARGS, free_port, wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{folder}/shot.sqlite3"}
        for command in (["migrate"], ["load_content"], ["ensure_demo_user"]):
            subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1100, "height": 1000}, base_url=base)
                page.goto("/accounts/login/")
                page.get_by_label("Username").fill("demo")
                page.get_by_label("Password").fill("studyhub-demo")
                page.get_by_role("button", name="Log in").click()
                page.goto("/study/")
                page.keyboard.press("Space")
                boxes = page.get_by_role("checkbox")
                for index in range(max(0, boxes.count() - 2)):
                    boxes.nth(index).check()
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(target), full_page=False)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"Wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "study.png"))
