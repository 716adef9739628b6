"""The `tdkt` console script: Django's management commands under one name.

`tdkt demo`, `tdkt serve`, `tdkt import-units FILE` … are the management commands `demo`,
`serve`, `import_units` …; a dash in the name is read as an underscore.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
