"""`tdkt import-units FILE [--dry-run] [--actor USERNAME]`: see docs/formats.md."""

from tdkt.org.io.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import units from an .xlsx, .xls or .csv file; nothing is written unless every row "
        "is valid."
    )
    kind = "units"
