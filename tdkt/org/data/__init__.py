"""Reference data we write ourselves from REFERENCE.md, loaded by `tdkt.org.reference`."""
