"""Build the gazetteer index once per test session into a temporary directory."""
import pytest

from geodata.gazetteer import Gazetteer, build_index


@pytest.fixture(scope="session")
def gaz(tmp_path_factory) -> Gazetteer:
    path = build_index(tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite")
    return Gazetteer(path)
