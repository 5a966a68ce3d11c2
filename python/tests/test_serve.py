"""prodsim.serve: a Python callable answering the world's HTTP requests in each domain's format."""

import json
import urllib.error
import urllib.request

import numpy as np
import pytest

import prodsim


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_answers_movies_in_plain_text_and_slate_in_json_with_the_request_parsed():
    seen = []

    def policy(request):
        seen.append(request)
        return ["the+matrix+1999", "up+2009"] if request["endpoint"] == "recommend" else np.array([4, 2, 9])

    with prodsim.serve(policy) as service:
        assert get(service.url + "/recommend/12") == (200, "text/plain", "the+matrix+1999,up+2009")
        status, kind, body = get(service.url + "/slate/3?k=3&step=7")
        assert (status, kind, json.loads(body)) == (200, "application/json", [4, 2, 9])
        assert service.requests == 2
    assert seen == [{"endpoint": "recommend", "user": 12}, {"endpoint": "slate", "user": 3, "k": 3, "step": 7}]


def test_a_raising_policy_answers_500_and_tells_the_listeners():
    told = []
    with prodsim.serve(lambda request: 1 / 0) as service:
        service.on_failure(told.append)
        status, _, body = get(service.url + "/slate/1?k=2&step=0")
        get(service.url + "/slate/2?k=2&step=0")
    assert status == 500
    assert "ZeroDivisionError" in body
    assert len(service.errors) == 2
    assert len(told) == 2 and all(isinstance(e, prodsim.PolicyError) for e in told)
    assert isinstance(told[0].__cause__, ZeroDivisionError)


@pytest.mark.parametrize("garbage", [None, {"items": [1]}, [1, None], [True, 2], 3.5])
def test_garbage_is_a_policy_error_by_default(garbage):
    with prodsim.serve(lambda request: garbage) as service:
        status, _, body = get(service.url + "/slate/1?k=2&step=0")
    assert status == 500
    assert "expected a list of item ids" in body
    assert isinstance(service.errors[0], prodsim.PolicyError)


def test_with_on_error_outcome_garbage_goes_to_the_world_as_it_is():
    with prodsim.serve(lambda request: {"items": [1]}, on_error="outcome") as service:
        assert get(service.url + "/slate/1?k=2&step=0") == (200, "application/json", '{"items": [1]}')


def test_rejects_what_is_not_a_policy():
    with pytest.raises(TypeError, match="callable"):
        prodsim.serve("not callable")
    with pytest.raises(ValueError, match="on_error"):
        prodsim.serve(lambda r: [], on_error="ignore")


def test_in_a_run_a_garbage_answer_under_on_error_outcome_is_counted_malformed_by_the_world():
    with prodsim.serve(lambda request: "not, a list" if request["user"] % 2 else [1, 2], on_error="outcome") as service:
        # A generous deadline: the test is about answers, not about this machine's latency.
        summary = prodsim.run("slate", days=1, users=10, items=20, steps=2, predictor=service, deadline_ms=5000)
    # slate/v1 answers are JSON: the text is not, so the world calls it malformed.
    assert summary["predictions"] == {"ok": 10, "malformed": 10}
