"""Custom (``u_``) fields a workspace adds to a table, declared in ``sys_dictionary``."""
