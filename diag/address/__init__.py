"""Is the address well formed as typed? Syntax, invisible characters, typos, throwaway domains."""
