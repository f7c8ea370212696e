"""Build-time scripts: they regenerate files under geodata/data from npm and PyPI packages. Not in the wheel."""
