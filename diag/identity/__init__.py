"""Is a cédula or RUC well formed, and of which kind? Offline checks of Ecuadorian ID numbers."""
