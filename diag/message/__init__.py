"""Is this message the real IESS recovery mail? Sender, authentication, links, look-alikes."""
