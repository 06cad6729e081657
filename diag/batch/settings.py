"""What a batch run is asked to do: its limits, output format and settings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from diag import defaults
from diag.i18n import Lang

COMMAND = "batch"


# Longest line or field read, in characters. An address is at most 254; past 1 MB a "field" is
# a broken export, and holding it would only cost memory. Such a row is reported, not read.
FIELD_LIMIT = 1 << 20


# Rows in flight per DNS slot: room to work around a slow head row, and to check and render
# the rows after it while the first ones wait on DNS. 256 (16,384 rows) was measured no faster
# on the benchmark and held 30 MB more.
WINDOW_PER_SLOT = 64

# With --jobs: rows handed to a worker per message, and the rows a file must reach before any
# worker starts (a short file is done sooner in one process than workers take to start).
CHUNK_ROWS = 64
POOL_MIN_ROWS = 256


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


@dataclass(frozen=True)
class Settings:
    column: str | None = None
    output_format: OutputFormat = OutputFormat.JSONL
    lang: Lang = Lang.EN
    nameservers: tuple[str, ...] = ()
    dns_timeout: float = defaults.DNS_TIMEOUT
    concurrency: int = defaults.BATCH_CONCURRENCY
    encoding: str | None = None  # None: from the BOM, else UTF-8, else cp1252
    keep_formulas: bool = False  # CSV cells verbatim, for programs rather than spreadsheets
    jobs: int = 1  # worker processes; 1 checks in this process
