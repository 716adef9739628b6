"""Import of award history and annual ratings from .xlsx, .xls and .csv files, on the reading
framework of `org.io` (Vietnamese headers and their variants, NFC, row-level errors)."""
