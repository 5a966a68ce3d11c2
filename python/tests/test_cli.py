"""Finding the CLI: a missing piece is named in the error, never a bare FileNotFoundError."""

import pytest

import prodsim
from prodsim.cli import cli_command, find_checkout


def test_finds_the_checkout_this_package_sits_in():
    checkout = find_checkout()
    assert (checkout / "bin" / "prodsim.js").is_file()
    assert (checkout / "python" / "src" / "prodsim" / "__init__.py").is_file()


def test_prodsim_cli_naming_nothing_is_reported_with_the_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PRODSIM_CLI", str(tmp_path / "nowhere" / "prodsim.js"))
    with pytest.raises(prodsim.CliNotFound, match="nowhere/prodsim.js does not exist"):
        cli_command()


def test_a_checkout_without_node_on_the_path_says_so(monkeypatch):
    monkeypatch.delenv("PRODSIM_CLI", raising=False)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(prodsim.CliNotFound, match="Node.js"):
        prodsim.run("slate", days=1)


def test_a_cli_that_fails_without_a_coded_message_reports_its_output(fake_cli):
    fake_cli("echo 'something broke' >&2; exit 3")
    with pytest.raises(prodsim.ProdsimError) as raised:
        prodsim.run("slate")
    assert raised.value.status == 3
    assert "something broke" in str(raised.value)
