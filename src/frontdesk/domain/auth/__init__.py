"""Users, passwords, roles, OAuth clients and tokens; who a request is."""
