"""``python -m banmian``: the same as the ``banmian`` command."""

from banmian.cli import main

main()
