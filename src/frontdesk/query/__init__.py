"""ServiceNow encoded queries (``sysparm_query``): tokenize → parse → compile to SQL."""
