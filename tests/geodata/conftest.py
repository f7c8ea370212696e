"""The session's gazetteer index (built once in tests/conftest.py)."""
import pytest

from geodata.geoparse.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz(gazetteer_index) -> Gazetteer:
    return Gazetteer(gazetteer_index)
