"""Requests generated from /openapi.json by schemathesis, valid and invalid: no input makes the API
fail with a 5xx, and every refusal comes in the one JSON error shape."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from casus.present.api import create_app

EXAMPLES = 30  # per route and mode: 11 routes x 2 modes stay well under a minute


def _fuzz(operation, mode: GenerationMode) -> list[int]:
    seen: list[int] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error])
        assert response.status_code < 500, (case.path, case.query, response.text)
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}
        seen.append(response.status_code)

    run()
    return seen


def test_api_schemathesis_finds_no_server_error(present_db):
    app = create_app(present_db)
    try:
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 11
        statuses = set()
        for operation in operations:
            modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
            for mode in modes if list(operation.iter_parameters()) else modes[:1]:  # nothing to break
                statuses.update(_fuzz(operation, mode))
    finally:
        app.state.reader.close()
    assert 200 in statuses and 422 in statuses and not any(s >= 500 for s in statuses)
