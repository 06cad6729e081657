"""Every default limit and setting in one place, importable without the heavy modules (the CLI
shows them in --help before anything else is loaded)."""

DNS_TIMEOUT = 5.0  # seconds for all DNS lookups of one address
IMAP_TIMEOUT = 30.0  # seconds for each network operation with the IMAP server
SINCE = "7d"  # how far back the mailbox is searched, as the CLI takes it (--since)
SINCE_DAYS = 7  # the same, for library callers
POLL_INTERVAL = 30.0  # seconds between checks of junk/promotions while waiting (--poll)
MS_TENANT = "common"  # Microsoft sign-in: personal and work accounts
BATCH_CONCURRENCY = 64  # DNS lookups in flight at once in a batch run
