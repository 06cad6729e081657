"""One help-desk case: the address, the mailbox and the ID number in one report."""
