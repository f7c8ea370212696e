"""Map the repository's top-level seeds/ into the wheel as geodata/seeds (the rest is in pyproject.toml)."""

from setuptools import find_packages, setup

setup(
    # pyproject.toml cannot rename a directory; the repository keeps seeds/ at the top where a newcomer looks
    packages=[*find_packages(include=["geodata", "geodata.*", "webapp", "webapp.*"]), "geodata.seeds"],
    package_dir={"geodata.seeds": "seeds"},
)
