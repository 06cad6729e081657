"""Did the recovery mail reach the mailbox, and where? A read-only IMAP session and its search."""
