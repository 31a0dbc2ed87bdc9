"""Caseload Reporter: offline caseload analysis and committee reports for children's social care.

Layers, lowest first (each may import only the ones below it; the import-linter contracts in
pyproject.toml enforce it): ``core`` -> ``reading`` -> ``analysis`` -> ``reporting`` -> ``ui``.
Only ``ui`` may import Qt.
"""

__version__ = "0.1.0"
APP_NAME = "Caseload Reporter"
ORG_NAME = "Caseload Reporter"
