"""Can the address's domain receive mail? DNS lookups, MX hosts, the provider that runs it."""
