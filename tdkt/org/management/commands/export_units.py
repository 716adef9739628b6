"""`tdkt export-units --output FILE.xlsx [--actor USERNAME]`."""

from tdkt.org.io.command import ExportCommand


class Command(ExportCommand):
    help = "Export units to an .xlsx workbook in the import format."
    kind = "units"
