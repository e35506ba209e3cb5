"""The GitHub workflows: a team's site publishes on push and every night with the gates
of `make publish`; the kit's suite runs only for kit changes; least privilege."""

import re

import yaml

from tests.sitebuild import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_publish_runs_on_push_to_main_and_every_day_without_the_kit_suite():
    flow = workflow("publish.yml")
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert len(triggers["schedule"]) == 1 and "*" in triggers["schedule"][0]["cron"]
    commands = [step.get("run", "") for job in flow["jobs"].values() for step in steps(job)]
    assert any(command.rstrip().endswith("make publish") for command in commands)
    assert not any("make test" in command or ".ci/run" in command for command in commands)


def test_only_the_publish_step_holds_the_token():
    flow = workflow("publish.yml")
    assert flow["permissions"] == {}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    holders = [step for step in steps(job) if "secrets.GITHUB_TOKEN" in str(step)]
    assert len(holders) == 1 and holders[0]["run"].rstrip().endswith("make publish")
    checkout = next(
        step for step in steps(job) if step.get("uses", "").startswith("actions/checkout")
    )
    assert checkout["with"]["persist-credentials"] is False


def test_render_caches_are_kept_between_runs_keyed_by_content():
    (job,) = workflow("publish.yml")["jobs"].values()
    caches = [step["with"] for step in steps(job) if "actions/cache" in step.get("uses", "")]
    render = next(cache for cache in caches if cache["path"] == "cache/publish")
    assert "hashFiles('content/**'" in render["key"] and render["restore-keys"]
    publish = next(step for step in steps(job) if "make publish" in step.get("run", ""))
    assert publish["env"]["RELAIS_PUBLISH_CACHE"] == "cache/publish"
    assert not any(secret in str(caches) for secret in ("secrets.", ".git", "GITHUB_TOKEN"))


def test_the_kit_suite_runs_read_only_and_only_for_kit_files():
    flow = workflow("kit-tests.yml")
    assert flow["permissions"] == {"contents": "read"}
    paths = flow[True]["push"]["paths"]
    assert "plugins/**" in paths and "theme/**" in paths
    assert not any(
        path.startswith(("content", "pelicanconf", "publishconf", "site-theme")) for path in paths
    )
    commands = [step.get("run", "") for job in flow["jobs"].values() for step in steps(job)]
    assert "bash .ci/run" in commands


def test_every_action_is_pinned_by_commit():
    for path in WORKFLOWS.glob("*.yml"):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in steps(job):
                if "uses" in step:
                    assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']}"
