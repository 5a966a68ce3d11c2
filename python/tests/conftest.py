"""Shared fixtures. The tests drive the prodsim CLI of this checkout (or PRODSIM_CLI's), which
must be built (`npm ci`); they keep worlds small so that the suite runs in about a minute."""

import pytest


@pytest.fixture
def fake_cli(tmp_path, monkeypatch):
    """Points PRODSIM_CLI at a script standing in for the CLI; returns a function that writes it."""

    def write(body):
        script = tmp_path / "fake-prodsim"
        script.write_text("#!/bin/sh\n" + body + "\n")
        script.chmod(0o755)
        monkeypatch.setenv("PRODSIM_CLI", str(script))
        return script

    return write
