"""prodsim.experiment and read_results: DataFrames from the CLI's output folder, served arms."""

import json

import pytest

import prodsim


def spec(arms, **extra):
    # A generous deadline: served arms answer in time however busy the machine is.
    return {"name": "tiny", "domain": "slate", "seed": "3", "replications": 2, "days": 2, "deadlineMs": 5000,
            "world": {"users": 60, "items": 40}, "arms": arms, **extra}


def test_metrics_summary_report_and_a_served_arm(tmp_path):
    with prodsim.serve(lambda request: list(range(request["k"]))) as service:
        result = prodsim.experiment(spec([{"name": "random", "predictor": "random"}, {"name": "first-items", "predictor": service}]),
                                    out=tmp_path / "out", workers=2, progress=False)
        assert service.requests > 0
    metrics = result.metrics
    assert len(metrics) == 2 * 2 * 2  # replications x days x arms
    assert set(metrics["arm"]) == {"random", "first-items"}
    assert sorted(metrics.groupby(["replication", "day", "arm"]).size().unique()) == [1]
    # The served arm always shows the same ten items: it covers far less of the catalogue.
    final = metrics[metrics["day"] == 1].groupby("arm")["coverage"].mean()
    assert final["first-items"] < final["random"]
    assert (metrics.loc[metrics["arm"] == "first-items", "successRate"] == 1).all()
    assert [a["name"] for a in result.summary["arms"]] == ["random", "first-items"]
    assert result.summary["arms"][1]["predictor"] == service.url
    assert result.summary["replications"] == 2
    assert result.report_path.is_file() and result.report_path.name == "report.html"
    assert set(result.groups.columns) >= {"replication", "day", "arm", "group", "users"}
    assert "results in" in result.output


def test_read_results_loads_an_existing_folder_the_same(tmp_path):
    first = prodsim.experiment(spec([{"name": "random", "predictor": "random"}], replications=1), out=tmp_path / "o", progress=False)
    again = prodsim.read_results(tmp_path / "o")
    assert again.metrics.equals(first.metrics)
    assert again.summary == json.loads((tmp_path / "o" / "summary.json").read_text())


def test_raw_export_gives_interactions_and_slates(tmp_path):
    result = prodsim.experiment(spec([{"name": "random", "predictor": "random"}, {"name": "pop", "predictor": "popularity"}], replications=1, days=1),
                                out=tmp_path / "raw", raw=True, progress=False)
    interactions, slates = result.interactions, result.slates
    assert len(interactions) == 60 * 24  # every user chooses once per hourly step
    assert set(interactions["arm"]) == {"random", "pop"}
    assert {"user", "item", "recommended", "true_value"} <= set(interactions.columns)
    assert len(slates) == len(interactions)
    assert all(len(items) == 10 for items in slates["items"])


def test_without_the_raw_export_asking_for_interactions_says_how_to_get_them(tmp_path):
    result = prodsim.experiment(spec([{"name": "random", "predictor": "random"}], replications=1, days=1), out=tmp_path / "o", progress=False)
    with pytest.raises(prodsim.ProdsimError, match="raw=True"):
        result.interactions


def test_a_bad_spec_raises_with_the_cli_message(tmp_path):
    with pytest.raises(prodsim.ProdsimError) as raised:
        prodsim.experiment(spec([{"name": "x", "predictor": "telepathy"}]), out=tmp_path / "o", progress=False)
    assert raised.value.code == "PRODSIM_ERR_CONFIG_INVALID"
    assert "arms[0].predictor" in raised.value.message


def test_a_policy_returning_garbage_stops_the_experiment_with_policy_error(tmp_path):
    arms = [{"name": "random", "predictor": "random"}, {"name": "broken", "predictor": lambda request: {"oops": request["user"]}}]
    with pytest.raises(prodsim.PolicyError, match="expected a list of item ids"):
        prodsim.experiment(spec(arms, days=60), out=tmp_path / "o", progress=True)


def test_progress_bar_follows_the_simulated_days(tmp_path, capsys):
    prodsim.experiment(spec([{"name": "random", "predictor": "random"}], replications=1, days=3), out=tmp_path / "o", progress=True)
    assert "simulated days" in capsys.readouterr().err


def test_read_results_of_a_folder_without_results_names_the_missing_file(tmp_path):
    with pytest.raises(prodsim.ProdsimError, match="metrics.jsonl is missing"):
        prodsim.read_results(tmp_path)
