"""System properties (``sys_properties``) that change how the server behaves."""
