"""`tdkt export-employment --output FILE.xlsx [--actor USERNAME]`."""

from tdkt.org.io.command import ExportCommand


class Command(ExportCommand):
    help = "Export employment to an .xlsx workbook in the import format."
    kind = "employment"
