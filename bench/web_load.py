"""Benchmark: the public page and the dashboard under load on loopback, with 1M job records loaded.

    .venv/bin/python bench/web_load.py                         # PostgreSQL database `bench_web`, 1,000,000 records
    .venv/bin/python bench/web_load.py --db sqlite             # SQLite file bench/out/web_load/bench.sqlite3
    .venv/bin/python bench/web_load.py --records 100000 --duration 10 --reuse

Steps: a throw-away database (PostgreSQL `bench_web`, dropped and re-created, or a SQLite file under bench/out/;
never the development database under var/), `jobpledge init`, `jobpledge demo-data --records N` (the labelled
synthetic set, bulk-inserted with the derived fields of jobpledge/records/derive.py), ANALYZE; a staff user made
with the ORM; then `jobpledge serve` (gunicorn, its default workers and threads) on 127.0.0.1 and a free port,
with that DATABASE_URL. A login by POST with the CSRF token gives a session cookie for the dashboard. Each page
gets one cold request (timed), a warm-up until every worker answers fast (each gunicorn worker fills its own
cache), then `wrk -t2 -c32 -d20s --latency` with a Lua `done()` hook that prints the exact p95. Only 127.0.0.1
is contacted. The server is stopped at the end, whatever happens.

Goal (issue 4 §7): ≥ 300 req/s and p95 ≤ 100 ms for each page. Results go to bench/out/web_load.json and are
printed as a Markdown fragment for docs/benchmarks.md ("## Web load").
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
WORKDIR = OUT / "web_load"
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "bench_web"
GOAL_RPS = 300
GOAL_P95_MS = 100
USERNAME = "bench-owner"
PAGES = [("public", "/public/", False), ("dashboard", "/dashboard/", True)]

# wrk's done() hook: exact percentiles (wrk --latency prints only 50/75/90/99) and the error counters.
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_JSON {\\"requests\\":%d,\\"duration_us\\":%d,\\"bytes\\":%d,\\"connect\\":%d,\\"read\\":%d,"
    .. "\\"write\\":%d,\\"status\\":%d,\\"timeout\\":%d,\\"p50_us\\":%d,\\"p90_us\\":%d,\\"p95_us\\":%d,"
    .. "\\"p99_us\\":%d,\\"max_us\\":%d,\\"mean_us\\":%.1f}\\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def database_url(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
    return f"{PG_SERVER}/{PG_DATABASE}"


def environment(db: str) -> dict[str, str]:
    """The environment of this process (for the ORM) and of the server: the bench database, its own var dir."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(db),
        "JOBPLEDGE_VAR_DIR": str(WORKDIR / "var"),
        "JOBPLEDGE_PSEUDONYM_KEY": "bench-web-pseudonym-key",
        "SECRET_KEY": "bench-web-secret-key-not-for-production-" + "x" * 20,
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }


