"""check-email for a whole CSV export: streaming, in input order, resumable after any stop."""
