"""Default limits, in one place so the CLI can show them without importing the heavy modules."""

DNS_TIMEOUT = 5.0  # seconds for all DNS lookups of one address
