"""Domain services: business rules, cross-API identity; vendor-neutral, HTTP-free."""