def create_database(db: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (WORKDIR / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')


def record_count_or_none(db: str) -> int | None:
    """Records already in the bench database (for --reuse), or None when it does not exist yet."""
    if db == "sqlite":
        if not (WORKDIR / "bench.sqlite3").exists():
            return None
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone():
                return None
    from django.db import DatabaseError

    from jobpledge.records.models import JobRecord

    try:
        return JobRecord.objects.count()
    except DatabaseError:
        return None


def prepare_data(db: str, records: int, reuse: bool) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    existing = record_count_or_none(db) if reuse else None
    timings: dict[str, Any] = {}
    if existing == records:
        log(f"reusing the bench database with {existing:,} records")
        call_command("init", verbosity=0)
    else:
        connection.close()
        create_database(db)
        started = time.perf_counter()
        call_command("init", verbosity=0)
        log(f"loading {records:,} demo records (jobpledge demo-data --records {records}) …")
        call_command("demo_data", records=records, replace=True)
        timings["load_s"] = round(time.perf_counter() - started, 1)
        log(f"loaded in {timings['load_s']} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from jobpledge.records.models import AggregateEntry, JobRecord

    timings["records"] = JobRecord.objects.count()
    timings["aggregate_rows"] = AggregateEntry.objects.count()
    timings["vendor"] = connection.vendor
    return timings


def make_user() -> str:
    """A plan-owner account made with the ORM; its random password is used once, for the login POST."""
    from django.contrib.auth import get_user_model

    from jobpledge.accounts.models import Department, Profile, Role

    password = secrets.token_urlsafe(18)
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.set_password(password)
    user.save()
    department = Department.objects.get_or_create(name="일자리지원과")[0]
    Profile.objects.update_or_create(user=user, defaults={"role": Role.OWNER, "department": department})
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    return password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen[bytes]:
    jobpledge = str(Path(sys.executable).parent / "jobpledge")
    log_file = log_path.open("wb")
    return subprocess.Popen(  # noqa: S603 - our own console script, fixed arguments
        [jobpledge, "serve", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)  # gunicorn's arbiter and its workers: the group we started
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited with {server.returncode}; see {WORKDIR / 'server.log'}")
        try:
            with socket.create_connection((HOST, int(base.rsplit(":", 1)[1])), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start listening")


def login(base: str, password: str) -> str:
    """Log in through the real form (GET for the CSRF token, POST with it); return the session id."""
    jar = http.cookiejar.CookieJar()
    # No redirect following: the dashboard's first request belongs to the measurement, not to the login.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(f"{base}/accounts/login/", timeout=60) as response:  # noqa: S310 - loopback only
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        raise RuntimeError("no CSRF token on the login page")
    body = urllib.parse.urlencode(
        {"username": USERNAME, "password": password, "csrfmiddlewaretoken": token.group(1), "next": "/dashboard/"}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{base}/accounts/login/", data=body, headers={"Referer": f"{base}/accounts/login/"}
    )
    try:
        opener.open(request, timeout=60)  # noqa: S310
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302 or not (redirect.headers.get("Location") or "").endswith("/dashboard/"):
            raise RuntimeError(f"login refused: {redirect.code} {redirect.headers.get('Location')}") from redirect
    else:
        raise RuntimeError("login answered 200: wrong password or locked out")
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if not session:
        raise RuntimeError("login gave no session cookie")
    return session


def timed_get(url: str, cookie: str | None) -> tuple[float, int, int]:
    """One request: seconds, status, body size. Refuses anything but 200 (a login redirect would be cheap)."""
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    opener = urllib.request.build_opener(NoRedirect)
    started = time.perf_counter()
    with opener.open(request, timeout=120) as response:
        body = response.read()
        status = response.status
    elapsed = time.perf_counter() - started
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    return elapsed, status, len(body)


def warm_up(url: str, cookie: str | None, *, parallel: int = 6, limit_s: float = 600) -> float:
    """Requests on fresh connections until every gunicorn worker has its per-process cache filled.

    Each worker computes the report once (seconds at 1M records); wrk's 2 s timeout would count those as errors.
    Done when three rounds in a row of 2 × parallel requests all answer within 250 ms. Returns the seconds spent.
    """
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()
    fast_rounds = 0
    with ThreadPoolExecutor(parallel) as pool:
        while fast_rounds < 3:
            if time.monotonic() - started > limit_s:
                raise RuntimeError(f"{url} still slow after {limit_s:.0f} s of warm-up")
            times = [t for t, _s, _n in pool.map(lambda _i: timed_get(url, cookie), range(2 * parallel))]
            fast_rounds = fast_rounds + 1 if max(times) < 0.25 else 0
    return time.monotonic() - started


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def run_wrk(url: str, cookie: str | None, *, threads: int, connections: int, duration: int) -> dict[str, Any]:
    script = WORKDIR / "p95.lua"
    script.write_text(WRK_LUA)
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(script)]
    if cookie:
        argv += ["-H", f"Cookie: sessionid={cookie}"]
    argv.append(url)
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 60, check=True)  # noqa: S603
    line = next(line for line in completed.stdout.splitlines() if line.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds = raw["duration_us"] / 1e6
    errors = {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")}
    return {
        "connections": connections,
        "threads": threads,
        "duration_s": round(seconds, 1),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p90_ms": round(raw["p90_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "mean_ms": round(raw["mean_us"] / 1000, 1),
        "errors": errors,
        "mb_per_s": round(raw["bytes"] / seconds / 1e6, 2),
        "bytes_per_response": round(raw["bytes"] / max(raw["requests"], 1)),
        "loadavg_after": loadavg(),
    }


def version_of(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except OSError:
        return "?"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else "?"


def machine(db: str) -> dict[str, Any]:
    import django
    import gunicorn

    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "wrk": version_of(["wrk", "-v"]),
        "kernel": platform.release(),
        "loadavg_start": loadavg(),
    }
    try:
        info["memory"] = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    if db == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    else:
        import sqlite3

        info["sqlite"] = sqlite3.sqlite_version
    return info


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Run {result['started']} · {m['nproc']} cores ({m.get('cpu', '?')}), {m.get('memory', '?')} RAM · "
        f"{result['data']['vendor']} {m.get('postgresql') or m.get('sqlite', '')} · "
        f"{result['data']['records']:,} records · gunicorn {m['gunicorn']} ({result['server']}) · "
        f"load average at start {m['loadavg_start']}",
        "",
        "| page | connections | req/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | errors | cold first request | goal met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in result["pages"].values():
        for run in page["runs"]:
            errors = sum(run["errors"].values())
            met = run["rps"] >= GOAL_RPS and run["p95_ms"] <= GOAL_P95_MS
            lines.append(
                f"| {page['path']} | {run['connections']} | {run['rps']:,.0f} | {run['p50_ms']} | {run['p90_ms']} | "
                f"{run['p95_ms']} | {run['p99_ms']} | {run['max_ms']} | {errors} | {page['cold_s']:.2f} s | "
                f"{'yes' if met else 'no'} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep the bench database if it already has --records")
    parser.add_argument("--duration", type=int, default=20, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, nargs="+", default=[32], help="wrk -c values (one run each)")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of wrk warm-up per page")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (make setup installs Debian's wrk)")

    WORKDIR.mkdir(parents=True, exist_ok=True)
    (WORKDIR / "var").mkdir(exist_ok=True)
    env = environment(args.db)
    os.environ.update(env)
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    data = prepare_data(args.db, args.records, args.reuse)
    password = make_user()
    info = machine(args.db)
    from django.db import connection

    connection.close()  # the server's workers get the database to themselves

    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(env, port, WORKDIR / "server.log")
    workers = os.environ.get("WEB_CONCURRENCY", "3")
    threads = os.environ.get("JOBPLEDGE_THREADS", "2")
    result: dict[str, Any] = {
        "started": started,
        "machine": info,
        "data": data,
        "server": f"{workers} workers × {threads} threads, gthread",
        "goal": {"rps": GOAL_RPS, "p95_ms": GOAL_P95_MS},
        "pages": {},
    }
    try:
        wait_until_up(base, server)
        log(f"server up on {base}")
        cookie: str | None = None
        for name, path, needs_login in PAGES:
            url = base + path
            if needs_login and cookie is None:
                cookie = login(base, password)
            jar = cookie if needs_login else None
            cold, _status, size = timed_get(url, jar)
            log(f"{path}: cold first request {cold:.2f} s, {size:,} bytes")
            warm_s = warm_up(url, jar)
            log(f"{path}: every worker warm after {warm_s:.1f} s")
            run_wrk(url, jar, threads=args.threads, connections=8, duration=args.warmup)
            runs = []
            for connections in args.connections:
                run = run_wrk(url, jar, threads=args.threads, connections=connections, duration=args.duration)
                log(f"{path} -c{connections}: {run['rps']} req/s, p95 {run['p95_ms']} ms, errors {run['errors']}")
                # wrk counts a 302 to the login page as a success: check that the bodies were the whole page
                run["full_pages"] = run["bytes_per_response"] >= size
                if not run["full_pages"]:
                    log(f"{path}: {run['bytes_per_response']} bytes per response, page is {size}: not the page!")
                runs.append(run)
            result["pages"][name] = {
                "path": path,
                "bytes": size,
                "cold_s": round(cold, 3),
                "warm_up_s": round(warm_s, 1),
                "runs": runs,
            }
    finally:
        stop_server(server)
        log("server stopped")
    result["machine"]["loadavg_end"] = loadavg()
    (OUT / "web_load.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(markdown(result))


if __name__ == "__main__":
    main()
