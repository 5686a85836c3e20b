"""strategy-kit: municipal digital-strategy workshops as code.

The package root stays import-light on purpose: the CLI's ``--help`` and
``--version`` must not pay for pydantic, ruamel.yaml or Jinja2.
"""

__version__ = "0.1.0"
