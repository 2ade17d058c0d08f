"""Bytes in, JSON out: the TCP and HTTP clients and the JSON repair. No firmware knowledge here."""
