"""Files attached to records: metadata in ``sys_attachment``, content stored once by hash."""
