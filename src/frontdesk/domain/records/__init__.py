"""Records of registry tables: the one write path every API goes through."""
