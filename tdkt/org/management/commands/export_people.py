"""`tdkt export-people --output FILE.xlsx [--actor USERNAME]`."""

from tdkt.org.io.command import ExportCommand


class Command(ExportCommand):
    help = "Export people to an .xlsx workbook in the import format."
    kind = "people"
