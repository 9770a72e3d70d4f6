"""The web console at ``/console`` (and ``/s/<workspace>/console``): server-rendered pages
that work without JavaScript, every asset served by frontdesk itself."""
