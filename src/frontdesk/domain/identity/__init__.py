"""The identity index: contact points (email, phone, social) → the person who owns them."""
