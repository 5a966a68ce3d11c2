"""prodsim.run: the summary as a dict, the event log when asked, the CLI's errors as exceptions."""

from pathlib import Path

import pytest

import prodsim

SMALL = {"days": 1, "users": 40, "items": 60, "steps": 3}


def test_returns_the_run_summary():
    summary = prodsim.run("slate", seed=5, **SMALL)
    assert summary["domain"] == "slate/v1"
    assert summary["seed"] == "5"
    assert summary["world"]["choices"] == 40 * 3
    assert summary["predictions"] == {"ok": 120}


def test_same_seed_same_event_log_and_the_path_when_asked(tmp_path):
    first = prodsim.run("slate", seed=9, out=tmp_path / "a.log", **SMALL)
    second = prodsim.run("slate", seed=9, events=True, **SMALL)
    other = prodsim.run("slate", seed=10, events=True, **SMALL)
    assert first["outFile"] == str(tmp_path / "a.log")
    a, b, c = (Path(s["outFile"]).read_bytes() for s in (first, second, other))
    assert a.count(b"\n") == 120
    assert a == b
    assert a != c


def test_domain_settings_reach_the_world():
    summary = prodsim.run("slate", days=1, users=10, items=25, steps=2, slate=3, recommender="random")
    assert summary["world"]["slate"] == 3
    assert summary["world"]["recommender"] == "random"


def test_unknown_domain_raises_with_the_cli_message():
    with pytest.raises(prodsim.ProdsimError) as raised:
        prodsim.run("nosuch", days=1)
    assert raised.value.code == "PRODSIM_ERR_DOMAIN_UNKNOWN"
    assert "nosuch" in raised.value.message
    assert raised.value.status == 2


def test_a_bad_setting_names_the_field():
    with pytest.raises(prodsim.ProdsimError) as raised:
        prodsim.run("slate", days=1, users=10, items=-4)
    assert raised.value.code == "PRODSIM_ERR_CONFIG_INVALID"
    assert "slate.items" in raised.value.message


def test_a_python_policy_answers_the_run():
    asked = []

    def policy(request):
        asked.append(request)
        return [request["user"] % 7, 3, 11]

    summary = prodsim.run("slate", seed=2, predictor=policy, deadline_ms=5000, **SMALL)
    assert summary["predictions"] == {"ok": 120}
    assert len(asked) == 120
    assert {"endpoint", "user", "k", "step"} <= set(asked[0])


def test_a_policy_that_raises_stops_the_run_with_policy_error():
    def broken(request):
        raise KeyError("no model for user %s" % request["user"])

    with pytest.raises(prodsim.PolicyError, match="KeyError") as raised:
        prodsim.run("slate", days=30, users=200, items=60, predictor=broken)
    assert isinstance(raised.value.__cause__, KeyError)


def test_a_run_past_its_timeout_is_stopped(fake_cli):
    fake_cli("exec sleep 30")
    with pytest.raises(prodsim.ProdsimError, match="did not finish within 0.5 s"):
        prodsim.run("slate", timeout=0.5)
