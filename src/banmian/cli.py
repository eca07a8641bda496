"""The `banmian` command: a thin click layer over the library.

Each area of the product keeps its commands in its own module; this file
only assembles them. Commands print one line on a user error and exit 1.
"""

from __future__ import annotations

import importlib

import click

from banmian import __version__

# Modules that each define click commands in a `COMMANDS` list.
COMMAND_MODULES = (
    "banmian.parse.commands",
    "banmian.extract.commands",
    "banmian.archive.commands",
    "banmian.web.commands",
    "banmian.pdf.commands",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="banmian")
def main() -> None:
    """banmian (版面): Chinese newspaper pages in, structured searchable archive out."""


for _module_name in COMMAND_MODULES:
    for _command in importlib.import_module(_module_name).COMMANDS:
        main.add_command(_command)
